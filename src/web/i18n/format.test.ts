import { describe, expect, it } from 'vitest';
import { formPath } from '../components/form-path.js';
import { berlinDateToInstant, formatDateTime, isolate, languageName } from './format.js';

describe('Berlin dates for the audit filter', () => {
  it('turns a winter date into the UTC instant of Berlin midnight', () => {
    expect(berlinDateToInstant('2026-01-15')).toBe('2026-01-14T23:00:00.000Z');
  });

  it('turns a summer date into the UTC instant of Berlin midnight', () => {
    expect(berlinDateToInstant('2026-07-01')).toBe('2026-06-30T22:00:00.000Z');
  });

  it('ends a day at the next Berlin midnight, also across the switch to summer time', () => {
    expect(berlinDateToInstant('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
    expect(berlinDateToInstant('2026-03-29', true)).toBe('2026-03-29T22:00:00.000Z');
  });

  it('refuses what is not a yyyy-mm-dd date', () => {
    expect(berlinDateToInstant('29.03.2026')).toBeUndefined();
  });
});

describe('formatting', () => {
  it('shows instants on Berlin wall clocks whatever the browser’s zone', () => {
    expect(formatDateTime('2026-07-01T10:00:00Z', 'de')).toBe('01.07.2026, 12:00');
  });

  it('names each language in itself', () => {
    expect([languageName('de'), languageName('en'), languageName('ar')]).toEqual(['Deutsch', 'English', 'العربية']);
  });

  it('isolates inserted names so that mixed directions do not scramble a sentence', () => {
    expect(isolate('IGS Linden')).toBe('\u2068IGS Linden\u2069');
  });
});

describe('server field paths', () => {
  it('maps body paths of problem errors onto form fields', () => {
    expect(formPath('body.email')).toBe('email');
    expect(formPath('/memberships/0/role')).toBe('memberships.0.role');
    expect(formPath('name')).toBe('name');
  });
});
