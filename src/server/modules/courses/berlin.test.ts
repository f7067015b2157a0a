import { describe, expect, it } from 'vitest';
import { fromBerlin, toBerlin } from './berlin.js';

describe('Berlin wall-clock times', () => {
  it('reads winter times as UTC+1 and summer times as UTC+2', () => {
    expect(fromBerlin('2026-01-15', '18:00').toISOString()).toBe('2026-01-15T17:00:00.000Z');
    expect(fromBerlin('2026-07-01', '09:30').toISOString()).toBe('2026-07-01T07:30:00.000Z');
  });

  it('handles the days the clocks change', () => {
    expect(fromBerlin('2026-03-29', '01:30').toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(fromBerlin('2026-03-29', '03:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(fromBerlin('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(fromBerlin('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('turns an instant back into the local date and time, also across midnight', () => {
    expect(toBerlin(new Date('2026-05-31T22:15:00Z'))).toEqual({ date: '2026-06-01', time: '00:15' });
    for (const [d, tm] of [['2026-02-02', '00:00'], ['2026-08-31', '23:59']] as const) expect(toBerlin(fromBerlin(d, tm))).toEqual({ date: d, time: tm });
  });
});
