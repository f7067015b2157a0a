import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork, makeUser, multipartBody, xlsxFile } from '../../../../tests/factories.js';
import { readSpreadsheet, UnreadableFileError } from './parse.js';

interface Part {
  name: string;
  content: Buffer;
  /** What the central directory states as unpacked size (a hostile file may lie). */
  statedSize?: number;
}

/** A ZIP archive written by hand (deflated parts), so that a test can make what no honest writer makes. */
function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const data = deflateRawSync(part.content, { level: 9 });
    const size = part.statedSize ?? part.content.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(part.content), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(part.content), 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    directory.push(entry, name);
    offset += local.length + name.length + data.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const xml = (text: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${text}`);
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The smallest XLSX Excel and ExcelJS open, with the sheet XML given. */
function xlsxWithSheet(sheet: Buffer, extra: Part[] = [], statedSize?: number): Buffer {
  return zip([
    {
      name: '[Content_Types].xml',
      content: xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    { name: '_rels/.rels', content: xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: 'xl/workbook.xml', content: xml(`<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Lotsen" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', content: xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`) },
    { name: 'xl/worksheets/sheet1.xml', content: sheet, statedSize },
    ...extra,
  ]);
}

const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const sheetXml = (rows: string) => xml(`<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`);
const HEADER = `<row r="1">${cell('A1', 'Nachname')}${cell('B1', 'Vorname')}</row><row r="2">${cell('A2', 'Haddad')}${cell('B2', 'Amira')}</row>`;

/** 60 MB of zeros in one cell: about 60 KB packed. */
function bombSheet(): Buffer {
  return Buffer.concat([sheetXml(HEADER).subarray(0, -'</sheetData></worksheet>'.length), Buffer.from(`<row r="3"><c r="A3" t="inlineStr"><is><t>`), Buffer.alloc(60 * 1024 * 1024, 0x30), Buffer.from('</t></is></c></row></sheetData></worksheet>')]);
}

async function refusal(file: Buffer) {
  try {
    await readSpreadsheet(file);
  } catch (e) {
    if (e instanceof UnreadableFileError) return { reason: e.reason, max: e.max };
    throw e;
  }
  return { reason: 'readable' };
}

describe('hostile spreadsheets', () => {
  it('reads the hand-written XLSX when it is honest and small (the writer is sound)', async () => {
    const sheet = await readSpreadsheet(xlsxWithSheet(sheetXml(HEADER)));
    expect(sheet.headers).toEqual(['Nachname', 'Vorname']);
    expect(sheet.rows).toEqual([{ row: 2, cells: ['Haddad', 'Amira'] }]);
    expect((await readSpreadsheet(await xlsxFile([['Nachname'], ['Haddad']]))).rows).toHaveLength(1);
  });

  it('refuses an XLSX that unpacks to more than 50 MB from its directory, without unpacking it', async () => {
    const file = xlsxWithSheet(bombSheet());
    expect(file.length).toBeLessThan(200 * 1024);
    const started = performance.now();
    expect(await refusal(file)).toEqual({ reason: 'tooLarge', max: 50 });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses an XLSX whose directory states a small size for a part that unpacks to more, stopping at the stated size', async () => {
    const file = xlsxWithSheet(bombSheet(), [], 4096);
    const started = performance.now();
    expect(await refusal(file)).toEqual({ reason: 'tooLarge', max: 50 });
    // Bounds on a busy two-core machine; unpacking the 60 MB and parsing them took minutes.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses an XLSX of more than 1,000 parts', async () => {
    const padding = Array.from({ length: 1000 }, (_, i) => ({ name: `xl/media/image${i}.png`, content: Buffer.from('x') }));
    expect(await refusal(xlsxWithSheet(sheetXml(HEADER), padding))).toEqual({ reason: 'tooManyEntries', max: 1000 });
  });

  it('refuses a sheet of a million empty rows before the parser builds them', async () => {
    const empty = Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 3}"/>`).join('');
    const file = xlsxWithSheet(sheetXml(HEADER + empty));
    const started = performance.now();
    expect(await refusal(file)).toEqual({ reason: 'tooManyRows', max: 20_000 });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('refuses a CSV of more rows than allowed even when most are empty, reading no further', async () => {
    const csv = Buffer.from(`Nachname;Vorname\nHaddad;Amira\n${'\n'.repeat(5_000_000)}`);
    expect(await refusal(csv)).toEqual({ reason: 'tooManyRows', max: 20_000 });
  });
});

describe('the import route and hostile spreadsheets', () => {
  let t: TestApp;
  let coordinator: string;
  beforeAll(async () => {
    t = await createTestApp();
    const network = await makeNetwork(t.database);
    coordinator = await login(t.app, (await makeUser(t.database, network, 'coordinator')).email);
  });
  afterAll(() => t.close());

  it('answers a zip bomb with 422 problem+json in the reader’s language, importing nothing', async () => {
    const file = xlsxWithSheet(bombSheet());
    for (const [locale, text] of [
      ['en', 'Unpacked, the file is larger than 50 MB'],
      ['de', 'Die Datei ist entpackt größer als 50 MB'],
      ['ar', 'أكبر من 50 ميغابايت'],
    ] as const) {
      const { payload, contentType } = multipartBody({ name: 'liste.xlsx', content: file }, { dryRun: 'false' });
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/volunteers/import', headers: { ...asBrowser(coordinator, locale), 'content-type': contentType }, payload });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().detail).toContain(text);
    }
    const pool = await t.app.inject({ method: 'GET', url: '/api/v1/volunteers', headers: { cookie: coordinator } });
    expect(pool.json().items).toEqual([]);
  });
});
