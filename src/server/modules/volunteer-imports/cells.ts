import { GENDERS, levelRank, PROFESSIONAL_POSITIONS, TRADES, VOLUNTEER_STATUSES, type LanguageLevel } from '../../../common/volunteers.js';
import { LOCALES } from '../../../common/locales.js';
import { t } from '../../i18n.js';
import type { Cell } from './parse.js';

/** Pure readers of single cells, as offices fill them in: German and English words, German dates. */

/** A problem with one cell: a catalogue key under `validation.` and its values. */
export interface CellProblem {
  key: string;
  values?: Record<string, string | number>;
}
/**
 * A cell read: its value (with `notes` on how it was interpreted, and `dropped` for parts of it
 * that could not be read), or the one problem that kept it from being read at all.
 */
export type Read<T> = { ok: true; value: T; notes?: CellProblem[]; dropped?: CellProblem[] } | { ok: false; problem: CellProblem };
const ok = <T>(value: T, notes?: CellProblem[], dropped?: CellProblem[]): Read<T> => ({
  ok: true,
  value,
  ...(notes?.length ? { notes } : {}),
  ...(dropped?.length ? { dropped } : {}),
});
const fail = <T>(key: string, values?: CellProblem['values']): Read<T> => ({ ok: false, problem: values ? { key, values } : { key } });

/** Lower case, umlauts spelled out, accents and everything but letters and digits dropped. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export const isEmpty = (cell: Cell): boolean => cell === null || (typeof cell === 'string' && cell.trim() === '');

/** A cell as text: numbers without exponent, dates as ISO dates. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return isoOf(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate()) ?? '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(cell).replace(/e\+?/, 'e');
  return String(cell).trim();
}

// ---------------------------------------------------------------------------------------------
// Dates

function isoOf(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Excel's day count (1900 system): day 25569 is 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;

/** Month names and abbreviations, German and English, after `fold`. */
const MONTHS: Record<string, number> = {
  januar: 1, jan: 1, january: 1, jaenner: 1, februar: 2, feb: 2, february: 2, maerz: 3, mrz: 3, mar: 3, march: 3,
  april: 4, apr: 4, mai: 5, may: 5, juni: 6, jun: 6, june: 6, juli: 7, jul: 7, july: 7, august: 8, aug: 8,
  september: 9, sep: 9, sept: 9, oktober: 10, okt: 10, oct: 10, october: 10, november: 11, nov: 11, dezember: 12, dez: 12, dec: 12, december: 12,
};

/** How much of a date a cell gave: the whole day, only month and year, or only the year. */
export type DatePrecision = 'day' | 'month' | 'year';
export interface PartialDate {
  /** The date, the first of the month or of the year when only those are known. */
  iso: string;
  precision: DatePrecision;
}

const twoDigitYear = (yy: number, today: Date, past: boolean): number => {
  const pivot = past ? today.getUTCFullYear() % 100 : (today.getUTCFullYear() % 100) + 10;
  return yy + (yy <= pivot ? 2000 : 1900);
};

/**
 * A date as offices write it, and how much of it is known: `2026-03-02`, `02.03.2026`, `2.3.26`,
 * `3. Juli 1981`, an Excel date cell or day number (day); `03/2018`, `3.2018`, `März 2018` (month);
 * `2016` (year). Two-digit years: with `past` (birth dates) never in the future, otherwise up to
 * ten years ahead are this century.
 */
export function readPartialDate(cell: Cell, today = new Date(), past = false): Read<PartialDate> {
  const day = (iso: string | null): Read<PartialDate> => (iso ? ok({ iso, precision: 'day' }) : fail('invalidDate'));
  if (cell instanceof Date) return day(isoOf(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate()));
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 1900 && cell <= 2100) return ok({ iso: `${cell}-01-01`, precision: 'year' });
    // Plausible day numbers only (1927–2119).
    if (!Number.isInteger(cell) || cell < 10_000 || cell > 80_000) return fail('invalidDate');
    const d = new Date((cell - EXCEL_EPOCH_OFFSET) * 86_400_000);
    return day(isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));
  }
  const text = cellText(cell).replace(/\s+/g, ' ');
  // An Excel day number that reached a CSV as text ("29770").
  if (/^\d{5}$/.test(text)) return readPartialDate(Number(text), today, past);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(text);
  if (m) return day(isoOf(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /^(\d{1,2}) ?[./] ?(\d{1,2}) ?[./] ?(\d{2}|\d{4})$/.exec(text);
  if (m) {
    const year = m[3]!.length === 2 ? twoDigitYear(Number(m[3]), today, past) : Number(m[3]);
    return day(isoOf(year, Number(m[2]), Number(m[1])));
  }
  // "3. Juli 1981", "3 Jul. 81", "03. März 2018"
  m = /^(\d{1,2})\.? ?(\p{L}+)\.? ?(\d{2}|\d{4})$/u.exec(text);
  if (m && MONTHS[fold(m[2]!)]) {
    const year = m[3]!.length === 2 ? twoDigitYear(Number(m[3]), today, past) : Number(m[3]);
    return day(isoOf(year, MONTHS[fold(m[2]!)]!, Number(m[1])));
  }
  // "Juli 2018", "März 2018"
  m = /^(\p{L}+)\.? ?(\d{4})$/u.exec(text);
  if (m && MONTHS[fold(m[1]!)]) {
    const iso = isoOf(Number(m[2]), MONTHS[fold(m[1]!)]!, 1);
    return iso ? ok({ iso, precision: 'month' }) : fail('invalidDate');
  }
  // "03/2018", "3.2018", "2018-03"
  m = /^(\d{1,2}) ?[./-] ?(\d{4})$/.exec(text);
  if (m) {
    const iso = isoOf(Number(m[2]), Number(m[1]), 1);
    return iso ? ok({ iso, precision: 'month' }) : fail('invalidDate');
  }
  m = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (m) {
    const iso = isoOf(Number(m[1]), Number(m[2]), 1);
    return iso ? ok({ iso, precision: 'month' }) : fail('invalidDate');
  }
  m = /^(\d{4})$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    return y >= 1900 && y <= 2100 ? ok({ iso: `${y}-01-01`, precision: 'year' }) : fail('invalidDate');
  }
  return fail('invalidDate');
}

/**
 * A whole date (a day): every form of `readPartialDate` that names the day. A month or a year alone
 * is not a date here (a police certificate's validity counts from its day).
 */
export function readDate(cell: Cell, today = new Date()): Read<string> {
  const read = readPartialDate(cell, today);
  if (!read.ok) return read;
  return read.value.precision === 'day' ? ok(read.value.iso) : fail('invalidDate');
}

/** A birth year from a year, a birth date in any form (reduced to its year, with a note) or an Excel date. */
export function readBirthYear(cell: Cell, today = new Date()): Read<number> {
  const max = today.getUTCFullYear();
  const inRange = (year: number, notes?: CellProblem[]): Read<number> =>
    year < 1900 ? fail('birthYearTooEarly', { minimum: 1900 }) : year > max ? fail('birthYearTooLate', { maximum: max }) : ok(year, notes);
  if (typeof cell === 'number' && Number.isInteger(cell) && cell < 10_000) return inRange(cell);
  const text = cellText(cell);
  if (/^\d{4}$/.test(text)) return inRange(Number(text));
  const read = readPartialDate(cell, today, true);
  if (!read.ok) return fail('invalidDate');
  const year = Number(read.value.iso.slice(0, 4));
  return inRange(year, read.value.precision === 'year' ? undefined : [{ key: 'importBirthDateReduced', values: { value: text.slice(0, 40), year } }]);
}

/** The basic course as offices note it: a date as far as known, or only that it was done. */
export type BasicCourse = { completed: false } | { completed: true; on: string | null; precision: DatePrecision | 'unknown' };

const YES_WORDS = new Set(['ja', 'j', 'x', 'xx', 'yes', 'y', 'true', 'wahr', 'ok', 'erledigt', 'abgeschlossen', 'vorhanden', 'teilgenommen', 'absolviert', 'bestanden', 'done', 'completed', 'gemacht']);
const NO_WORDS = new Set(['nein', 'n', 'no', 'false', 'falsch', 'offen', 'fehlt', 'keine', 'kein', 'nicht', 'nochnicht', 'ausstehend', 'geplant', 'angemeldet', '0', 'none']);
const CHECK_MARKS = /^[✓✔☑✅🗸]+$/u;
const DASHES = /^[-–—_/.?]+$/;
/** Words around a basic course's date: "Basiskurs 2016", "ja, im März 2018", "abgeschlossen am 3.7.2019". */
const COURSE_WORDS = /\b(?:basiskurs|basisqualifizierung|basisquali|basisschulung|grundkurs|kurs|abgeschlossen|absolviert|teilgenommen|bestanden|erledigt|ja|yes|x|am|im|seit|in|on|completed)\b|[✓✔☑✅,:;()]/giu;

export function readBasicCourse(cell: Cell, today = new Date()): Read<BasicCourse> {
  if (cell === true) return ok({ completed: true, on: null, precision: 'unknown' }, [{ key: 'importBasicCourseNoDate', values: { value: 'WAHR' } }]);
  if (cell === false || cell === 0) return ok({ completed: false });
  const text = cellText(cell);
  if (!text || DASHES.test(text) || NO_WORDS.has(fold(text))) return ok({ completed: false });
  if (YES_WORDS.has(fold(text)) || CHECK_MARKS.test(text)) return ok({ completed: true, on: null, precision: 'unknown' }, [{ key: 'importBasicCourseNoDate', values: { value: text.slice(0, 40) } }]);
  const direct = readPartialDate(cell, today);
  const read = direct.ok ? direct : readPartialDate(text.replace(COURSE_WORDS, ' ').replace(/\s+/g, ' ').trim(), today);
  if (!read.ok) {
    // "Basiskurs (Datum unbekannt)": the course is named, the date is not readable.
    if (/basis|grundkurs/i.test(text) && !/\d/.test(text)) return ok({ completed: true, on: null, precision: 'unknown' }, [{ key: 'importBasicCourseNoDate', values: { value: text.slice(0, 40) } }]);
    return fail('invalidDate');
  }
  if (read.value.iso > isoOf(today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate())!) return fail('dateInFuture');
  const { iso, precision } = read.value;
  return ok({ completed: true, on: iso, precision }, precision === 'day' ? undefined : [{ key: 'importDatePartial', values: { value: text.slice(0, 40), precision } }]);
}

// ---------------------------------------------------------------------------------------------
// Numbers

export function readInteger(cell: Cell, min: number, max: number): Read<number> {
  let n: number;
  if (typeof cell === 'number') n = cell;
  else {
    const text = cellText(cell).replace(/\s/g, '');
    if (!/^-?\d+(?:[.,]0+)?$/.test(text)) return fail('notANumber');
    n = Number(text.replace(/[.,]0+$/, ''));
  }
  if (!Number.isInteger(n)) return fail('notANumber');
  if (n < min) return fail('tooSmall', { minimum: min });
  if (n > max) return fail('tooBig', { maximum: max });
  return ok(n);
}

// ---------------------------------------------------------------------------------------------
// Words for enumerations

/**
 * Keys, the app's own labels in every language (what the export writes: "Im Einstieg", "Maurer*in")
 * and the words offices use, after `fold`. A gendered label "Maurer*in" also stands for "Maurer"
 * and "Maurerin".
 */
function lookupTable<T extends string>(keys: readonly T[], words: Record<string, T>, labels?: string): Map<string, T> {
  const table = new Map<string, T>();
  for (const k of keys) table.set(fold(k), k);
  if (labels) {
    for (const locale of LOCALES) {
      for (const k of keys) {
        const label = t(locale, `${labels}.${k}`);
        if (!label || label === `${labels}.${k}`) continue;
        for (const form of [label, label.replace(/[*:/]in\b/g, ''), label.replace(/[*:/](in)\b/g, '$1')]) if (fold(form) && !table.has(fold(form))) table.set(fold(form), k);
      }
    }
  }
  for (const [word, k] of Object.entries(words)) table.set(fold(word), k);
  return table;
}

type Status = (typeof VOLUNTEER_STATUSES)[number];
const STATUS_WORDS = lookupTable<Status>(VOLUNTEER_STATUSES, {
  interessiert: 'interested',
  interessent: 'interested',
  interessentin: 'interested',
  neu: 'interested',
  bewerbung: 'interested',
  einarbeitung: 'onboarding',
  'in einarbeitung': 'onboarding',
  'in ausbildung': 'in_training',
  'in schulung': 'in_training',
  'in qualifizierung': 'in_training',
  schulung: 'in_training',
  'in training': 'in_training',
  training: 'in_training',
  aktiv: 'active',
  pausiert: 'paused',
  pause: 'paused',
  ruhend: 'paused',
  ausgeschieden: 'left',
  beendet: 'left',
  inaktiv: 'left',
  ehemalig: 'left',
  ausgetreten: 'left',
  pausierend: 'paused',
  'in pause': 'paused',
  elternzeit: 'paused',
}, 'volunteers.status');

type Gender = (typeof GENDERS)[number];
const GENDER_WORDS = lookupTable<Gender>(GENDERS, {
  w: 'female',
  weiblich: 'female',
  frau: 'female',
  f: 'female',
  m: 'male',
  maennlich: 'male',
  mann: 'male',
  d: 'diverse',
  divers: 'diverse',
});

type Position = (typeof PROFESSIONAL_POSITIONS)[number];
const POSITION_WORDS = lookupTable<Position>(PROFESSIONAL_POSITIONS, {
  auszubildende: 'apprentice',
  auszubildender: 'apprentice',
  azubi: 'apprentice',
  lehrling: 'apprentice',
  geselle: 'journeyman',
  gesellin: 'journeyman',
  meister: 'master',
  meisterin: 'master',
  angestellt: 'employee',
  angestellte: 'employee',
  angestellter: 'employee',
  arbeitnehmer: 'employee',
  arbeitnehmerin: 'employee',
  selbststaendig: 'self_employed',
  selbstaendig: 'self_employed',
  'self-employed': 'self_employed',
  student: 'student',
  studentin: 'student',
  studierende: 'student',
  studierender: 'student',
  rentner: 'retired',
  rentnerin: 'retired',
  ruhestand: 'retired',
  sonstige: 'other',
  sonstiges: 'other',
});

type Trade = (typeof TRADES)[number];
const TRADE_WORDS = lookupTable<Trade>(TRADES, {
  maurer: 'mason',
  maurerin: 'mason',
  zimmerer: 'carpenter',
  zimmerin: 'carpenter',
  dachdecker: 'roofer',
  dachdeckerin: 'roofer',
  maler: 'painter',
  malerin: 'painter',
  'maler und lackierer': 'painter',
  'malerin und lackiererin': 'painter',
  schornsteinfeger: 'chimney_sweep',
  metallbauer: 'metalworker',
  metallbauerin: 'metalworker',
  'kfz-mechatroniker': 'motor_vehicle_technician',
  'kfz-mechatronikerin': 'motor_vehicle_technician',
  kfzmechaniker: 'motor_vehicle_technician',
  installateur: 'plumber',
  'anlagenmechaniker shk': 'plumber',
  elektriker: 'electrician',
  elektrikerin: 'electrician',
  elektroniker: 'electrician',
  elektronikerin: 'electrician',
  tischler: 'joiner',
  tischlerin: 'joiner',
  schreiner: 'joiner',
  schreinerin: 'joiner',
  baecker: 'baker',
  baeckerin: 'baker',
  konditor: 'confectioner',
  konditorin: 'confectioner',
  fleischer: 'butcher',
  fleischerin: 'butcher',
  metzger: 'butcher',
  metzgerin: 'butcher',
  augenoptiker: 'optician',
  augenoptikerin: 'optician',
  zahntechniker: 'dental_technician',
  zahntechnikerin: 'dental_technician',
  friseur: 'hairdresser',
  friseurin: 'hairdresser',
  frisoer: 'hairdresser',
  glaser: 'glazier',
  glaserin: 'glazier',
  fliesenleger: 'tiler',
  fliesenlegerin: 'tiler',
  goldschmied: 'goldsmith',
  goldschmiedin: 'goldsmith',
  schneider: 'tailor',
  schneiderin: 'tailor',
  massschneider: 'tailor',
  massschneiderin: 'tailor',
  raumausstatter: 'upholsterer',
  raumausstatterin: 'upholsterer',
  fotograf: 'photographer',
  fotografin: 'photographer',
  'informationstechniker': 'it_technician',
  'informationstechnikerin': 'it_technician',
  stuckateur: 'plasterer',
  stuckateurin: 'plasterer',
  geruestbauer: 'scaffolder',
  steinmetz: 'stonemason',
  steinmetzin: 'stonemason',
  'zweiradmechaniker': 'bicycle_mechanic',
  'zweiradmechanikerin': 'bicycle_mechanic',
}, 'volunteers.trades');

const readWord =
  <T>(table: Map<string, T>) =>
  (cell: Cell): Read<T> => {
    const value = table.get(fold(cellText(cell)));
    return value === undefined ? fail('invalidEnum') : ok(value);
  };

/**
 * A status word, also with more text after it: "aktiv (seit 2019)", "Pause bis 3/2027" — the status
 * is read from the first words, and the note says so (the row keeps the whole text as status reason).
 */
export function readStatus(cell: Cell): Read<Status> {
  const text = cellText(cell);
  const exact = STATUS_WORDS.get(fold(text));
  if (exact) return ok(exact);
  const words = text.replace(/[()[\],;:]/g, ' ').split(/\s+/).filter(Boolean);
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    const status = STATUS_WORDS.get(fold(words.slice(0, n).join(' ')));
    if (status) return ok(status, [{ key: 'importStatusWithText', values: { value: text.slice(0, 60), status } }]);
  }
  return fail('invalidEnum');
}
export const readPosition = readWord(POSITION_WORDS);
/** A craft of the Trade and Crafts Code, or `undefined` for a trade to keep as free text. */
export const tradeOf = (cell: Cell): Trade | undefined => TRADE_WORDS.get(fold(cellText(cell)));

/** Known words become the gender; anything else is kept as the person's own description. */
export function readGender(cell: Cell): Read<{ gender: Gender; selfDescribed?: string }> {
  const text = cellText(cell);
  const gender = GENDER_WORDS.get(fold(text));
  if (gender && gender !== 'self_described') return ok({ gender });
  if (text.length > 60) return fail('tooLong', { maximum: 60 });
  return ok({ gender: 'self_described', selfDescribed: text });
}

// ---------------------------------------------------------------------------------------------
// Languages

const THREE_LETTER = ['prs', 'ckb', 'kmr', 'fil', 'yue', 'tir', 'aii', 'syc', 'rom', 'gsw', 'nds'];
/** Names people write for languages, besides their names in German, English and Arabic. */
const LANGUAGE_ALIASES: Record<string, string> = {
  farsi: 'fa',
  persisch: 'fa',
  dari: 'prs',
  kurmandschi: 'kmr',
  kurmanci: 'kmr',
  kurmanji: 'kmr',
  sorani: 'ckb',
  tigrinya: 'ti',
  tigrinisch: 'ti',
  serbokroatisch: 'sh',
  bosnisch: 'bs',
  ukrainisch: 'uk',
  // Abbreviations offices write ("türk.", "dt.", "arab."), after `fold`.
  tuerk: 'tr',
  turk: 'tr',
  dt: 'de',
  deu: 'de',
  dtsch: 'de',
  arab: 'ar',
  engl: 'en',
  eng: 'en',
  franz: 'fr',
  frz: 'fr',
  franzoes: 'fr',
  russ: 'ru',
  pers: 'fa',
  kurd: 'ku',
  span: 'es',
  ital: 'it',
  poln: 'pl',
  port: 'pt',
  portug: 'pt',
  ukr: 'uk',
  alban: 'sq',
  serb: 'sr',
  kroat: 'hr',
  bulg: 'bg',
  rumaen: 'ro',
  griech: 'el',
  somal: 'so',
  tigr: 'ti',
  amhar: 'am',
  vietn: 'vi',
  viet: 'vi',
  chin: 'zh',
  jap: 'ja',
  niederl: 'nl',
  hebr: 'he',
  ungar: 'hu',
  tschech: 'cs',
  paschtu: 'ps',
  paschto: 'ps',
  pashto: 'ps',
};

let languageNames: Map<string, string> | undefined;
function languageTable(): Map<string, string> {
  if (languageNames) return languageNames;
  const table = new Map<string, string>();
  const codes: string[] = [...THREE_LETTER];
  for (let a = 97; a <= 122; a++) for (let b = 97; b <= 122; b++) codes.push(String.fromCharCode(a, b));
  for (const locale of ['en', 'de', 'ar']) {
    const names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
    for (const code of codes) {
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        name = undefined;
      }
      if (!name || name === code) continue;
      if (!table.has(code)) table.set(code, code);
      const folded = fold(name);
      if (folded && !table.has(folded)) table.set(folded, code);
    }
  }
  for (const [alias, code] of Object.entries(LANGUAGE_ALIASES)) table.set(fold(alias), code);
  languageNames = table;
  return table;
}

/** A language by ISO 639 code or by its name in German, English or Arabic. */
export function languageCode(text: string): string | undefined {
  const t = text.trim();
  if (/^[A-Za-z]{2,3}$/.test(t) && languageTable().get(t.toLowerCase()) === t.toLowerCase()) return t.toLowerCase();
  return languageTable().get(fold(t));
}

const NATIVE_WORDS = [
  'native', 'muttersprache', 'mutterspr', 'ms', 'erstsprache', 'mothertongue', 'l1', 'nativespeaker', 'muttersprachlich', 'muttersprachler',
  'muttersprachlerin', 'herkunftssprache', 'اللغةالأم', 'لغةأم',
];
/** Words for levels, after `fold`; all but the CEFR codes are taken with a note saying how they were read. */
const LEVEL_WORDS = new Map<string, LanguageLevel>([
  ...NATIVE_WORDS.map((w) => [w, 'native'] as [string, LanguageLevel]),
  ...(
    [
      ['anfaenger', 'A1'], ['anfaengerin', 'A1'], ['wenig', 'A1'], ['einwenig', 'A1'], ['etwas', 'A1'], ['bisschen', 'A1'], ['einbisschen', 'A1'], ['beginner', 'A1'], ['alittle', 'A1'],
      ['grundkenntnisse', 'A2'], ['grundlagen', 'A2'], ['basiskenntnisse', 'A2'], ['basic', 'A2'], ['elementar', 'A2'],
      ['mittel', 'B1'], ['mittelmaessig', 'B1'], ['ausreichend', 'B1'], ['befriedigend', 'B1'], ['intermediate', 'B1'],
      ['gut', 'B2'], ['gute', 'B2'], ['gutekenntnisse', 'B2'], ['good', 'B2'],
      ['sehrgut', 'C1'], ['sehrgute', 'C1'], ['sehrgutekenntnisse', 'C1'], ['fliessend', 'C1'], ['fluent', 'C1'], ['verygood', 'C1'],
      ['verhandlungssicher', 'C2'], ['perfekt', 'C2'], ['exzellent', 'C2'], ['proficient', 'C2'], ['businessfluent', 'C2'],
    ] as [string, LanguageLevel][]
  ),
]);
/** Words that say a level is not known: read as `unknown` without a note (the export writes `de:unknown`). */
const UNKNOWN_LEVEL_WORDS = new Set(['unknown', 'unbekannt', 'niveauunbekannt', 'levelunknown', '?']);
/** Words around languages and levels that carry nothing ("C1-Niveau", "Kenntnisse auf B2"); also German words that are language codes. */
const FILLER_WORDS = new Set(['niveau', 'level', 'sprachniveau', 'kenntnisse', 'sprachkenntnisse', 'auf', 'in', 'im', 'am', 'an', 'ab', 'da', 'ja', 'so', 'um', 'zu', 'spricht', 'speaks', 'auch', 'cefr', 'ger', 'sprache', 'sprachen', 'und', 'and', 'sowie', 'mit', 'ca', 'circa', 'evtl']);

/** A CEFR level, `native` or `unknown` by their codes, or a native-language word. */
export function languageLevel(text: string): LanguageLevel | undefined {
  const upper = text.trim().toUpperCase();
  if (/^[ABC][12]$/.test(upper)) return upper as LanguageLevel;
  const folded = fold(text);
  if (UNKNOWN_LEVEL_WORDS.has(folded)) return 'unknown';
  return NATIVE_WORDS.includes(folded) ? 'native' : undefined;
}

export interface LanguageSkillRead {
  code: string;
  level: LanguageLevel;
}

/**
 * Languages with levels in one cell, as the export writes them (`ar:native; de:B2`) and as offices
 * type them: names and abbreviations ("Türkisch", "türk.", "dt."), separated by `,` `;` `/` `+`
 * "und" or line breaks, levels as CEFR ("B2", "B2/C1" → B2, "C1-Niveau"), native words ("MS",
 * "Muttersprache") and plain words ("gut" → B2, with a note). A language without a level is kept
 * with the level `unknown` (with a note); a part naming no language is dropped, the rest is kept.
 */
export function readLanguages(cell: Cell): Read<LanguageSkillRead[]> {
  const notes: CellProblem[] = [];
  const dropped: CellProblem[] = [];
  const text = cellText(cell)
    .replace(/mother\s+tongue/gi, 'native')
    .replace(/native\s+speaker/gi, 'native')
    // "B2/C1", "B1-B2": the lower level, said in a note.
    .replace(/\b([ABC][12])\s*[/\-–]\s*([ABC][12])\b/gi, (range: string, low: string) => {
      notes.push({ key: 'importLanguageLevelRange', values: { value: range, level: low.toUpperCase() } });
      return low;
    });
  const out: { code: string; level?: LanguageLevel }[] = [];
  const add = (code: string, level: LanguageLevel | undefined) => {
    const same = out.find((l) => l.code === code);
    if (!same) {
      out.push({ code, level });
      return;
    }
    notes.push({ key: 'importLanguageTwice', values: { language: code } });
    if (level && (!same.level || levelRank(level) > levelRank(same.level))) same.level = level;
  };
  for (const segment of text.split(/[;,/+&\n\r]+|\s+(?:und|and|sowie)\s+/i)) {
    const tokens = segment.split(/[\s:=()[\]\-–.]+/).filter(Boolean);
    let current: { code: string; level?: LanguageLevel } | null = null;
    let pending: LanguageLevel | undefined;
    const ignored: string[] = [];
    let unknown: string | null = null;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      let level = languageLevel(token);
      let used = 1;
      if (!level) {
        for (const n of [3, 2, 1]) {
          const word = fold(tokens.slice(i, i + n).join(''));
          const found = i + n <= tokens.length ? LEVEL_WORDS.get(word) : undefined;
          if (found) {
            level = found;
            used = n;
            notes.push({ key: 'importLanguageLevelWord', values: { value: tokens.slice(i, i + n).join(' '), level: found } });
            break;
          }
        }
      }
      if (level) {
        i += used - 1;
        if (current && !current.level) current.level = level;
        else pending = level;
        continue;
      }
      if (FILLER_WORDS.has(fold(token)) && !/^[A-Z]{2,3}$/.test(token)) continue;
      const code = languageCode(token);
      if (code) {
        if (current) add(current.code, current.level);
        current = { code, level: pending };
        pending = undefined;
        continue;
      }
      if (current) ignored.push(token);
      else unknown ??= token;
    }
    if (current) add(current.code, current.level);
    else if (unknown !== null) dropped.push({ key: 'unknownLanguage', values: { value: unknown.slice(0, 40) } });
    if (current && ignored.length) notes.push({ key: 'importWordsIgnored', values: { value: ignored.join(' ').slice(0, 60) } });
  }
  if (!out.length && dropped.length) return { ok: false, problem: dropped[0]! };
  for (const l of out) {
    if (!l.level) {
      l.level = 'unknown';
      notes.push({ key: 'importLanguageLevelUnknown', values: { language: l.code } });
    }
  }
  return ok(out as LanguageSkillRead[], notes, dropped);
}

/** One language, for the preferred language of contact. */
export function readLanguage(cell: Cell): Read<string> {
  const text = cellText(cell);
  const code = languageCode(text);
  return code ? ok(code) : fail('unknownLanguage', { value: text.slice(0, 40) });
}

/** Parts of a list item that did not match as a whole: "Elternlotse, Sportlotse", "Mitte / Linden", "Schule + Wohnen". */
export const itemParts = (item: string): string[] =>
  item
    .split(/[,/+&]|\s+(?:und|and|sowie)\s+/i)
    .map((s) => s.trim())
    .filter(Boolean);

/** Items of a list cell: separated by `;` or line breaks. */
export const listItems = (cell: Cell): string[] =>
  cellText(cell)
    .split(/[;\n\r]+/)
    .map((s) => s.trim())
    .filter(Boolean);
