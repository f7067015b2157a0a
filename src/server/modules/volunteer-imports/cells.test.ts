import { describe, expect, it } from 'vitest';
import { CatalogMatcher } from './catalogue.js';
import { fold, readInteger } from './cells.js';
import { readBasicCourse, readBirthYear, readDate, readPartialDate } from './date-cells.js';
import { readLanguage, readLanguages } from './language-cells.js';
import { readGender, readPosition, readStatus, tradeOf } from './word-cells.js';

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
  it('names an unknown language; keeps a language with an unknown or missing level as unknown, with a note', () => {
    expect(readLanguages('xx:B2')).toEqual({ ok: false, problem: { key: 'unknownLanguage', values: { value: 'xx' } } });
    expect(readLanguages('Klingonisch B2')).toEqual({ ok: false, problem: { key: 'unknownLanguage', values: { value: 'Klingonisch' } } });
    expect(readLanguages('de:D1')).toEqual({
      ok: true,
      value: [{ code: 'de', level: 'unknown' }],
      notes: [{ key: 'importWordsIgnored', values: { value: 'D1' } }, { key: 'importLanguageLevelUnknown', values: { language: 'de' } }],
    });
    expect(readLanguages('de; ar:native')).toEqual({
      ok: true,
      value: [{ code: 'de', level: 'unknown' }, { code: 'ar', level: 'native' }],
      notes: [{ key: 'importLanguageLevelUnknown', values: { language: 'de' } }],
    });
    expect(readLanguages('de:B1; Deutsch:B2')).toEqual({ ok: true, value: [{ code: 'de', level: 'B2' }], notes: [{ key: 'importLanguageTwice', values: { language: 'de' } }] });
    // One unreadable part is dropped, the rest kept.
    expect(readLanguages('Türkisch B1, Klingonisch')).toEqual({ ok: true, value: [{ code: 'tr', level: 'B1' }], dropped: [{ key: 'unknownLanguage', values: { value: 'Klingonisch' } }] });
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

describe('values people really write', () => {
  it.each([
    ['3. Juli 1981', { iso: '1981-07-03', precision: 'day' }],
    ['03.07.81', { iso: '1981-07-03', precision: 'day' }],
    ['Juli 2018', { iso: '2018-07-01', precision: 'month' }],
    ['März 2018', { iso: '2018-03-01', precision: 'month' }],
    ['03/2018', { iso: '2018-03-01', precision: 'month' }],
    ['3.2018', { iso: '2018-03-01', precision: 'month' }],
    ['2016', { iso: '2016-01-01', precision: 'year' }],
    [2016, { iso: '2016-01-01', precision: 'year' }],
  ])('reads the partial date %s', (text, value) => {
    expect(readPartialDate(text, today)).toEqual({ ok: true, value });
  });

  it.each([
    ['ja', { completed: true, on: null, precision: 'unknown' }],
    ['x', { completed: true, on: null, precision: 'unknown' }],
    ['yes', { completed: true, on: null, precision: 'unknown' }],
    ['✓', { completed: true, on: null, precision: 'unknown' }],
    ['abgeschlossen', { completed: true, on: null, precision: 'unknown' }],
    ['2016', { completed: true, on: '2016-01-01', precision: 'year' }],
    ['Basiskurs 2016', { completed: true, on: '2016-01-01', precision: 'year' }],
    ['03/2018', { completed: true, on: '2018-03-01', precision: 'month' }],
    ['März 2018', { completed: true, on: '2018-03-01', precision: 'month' }],
    ['ja, 3.2018', { completed: true, on: '2018-03-01', precision: 'month' }],
    ['12.05.2019', { completed: true, on: '2019-05-12', precision: 'day' }],
    ['nein', { completed: false }],
    ['-', { completed: false }],
    ['', { completed: false }],
  ])('reads the basic course %s', (text, value) => {
    const read = readBasicCourse(text, today);
    expect(read.ok && read.value).toEqual(value);
    // Anything short of a whole day is taken with a note saying so.
    if (value.completed && 'precision' in value && value.precision !== 'day') expect(read.ok && read.notes?.length).toBe(1);
  });

  it('refuses a basic course in the future or unreadable', () => {
    expect(readBasicCourse('2030', today)).toEqual({ ok: false, problem: { key: 'dateInFuture' } });
    expect(readBasicCourse('irgendwann', today)).toEqual({ ok: false, problem: { key: 'invalidDate' } });
  });

  it('reads birth years from years and birth dates in any form, noting when a date was reduced', () => {
    expect(readBirthYear('1981', today)).toEqual({ ok: true, value: 1981 });
    expect(readBirthYear(1981, today)).toEqual({ ok: true, value: 1981 });
    const reduced = (value: string) => ({ ok: true, value: 1981, notes: [{ key: 'importBirthDateReduced', values: { value, year: 1981 } }] });
    expect(readBirthYear('03.07.1981', today)).toEqual(reduced('03.07.1981'));
    expect(readBirthYear('3. Juli 1981', today)).toEqual(reduced('3. Juli 1981'));
    expect(readBirthYear('03.07.81', today)).toEqual(reduced('03.07.81'));
    expect(readBirthYear(new Date(Date.UTC(1981, 6, 3)), today)).toEqual(reduced('1981-07-03'));
    expect(readBirthYear(29770, today)).toEqual(reduced('29770'));
    expect(readBirthYear('2031', today)).toEqual({ ok: false, problem: { key: 'birthYearTooLate', values: { maximum: 2026 } } });
  });

  it('reads free-text languages: names, abbreviations, separators, CEFR, native words and plain words', () => {
    const read = readLanguages('türk. MS / dt. B2/C1 + engl. gut\narab. sehr gut und franz. Grundkenntnisse; russ. fließend, pers. verhandlungssicher; kurd.');
    expect(read.ok && read.value).toEqual([
      { code: 'tr', level: 'native' },
      { code: 'de', level: 'B2' },
      { code: 'en', level: 'B2' },
      { code: 'ar', level: 'C1' },
      { code: 'fr', level: 'A2' },
      { code: 'ru', level: 'C1' },
      { code: 'fa', level: 'C2' },
      { code: 'ku', level: 'unknown' },
    ]);
    expect(read.ok && read.notes).toEqual(
      expect.arrayContaining([
        { key: 'importLanguageLevelRange', values: { value: 'B2/C1', level: 'B2' } },
        { key: 'importLanguageLevelWord', values: { value: 'gut', level: 'B2' } },
        { key: 'importLanguageLevelWord', values: { value: 'sehr gut', level: 'C1' } },
        { key: 'importLanguageLevelWord', values: { value: 'verhandlungssicher', level: 'C2' } },
        { key: 'importLanguageLevelUnknown', values: { language: 'ku' } },
      ]),
    );
    const ok = (value: unknown) => expect.objectContaining({ ok: true, value });
    expect(readLanguages('Deutsch C1-Niveau, Arabisch Mutterspr.')).toEqual(ok([{ code: 'de', level: 'C1' }, { code: 'ar', level: 'native' }]));
    expect(readLanguages('Türkisch (Muttersprache), Deutsch native')).toEqual(ok([{ code: 'tr', level: 'native' }, { code: 'de', level: 'native' }]));
    expect(readLanguages('ar:native; de:unknown')).toEqual({ ok: true, value: [{ code: 'ar', level: 'native' }, { code: 'de', level: 'unknown' }] });
  });

  it('reads statuses with text after them, and every status label the app writes', () => {
    expect(readStatus('aktiv (seit 2019)')).toEqual({ ok: true, value: 'active', notes: [{ key: 'importStatusWithText', values: { value: 'aktiv (seit 2019)', status: 'active' } }] });
    expect(readStatus('Pause bis 3/2027')).toMatchObject({ ok: true, value: 'paused' });
    for (const [label, status] of [['Im Einstieg', 'onboarding'], ['In Qualifizierung', 'in_training'], ['قيد التأهيل', 'in_training'], ['Left', 'left']]) {
      expect(readStatus(label!), label).toEqual({ ok: true, value: status });
    }
  });

  it('reads the app’s own trade labels, gendered forms included', () => {
    expect(tradeOf('Ofen- und Luftheizungsbauer*in')).toBe('stove_builder');
    expect(tradeOf('Maurer')).toBe('mason');
    expect(tradeOf('Maurerin')).toBe('mason');
  });
});

describe('catalogue values', () => {
  const catalog = new CatalogMatcher([
    { kind: 'specializations', key: 'elternlotse', name: 'Elternlotse' },
    { kind: 'specializations', key: 'sportlotse', name: 'Sportlotse' },
    { kind: 'districts', key: 'linden-nord', name: 'Linden-Nord' },
    { kind: 'districts', key: 'linden-sued', name: 'Linden-Süd' },
    { kind: 'districts', key: 'misburg-nord', name: 'Misburg-Nord' },
    { kind: 'districts', key: 'misburg-sued', name: 'Misburg-Süd' },
    { kind: 'districts', key: 'mitte', name: 'Mitte' },
    { kind: 'districts', key: 'mitte-mitte', name: 'Mitte' },
    { kind: 'topics', key: 'schule', name: 'Schule und Eltern' },
  ]);

  it.each(['Elternlotse', 'elternlotse', 'ELTERNLOTSE ', 'Elternlotsin', 'Elternlotsinnen', 'Elternlotsen', 'Eltern-Lotse'])('reads %s as Elternlotse', (value) => {
    expect(catalog.match('specializations', value)).toEqual({ key: 'elternlotse' });
  });

  it('reads near misses relative to length, with the entry’s name for a note', () => {
    expect(catalog.match('districts', 'Linden Nord')).toEqual({ key: 'linden-nord' });
    expect(catalog.match('districts', 'Lindennord')).toEqual({ key: 'linden-nord' });
    expect(catalog.match('districts', 'Lnden-Nord')).toEqual({ key: 'linden-nord', near: 'Linden-Nord' });
    expect(catalog.match('districts', 'Linden-Sued')).toEqual({ key: 'linden-sued' });
    expect(catalog.match('topics', 'schule und eltern')).toEqual({ key: 'schule' });
    expect(catalog.match('districts', 'Mite')).toBeNull();
    expect(catalog.match('districts', 'Atlantis')).toBeNull();
  });

  it('says a value is ambiguous when it fits several entries, and lets a key win over an equal name', () => {
    expect(catalog.match('districts', 'Misburg')).toEqual({
      candidates: [
        { key: 'misburg-nord', name: 'Misburg-Nord' },
        { key: 'misburg-sued', name: 'Misburg-Süd' },
      ],
    });
    expect(catalog.match('districts', 'Mitte')).toEqual({ key: 'mitte' });
  });
});
