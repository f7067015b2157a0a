import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse/sync';
import { MAX_IMPORT_ROWS } from '../../../common/api/volunteer-imports.js';
import { checkXlsx } from './xlsx-limits.js';

/** One cell as read: text, a number, a date (Excel date cells), a boolean, or nothing. */
export type Cell = string | number | boolean | Date | null;

export interface SheetRow {
  /** The spreadsheet's row number, 1-based, as the office sees it in Excel. */
  row: number;
  cells: Cell[];
}

export interface Sheet {
  headers: string[];
  /** The data rows after the header row that hold anything, with their own numbers. */
  rows: SheetRow[];
  /** The row taken as header (1-based). */
  headerRow: number;
  /** True when the header row was found here, not given. */
  headerRowGuessed: boolean;
  /** The first non-empty rows, to choose another header row from. */
  headerCandidates: { row: number; cells: string[] }[];
  /** Per header: the column is hidden in the XLSX. */
  hidden: boolean[];
  /** Empty rows between the header row and the last data row. */
  emptyRows: number[];
}

export interface ReadOptions {
  maxRows?: number;
  /** The header row as the user chose it (1-based); absent: the best-matching row among the first 20. */
  headerRow?: number;
  /** How much a row looks like a header row (`mapping.headerScore`). */
  score?: (cells: string[]) => number;
}

export type UnreadableReason = 'notSpreadsheet' | 'encrypted' | 'empty' | 'noHeader' | 'tooManyRows' | 'badCharacter' | 'headerRowEmpty' | 'tooLarge' | 'tooManyEntries';

/** An XLSX unpacks to at most this much (its parts together), checked before it is parsed. */
export const MAX_UNPACKED_MB = 50;
/** Parts of an XLSX: Excel writes a dozen or two; thousands are no list. */
export const MAX_XLSX_ENTRIES = 1000;
/**
 * Rows of any kind (title, empty, data) beyond the data rows allowed: the limit on all rows stops
 * a file of a million empty rows before the parser builds them, and leaves room above the header.
 */
const ROW_HEADROOM = 1000;

/** The file cannot be read as a spreadsheet; nothing is imported. */
export class UnreadableFileError extends Error {
  constructor(
    readonly reason: UnreadableReason,
    readonly max?: number,
    /** The spreadsheet row (1-based) the problem is in. */
    readonly row?: number,
  ) {
    super(`unreadable spreadsheet: ${reason}`);
  }
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound file: legacy .xls, and every password-protected .xlsx (an encrypted package). */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (buf: Buffer, magic: number[]) => magic.every((b, i) => buf[i] === b);

export async function readSpreadsheet(file: Buffer, options: ReadOptions | number = {}): Promise<Sheet> {
  const o = typeof options === 'number' ? { maxRows: options } : options;
  if (!file.length) throw new UnreadableFileError('empty');
  if (startsWith(file, OLE)) throw new UnreadableFileError('encrypted');
  const maxRows = o.maxRows ?? MAX_IMPORT_ROWS;
  const raw: RawSheet = startsWith(file, ZIP) ? await readXlsx(file, maxRows) : { rows: readCsv(file, maxRows), hidden: [] };
  refuseBadCharacters(raw.rows);
  return toSheet(raw, maxRows, o.headerRow, o.score);
}

interface RawSheet {
  rows: (Cell[] | undefined)[];
  /** Per column index: hidden in the XLSX. */
  hidden: boolean[];
}

/** A NUL, or half of a surrogate pair: PostgreSQL refuses such text. */
// eslint-disable-next-line no-control-regex -- the NUL is what is looked for
const BAD_CHARACTER = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Refuses the file up front, naming the row, instead of failing in the database. */
function refuseBadCharacters(rows: (Cell[] | undefined)[]) {
  rows.forEach((cells, i) => {
    if (cells?.some((c) => typeof c === 'string' && BAD_CHARACTER.test(c))) throw new UnreadableFileError('badCharacter', undefined, i + 1);
  });
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * The text of a CSV: UTF-16 with its byte-order mark (Excel's "Unicode text"), UTF-8 (with or without
 * byte-order mark), else Windows-1252 (German Excel's "CSV (Trennzeichen-getrennt)"). Windows-1252
 * goes through iconv-lite: Node's TextDecoder maps 0x80–0x9F (€ „ “ – ’) wrongly on some builds.
 */
export function decodeText(file: Buffer): string {
  if (file[0] === 0xff && file[1] === 0xfe) return file.subarray(2).toString('utf16le');
  if (file[0] === 0xfe && file[1] === 0xff) return iconv.decode(file.subarray(2), 'utf16be');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file);
  } catch {
    return iconv.decode(file, 'win1252');
  }
}

/** The separator of the header line: `;` (German Excel), `,`, or a tab, whichever occurs most outside quotes. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[';', 0], [',', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

const isUtf16 = (file: Buffer) => (file[0] === 0xff && file[1] === 0xfe) || (file[0] === 0xfe && file[1] === 0xff);

/** The CSV row (1-based) a character index is in: line breaks outside quotes end rows. */
function rowAt(text: string, index: number): number {
  let row = 1;
  let quoted = false;
  for (let i = 0; i < index; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') row++;
    else if (!quoted && ch === '\r' && text[i + 1] !== '\n') row++;
  }
  return row;
}

function readCsv(file: Buffer, maxRows: number): Cell[][] {
  // Binary content (images, PDFs, archives) has NUL bytes early on, which no CSV from a spreadsheet
  // has (UTF-16 aside); a NUL further in is named with its row (refuseBadCharacters).
  if (!isUtf16(file) && file.subarray(0, 8192).includes(0)) throw new UnreadableFileError('notSpreadsheet');
  const text = decodeText(file).replace(/^\ufeff/, '');
  if (!text.trim()) throw new UnreadableFileError('empty');
  // Before parsing: the CSV parser would turn half a surrogate pair into U+FFFD unseen.
  const bad = BAD_CHARACTER.exec(text);
  if (bad) throw new UnreadableFileError('badCharacter', undefined, rowAt(text, bad.index));
  let rows: string[][];
  try {
    // The parser stops after the rows allowed: 20 MB of line breaks are not turned into 20 million rows.
    rows = parseCsv(text, { delimiter: detectDelimiter(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false, to: maxRows + ROW_HEADROOM + 1 }) as string[][];
  } catch {
    throw new UnreadableFileError('notSpreadsheet');
  }
  if (rows.length > maxRows + ROW_HEADROOM) throw new UnreadableFileError('tooManyRows', maxRows);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// XLSX

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('hyperlink' in value) return cellValue((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('error' in value) return null;
  }
  return null;
}

async function readXlsx(file: Buffer, maxRows: number): Promise<RawSheet> {
  const refusal = checkXlsx(file, { maxBytes: MAX_UNPACKED_MB * 1024 * 1024, maxEntries: MAX_XLSX_ENTRIES, maxSheetRows: maxRows + ROW_HEADROOM });
  if (refusal?.reason === 'tooLarge') throw new UnreadableFileError('tooLarge', MAX_UNPACKED_MB);
  if (refusal?.reason === 'tooManyEntries') throw new UnreadableFileError('tooManyEntries', MAX_XLSX_ENTRIES);
  if (refusal?.reason === 'tooManyRows') throw new UnreadableFileError('tooManyRows', maxRows);
  if (refusal) throw new UnreadableFileError('notSpreadsheet');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableFileError('notSpreadsheet');
  }
  // The first sheet that holds anything: lists often start with an empty cover sheet.
  const sheet = book.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) throw new UnreadableFileError('empty');
  const rows: (Cell[] | undefined)[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      // A merged title over the header: only its first cell holds the value.
      if (cell.isMerged && cell.master !== cell) return;
      cells[col - 1] = cellValue(cell.value);
    });
    rows[number - 1] = Array.from(cells, (c) => c ?? null);
  });
  const hidden: boolean[] = [];
  for (let col = 1; col <= sheet.columnCount; col++) hidden[col - 1] = sheet.getColumn(col).hidden === true;
  return { rows, hidden };
}

// ---------------------------------------------------------------------------------------------

const isBlank = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');

const cellLabel = (c: Cell): string => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c)).replace(/\s+/g, ' ').trim();

/** Rows among the first this many non-empty ones may be the header row. */
const HEADER_SEARCH = 20;

/**
 * The header row: the one given, or — among the first 20 non-empty rows — the one whose cells best
 * match known header names (title rows, empty rows and notes above the header are passed over);
 * without any match, the first non-empty row. Rows after it are data, with their own numbers.
 */
function toSheet(raw: RawSheet, maxRows: number, givenHeader: number | undefined, score?: (cells: string[]) => number): Sheet {
  const filled: number[] = [];
  for (let i = 0; i < raw.rows.length; i++) if (raw.rows[i]?.some((c) => !isBlank(c))) filled.push(i);
  if (!filled.length) throw new UnreadableFileError('empty');
  const headerCandidates = filled.slice(0, 10).map((i) => ({ row: i + 1, cells: raw.rows[i]!.slice(0, 12).map((c) => cellLabel(c).slice(0, 60)) }));

  let headerIndex: number;
  if (givenHeader !== undefined) {
    headerIndex = givenHeader - 1;
    if (!raw.rows[headerIndex]?.some((c) => !isBlank(c))) throw new UnreadableFileError('headerRowEmpty', undefined, givenHeader);
  } else {
    headerIndex = filled[0]!;
    let best = 0;
    for (const i of filled.slice(0, HEADER_SEARCH)) {
      const s = score ? score(raw.rows[i]!.map(cellLabel)) : 0;
      if (s > best) {
        best = s;
        headerIndex = i;
      }
    }
    // A header row is text: a first row of dates or numbers only is data without headers.
    if (best === 0 && !raw.rows[headerIndex]!.some((c) => typeof c === 'string' && /\p{L}/u.test(c))) throw new UnreadableFileError('noHeader');
  }
  const headerCells = raw.rows[headerIndex]!;

  const rows: SheetRow[] = [];
  const blank: number[] = [];
  let width = headerCells.length;
  for (let i = headerIndex + 1; i < raw.rows.length; i++) {
    const cells = raw.rows[i];
    if (!cells || cells.every(isBlank)) {
      blank.push(i + 1);
      continue;
    }
    rows.push({ row: i + 1, cells });
    width = Math.max(width, cells.length);
    if (rows.length > maxRows) throw new UnreadableFileError('tooManyRows', maxRows);
  }
  if (!rows.length) throw new UnreadableFileError('empty');
  const lastRow = rows.at(-1)!.row;

  const seen = new Map<string, number>();
  const headers: string[] = [];
  for (let col = 0; col < width; col++) {
    const cell = headerCells[col];
    let header = isBlank(cell ?? null) ? `#${col + 1}` : cellLabel(cell!);
    const n = (seen.get(header.toLowerCase()) ?? 0) + 1;
    seen.set(header.toLowerCase(), n);
    if (n > 1) header = `${header} (${n})`;
    headers.push(header);
  }
  // Columns without a header and without any value are not columns.
  const keep = headers.map((h, col) => !/^#\d+$/.test(h) || rows.some((r) => !isBlank(r.cells[col] ?? null)));
  return {
    headers: headers.filter((_, col) => keep[col]),
    rows: rows.map((r) => ({ row: r.row, cells: headers.flatMap((_, col) => (keep[col] ? [r.cells[col] ?? null] : [])) })),
    headerRow: headerIndex + 1,
    headerRowGuessed: givenHeader === undefined,
    headerCandidates,
    hidden: headers.flatMap((_, col) => (keep[col] ? [raw.hidden[col] ?? false] : [])),
    // Blank rows below the last data row are not rows of the list.
    emptyRows: blank.filter((r) => r < lastRow),
  };
}
