/**
 * The one writer of every CSV file the product hands out (the pool export, the payout list).
 * Spreadsheets run a cell that begins with `=`, `+`, `-` or `@` (also after spaces), or with a tab
 * or carriage return, as a formula: a volunteer who calls themselves `=HYPERLINK("https://…")`
 * would otherwise get a clickable link, or a command, into the office's Excel. Such text is written
 * with a leading apostrophe, which Excel takes as "this is text" (OWASP's advice). Numbers passed
 * as numbers are written as they are: the product computed them, and `-5` stays a number.
 */
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[\t\r]|^\s*[=+\-@]/;

/** Text a spreadsheet would run as a formula, kept as text. */
export const neutraliseCell = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

/**
 * Rows as a CSV file with a byte-order mark (so Excel opens umlauts and Arabic names correctly).
 * `;` is what Excel expects where the decimal separator is a comma (German), `,` elsewhere.
 */
export function csvFile(rows: CsvCell[][], delimiter: ';' | ','): Buffer {
  const cells = rows.map((row) => row.map((c) => (typeof c === 'string' ? neutraliseCell(c) : (c ?? ''))));
  return Buffer.concat([Buffer.from('\ufeff'), Buffer.from(stringify(cells, { delimiter }))]);
}
