import { describe, expect, it } from 'vitest';
import { xlsxFile } from '../../../../tests/factories.js';
import { decodeText, detectDelimiter, readSpreadsheet, UnreadableFileError } from './parse.js';

const reason = async (file: Buffer, max?: number) => {
  try {
    await readSpreadsheet(file, max);
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
