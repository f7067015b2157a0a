import { stringify } from 'csv-stringify/sync';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeCatalog, makeNetwork, makeUser, makeVolunteer, multipartBody, xlsxFile, type TestNetwork } from '../../../../tests/factories.js';
import { LANGUAGE_LEVELS, VOLUNTEER_STATUSES } from '../../../common/volunteers.js';
import { withTenant } from '../../db/tenancy.js';
import { ensureCatalogEntries } from '../catalog/catalog.service.js';
import { volunteerQualifications, volunteers } from '../volunteers/volunteers.table.js';

let t: TestApp;
let network: TestNetwork;
let other: TestNetwork;
let coordinator: string;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  network = await makeNetwork(t.database, 'Integrationsnetz Hannover');
  await makeCatalog(t.database, network);
  other = await makeNetwork(t.database, 'Integrationsnetz Bremen');
  admin = await login(t.app, network.adminEmail);
  coordinator = await login(t.app, (await makeUser(t.database, network, 'coordinator')).email);
});
afterAll(() => t.close());

interface Report {
  dryRun: boolean;
  columns: { header: string; field: string | null; guessed: boolean; source: string; samples: string[]; hidden: boolean }[];
  rows: {
    row: number;
    name: string | null;
    status: string;
    problems: { field: string; column?: string; message: string; severity: string }[];
    duplicateOf?: { volunteerId?: string; row?: number; reason: string; name?: string };
    action?: string;
  }[];
  summary: Record<string, number>;
  headerRow: number;
  headerRowGuessed: boolean;
  headerCandidates: { row: number; cells: string[] }[];
  skippedRows: { row: number; reason: string }[];
  ambiguities: { field: string; value: string; rows: number[]; candidates: { key: string; name: string }[] }[];
}

async function upload(file: { name: string; content: Buffer | string } | null, fields: Record<string, string> = {}, cookie = coordinator, locale = 'de') {
  const { payload, contentType } = multipartBody(file, fields);
  return t.app.inject({ method: 'POST', url: '/api/v1/volunteers/import', headers: { ...asBrowser(cookie, locale), 'content-type': contentType }, payload });
}

async function poolSize(networkId = network.networkId): Promise<number> {
  const [row] = await withTenant(t.database.db, networkId, (tx) => tx.select({ n: count() }).from(volunteers).where(eq(volunteers.networkId, networkId)));
  return row!.n;
}

async function findByLastName(lastName: string) {
  const rows = await withTenant(t.database.db, network.networkId, (tx) =>
    tx.select({ id: volunteers.id }).from(volunteers).where(and(eq(volunteers.networkId, network.networkId), eq(volunteers.lastName, lastName))),
  );
  return Promise.all(rows.map(async (r) => (await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${r.id}`, headers: { cookie: coordinator } })).json()));
}

const HEADER = ['Nachname', 'Vorname', 'E-Mail', 'Geburtsjahr', 'Sprachen', 'Stadtteil', 'Spezialisierung', 'Status', 'Basisqualifizierung', 'Führungszeugnis', 'Beruf', 'Notizen'];
const list = async () =>
  xlsxFile([
    HEADER,
    ['Haddad', 'Amira', 'Amira.Haddad@example.org', 1988, 'ar:native; de:C1', 'Linden-Nord', 'Elternlotse', 'Aktiv', new Date(Date.UTC(2025, 5, 30)), '15.01.2024', 'Schneiderin', 'Sehr zuverlässig'],
    ['Müller-Lüdenscheidt', 'Jürgen', 'jm@example.org', 1961, 'Deutsch: Muttersprache, Englisch B2', 'mitte', 'sportlotse; Elternlotse', 'Pausiert', null, null, 'Sozialarbeiter', null],
    ['الأحمد', 'محمد', null, 1995, 'ar MS', 'Linden-Limmer', null, 'Interessiert', null, null, null, null],
    // The deliberately broken row: no first name, a malformed e-mail, an unknown language, an impossible date.
    ['Kaputt', null, 'kein-at-zeichen', 1990, 'xx:B2', 'Atlantis', null, 'Aktiv', '31.02.2025', null, null, null],
    ['Özdemir', 'Ayşe', 'ayse@example.org', 1979, 'tr:native; de:C2', 'Mitte', null, 'in Ausbildung', null, '2.3.26', 'Friseurin', null],
  ]);

describe('POST /api/v1/volunteers/import — the first upload', () => {
  it('previews a dry run with every row’s problems and the guessed columns, writing nothing', async () => {
    const before = await poolSize();
    const res = await upload({ name: 'lotsen.xlsx', content: await list() }, { dryRun: 'true' }, coordinator, 'en');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as Report;
    expect(report.dryRun).toBe(true);
    expect(report.columns.slice(0, 5)).toEqual([
      { header: 'Nachname', field: 'lastName', guessed: true, source: 'guessed', samples: ['Haddad', 'Müller-Lüdenscheidt', 'الأحمد'], hidden: false },
      { header: 'Vorname', field: 'firstName', guessed: true, source: 'guessed', samples: ['Amira', 'Jürgen', 'محمد'], hidden: false },
      { header: 'E-Mail', field: 'email', guessed: true, source: 'guessed', samples: ['Amira.Haddad@example.org', 'jm@example.org', 'kein-at-zeichen'], hidden: false },
      { header: 'Geburtsjahr', field: 'birthYear', guessed: true, source: 'guessed', samples: ['1988', '1961', '1995'], hidden: false },
      { header: 'Sprachen', field: 'languages', guessed: true, source: 'guessed', samples: ['ar:native; de:C1', 'Deutsch: Muttersprache, Englisch B2', 'ar MS'], hidden: false },
    ]);
    expect(report).toMatchObject({ headerRow: 1, headerRowGuessed: true, skippedRows: [], ambiguities: [] });
    expect(report.rows.map((r) => [r.row, r.status, r.action])).toEqual([
      [2, 'valid', 'create'],
      [3, 'valid', 'create'],
      [4, 'valid', 'create'],
      [5, 'invalid', 'skip'],
      [6, 'valid', 'create'],
    ]);
    // Only the missing first name keeps the row out; the unreadable cells alone would only be dropped.
    expect(report.rows[3]!.problems).toEqual(expect.arrayContaining([
      { field: 'email', column: 'E-Mail', message: 'Not a valid e-mail address', severity: 'dropped' },
      { field: 'languages', column: 'Sprachen', message: 'Unknown language: xx', severity: 'dropped' },
      { field: 'homeDistrict', column: 'Stadtteil', message: 'Unknown catalogue entry: Atlantis', severity: 'dropped' },
      { field: 'basicCourseOn', column: 'Basisqualifizierung', message: 'Not a valid date', severity: 'dropped' },
      { field: 'firstName', message: 'Required', severity: 'error' },
    ]));
    expect(report.rows[3]!.problems).toHaveLength(5);
    expect(report.rows.map((r) => r.name)).toEqual(['Amira Haddad', 'Jürgen Müller-Lüdenscheidt', 'محمد الأحمد', 'Kaputt', 'Ayşe Özdemir']);
    expect(report.summary).toEqual({ total: 5, valid: 4, invalid: 1, duplicates: 0, created: 4, merged: 0, skipped: 1, withDroppedCells: 0 });
    expect(await poolSize()).toBe(before);
  });

  it('localises the row problems by Accept-Language', async () => {
    const res = await upload({ name: 'lotsen.xlsx', content: await list() }, { dryRun: 'true' }, coordinator, 'ar');
    const problems = (res.json() as Report).rows[3]!.problems;
    expect(problems.find((p) => p.field === 'languages')!.message).toBe('لغة غير معروفة: xx');
  });

  it('commits all valid rows in one go, with catalogue names, Excel dates and umlauts resolved', async () => {
    const before = await poolSize();
    const res = await upload({ name: 'lotsen.xlsx', content: await list() }, {});
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Report).summary).toMatchObject({ created: 4, invalid: 1 });
    expect(await poolSize()).toBe(before + 4);

    const [amira] = await findByLastName('Haddad');
    expect(amira).toMatchObject({
      firstName: 'Amira',
      email: 'amira.haddad@example.org',
      birthYear: 1988,
      languages: [
        { code: 'ar', level: 'native' },
        { code: 'de', level: 'C1' },
      ],
      homeDistrict: 'linden-nord',
      specializations: ['elternlotse'],
      status: 'active',
      trade: 'tailor',
      qualifications: [{ type: 'basic', completedOn: '2025-06-30', provider: null, specializationKey: null }],
      deployable: true,
      notes: 'Sehr zuverlässig',
      version: 1,
    });
    expect(amira.onboarding.policeCertificateOn).toBe('2024-01-15');
    expect(amira.statusHistory).toEqual([expect.objectContaining({ status: 'active', byName: 'Test coordinator' })]);

    const [juergen] = await findByLastName('Müller-Lüdenscheidt');
    expect(juergen).toMatchObject({ firstName: 'Jürgen', trade: null, tradeFreeText: 'Sozialarbeiter', status: 'paused', specializations: ['elternlotse', 'sportlotse'] });
    const [mohammed] = await findByLastName('الأحمد');
    expect(mohammed).toMatchObject({ firstName: 'محمد', languages: [{ code: 'ar', level: 'native' }], homeDistrict: 'linden-limmer', status: 'interested' });
    const [ayse] = await findByLastName('Özdemir');
    expect(ayse.onboarding.policeCertificateOn).toBe('2026-03-02');

    // The language filter sees imported levels (levelRank) like any other.
    const c1 = (await t.app.inject({ method: 'GET', url: '/api/v1/volunteers?language=de&minLevel=C1', headers: { cookie: coordinator } })).json();
    expect(c1.items.map((v: { lastName: string }) => v.lastName).sort()).toEqual(['Haddad', 'Müller-Lüdenscheidt', 'Özdemir'].sort());
  });

  it('audits the import with field names only, and every volunteer’s creation', async () => {
    const audit = (await t.app.inject({ method: 'GET', url: '/api/v1/audit-events?entity=volunteer_import', headers: { cookie: admin } })).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ action: 'create', entity: 'volunteer_import' });
    expect(audit.items[0].fields).toEqual(expect.arrayContaining(['lastName', 'languages', 'homeDistrict', 'created:4', 'skipped:1']));
    const [amira] = await findByLastName('Haddad');
    const events = (await t.app.inject({ method: 'GET', url: `/api/v1/audit-events?entity=volunteer&entityId=${amira.id}`, headers: { cookie: admin } })).json();
    expect(events.items.map((e: { action: string }) => e.action)).toContain('create');
    // Field names only: no value of the row (the events may name their entity, never the values).
    const text = JSON.stringify([audit, events.items.map((e: { fields: string[] }) => e.fields)]);
    for (const secret of ['Haddad', 'zuverlässig', 'amira.haddad', 'linden-nord']) expect(text).not.toContain(secret);
  });
});

describe('duplicates', () => {
  const again = () =>
    xlsxFile([
      ['Nachname', 'Vorname', 'E-Mail', 'Geburtsjahr', 'Telefon', 'Sprachen'],
      ['Haddad', 'Amira', 'AMIRA.HADDAD@example.org', null, '0511 999', 'ar:native; de:C2; en:B1'],
      ['الأحمد', 'محمد', null, 1995, '0176 1', null],
      ['Neu', 'Nora', 'nora@example.org', 2000, null, null],
      ['Neu', 'Nora', 'nora.neu@example.org', 2000, null, null],
      ['Zweitmal', 'Zoe', 'nora@example.org', 2001, null, null],
    ]);

  it('finds them by e-mail or name and birth year, in the file and in the pool; skip writes only new people', async () => {
    const before = await poolSize();
    const res = await upload({ name: 'again.xlsx', content: await again() }, { onDuplicate: 'skip' });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as Report;
    const [amira] = await findByLastName('Haddad');
    const [mohammed] = await findByLastName('الأحمد');
    expect(report.rows).toEqual([
      { row: 2, name: 'Amira Haddad', status: 'duplicate', problems: [], duplicateOf: { volunteerId: amira.id, reason: 'email', name: 'Amira Haddad' }, action: 'skip' },
      { row: 3, name: 'محمد الأحمد', status: 'duplicate', problems: [], duplicateOf: { volunteerId: mohammed.id, reason: 'name_birth_year', name: 'محمد الأحمد' }, action: 'skip' },
      { row: 4, name: 'Nora Neu', status: 'valid', problems: [], action: 'create' },
      { row: 5, name: 'Nora Neu', status: 'duplicate', problems: [], duplicateOf: { row: 4, reason: 'name_birth_year', name: 'Nora Neu' }, action: 'skip' },
      { row: 6, name: 'Zoe Zweitmal', status: 'duplicate', problems: [], duplicateOf: { row: 4, reason: 'email', name: 'Nora Neu' }, action: 'skip' },
    ]);
    expect(report.summary).toEqual({ total: 5, valid: 1, invalid: 0, duplicates: 4, created: 1, merged: 0, skipped: 4, withDroppedCells: 0 });
    expect(await poolSize()).toBe(before + 1);
    expect((await findByLastName('Haddad'))[0]).toMatchObject({ phone: null, version: 1 });
  });

  it('merges the row’s filled fields into the pool record (lists replace), keeping what the row leaves empty', async () => {
    const before = await poolSize();
    const res = await upload({ name: 'again.xlsx', content: await again() }, { onDuplicate: 'merge' });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as Report;
    // Nora came into the pool with the upload before: now her first row merges, the later ones are skipped.
    expect(report.rows.map((r) => r.action)).toEqual(['merge', 'merge', 'merge', 'skip', 'skip']);
    expect(report.summary).toMatchObject({ merged: 3, created: 0, skipped: 2 });
    expect(await poolSize()).toBe(before);
    const [amira] = await findByLastName('Haddad');
    expect(amira).toMatchObject({
      phone: '0511 999',
      birthYear: 1988,
      homeDistrict: 'linden-nord',
      notes: 'Sehr zuverlässig',
      languages: [
        { code: 'ar', level: 'native' },
        { code: 'de', level: 'C2' },
        { code: 'en', level: 'B1' },
      ],
      deployable: true,
      version: 2,
    });
    expect((await findByLastName('الأحمد'))[0]).toMatchObject({ phone: '0176 1', languages: [{ code: 'ar', level: 'native' }] });
  });
});

describe('files as offices have them', () => {
  it('reads a semicolon CSV in Windows-1252 with umlauts, German dates and the export’s language form', async () => {
    const text = stringify(
      [
        ['Name', 'Vorname', 'Geburtsjahr', 'Sprachen', 'Status', 'Führungszeugnis vom', 'Max. Vereinbarungen'],
        ['Weiß', 'Günther', '1955', 'de:native; fr:B1', 'Ausgeschieden', '02.03.2021', '3'],
        ['Bäcker', 'Jörg', '1970', 'de:native', 'aktiv', '1.12.19', '99'],
      ],
      { delimiter: ';' },
    );
    const latin1 = Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(latin1)).toThrow();
    const res = await upload({ name: 'liste.csv', content: latin1 }, {}, coordinator, 'en');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as Report;
    // The out-of-range number is dropped (the default applies); Jörg is imported all the same.
    expect(report.rows[1]).toMatchObject({ row: 3, status: 'valid', problems: [{ field: 'maxActiveAgreements', column: 'Max. Vereinbarungen', message: 'At most 50', severity: 'dropped' }] });
    expect(report.summary.withDroppedCells).toBe(1);
    expect((await findByLastName('Bäcker'))[0]).toMatchObject({ firstName: 'Jörg', maxActiveAgreements: 2 });
    const [guenther] = await findByLastName('Weiß');
    expect(guenther).toMatchObject({ firstName: 'Günther', status: 'left', maxActiveAgreements: 3, languages: [{ code: 'de', level: 'native' }, { code: 'fr', level: 'B1' }] });
    expect(guenther.onboarding.policeCertificateOn).toBe('2021-03-02');
  });

  it('reads a comma CSV in UTF-8 with a byte-order mark', async () => {
    const text = '\ufeff' + stringify([['Last name', 'First name', 'Email', 'Languages'], ['Kowalska', 'Zofia', 'zofia@example.org', 'pl:native, de:B1']]);
    const res = await upload({ name: 'list.csv', content: Buffer.from(text) }, {});
    expect(res.statusCode, res.body).toBe(200);
    expect((await findByLastName('Kowalska'))[0]).toMatchObject({ firstName: 'Zofia', languages: [{ code: 'pl', level: 'native' }, { code: 'de', level: 'B1' }] });
  });

  it.each([
    ['an image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'This is not a spreadsheet in CSV or XLSX format. Nothing was imported.'],
    ['an empty file', Buffer.alloc(0), 'The file contains no rows. Nothing was imported.'],
    ['a header without rows', Buffer.from('Nachname;Vorname\n'), 'The file contains no rows. Nothing was imported.'],
    ['a password-protected workbook', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]), 'The file is password-protected or in the old Excel format (.xls). Please save it without a password as .xlsx or .csv. Nothing was imported.'],
    ['a broken workbook', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]), 'This is not a spreadsheet in CSV or XLSX format. Nothing was imported.'],
    ['numbers without a header row', Buffer.from('1;2\n3;4\n'), 'The first row must hold the column headings. Nothing was imported.'],
  ])('answers %s with 422 import-file-unreadable and writes nothing', async (_name, content, detail) => {
    const before = await poolSize();
    const res = await upload({ name: 'x', content }, {}, coordinator, 'en');
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: 'https://lotse.dev/problems/import-file-unreadable', detail });
    expect(await poolSize()).toBe(before);
  });

  it('refuses more than 20,000 rows', async () => {
    const rows = ['Nachname;Vorname', ...Array.from({ length: 20_001 }, (_, i) => `N${i};V${i}`)].join('\n');
    const res = await upload({ name: 'big.csv', content: rows }, {}, coordinator, 'en');
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toBe('The file has more than 20,000 rows. Please split it into several files. Nothing was imported.');
  });
});

describe('the column mapping', () => {
  const headers = ['Familienname', 'Rufname', 'Kontakt', 'Herkunft'];
  const file = (rows: string[][]) => Buffer.from(stringify([headers, ...rows], { delimiter: ';' }));

  it('refuses to map a column to origins, with a clear field problem', async () => {
    const res = await upload({ name: 'h.csv', content: file([['Rahimi', 'Omid', 'o@example.org', 'AF']]) }, { mapping: JSON.stringify({ Herkunft: 'origins' }) }, coordinator, 'en');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: 'body.mapping.Herkunft', message: expect.stringMatching(/^Origin is not imported/) }]);
  });

  it('uses the given mapping, remembers it, and reuses it on the next upload of the same layout', async () => {
    const mapping = { Familienname: 'lastName', Rufname: 'firstName', Kontakt: 'email', Herkunft: null };
    const first = await upload({ name: 'h.csv', content: file([['Rahimi', 'Omid', 'omid@example.org', 'AF']]) }, { mapping: JSON.stringify(mapping) });
    expect(first.statusCode, first.body).toBe(200);
    expect((first.json() as Report).columns.map((c) => [c.field, c.source])).toEqual([
      ['lastName', 'given'],
      ['firstName', 'given'],
      ['email', 'given'],
      [null, 'given'],
    ]);
    const [omid] = await findByLastName('Rahimi');
    expect(omid).toMatchObject({ firstName: 'Omid', email: 'omid@example.org', origins: [] });

    // Same headers, other order and spelling: no mapping needed.
    const reordered = Buffer.from(stringify([['KONTAKT', 'familienname', 'Rufname', 'Herkunft'], ['sara@example.org', 'Sadat', 'Sara', 'IR']], { delimiter: ';' }));
    const second = await upload({ name: 'h2.csv', content: reordered }, { dryRun: 'true' });
    expect(second.statusCode, second.body).toBe(200);
    expect((second.json() as Report).columns).toEqual([
      { header: 'KONTAKT', field: 'email', guessed: false, source: 'remembered', samples: ['sara@example.org'], hidden: false },
      { header: 'familienname', field: 'lastName', guessed: false, source: 'remembered', samples: ['Sadat'], hidden: false },
      { header: 'Rufname', field: 'firstName', guessed: false, source: 'remembered', samples: ['Sara'], hidden: false },
      { header: 'Herkunft', field: null, guessed: false, source: 'remembered', samples: ['IR'], hidden: false },
    ]);
    expect((second.json() as Report).rows[0]!.status).toBe('valid');
  });

  it('does not remember when asked not to', async () => {
    const layout = Buffer.from(stringify([['Zuname', 'Vorname', 'Anmerkung X'], ['Test', 'Tina', 'y']], { delimiter: ';' }));
    await upload({ name: 'n.csv', content: layout }, { mapping: JSON.stringify({ 'Anmerkung X': 'notes' }), rememberMapping: 'false', dryRun: 'false' });
    const next = await upload({ name: 'n.csv', content: layout }, { dryRun: 'true' });
    expect((next.json() as Report).columns.map((c) => c.source)).toEqual(['guessed', 'guessed', 'guessed']);
  });

  it('refuses unknown option fields, a malformed mapping and a missing file', async () => {
    const res = await upload(null, { mapping: '{nope', onDuplicate: 'overwrite' }, coordinator, 'en');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.file', 'body.mapping', 'body.onDuplicate']);
  });

  it('answers a JSON body with 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/volunteers/import', headers: asBrowser(coordinator), payload: { dryRun: true } });
    expect(res.statusCode).toBe(415);
  });
});

describe('access and tenancy', () => {
  it.each(['partner', 'volunteer', 'counsellor'] as const)('refuses a %s with 403 and writes nothing', async (role) => {
    const cookie = await login(t.app, (await makeUser(t.database, network, role)).email);
    const before = await poolSize();
    const res = await upload({ name: 'lotsen.xlsx', content: await list() }, {}, cookie);
    expect(res.statusCode).toBe(403);
    expect(await poolSize()).toBe(before);
  });

  it('resolves catalogue names only in the importing network', async () => {
    await withTenant(t.database.db, other.networkId, (tx) =>
      ensureCatalogEntries(tx, other.networkId, 'districts', [{ key: 'vegesack', name: 'Vegesack', lat: 53.17, lon: 8.62 }]),
    );
    const bremer = await login(t.app, (await makeUser(t.database, other, 'coordinator')).email);
    const csv = Buffer.from(stringify([['Nachname', 'Vorname', 'Stadtteil'], ['Nord', 'Nele', 'Vegesack'], ['Süd', 'Sami', 'Mitte']], { delimiter: ';' }));
    const hannover = (await upload({ name: 'x.csv', content: csv }, { dryRun: 'true' }, coordinator, 'en')).json() as Report;
    expect(hannover.rows[0]!.problems).toEqual([{ field: 'homeDistrict', column: 'Stadtteil', message: 'Unknown catalogue entry: Vegesack', severity: 'dropped' }]);
    expect(hannover.rows[1]!.status).toBe('valid');
    const bremen = (await upload({ name: 'x.csv', content: csv }, { dryRun: 'true' }, bremer, 'en')).json() as Report;
    expect(bremen.rows[0]!.status).toBe('valid');
    expect(bremen.rows[1]!.problems).toEqual([{ field: 'homeDistrict', column: 'Stadtteil', message: 'Unknown catalogue entry: Mitte', severity: 'dropped' }]);
  });

  it('finds duplicates only in the importing network’s pool', async () => {
    const bremer = await login(t.app, (await makeUser(t.database, other, 'coordinator')).email);
    const before = await poolSize(other.networkId);
    const csv = Buffer.from(stringify([['Nachname', 'Vorname', 'E-Mail'], ['Haddad', 'Amira', 'amira.haddad@example.org']], { delimiter: ';' }));
    const res = await upload({ name: 'x.csv', content: csv }, {}, bremer);
    expect((res.json() as Report).rows[0]).toMatchObject({ status: 'valid', action: 'create' });
    expect(await poolSize(other.networkId)).toBe(before + 1);
  });
});

describe('the office’s own list, as it is kept', () => {
  /** A hand-kept list: a merged title, a note, the header in row 4, an empty row, the header repeated, a totals row, a hidden column. */
  async function officeList() {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Lotsen 2026');
    sheet.getCell('A1').value = 'Lotsinnen und Lotsen – Stand März 2026';
    sheet.mergeCells('A1:I1');
    sheet.getCell('A2').value = 'vertraulich';
    const header = ['Name, Vorname', 'E-Mail-Adresse', 'Tel./Handy', 'Geb.-Datum', 'Sprachkenntnisse', 'Basisquali', 'Lotsenart/Spezialisierung', 'Einsatzstadtteil', 'Status', 'intern'];
    sheet.getRow(4).values = header;
    sheet.getRow(5).values = ['Haddad, Amira', 'amira.h@example.org', '0511 123456', '03.07.1981', 'arab. MS, dt. gut', 'ja', 'Elternlotsin', 'Lnden-Nord', 'aktiv (seit 2019)', 'alt'];
    sheet.getRow(6).values = ['Nguy?n, Van', 'kein-at', '+49 176 5550101', new Date(Date.UTC(1990, 4, 12)), 'vietn. Muttersprache; Deutsch B2/C1', 'Basiskurs 2016', 'Elternlotsen; Sportlotse', 'Misburg', 'Pause bis 3/2027', null];
    sheet.getRow(8).values = ['Yılmaz, Ayşe', null, 1761234567, '1985', 'türk. + Deutsch', '03/2018', 'Sportlotsinnen', 'Linden Nord', 'Aktiv', null];
    sheet.getRow(9).values = header;
    sheet.getRow(10).values = ['Schulz, Jonas', null, '0511 98765', '3. Juli 1979', 'Deutsch', 'nein', null, 'Misburg', 'interessiert', null];
    sheet.getRow(11).values = ['Summe: 4', null, null, null, null, null, null, null, null, null];
    sheet.getColumn(10).hidden = true;
    sheet.getCell('D6').numFmt = 'dd.mm.yyyy';
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  beforeAll(async () => {
    await withTenant(t.database.db, network.networkId, (tx) =>
      ensureCatalogEntries(tx, network.networkId, 'districts', [
        { key: 'misburg-nord', name: 'Misburg-Nord', lat: 52.397, lon: 9.855 },
        { key: 'misburg-sued', name: 'Misburg-Süd', lat: 52.377, lon: 9.857 },
      ]),
    );
  });

  it('finds the header row, skips rows that are not people, and reads every person with notes and dropped cells', async () => {
    const res = await upload({ name: 'liste.xlsx', content: await officeList() }, { dryRun: 'true' }, coordinator, 'en');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as Report;
    expect(report).toMatchObject({ headerRow: 4, headerRowGuessed: true });
    expect(report.headerCandidates.map((c) => c.row)).toEqual([1, 2, 4, 5, 6, 8, 9, 10, 11]);
    expect(report.skippedRows).toEqual([
      { row: 7, reason: 'empty' },
      { row: 9, reason: 'repeatedHeader' },
      { row: 11, reason: 'totals' },
    ]);
    expect(report.columns.map((c) => [c.header, c.field, c.hidden])).toEqual([
      ['Name, Vorname', 'lastName', false],
      ['E-Mail-Adresse', 'email', false],
      ['Tel./Handy', 'phone', false],
      ['Geb.-Datum', 'birthYear', false],
      ['Sprachkenntnisse', 'languages', false],
      ['Basisquali', 'basicCourseOn', false],
      ['Lotsenart/Spezialisierung', 'specializations', false],
      ['Einsatzstadtteil', 'districts', false],
      ['Status', 'status', false],
      ['intern', null, true],
    ]);
    expect(report.rows.map((r) => [r.row, r.name, r.status])).toEqual([
      [5, 'Amira Haddad', 'valid'],
      [6, 'Van Nguy?n', 'valid'],
      [8, 'Ayşe Yılmaz', 'valid'],
      [10, 'Jonas Schulz', 'valid'],
    ]);
    const van = report.rows[1]!.problems;
    expect(van).toEqual(
      expect.arrayContaining([
        { field: 'email', column: 'E-Mail-Adresse', message: 'Not a valid e-mail address', severity: 'dropped' },
        { field: 'districts', column: 'Einsatzstadtteil', message: '“Misburg” fits several entries: Misburg-Nord, Misburg-Süd. Please choose one.', severity: 'dropped' },
        { field: 'lastName', column: 'Name, Vorname', message: expect.stringContaining('contains a “?”'), severity: 'note' },
        { field: 'languages', column: 'Sprachkenntnisse', message: '“B2/C1” read as B2 (the lower level)', severity: 'note' },
        { field: 'status', column: 'Status', message: '“Pause bis 3/2027” read as status “Paused”; the text is kept as the status reason', severity: 'note' },
      ]),
    );
    expect(report.rows[0]!.problems).toEqual(
      expect.arrayContaining([
        { field: 'basicCourseOn', column: 'Basisquali', message: '“ja” taken as a completed basic course, without a date', severity: 'note' },
        { field: 'languages', column: 'Sprachkenntnisse', message: '“gut” read as level B2', severity: 'note' },
        { field: 'districts', column: 'Einsatzstadtteil', message: '“Lnden-Nord” read as “Linden-Nord”', severity: 'note' },
        { field: 'birthYear', column: 'Geb.-Datum', message: 'Date of birth 03.07.1981: only the birth year 1981 is kept', severity: 'note' },
      ]),
    );
    expect(report.rows[2]!.problems).toEqual(
      expect.arrayContaining([
        { field: 'phone', column: 'Tel./Handy', message: 'The phone number 1761234567 was stored as a number; taken as 01761234567', severity: 'note' },
        { field: 'languages', column: 'Sprachkenntnisse', message: 'Turkish taken without a level (level unknown)', severity: 'note' },
      ]),
    );
    expect(report.ambiguities).toEqual([
      {
        field: 'districts',
        value: 'Misburg',
        rows: [6, 10],
        candidates: [
          { key: 'misburg-nord', name: 'Misburg-Nord' },
          { key: 'misburg-sued', name: 'Misburg-Süd' },
        ],
      },
    ]);
    expect(report.summary).toMatchObject({ total: 4, valid: 4, invalid: 0, created: 4, withDroppedCells: 2 });
  });

  it('imports all of them with the user’s choice for the ambiguous value, as far as each value is known', async () => {
    const choices = JSON.stringify([{ field: 'districts', value: 'Misburg', key: 'misburg-sued' }]);
    const res = await upload({ name: 'liste.xlsx', content: await officeList() }, { choices });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as Report;
    expect(report.ambiguities).toEqual([]);
    expect(report.summary).toMatchObject({ created: 4, withDroppedCells: 1 });
    const [amira] = await findByLastName('Haddad').then((all) => all.filter((v) => v.email === 'amira.h@example.org'));
    expect(amira).toMatchObject({
      firstName: 'Amira',
      phone: '0511 123456',
      birthYear: 1981,
      languages: [
        { code: 'ar', level: 'native' },
        { code: 'de', level: 'B2' },
      ],
      specializations: ['elternlotse'],
      districts: ['linden-nord'],
      status: 'active',
      deployable: true,
    });
    const [van] = await findByLastName('Nguy?n');
    expect(van).toMatchObject({ firstName: 'Van', email: null, birthYear: 1990, status: 'paused', districts: ['misburg-sued'], specializations: ['elternlotse', 'sportlotse'] });
    expect(van.languages).toEqual([
      { code: 'vi', level: 'native' },
      { code: 'de', level: 'B2' },
    ]);
    expect(van.statusHistory[0]).toMatchObject({ status: 'paused', reason: 'Pause bis 3/2027' });
    const [ayse] = await findByLastName('Yılmaz');
    expect(ayse).toMatchObject({ phone: '01761234567', birthYear: 1985, languages: expect.arrayContaining([{ code: 'tr', level: 'unknown' }]) });
    const [jonas] = await findByLastName('Schulz');
    expect(jonas).toMatchObject({ birthYear: 1979, qualifications: [], deployable: false, districts: ['misburg-sued'] });

    // How much of each basic course's date is known.
    const precisions = await withTenant(t.database.db, network.networkId, (tx) =>
      tx
        .select({ id: volunteerQualifications.volunteerId, completedOn: volunteerQualifications.completedOn, precision: volunteerQualifications.completedOnPrecision })
        .from(volunteerQualifications)
        .where(inArray(volunteerQualifications.volunteerId, [amira.id, van.id, ayse.id])),
    );
    const byId = Object.fromEntries(precisions.map((p) => [p.id, [p.completedOn, p.precision]]));
    expect(byId[amira.id]).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), 'unknown']);
    expect(byId[van.id]).toEqual(['2016-01-01', 'year']);
    expect(byId[ayse.id]).toEqual(['2018-03-01', 'month']);
  });

  it('recognises people without e-mail again by name and phone, and names the profile they match', async () => {
    const csv = Buffer.from(stringify([['Nachname', 'Vorname', 'Telefon'], ['Schulz', 'Jonas', '+49 511 98765'], ['Yılmaz', 'Ayşe', '0176-1234567']], { delimiter: ';' }));
    const res = await upload({ name: 'nochmal.csv', content: csv }, { dryRun: 'true' });
    expect(res.statusCode, res.body).toBe(200);
    const [jonas] = await findByLastName('Schulz');
    const [ayse] = await findByLastName('Yılmaz');
    expect((res.json() as Report).rows.map((r) => [r.status, r.duplicateOf])).toEqual([
      ['duplicate', { volunteerId: jonas.id, reason: 'name_phone', name: 'Jonas Schulz' }],
      ['duplicate', { volunteerId: ayse.id, reason: 'name_phone', name: 'Ayşe Yılmaz' }],
    ]);
  });

  it('takes the header row the user chooses', async () => {
    const csv = Buffer.from('Liste vom 1.3.2026;\nNachname;Vorname\nHaddad;Samira\n');
    const chosen = (await upload({ name: 'l.csv', content: csv }, { dryRun: 'true', headerRow: '2' })).json() as Report;
    expect(chosen).toMatchObject({ headerRow: 2, headerRowGuessed: false, rows: [{ row: 3, name: 'Samira Haddad', status: 'valid' }] });
    const wrong = await upload({ name: 'l.csv', content: csv }, { dryRun: 'true', headerRow: 'zwei' }, coordinator, 'en');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.headerRow']);
  });

  it('refuses a file with a NUL byte far into it up front, naming the row', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `Name${i};Vorname${i}`).join('\n');
    const file = Buffer.from(`Nachname;Vorname\n${rows}\nKaputt;Ka\u0000rl\n`);
    const before = await poolSize();
    const res = await upload({ name: 'nul.csv', content: file }, {}, coordinator, 'en');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ type: 'https://lotse.dev/problems/import-file-unreadable', detail: expect.stringContaining('Row 502 contains a character that cannot be stored') });
    expect(await poolSize()).toBe(before);
  });

  it('answers a commit the database refuses with a problem naming the row, and writes nothing', async () => {
    // A real refusal: a rule in the database that the import's own checks do not know.
    await t.database.db.execute(sql`alter table volunteers add constraint test_no_refused check (last_name <> 'Verweigert')`);
    try {
      const csv = Buffer.from(stringify([['Nachname', 'Vorname'], ['Angenommen', 'Anna'], ['Auch', 'Bert'], ['Verweigert', 'Cem'], ['Danach', 'Dora']], { delimiter: ';' }));
      const before = await poolSize();
      const res = await upload({ name: 'x.csv', content: csv }, {}, coordinator, 'en');
      expect(res.statusCode, res.body).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json()).toMatchObject({ type: 'https://lotse.dev/problems/import-row-refused', detail: expect.stringContaining('did not accept row 4') });
      expect(await poolSize()).toBe(before);
    } finally {
      await t.database.db.execute(sql`alter table volunteers drop constraint test_no_refused`);
    }
  });
});

describe('the export reads back', () => {
  it('re-imports every value the pool export writes — each status, level and catalogue name — in every language, with no dropped cell', async () => {
    const fresh = await makeNetwork(t.database, 'Integrationsnetz Rundreise');
    await makeCatalog(t.database, fresh);
    const cookie = await login(t.app, (await makeUser(t.database, fresh, 'coordinator')).email);
    const levels = LANGUAGE_LEVELS;
    for (const [i, status] of VOLUNTEER_STATUSES.entries()) {
      await makeVolunteer(t.app, cookie, {
        firstName: `Rund${i}`,
        lastName: `Reise ${status}`,
        phone: `0511 00${i}`,
        postalCode: '03046',
        birthYear: 1970 + i,
        status,
        languages: [{ code: 'ar', level: levels[i % levels.length] }, { code: 'de', level: levels[(i + 3) % levels.length] }, { code: 'tr', level: 'unknown' }],
        homeDistrict: i % 2 ? 'linden-nord' : 'mitte',
        districts: ['linden-limmer', 'linden-nord', 'mitte'],
        specializations: ['elternlotse', 'sportlotse'],
        topics: ['behoerden', 'schule', 'rechtsberatung'],
        competenceLimits: i % 2 ? ['rechtsberatung'] : [],
        trade: i % 2 ? 'stove_builder' : 'tailor',
        qualifications: i === 0 ? [] : [{ type: 'basic', completedOn: '2024-05-0' + i }],
        onboarding: { policeCertificateOn: '2025-01-15' },
      });
    }
    const original = (await t.app.inject({ method: 'GET', url: '/api/v1/volunteers?limit=100', headers: { cookie } })).json().items as { lastName: string }[];
    expect(original).toHaveLength(VOLUNTEER_STATUSES.length);
    const target = await makeNetwork(t.database, 'Integrationsnetz Ziel');
    await makeCatalog(t.database, target);
    const targetCookie = await login(t.app, (await makeUser(t.database, target, 'coordinator')).email);
    for (const locale of ['de', 'en', 'ar']) {
      for (const format of ['xlsx', 'csv']) {
        const file = await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/export?format=${format}`, headers: { cookie, 'accept-language': locale } });
        expect(file.statusCode).toBe(200);
        const res = await upload({ name: `pool.${format}`, content: file.rawPayload }, { dryRun: 'true' }, targetCookie, locale);
        expect(res.statusCode, res.body).toBe(200);
        const report = res.json() as Report;
        const unread = report.rows.flatMap((r) => r.problems.filter((p) => p.severity !== 'note').map((p) => `${locale}/${format} row ${r.row}: ${p.field} ${p.message}`));
        expect(unread).toEqual([]);
        expect(report.summary).toMatchObject({ total: VOLUNTEER_STATUSES.length, valid: VOLUNTEER_STATUSES.length, withDroppedCells: 0 });
        // Not read back: origins (never imported, GDPR Art. 9) and deployable (a yes/no the profile derives).
        expect(report.columns.filter((c) => c.field === null).map((c) => c.header)).toHaveLength(2);
      }
    }
    // And for real, into the fresh network: the same people with the same values.
    const xlsx = await t.app.inject({ method: 'GET', url: '/api/v1/volunteers/export?format=xlsx', headers: { cookie, 'accept-language': 'de' } });
    const sheetBook = new ExcelJS.Workbook();
    await sheetBook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const exported = sheetBook.worksheets[0]!;
    const headers = (exported.getRow(1).values as string[]).slice(1);
    const row2 = exported.getRow(2);
    expect(row2.getCell(headers.indexOf('Führungszeugnis vom') + 1).value).toBeInstanceOf(Date);
    expect(typeof row2.getCell(headers.indexOf('Telefon') + 1).value).toBe('string');
    expect(row2.getCell(headers.indexOf('Telefon') + 1).numFmt).toBe('@');
    const committed = await upload({ name: 'pool.xlsx', content: xlsx.rawPayload }, {}, targetCookie);
    expect(committed.statusCode, committed.body).toBe(200);
    const strip = (v: Record<string, unknown>) => {
      const { firstName, lastName, phone, postalCode, birthYear, status, languages, homeDistrict, districts, specializations, topics, competenceLimits, trade, deployable, onboarding } = v as Record<string, unknown> & { onboarding: { policeCertificateOn: string } };
      return { firstName, lastName, phone, postalCode, birthYear, status, languages, homeDistrict, districts, specializations, topics, competenceLimits, trade, deployable, police: onboarding.policeCertificateOn };
    };
    const full = async (c: string) => {
      const list = (await t.app.inject({ method: 'GET', url: '/api/v1/volunteers?limit=100', headers: { cookie: c } })).json().items as { id: string }[];
      const people = await Promise.all(list.map(async (p) => (await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${p.id}`, headers: { cookie: c } })).json()));
      return people.map(strip).sort((a, b) => String(a.lastName).localeCompare(String(b.lastName)));
    };
    expect(await full(targetCookie)).toEqual(await full(cookie));
  });

  it('keeps how much of a basic course’s date is known: "2016", "03/2018" and "ja" come back as year, month and unknown', async () => {
    const source = await makeNetwork(t.database, 'Integrationsnetz Genauigkeit');
    await makeCatalog(t.database, source);
    const sourceCookie = await login(t.app, (await makeUser(t.database, source, 'coordinator')).email);
    const csv = stringify(
      [
        ['Nachname', 'Vorname', 'Basisqualifizierung'],
        ['Jahr', 'Jana', '2016'],
        ['Monat', 'Mona', '03/2018'],
        ['Unbekannt', 'Uwe', 'ja'],
        ['Tag', 'Tina', '12.05.2019'],
      ],
      { delimiter: ';' },
    );
    expect((await upload({ name: 'liste.csv', content: csv }, {}, sourceCookie)).statusCode).toBe(200);
    const basicCourses = async (cookie: string) => {
      const list = (await t.app.inject({ method: 'GET', url: '/api/v1/volunteers?limit=100', headers: { cookie } })).json().items as { id: string }[];
      const people = await Promise.all(list.map(async (p) => (await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${p.id}`, headers: { cookie } })).json()));
      return Object.fromEntries(
        people.map((v: { lastName: string; qualifications: { type: string; completedOn: string; completedOnPrecision: string }[] }) => {
          const basic = v.qualifications.find((q) => q.type === 'basic');
          return [v.lastName, basic && [basic.completedOn, basic.completedOnPrecision]];
        }),
      );
    };
    const expected = { Jahr: ['2016-01-01', 'year'], Monat: ['2018-03-01', 'month'], Unbekannt: [expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), 'unknown'], Tag: ['2019-05-12', 'day'] };
    expect(await basicCourses(sourceCookie)).toEqual(expected);

    const xlsx = await t.app.inject({ method: 'GET', url: '/api/v1/volunteers/export?format=xlsx', headers: { cookie: sourceCookie, 'accept-language': 'de' } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const column = (sheet.getRow(1).values as string[]).indexOf('Basisqualifizierung');
    const cells = Object.fromEntries(sheet.getRows(2, 4)!.map((r) => [r.getCell(1).value, r.getCell(column).value]));
    expect(cells).toEqual({ Jahr: '2016', Monat: '03/2018', Unbekannt: '✓', Tag: new Date(Date.UTC(2019, 4, 12)) });

    for (const [locale, format] of [['de', 'xlsx'], ['ar', 'csv'], ['en', 'csv']] as const) {
      const target = await makeNetwork(t.database, `Integrationsnetz Genauigkeit ${locale} ${format}`);
      await makeCatalog(t.database, target);
      const targetCookie = await login(t.app, (await makeUser(t.database, target, 'coordinator')).email);
      const file = await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/export?format=${format}`, headers: { cookie: sourceCookie, 'accept-language': locale } });
      const res = await upload({ name: `pool.${format}`, content: file.rawPayload }, {}, targetCookie, locale);
      expect(res.statusCode, res.body).toBe(200);
      expect(await basicCourses(targetCookie), `${locale}/${format}`).toEqual(expected);
    }
  });
});
