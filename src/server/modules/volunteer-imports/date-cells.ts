import type { Cell } from './parse.js';
import { cellText, fail, fold, isoOf, ok, type CellProblem, type Read } from './cells.js';

/** Dates as offices write them: whole, partial, birth years, and the basic course's "when". */

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
