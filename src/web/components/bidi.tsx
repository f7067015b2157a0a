import type { CSSProperties, ReactNode } from 'react';

const BLOCK: CSSProperties = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' };

/**
 * Text that people typed (a request's title or description, a note, a place) takes its own
 * direction from its first strong letter, whatever the page's: a German sentence on an Arabic page
 * keeps its full stop at its end, and an Arabic note on a German page reads right to left.
 * `block` for paragraphs (line breaks kept, aligned to their own start), inline otherwise.
 */
export function Free({ children, block = false, className }: { children: ReactNode; block?: boolean; className?: string }) {
  if (block) {
    return (
      <div dir="auto" className={className} style={BLOCK}>
        {children}
      </div>
    );
  }
  return (
    <bdi dir="auto" className={className}>
      {children}
    </bdi>
  );
}

/**
 * A name (of a person, an organisation, a course) inside a sentence or a list: isolated, so that a
 * Latin name in Arabic text, or the reverse, does not scramble the words around it.
 */
export function Name({ children }: { children: ReactNode }) {
  return <bdi>{children}</bdi>;
}
