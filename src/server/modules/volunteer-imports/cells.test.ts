import { describe, expect, it } from 'vitest';
import { fold, readDate, readGender, readInteger, readLanguage, readLanguages, readPosition, readStatus, tradeOf } from './cells.js';

const today = new Date('2026-11-23T10:00:00Z');

describe('dates as offices write them', () => {
  it.each([
    ['2026-03-02', '2026-03-02'],
    ['02.03.2026', '2026-03-02'],
    ['2.3.2026', '2026-03-02'],
    ['2.3.26', '2026-03-02'],
    ['15.07.87', '1987-07-15'],
    ['29.02.2024', '2024-02-29'],
  ])('reads %s as %s', (text, iso) => {
    expect(readDate(text, today)).toEqual({ ok: true, value: iso });
  });

  it('reads Excel date cells and Excel day numbers', () => {
    expect(readDate(new Date(Date.UTC(2026, 2, 2)))).toEqual({ ok: true, value: '2026-03-02' });
    expect(readDate(46083)).toEqual({ ok: true, value: '2026-03-02' });
  });

  it.each(['31.02.2026', '2026-13-01', 'gestern', '2026', 2026, '1.1.1850', 'ja'])('refuses %s as a malformed date', (value) => {
    expect(readDate(value, today)).toEqual({ ok: false, problem: { key: 'invalidDate' } });
  });
});

describe('languages with levels in one cell', () => {
  const ok = (value: unknown) => ({ ok: true, value });
  it('reads the export’s own form', () => {
    expect(readLanguages('ar:native; de:B2')).toEqual(ok([{ code: 'ar', level: 'native' }, { code: 'de', level: 'B2' }]));
  });
  it('accepts commas, blanks, names and German level words, case-insensitive', () => {
    expect(readLanguages('ar native, de b2')).toEqual(ok([{ code: 'ar', level: 'native' }, { code: 'de', level: 'B2' }]));
    expect(readLanguages('ar:native de:B2 en:c1')).toEqual(ok([{ code: 'ar', level: 'native' }, { code: 'de', level: 'B2' }, { code: 'en', level: 'C1' }]));
    expect(readLanguages('Arabisch: Muttersprache; Deutsch (B1)')).toEqual(ok([{ code: 'ar', level: 'native' }, { code: 'de', level: 'B1' }]));
    expect(readLanguages('fa MS\nEnglish A2')).toEqual(ok([{ code: 'fa', level: 'native' }, { code: 'en', level: 'A2' }]));
    expect(readLanguages('Dari: mother tongue')).toEqual(ok([{ code: 'prs', level: 'native' }]));
  });
  it('names an unknown language, an unknown level and a missing level', () => {
    expect(readLanguages('xx:B2')).toEqual({ ok: false, problem: { key: 'unknownLanguage', values: { value: 'xx' } } });
    expect(readLanguages('Klingonisch B2')).toEqual({ ok: false, problem: { key: 'unknownLanguage', values: { value: 'Klingonisch' } } });
    expect(readLanguages('de:gut')).toEqual({ ok: false, problem: { key: 'unknownLanguageLevel', values: { value: 'gut' } } });
    expect(readLanguages('de:D1')).toEqual({ ok: false, problem: { key: 'unknownLanguageLevel', values: { value: 'D1' } } });
    expect(readLanguages('de; ar:native')).toEqual({ ok: false, problem: { key: 'languageLevelMissing', values: { value: 'de' } } });
    expect(readLanguages('de:B1; Deutsch:B2')).toEqual({ ok: false, problem: { key: 'duplicate' } });
  });
  it('reads one contact language by code or name', () => {
    expect(readLanguage('Arabisch')).toEqual(ok('ar'));
    expect(readLanguage('TR')).toEqual(ok('tr'));
    expect(readLanguage('Ukrainian')).toEqual(ok('uk'));
  });
});

describe('words for enumerations', () => {
  it('reads statuses in German and English', () => {
    for (const [word, status] of [['Interessiert', 'interested'], ['Aktiv', 'active'], ['pausiert', 'paused'], ['Ausgeschieden', 'left'], ['in Ausbildung', 'in_training'], ['in_training', 'in_training'], ['Onboarding', 'onboarding']]) {
      expect(readStatus(word!), word).toEqual({ ok: true, value: status });
    }
    expect(readStatus('vielleicht')).toEqual({ ok: false, problem: { key: 'invalidEnum' } });
  });
  it('keeps an unknown gender as the person’s own description', () => {
    expect(readGender('weiblich')).toEqual({ ok: true, value: { gender: 'female' } });
    expect(readGender('M')).toEqual({ ok: true, value: { gender: 'male' } });
    expect(readGender('nicht-binär')).toEqual({ ok: true, value: { gender: 'self_described', selfDescribed: 'nicht-binär' } });
  });
  it('reads crafts and positions in German; unknown trades are free text', () => {
    expect(tradeOf('Bäcker')).toBe('baker');
    expect(tradeOf('tailor')).toBe('tailor');
    expect(tradeOf('Sozialarbeiterin')).toBeUndefined();
    expect(readPosition('Meisterin')).toEqual({ ok: true, value: 'master' });
  });
  it('reads whole numbers in range', () => {
    expect(readInteger('12', 0, 300)).toEqual({ ok: true, value: 12 });
    expect(readInteger(4, 0, 50)).toEqual({ ok: true, value: 4 });
    expect(readInteger('viele', 0, 50)).toEqual({ ok: false, problem: { key: 'notANumber' } });
    expect(readInteger('500', 0, 300)).toEqual({ ok: false, problem: { key: 'tooBig', values: { maximum: 300 } } });
    expect(readInteger(1850, 1900, 2100)).toEqual({ ok: false, problem: { key: 'tooSmall', values: { minimum: 1900 } } });
  });
  it('folds umlauts and punctuation away', () => {
    expect(fold('E-Mail')).toBe('email');
    expect(fold('Straße')).toBe('strasse');
    expect(fold('Führungszeugnis vom')).toBe('fuehrungszeugnisvom');
  });
});
