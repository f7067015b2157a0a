import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { MAX_IMPORT_ROWS } from '../../../common/api/volunteer-imports.js';

/** One cell as read: text, a number, a date (Excel date cells), a boolean, or nothing. */
export type Cell = string | number | boolean | Date | null;

export interface SheetRow {
  /** The spreadsheet's row number, 1-based, as the office sees it in Excel. */
  row: number;
  cells: Cell[];
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

export type UnreadableReason = 'notSpreadsheet' | 'encrypted' | 'empty' | 'noHeader' | 'tooManyRows';

/** The file cannot be read as a spreadsheet; nothing is imported. */
export class UnreadableFileError extends Error {
  constructor(
    readonly reason: UnreadableReason,
    readonly max?: number,
  ) {
    super(`unreadable spreadsheet: ${reason}`);
  }
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound file: legacy .xls, and every password-protected .xlsx (an encrypted package). */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (buf: Buffer, magic: number[]) => magic.every((b, i) => buf[i] === b);

export async function readSpreadsheet(file: Buffer, maxRows = MAX_IMPORT_ROWS): Promise<Sheet> {
  if (!file.length) throw new UnreadableFileError('empty');
  if (startsWith(file, OLE)) throw new UnreadableFileError('encrypted');
  const raw = startsWith(file, ZIP) ? await readXlsx(file) : readCsv(file);
  return toSheet(raw, maxRows);
}

// ---------------------------------------------------------------------------------------------
// CSV

/** UTF-8 (with or without byte-order mark); Windows-1252 when the bytes are not valid UTF-8. */
export function decodeText(file: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file);
  } catch {
    return new TextDecoder('windows-1252').decode(file);
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

function readCsv(file: Buffer): Cell[][] {
  // Binary content (images, PDFs, archives) has NUL bytes, which no CSV from a spreadsheet has.
  if (file.subarray(0, 8192).includes(0)) throw new UnreadableFileError('notSpreadsheet');
  const text = decodeText(file).replace(/^\ufeff/, '');
  if (!text.trim()) throw new UnreadableFileError('empty');
  try {
    return parseCsv(text, { delimiter: detectDelimiter(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch {
    throw new UnreadableFileError('notSpreadsheet');
  }
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

async function readXlsx(file: Buffer): Promise<(Cell[] | undefined)[]> {
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
      cells[col - 1] = cellValue(cell.value);
    });
    rows[number - 1] = Array.from(cells, (c) => c ?? null);
  });
  return rows;
}

// ---------------------------------------------------------------------------------------------

const isBlank = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');

/** The first non-empty row is the header row; rows after it are data, with their own numbers. */
function toSheet(raw: (Cell[] | undefined)[], maxRows: number): Sheet {
  const headerIndex = raw.findIndex((r) => r && r.some((c) => !isBlank(c)));
  if (headerIndex < 0) throw new UnreadableFileError('empty');
  const headerCells = raw[headerIndex]!;
  // A header row is text: a first row of dates or numbers only is data without headers.
  const texts = headerCells.filter((c) => !isBlank(c));
  if (!texts.some((c) => typeof c === 'string' && /\p{L}/u.test(c))) throw new UnreadableFileError('noHeader');

  const rows: SheetRow[] = [];
  let width = headerCells.length;
  for (let i = headerIndex + 1; i < raw.length; i++) {
    const cells = raw[i];
    if (!cells || cells.every(isBlank)) continue;
    rows.push({ row: i + 1, cells });
    width = Math.max(width, cells.length);
    if (rows.length > maxRows) throw new UnreadableFileError('tooManyRows', maxRows);
  }
  if (!rows.length) throw new UnreadableFileError('empty');

  const seen = new Map<string, number>();
  const headers: string[] = [];
  for (let col = 0; col < width; col++) {
    const cell = headerCells[col];
    let header = isBlank(cell ?? null) ? `#${col + 1}` : String(cell instanceof Date ? cell.toISOString().slice(0, 10) : cell).replace(/\s+/g, ' ').trim();
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
  };
}
