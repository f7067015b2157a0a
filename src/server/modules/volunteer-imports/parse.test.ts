import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { xlsxFile } from '../../../../tests/factories.js';
import { headerScore } from './mapping.js';
import { decodeText, detectDelimiter, readSpreadsheet, UnreadableFileError } from './parse.js';

const reason = async (file: Buffer, max?: number, headerRow?: number) => {
  try {
    await readSpreadsheet(file, { maxRows: max, headerRow, score: headerScore });
  } catch (e) {
    if (e instanceof UnreadableFileError) return e.reason;
    throw e;
  }
  return 'readable';
};

describe('reading CSV', () => {
  it('reads semicolon CSV with a byte-order mark, keeping spreadsheet row numbers', async () => {
    const sheet = await readSpreadsheet(Buffer.from('\ufeffNachname;Vorname\nHaddad;Amira\n;\nÖzdemir;Ayşe\n'));
    expect(sheet.headers).toEqual(['Nachname', 'Vorname']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['Haddad', 'Amira'] },
      { row: 4, cells: ['Özdemir', 'Ayşe'] },
    ]);
  });

  it('reads comma CSV with quoted separators and line breaks', async () => {
    const sheet = await readSpreadsheet(Buffer.from('Name,Notes\r\n"Haddad, A.","two\nlines"\r\n'));
    expect(sheet.rows[0]!.cells).toEqual(['Haddad, A.', 'two\nlines']);
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    expect(decodeText(Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]))).toBe('Müller');
    expect(detectDelimiter('a;b,c;d\n1,2,3,4,5')).toBe(';');
  });

  it('names why a file is unreadable', async () => {
    expect(await reason(Buffer.alloc(0))).toBe('empty');
    expect(await reason(Buffer.from('\n\n'))).toBe('empty');
    expect(await reason(Buffer.from('Nachname;Vorname\n'))).toBe('empty');
    expect(await reason(Buffer.from('1;2\n3;4\n'))).toBe('noHeader');
    expect(await reason(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]))).toBe('notSpreadsheet');
    expect(await reason(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('encrypted');
    expect(await reason(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBe('notSpreadsheet');
    expect(await reason(Buffer.from('Name\na\nb\nc\n'), 2)).toBe('tooManyRows');
  });
});

describe('reading XLSX', () => {
  it('reads text, numbers and date cells from the first sheet with content', async () => {
    const file = await xlsxFile([['Nachname', 'Geburtsjahr', 'Basisqualifizierung'], ['Haddad', 1988, new Date(Date.UTC(2025, 5, 30))], [null, null, null], ['الأحمد', 1990, '2.3.26']]);
    const sheet = await readSpreadsheet(file);
    expect(sheet.headers).toEqual(['Nachname', 'Geburtsjahr', 'Basisqualifizierung']);
    expect(sheet.rows.map((r) => r.row)).toEqual([2, 4]);
    expect(sheet.rows[0]!.cells).toEqual(['Haddad', 1988, new Date(Date.UTC(2025, 5, 30))]);
    expect(sheet.rows[1]!.cells).toEqual(['الأحمد', 1990, '2.3.26']);
  });
});

const score = (cells: string[]) => headerScore(cells);

describe('finding the header row', () => {
  it('passes over a merged title, an empty row and a note above the header, and names hidden columns', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Liste');
    sheet.getCell('A1').value = 'Ehrenamtliche Lotsinnen und Lotsen – Stand März 2026';
    sheet.mergeCells('A1:E1');
    sheet.getCell('A3').value = 'Bitte nicht weitergeben';
    sheet.getRow(4).values = ['Name, Vorname', 'E-Mail', 'Geb.-Datum', 'Sprachkenntnisse', 'intern'];
    sheet.getRow(5).values = ['Haddad, Amira', 'amira@example.org', '03.07.1981', 'arab. MS', 'x'];
    sheet.getRow(7).values = ['Nguyen, Van', null, 1990, 'vietn.', null];
    sheet.getColumn(5).hidden = true;
    const parsed = await readSpreadsheet(Buffer.from(await book.xlsx.writeBuffer()), { score });
    expect(parsed).toMatchObject({
      headerRow: 4,
      headerRowGuessed: true,
      headers: ['Name, Vorname', 'E-Mail', 'Geb.-Datum', 'Sprachkenntnisse', 'intern'],
      hidden: [false, false, false, false, true],
      emptyRows: [6],
    });
    expect(parsed.rows.map((r) => r.row)).toEqual([5, 7]);
    // The merged title is one cell, not five copies.
    expect(parsed.headerCandidates[0]).toEqual({ row: 1, cells: ['Ehrenamtliche Lotsinnen und Lotsen – Stand März 2026'] });
    expect(parsed.headerCandidates.map((c) => c.row)).toEqual([1, 3, 4, 5, 7]);
  });

  it('takes the header row the user chose', async () => {
    const parsed = await readSpreadsheet(Buffer.from('Lotsenliste\nNachname;Vorname\nHaddad;Amira\n'), { score, headerRow: 1 });
    expect(parsed.headers).toEqual(['Lotsenliste', '#2']);
    expect(parsed.headerRowGuessed).toBe(false);
    expect((await readSpreadsheet(Buffer.from('Lotsenliste\nNachname;Vorname\nHaddad;Amira\n'), { score })).headerRow).toBe(2);
    expect(await reason(Buffer.from('a;b\n\nc;d\n'), undefined, 2)).toBe('headerRowEmpty');
  });
});

describe('encodings and characters', () => {
  it('keeps €, „ “, – and ’ of a Windows-1252 CSV from German Excel', async () => {
    // Bytes as German Excel writes them: 0x80 €, 0x84 „, 0x93 “, 0x96 –, 0x92 ’, 0xFC ü.
    const bytes = Buffer.concat([
      Buffer.from('Nachname;Vorname;Notizen\r\n', 'latin1'),
      Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]),
      Buffer.from(';Jan;', 'latin1'),
      Buffer.from([0x84, 0x4b, 0x61, 0x73, 0x73, 0x65, 0x93, 0x20, 0x96, 0x20, 0x35, 0x20, 0x80, 0x20, 0x4f, 0x92, 0x42, 0x72, 0x69, 0x65, 0x6e]),
      Buffer.from('\r\n', 'latin1'),
    ]);
    const parsed = await readSpreadsheet(bytes, { score });
    expect(parsed.rows[0]!.cells).toEqual(['Müller', 'Jan', '„Kasse“ – 5 € O’Brien']);
  });

  it('reads UTF-16 LE with a byte-order mark, tab-separated (Excel “Unicode text”)', async () => {
    const text = 'Nachname\tVorname\tSprachen\r\nNguyễn\tVăn\tvietn. MS\r\nالأحمد\tمحمد\tar\r\n';
    const parsed = await readSpreadsheet(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), { score });
    expect(parsed.headers).toEqual(['Nachname', 'Vorname', 'Sprachen']);
    expect(parsed.rows.map((r) => r.cells)).toEqual([
      ['Nguyễn', 'Văn', 'vietn. MS'],
      ['الأحمد', 'محمد', 'ar'],
    ]);
  });

  it('refuses a NUL anywhere, and half a surrogate pair, naming the row', async () => {
    const filler = Array.from({ length: 600 }, (_, i) => `Name${i};Vorname${i}`).join('\n');
    const late = Buffer.from(`Nachname;Vorname\n${filler}\nKaputt;Ka\u0000rl\n`);
    expect(late.indexOf(0)).toBeGreaterThan(8192);
    expect(await rowOf(late)).toEqual({ reason: 'badCharacter', row: 602 });
    const surrogate = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Nachname\tVorname\r\nA\tB\r\nC\t', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('\r\n', 'utf16le')]);
    expect(await rowOf(surrogate)).toEqual({ reason: 'badCharacter', row: 3 });
  });
});

async function rowOf(file: Buffer) {
  try {
    await readSpreadsheet(file, { score });
  } catch (e) {
    if (e instanceof UnreadableFileError) return { reason: e.reason, row: e.row };
    throw e;
  }
  return null;
}
