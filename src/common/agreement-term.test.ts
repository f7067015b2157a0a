import { describe, expect, it } from 'vitest';
import { addDays, addMonths, latestEnd } from './agreement-term.js';

describe('agreement terms', () => {
  it('adds months, clamping the day to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-15', 6)).toBe('2027-02-15');
    expect(addMonths('2026-12-01', -1)).toBe('2026-11-01');
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('lets a six-month term starting on 1 March end on 31 August at the latest', () => {
    expect(latestEnd('2026-03-01', 6)).toBe('2026-08-31');
    expect(latestEnd('2026-08-31', 6)).toBe('2027-02-27');
  });
});
