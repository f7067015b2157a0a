import type { Cell } from './parse.js';

/**
 * Pure readers of single cells, as offices fill them in: German and English words, German dates.
 * Here what every reader shares, numbers and lists; dates, words and languages have their own files.
 */

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
export const ok = <T>(value: T, notes?: CellProblem[], dropped?: CellProblem[]): Read<T> => ({
  ok: true,
  value,
  ...(notes?.length ? { notes } : {}),
  ...(dropped?.length ? { dropped } : {}),
});
export const fail = <T>(key: string, values?: CellProblem['values']): Read<T> => ({ ok: false, problem: values ? { key, values } : { key } });

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

/** An ISO date, or null for a day that does not exist or a year outside 1900–2100. */
export function isoOf(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
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
// Lists

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
