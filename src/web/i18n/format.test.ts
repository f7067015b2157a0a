import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formPath } from '../components/form-path.js';
import type { TFunction } from './translate.js';
import { berlinDateToInstant, formatCompletionDate, formatDateTime, isolate, languageName } from './format.js';

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

describe('a completion date as far as it is known', () => {
  const catalogues = Object.fromEntries(
    (['de', 'en', 'ar'] as const).map((l) => [l, JSON.parse(readFileSync(fileURLToPath(new URL(`../../../locales/${l}.json`, import.meta.url)), 'utf8')) as { common: Record<string, string> }]),
  );
  const tIn = (locale: 'de' | 'en' | 'ar') => ((key: string) => catalogues[locale]!.common[key.replace('common.', '')] ?? key) as unknown as TFunction;

  it('shows the whole date when the day is known', () => {
    expect(formatCompletionDate('2019-05-12', 'day', 'de', tIn('de'))).toBe('12.05.2019');
  });

  it('shows only the year for "2016", never an invented 1 January', () => {
    expect(['de', 'en', 'ar'].map((l) => formatCompletionDate('2016-01-01', 'year', l as 'de', tIn(l as 'de')))).toEqual(['2016', '2016', '2016']);
  });

  it('shows month and year for "03/2018", in the reader’s form', () => {
    expect(formatCompletionDate('2018-03-01', 'month', 'de', tIn('de'))).toBe('03/2018');
    expect(formatCompletionDate('2018-03-01', 'month', 'en', tIn('en'))).toBe('03/2018');
    expect(formatCompletionDate('2018-03-01', 'month', 'ar', tIn('ar')).replace(/\u200f/g, '')).toBe('03/2018');
  });

  it('says the date is unknown instead of showing the day of the import', () => {
    expect(formatCompletionDate('2026-11-30', 'unknown', 'de', tIn('de'))).toBe('abgeschlossen (Datum unbekannt)');
    expect(formatCompletionDate('2026-11-30', 'unknown', 'en', tIn('en'))).toBe('completed (date unknown)');
    expect(formatCompletionDate('2026-11-30', 'unknown', 'ar', tIn('ar'))).toBe('مكتمل (التاريخ غير معروف)');
  });
});
