/**
 * What an XLSX (a ZIP archive) holds, read before the spreadsheet library sees it: that library
 * unpacks every part into memory, so a 1.5 MB file that unpacks to gigabytes would hold the server.
 * The archive's central directory gives the number of parts and their unpacked sizes; because a
 * hostile file may state small sizes and still unpack to more, every part is then inflated against
 * its stated size (zlib stops at that bound) and the rows of each sheet are counted on the way.
 */
import { inflateRawSync } from 'node:zlib';

export interface XlsxLimits {
  /** Sum of the parts' unpacked sizes. */
  maxBytes: number;
  maxEntries: number;
  /** `<row>` elements in any one sheet: title, empty and data rows alike. */
  maxSheetRows: number;
}

export type XlsxRefusal = { reason: 'tooLarge'; max: number } | { reason: 'tooManyEntries'; max: number } | { reason: 'tooManyRows'; max: number } | { reason: 'notSpreadsheet' };

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The end record is 22 bytes, followed by a comment of at most 65,535. */
const END_SEARCH = 22 + 0xffff;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function endOfDirectory(file: Buffer): number {
  for (let at = file.length - 22; at >= Math.max(0, file.length - END_SEARCH); at--) {
    if (file.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  return -1;
}

/** The central directory's entries, or a refusal; ZIP64 (sizes past 4 GB) is no spreadsheet to import. */
function entriesOf(file: Buffer, limits: XlsxLimits): Entry[] | XlsxRefusal {
  const end = endOfDirectory(file);
  if (end < 0) return { reason: 'notSpreadsheet' };
  const count = file.readUInt16LE(end + 10);
  const directorySize = file.readUInt32LE(end + 12);
  const directoryOffset = file.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) return { reason: 'notSpreadsheet' };
  if (count > limits.maxEntries) return { reason: 'tooManyEntries', max: limits.maxEntries };
  if (directoryOffset + directorySize > end) return { reason: 'notSpreadsheet' };
  const entries: Entry[] = [];
  let total = 0;
  for (let at = directoryOffset; at < directoryOffset + directorySize; ) {
    if (at + 46 > end || file.readUInt32LE(at) !== DIRECTORY_ENTRY) return { reason: 'notSpreadsheet' };
    // The count in the end record may lie as well: the entries read are what is counted.
    if (entries.length >= limits.maxEntries) return { reason: 'tooManyEntries', max: limits.maxEntries };
    const nameLength = file.readUInt16LE(at + 28);
    const entry: Entry = {
      method: file.readUInt16LE(at + 10),
      compressedSize: file.readUInt32LE(at + 20),
      size: file.readUInt32LE(at + 24),
      name: file.toString('utf8', at + 46, at + 46 + nameLength),
      localOffset: file.readUInt32LE(at + 42),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) return { reason: 'notSpreadsheet' };
    total += entry.size;
    if (total > limits.maxBytes) return { reason: 'tooLarge', max: limits.maxBytes };
    entries.push(entry);
    at += 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  return entries;
}

/** The part's unpacked bytes; `over` when it unpacks to more than its stated size, null when it is damaged. */
function unpack(file: Buffer, entry: Entry): Buffer | 'over' | null {
  const at = entry.localOffset;
  if (at + 30 > file.length || file.readUInt32LE(at) !== LOCAL_HEADER) return null;
  const start = at + 30 + file.readUInt16LE(at + 26) + file.readUInt16LE(at + 28);
  if (start + entry.compressedSize > file.length) return null;
  const data = file.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data.length === entry.size ? data : null;
  if (entry.method !== 8) return null;
  try {
    // zlib refuses to write past the bound: a part that states 1 KB and holds 1 GB stops at 1 KB.
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
    return out.length === entry.size ? out : null;
  } catch (error) {
    return error instanceof RangeError ? 'over' : null;
  }
}

const ROW = Buffer.from('<row');

/** `<row …>` and `<row/>` elements, not `<rowBreaks>` and the like. */
function countRows(xml: Buffer, max: number): number {
  let rows = 0;
  for (let at = xml.indexOf(ROW); at >= 0; at = xml.indexOf(ROW, at + ROW.length)) {
    const next = xml[at + ROW.length];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) rows++;
    if (rows > max) break;
  }
  return rows;
}

/** Null when the archive is within the limits; else why it is refused. */
export function checkXlsx(file: Buffer, limits: XlsxLimits): XlsxRefusal | null {
  const entries = entriesOf(file, limits);
  if (!Array.isArray(entries)) return entries;
  for (const entry of entries) {
    if (entry.name.endsWith('/') && entry.size === 0) continue;
    const content = unpack(file, entry);
    if (content === 'over') return { reason: 'tooLarge', max: limits.maxBytes };
    if (!content) return { reason: 'notSpreadsheet' };
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name) && countRows(content, limits.maxSheetRows) > limits.maxSheetRows) {
      return { reason: 'tooManyRows', max: limits.maxSheetRows };
    }
  }
  return null;
}
