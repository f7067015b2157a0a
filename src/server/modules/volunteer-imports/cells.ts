import { GENDERS, LANGUAGE_LEVELS, PROFESSIONAL_POSITIONS, TRADES, VOLUNTEER_STATUSES, type LanguageLevel } from '../../../common/volunteers.js';
import type { Cell } from './parse.js';

/** Pure readers of single cells, as offices fill them in: German and English words, German dates. */

/** A problem with one cell: a catalogue key under `validation.` and its values. */
export interface CellProblem {
  key: string;
  values?: Record<string, string | number>;
}
export type Read<T> = { ok: true; value: T } | { ok: false; problem: CellProblem };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
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

/**
 * A date as `2026-03-02`, `02.03.2026`, `2.3.26` (two-digit years up to ten years ahead are this
 * century), an Excel date cell, or an Excel day number.
 */
export function readDate(cell: Cell, today = new Date()): Read<string> {
  if (cell instanceof Date) {
    const iso = isoOf(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
    return iso ? ok(iso) : fail('invalidDate');
  }
  if (typeof cell === 'number') {
    // Plausible day numbers only (1927–2119); a bare year such as 2026 is not a date.
    if (!Number.isInteger(cell) || cell < 10_000 || cell > 80_000) return fail('invalidDate');
    const d = new Date((cell - EXCEL_EPOCH_OFFSET) * 86_400_000);
    return ok(isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())!);
  }
  const text = cellText(cell);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(text);
  if (m) {
    const iso = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? ok(iso) : fail('invalidDate');
  }
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$/.exec(text);
  if (m) {
    let year = Number(m[3]);
    if (m[3]!.length === 2) {
      const pivot = (today.getUTCFullYear() % 100) + 10;
      year += year <= pivot ? 2000 : 1900;
    }
    const iso = isoOf(year, Number(m[2]), Number(m[1]));
    return iso ? ok(iso) : fail('invalidDate');
  }
  return fail('invalidDate');
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

function lookupTable<T extends string>(keys: readonly T[], words: Record<string, T>): Map<string, T> {
  const table = new Map<string, T>();
  for (const k of keys) table.set(fold(k), k);
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
});

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
});

const readWord =
  <T>(table: Map<string, T>) =>
  (cell: Cell): Read<T> => {
    const value = table.get(fold(cellText(cell)));
    return value === undefined ? fail('invalidEnum') : ok(value);
  };

export const readStatus = readWord(STATUS_WORDS);
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

const NATIVE_WORDS = new Set(['native', 'muttersprache', 'ms', 'erstsprache', 'mothertongue', 'l1', 'nativespeaker', 'muttersprachlich', 'اللغةالأم', 'لغةأم']);
export function languageLevel(text: string): LanguageLevel | undefined {
  const upper = text.trim().toUpperCase();
  if ((LANGUAGE_LEVELS as readonly string[]).includes(upper) && upper !== 'NATIVE') return upper as LanguageLevel;
  return NATIVE_WORDS.has(fold(text)) ? 'native' : undefined;
}

/**
 * Languages with levels in one cell: `ar:native; de:B2` (the export's form), also separated by
 * commas, line breaks or blanks (`ar native, de B2`), with names (`Arabisch: Muttersprache`).
 */
export function readLanguages(cell: Cell): Read<{ code: string; level: LanguageLevel }[]> {
  const text = cellText(cell).replace(/mother\s+tongue/gi, 'native').replace(/native\s+speaker/gi, 'native');
  const tokens = text
    .split(/[;,\n\r]+/)
    .flatMap((segment) => segment.split(/[\s:=()]+/))
    .filter(Boolean);
  const out: { code: string; level?: LanguageLevel }[] = [];
  for (const token of tokens) {
    const level = languageLevel(token);
    const last = out.at(-1);
    if (level) {
      if (!last || last.level) return fail('unknownLanguage', { value: token });
      last.level = level;
      continue;
    }
    const code = languageCode(token);
    if (code) {
      if (last && !last.level) return fail('languageLevelMissing', { value: last.code });
      if (out.some((l) => l.code === code)) return fail('duplicate');
      out.push({ code });
      continue;
    }
    // After a language that has no level yet, an unknown word is an unknown level.
    if (last && !last.level) return fail('unknownLanguageLevel', { value: token.slice(0, 40) });
    return fail('unknownLanguage', { value: token.slice(0, 40) });
  }
  const missing = out.find((l) => !l.level);
  if (missing) return fail('languageLevelMissing', { value: missing.code });
  return ok(out as { code: string; level: LanguageLevel }[]);
}

/** One language, for the preferred language of contact. */
export function readLanguage(cell: Cell): Read<string> {
  const text = cellText(cell);
  const code = languageCode(text);
  return code ? ok(code) : fail('unknownLanguage', { value: text.slice(0, 40) });
}

/** Items of a list cell: separated by `;` or line breaks. */
export const listItems = (cell: Cell): string[] =>
  cellText(cell)
    .split(/[;\n\r]+/)
    .map((s) => s.trim())
    .filter(Boolean);
