/**
 * Places in a course run: who gets one, who waits, who moves up. Pure, so the rules are tested on
 * their own; the service applies them while it holds the run's row lock.
 */

export type Placement = 'enrolled' | 'waitlisted';

/** A new enrolment gets a place while the run has a free one, else it joins the waiting list. */
export function placementFor(capacity: number, enrolled: number): Placement {
  return enrolled < capacity ? 'enrolled' : 'waitlisted';
}

export interface Waiting {
  id: string;
  /** When the person joined the list; ties fall back to the id (UUIDv7, time-ordered). */
  queuedAt: Date;
}

const inLine = (a: Waiting, b: Waiting) => a.queuedAt.getTime() - b.queuedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The waiting list in order: first come, first served. */
export function queue<T extends Waiting>(waiting: readonly T[]): T[] {
  return [...waiting].sort(inLine);
}

/** Ids that move up from the waiting list when places are free, first in line first. */
export function promotions(capacity: number, enrolled: number, waiting: readonly Waiting[]): string[] {
  const free = Math.max(0, capacity - enrolled);
  return queue(waiting)
    .slice(0, free)
    .map((w) => w.id);
}

/** Position of each waiting enrolment, 1 = next in line. */
export function positions(waiting: readonly Waiting[]): Map<string, number> {
  return new Map(queue(waiting).map((w, i) => [w.id, i + 1]));
}
