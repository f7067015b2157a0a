import { describe, expect, it } from 'vitest';
import { evaluate, sumHours } from './completion.js';

// The 48-hour basic course in twelve modules of four teaching hours.
const basic = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, teachingHours: 4 }));
const firstN = (n: number) => new Set(basic.slice(0, n).map((s) => s.id));

describe('completion by attended teaching hours', () => {
  it('passes at exactly 80 % and fails just below', () => {
    // 40 of 48 hours = 83 %; 36 of 48 = 75 %.
    expect(evaluate(basic, firstN(10), 80)).toEqual({ attendedHours: 40, totalHours: 48, passed: true });
    expect(evaluate(basic, firstN(9), 80)).toEqual({ attendedHours: 36, totalHours: 48, passed: false });
    const five = [4, 4, 4, 4, 4].map((h, i) => ({ id: `m${i}`, teachingHours: h }));
    expect(evaluate(five, new Set(['m0', 'm1', 'm2', 'm3']), 80).passed).toBe(true); // 16/20 = 80 % exactly
    expect(evaluate(five, new Set(['m0', 'm1', 'm2']), 80).passed).toBe(false);
  });

  it('counts fractional hours exactly (no floating-point drift)', () => {
    const sessions = [0.1, 0.2, 0.7].map((h, i) => ({ id: `f${i}`, teachingHours: h }));
    expect(evaluate(sessions, new Set(['f0', 'f2']), 80)).toEqual({ attendedHours: 0.8, totalHours: 1, passed: true });
    expect(sumHours([0.1, 0.2])).toBe(0.3);
  });

  it('follows the network’s percentage', () => {
    expect(evaluate(basic, firstN(9), 75).passed).toBe(true);
    expect(evaluate(basic, firstN(12), 100).passed).toBe(true);
    expect(evaluate(basic, firstN(11), 100).passed).toBe(false);
  });

  it('never passes a run without sessions, and ignores presence at unknown sessions', () => {
    expect(evaluate([], new Set(), 80)).toEqual({ attendedHours: 0, totalHours: 0, passed: false });
    expect(evaluate(basic, new Set(['elsewhere']), 80).attendedHours).toBe(0);
  });
});
