import { describe, expect, it } from 'vitest';
import { berlinToday, isAbsent, mergeSlots, policeCertificateValid, supervisionCutoff, supervisionDue } from './profile.js';

describe('competence profile rules', () => {
  it('counts a police certificate as valid for the network’s number of years, not a day longer', () => {
    const s = { policeCertificateValidYears: 5 };
    expect(policeCertificateValid('2021-11-24', s, '2026-11-23')).toBe(true);
    expect(policeCertificateValid('2021-11-23', s, '2026-11-23')).toBe(false);
    expect(policeCertificateValid(null, s, '2026-11-23')).toBe(false);
    expect(policeCertificateValid('2027-01-01', s, '2026-11-23')).toBe(false);
    expect(policeCertificateValid('2024-02-29', { policeCertificateValidYears: 3 }, '2027-02-28')).toBe(true);
  });

  it('makes supervision due when the last talk is older than the interval, or missing', () => {
    const s = { supervisionIntervalMonths: 6 };
    expect(supervisionDue('2026-05-24', s, '2026-11-23')).toBe(false);
    expect(supervisionDue('2026-05-23', s, '2026-11-23')).toBe(true);
    expect(supervisionDue(null, s, '2026-11-23')).toBe(true);
    expect(supervisionCutoff(s, '2026-08-31')).toBe('2026-02-28');
  });

  it('finds absences that include a day', () => {
    const absences = [{ from: '2026-12-20', to: '2027-01-06' }];
    expect(isAbsent(absences, '2026-12-24')).toBe(true);
    expect(isAbsent(absences, '2027-01-06')).toBe(true);
    expect(isAbsent(absences, '2027-01-07')).toBe(false);
  });

  it('merges overlapping and touching availability slots per weekday', () => {
    expect(
      mergeSlots([
        { weekday: 2, from: '14:00', to: '16:00' },
        { weekday: 1, from: '09:00', to: '11:00' },
        { weekday: 1, from: '10:30', to: '12:00' },
        { weekday: 1, from: '12:00', to: '13:00' },
        { weekday: 1, from: '15:00', to: '17:00' },
      ]),
    ).toEqual([
      { weekday: 1, from: 540, to: 780 },
      { weekday: 1, from: 900, to: 1020 },
      { weekday: 2, from: 840, to: 960 },
    ]);
  });

  it('tells today’s date in Berlin, not in UTC', () => {
    expect(berlinToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(berlinToday(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(berlinToday(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });
});
