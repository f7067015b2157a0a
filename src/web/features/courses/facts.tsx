import type { ReactNode } from 'react';

/** Key facts of a course or run as a description list that wraps on narrow screens. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="course-facts">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
