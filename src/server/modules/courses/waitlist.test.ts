import { describe, expect, it } from 'vitest';
import { placementFor, positions, promotions, queue } from './waitlist.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));

describe('the waiting list', () => {
  it('gives a place while one is free and puts everyone else on the waiting list', () => {
    expect(placementFor(2, 0)).toBe('enrolled');
    expect(placementFor(2, 1)).toBe('enrolled');
    expect(placementFor(2, 2)).toBe('waitlisted');
    expect(placementFor(2, 3)).toBe('waitlisted');
  });

  it('serves the waiting list first come, first served, ties by id', () => {
    const waiting = [
      { id: 'c', queuedAt: at(3) },
      { id: 'b', queuedAt: at(1) },
      { id: 'a', queuedAt: at(3) },
    ];
    expect(queue(waiting).map((w) => w.id)).toEqual(['b', 'a', 'c']);
    expect([...positions(waiting)]).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 3],
    ]);
  });

  it('moves up exactly as many as places are free, first in line first', () => {
    const waiting = [
      { id: 'late', queuedAt: at(9) },
      { id: 'early', queuedAt: at(2) },
      { id: 'middle', queuedAt: at(5) },
    ];
    expect(promotions(2, 1, waiting)).toEqual(['early']);
    expect(promotions(5, 1, waiting)).toEqual(['early', 'middle', 'late']);
    expect(promotions(2, 2, waiting)).toEqual([]);
    expect(promotions(2, 3, waiting)).toEqual([]);
    expect(promotions(2, 0, [])).toEqual([]);
  });
});
