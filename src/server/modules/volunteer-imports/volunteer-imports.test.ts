import { stringify } from 'csv-stringify/sync';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeCatalog, makeNetwork, makeUser, multipartBody, xlsxFile, type TestNetwork } from '../../../../tests/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { ensureCatalogEntries } from '../catalog/catalog.service.js';
import { volunteers } from '../volunteers/volunteers.table.js';

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
  columns: { header: string; field: string | null; guessed: boolean; source: string }[];
  rows: { row: number; status: string; problems: { field: string; column?: string; message: string }[]; duplicateOf?: { volunteerId?: string; row?: number; reason: string }; action?: string }[];
  summary: Record<string, number>;
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
      { header: 'Nachname', field: 'lastName', guessed: true, source: 'guessed' },
      { header: 'Vorname', field: 'firstName', guessed: true, source: 'guessed' },
      { header: 'E-Mail', field: 'email', guessed: true, source: 'guessed' },
      { header: 'Geburtsjahr', field: 'birthYear', guessed: true, source: 'guessed' },
      { header: 'Sprachen', field: 'languages', guessed: true, source: 'guessed' },
    ]);
    expect(report.rows.map((r) => [r.row, r.status, r.action])).toEqual([
      [2, 'valid', 'create'],
      [3, 'valid', 'create'],
      [4, 'valid', 'create'],
      [5, 'invalid', 'skip'],
      [6, 'valid', 'create'],
    ]);
    expect(report.rows[3]!.problems).toEqual(expect.arrayContaining([
      { field: 'email', column: 'E-Mail', message: 'Not a valid e-mail address' },
      { field: 'languages', column: 'Sprachen', message: 'Unknown language: xx' },
      { field: 'homeDistrict', column: 'Stadtteil', message: 'Unknown catalogue entry: Atlantis' },
      { field: 'basicCourseOn', column: 'Basisqualifizierung', message: 'Not a valid date' },
      { field: 'firstName', message: 'Required' },
    ]));
    expect(report.rows[3]!.problems).toHaveLength(5);
    expect(report.summary).toEqual({ total: 5, valid: 4, invalid: 1, duplicates: 0, created: 4, merged: 0, skipped: 1 });
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
    const text = JSON.stringify([audit, events]);
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
      { row: 2, status: 'duplicate', problems: [], duplicateOf: { volunteerId: amira.id, reason: 'email' }, action: 'skip' },
      { row: 3, status: 'duplicate', problems: [], duplicateOf: { volunteerId: mohammed.id, reason: 'name_birth_year' }, action: 'skip' },
      { row: 4, status: 'valid', problems: [], action: 'create' },
      { row: 5, status: 'duplicate', problems: [], duplicateOf: { row: 4, reason: 'name_birth_year' }, action: 'skip' },
      { row: 6, status: 'duplicate', problems: [], duplicateOf: { row: 4, reason: 'email' }, action: 'skip' },
    ]);
    expect(report.summary).toEqual({ total: 5, valid: 1, invalid: 0, duplicates: 4, created: 1, merged: 0, skipped: 4 });
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
    expect(report.rows[1]).toMatchObject({ row: 3, status: 'invalid', problems: [{ field: 'maxActiveAgreements', column: 'Max. Vereinbarungen', message: 'At most 50' }] });
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
      { header: 'KONTAKT', field: 'email', guessed: false, source: 'remembered' },
      { header: 'familienname', field: 'lastName', guessed: false, source: 'remembered' },
      { header: 'Rufname', field: 'firstName', guessed: false, source: 'remembered' },
      { header: 'Herkunft', field: null, guessed: false, source: 'remembered' },
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
    expect(hannover.rows[0]!.problems).toEqual([{ field: 'homeDistrict', column: 'Stadtteil', message: 'Unknown catalogue entry: Vegesack' }]);
    expect(hannover.rows[1]!.status).toBe('valid');
    const bremen = (await upload({ name: 'x.csv', content: csv }, { dryRun: 'true' }, bremer, 'en')).json() as Report;
    expect(bremen.rows[0]!.status).toBe('valid');
    expect(bremen.rows[1]!.problems).toEqual([{ field: 'homeDistrict', column: 'Stadtteil', message: 'Unknown catalogue entry: Mitte' }]);
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
