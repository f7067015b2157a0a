import { describe, expect, it } from 'vitest';
import { formatIsoDate, formatPeriod, formatSessionDay, suggestedHours, sumHours } from './format.js';

describe('course formatting', () => {
  it('suggests teaching hours of 45 minutes from the times, in quarter steps', () => {
    expect(suggestedHours('10:00', '13:00')).toBe(4);
    expect(suggestedHours('09:30', '14:00')).toBe(6);
    expect(suggestedHours('17:30', '18:40')).toBe(1.5);
    expect(suggestedHours('13:00', '10:00')).toBeNull();
    expect(suggestedHours('', '10:00')).toBeNull();
  });

  it('adds quarter hours without floating-point drift', () => {
    expect(sumHours([0.1, 0.2])).toBe(0.3);
    expect(sumHours([4, 4, 4, 4, 4])).toBe(20);
  });

  it('shows sessions on Berlin’s calendar, whatever the instant’s UTC date', () => {
    // 23:30 UTC on 31 December is already New Year's Day in Berlin.
    expect(formatSessionDay('2026-12-31T23:30:00Z', 'de')).toBe('Fr., 01.01.2027');
    expect(formatIsoDate('2027-01-16', 'de')).toBe('16.01.2027');
    expect(formatPeriod('2027-01-16', '2027-01-23', 'de')).toBe('16.01.2027 – 23.01.2027');
    expect(formatPeriod('2027-01-16', '2027-01-16', 'de')).toBe('16.01.2027');
  });
});
