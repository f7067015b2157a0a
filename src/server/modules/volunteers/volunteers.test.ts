import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeCatalog, makeNetwork, makeUser, type TestNetwork } from '../../../../tests/factories.js';
import { mailsTo } from '../../../../tests/mailbox.js';
import { withTenant } from '../../db/tenancy.js';
import { systemActor } from '../audit/actor.js';
import { addQualification, linkVolunteerAccount } from './volunteers.service.js';

let t: TestApp;
let network: TestNetwork;
let coordinator: string;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  network = await makeNetwork(t.database, 'Integrationsnetz Hannover');
  await makeCatalog(t.database, network);
  admin = await login(t.app, network.adminEmail);
  coordinator = await login(t.app, (await makeUser(t.database, network, 'coordinator')).email);
});
afterAll(() => t.close());

const amira = {
  firstName: 'Amira',
  lastName: 'Haddad',
  email: 'Amira.Haddad@example.org',
  phone: '0511 123456',
  city: 'Hannover',
  birthYear: 1988,
  gender: 'female',
  contactLanguage: 'ar',
  languages: [
    { code: 'ar', level: 'native' },
    { code: 'de', level: 'C1' },
    { code: 'en', level: 'B1' },
  ],
  origins: ['SY'],
  originConsent: { givenOn: '2026-03-01', textVersion: 'herkunft-v1' },
  trade: 'tailor',
  professionalPosition: 'journeyman',
  specializations: ['elternlotse'],
  topics: ['behoerden', 'schule'],
  competenceLimits: ['rechtsberatung'],
  interests: ['schule'],
  homeDistrict: 'linden-nord',
  districts: ['linden-limmer', 'mitte'],
  availability: [
    { weekday: 2, from: '14:00', to: '18:00' },
    { weekday: 4, from: '09:00', to: '12:00' },
  ],
  absences: [{ from: '2026-12-20', to: '2027-01-06', note: 'Urlaub' }],
  maxActiveAgreements: 2,
  maxHoursPerMonth: 12,
  status: 'active',
  statusReason: 'Übernommen aus der Excel-Liste',
  onboarding: { confidentialitySignedOn: '2025-02-01', dataProtectionConsentOn: '2025-02-01', policeCertificateOn: '2024-01-15' },
  lastSupervisionOn: '2026-10-01',
  qualifications: [{ type: 'basic', completedOn: '2025-06-30', provider: 'vhs Hannover' }],
  notes: 'Sehr zuverlässig.',
};

async function create(payload: object, cookie = coordinator, locale = 'de') {
  return t.app.inject({ method: 'POST', url: '/api/v1/volunteers', headers: asBrowser(cookie, locale), payload });
}
async function list(query: string, cookie = coordinator) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/volunteers?${query}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: string; lastName: string }[]; nextCursor: string | null };
}

let amiraId: string;
let others: Record<string, string> = {};

describe('the competence profile', () => {
  it('creates a volunteer moved from elsewhere with every field, status and earlier qualifications', async () => {
    const res = await create(amira);
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json();
    amiraId = v.id;
    expect(v).toMatchObject({
      firstName: 'Amira',
      email: 'amira.haddad@example.org',
      languages: [
        { code: 'ar', level: 'native' },
        { code: 'de', level: 'C1' },
        { code: 'en', level: 'B1' },
      ],
      origins: ['SY'],
      originConsent: { givenOn: '2026-03-01', textVersion: 'herkunft-v1' },
      specializations: ['elternlotse'],
      competenceLimits: ['rechtsberatung'],
      homeDistrict: 'linden-nord',
      status: 'active',
      deployable: true,
      notes: 'Sehr zuverlässig.',
      version: 1,
    });
    expect(v.onboarding.policeCertificateValid).toBe(true);
    expect(v.statusHistory).toEqual([expect.objectContaining({ status: 'active', reason: 'Übernommen aus der Excel-Liste', byName: 'Test coordinator' })]);
  });

  it('reads the full record back, and audits the read without any profile values', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${amiraId}`, headers: { cookie: coordinator } });
    expect(res.statusCode).toBe(200);
    expect(res.json().availability).toEqual([
      { weekday: 2, from: '14:00', to: '18:00' },
      { weekday: 4, from: '09:00', to: '12:00' },
    ]);
    const audit = (await t.app.inject({ method: 'GET', url: `/api/v1/audit-events?entity=volunteer&entityId=${amiraId}`, headers: { cookie: admin } })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['read', 'create']);
    // The log names the record it is about (resolved from the live record when listed); what the
    // events themselves hold is field names, never values.
    expect(audit.items.map((e: { entityName: string | null }) => e.entityName)).toEqual(['Amira Haddad', 'Amira Haddad']);
    const text = JSON.stringify(audit.items.map(({ entityName: _name, ...event }: { entityName: string | null }) => event));
    for (const secret of ['SY', 'Sehr zuverlässig', 'Haddad', 'herkunft-v1']) expect(text).not.toContain(secret);
    expect(audit.items[1].fields).toEqual(expect.arrayContaining(['origins', 'notes', 'languages']));
  });

  it('shows origins only to coordinators: a network admin sees neither origins nor consent', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${amiraId}`, headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).not.toHaveProperty('origins');
    expect(res.json()).not.toHaveProperty('originConsent');
    const write = await t.app.inject({ method: 'PATCH', url: `/api/v1/volunteers/${amiraId}`, headers: asBrowser(admin), payload: { origins: ['IQ'], version: 1 } });
    expect(write.statusCode).toBe(403);
  });

  it('refuses origins without consent on record', async () => {
    const res = await create({ firstName: 'Omid', lastName: 'Rahimi', origins: ['AF'] }, coordinator, 'en');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: 'body.origins', message: 'Origin only with recorded consent' }]);
    expect((await list('q=Rahimi')).items).toEqual([]);
  });

  it('erases the origins when consent is withdrawn, keeping the consent record as withdrawn', async () => {
    const current = (await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${amiraId}`, headers: { cookie: coordinator } })).json();
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/volunteers/${amiraId}`, headers: asBrowser(coordinator), payload: { originConsent: null, version: current.version } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ origins: [], originConsent: null });
    const again = await t.app.inject({ method: 'PATCH', url: `/api/v1/volunteers/${amiraId}`, headers: asBrowser(coordinator), payload: { origins: ['SY'], version: res.json().version } });
    expect(again.statusCode).toBe(422);
  });

  it('names unknown catalogue keys, bad codes and impossible times field by field', async () => {
    const res = await create(
      {
        firstName: 'X',
        lastName: 'Y',
        specializations: ['zauberlotse'],
        homeDistrict: 'atlantis',
        languages: [{ code: 'Deutsch', level: 'B2' }],
        availability: [{ weekday: 8, from: '18:00', to: '09:00' }],
      },
      coordinator,
      'en',
    );
    expect(res.statusCode).toBe(422);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.languages.0.code', 'body.availability.0.weekday', 'body.availability.0.to']));
    const refs = await create({ firstName: 'X', lastName: 'Y', specializations: ['zauberlotse'], homeDistrict: 'atlantis' }, coordinator, 'en');
    expect(refs.statusCode).toBe(422);
    expect(refs.json().errors).toEqual(
      expect.arrayContaining([
        { path: 'body.specializations.0', message: 'Unknown catalogue entry: zauberlotse' },
        { path: 'body.homeDistrict', message: 'Unknown catalogue entry: atlantis' },
      ]),
    );
  });

  it('records status changes with reason and who, and refuses a stale version with 409', async () => {
    const current = (await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${amiraId}`, headers: { cookie: coordinator } })).json();
    const paused = await t.app.inject({ method: 'PATCH', url: `/api/v1/volunteers/${amiraId}`, headers: asBrowser(coordinator), payload: { status: 'paused', statusReason: 'Elternzeit', version: current.version } });
    expect(paused.statusCode).toBe(200);
    expect(paused.json().statusHistory.map((h: { status: string }) => h.status)).toEqual(['active', 'paused']);
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/v1/volunteers/${amiraId}`, headers: asBrowser(coordinator), payload: { status: 'active', version: current.version } });
    expect(stale.statusCode).toBe(409);
    const back = await t.app.inject({ method: 'PATCH', url: `/api/v1/volunteers/${amiraId}`, headers: asBrowser(coordinator), payload: { status: 'active', version: paused.json().version } });
    expect(back.json().status).toBe('active');
  });

  it('keeps a course qualification when the list is saved unchanged, so the completion is not recorded twice', async () => {
    const sourceId = '01900000-0000-7000-8000-0000000000aa';
    const earned = { type: 'sustainability' as const, completedOn: '2026-09-19', provider: 'Koordinierungsstelle', specializationKey: null };
    await withTenant(t.database.db, network.networkId, (tx) => addQualification(tx, systemActor(network.networkId), amiraId, { ...earned, sourceId }));
    const before = (await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${amiraId}`, headers: { cookie: coordinator } })).json();
    // The form sends the whole list back, with one earlier qualification added by hand.
    const added = { type: 'advanced', completedOn: '2024-05-01', provider: 'DRK' };
    const saved = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/volunteers/${amiraId}`,
      headers: asBrowser(coordinator),
      payload: { qualifications: [...before.qualifications.map(({ type, completedOn, provider, specializationKey }: Record<string, unknown>) => ({ type, completedOn, provider, specializationKey })), added], version: before.version },
    });
    expect(saved.statusCode).toBe(200);
    await withTenant(t.database.db, network.networkId, (tx) => addQualification(tx, systemActor(network.networkId), amiraId, { ...earned, sourceId }));
    const after = (await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${amiraId}`, headers: { cookie: coordinator } })).json();
    expect(after.qualifications.filter((q: { type: string }) => q.type === 'sustainability')).toHaveLength(1);
    expect(after.qualifications).toHaveLength(before.qualifications.length + 1);
  });
});

describe('the pool list', () => {
  beforeAll(async () => {
    const make = async (payload: object) => {
      const res = await create(payload);
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    others = {
      jonas: await make({ firstName: 'Jonas', lastName: 'Becker', languages: [{ code: 'de', level: 'native' }, { code: 'ar', level: 'A2' }], homeDistrict: 'mitte', topics: ['behoerden'], status: 'active', qualifications: [{ type: 'basic', completedOn: '2024-01-01' }], availability: [{ weekday: 2, from: '08:00', to: '12:00' }] }),
      olena: await make({ firstName: 'Olena', lastName: 'Kovalenko', languages: [{ code: 'uk', level: 'native' }, { code: 'ru', level: 'C2' }, { code: 'de', level: 'B1' }], districts: ['linden-nord'], specializations: ['sportlotse'], status: 'in_training', tradeFreeText: 'Begleitung von Familien' }),
      karim: await make({ firstName: 'Karim', lastName: 'Nasser', languages: [{ code: 'ar', level: 'C1' }], status: 'active', maxActiveAgreements: 0, qualifications: [{ type: 'basic', completedOn: '2023-05-05' }] }),
      lea: await make({ firstName: 'Lea', lastName: 'Schulz', status: 'interested', email: 'lea.schulz@example.org' }),
    };
  });

  const lastNames = (r: { items: { lastName: string }[] }) => r.items.map((v) => v.lastName);

  it('filters by language with a minimum level', async () => {
    expect(lastNames(await list('language=ar'))).toEqual(['Becker', 'Haddad', 'Nasser']);
    expect(lastNames(await list('language=ar&minLevel=C1'))).toEqual(['Haddad', 'Nasser']);
    expect(lastNames(await list('language=de&minLevel=B2'))).toEqual(['Becker', 'Haddad']);
  });

  it('filters by district, a district including its quarters', async () => {
    expect(lastNames(await list('district=linden-nord'))).toEqual(['Haddad', 'Kovalenko']);
    expect(lastNames(await list('district=linden-limmer'))).toEqual(['Haddad', 'Kovalenko']);
    expect(lastNames(await list('district=mitte'))).toEqual(['Becker', 'Haddad']);
  });

  it('filters by specialisation, topic and status', async () => {
    expect(lastNames(await list('specialization=sportlotse'))).toEqual(['Kovalenko']);
    expect(lastNames(await list('topic=behoerden'))).toEqual(['Becker', 'Haddad']);
    expect(lastNames(await list('status=active'))).toEqual(['Becker', 'Haddad', 'Nasser']);
  });

  it('filters by weekday and by a time window within the volunteer’s slot', async () => {
    expect(lastNames(await list('weekday=2'))).toEqual(['Becker', 'Haddad']);
    expect(lastNames(await list('weekday=2&from=15:00&to=17:00'))).toEqual(['Haddad']);
    expect(lastNames(await list('weekday=2&from=09:00&to=11:00'))).toEqual(['Becker']);
    expect(lastNames(await list('weekday=5'))).toEqual([]);
  });

  it('filters by free capacity: active, basic course, capacity set', async () => {
    expect(lastNames(await list('hasCapacity=true'))).toEqual(['Becker', 'Haddad']);
    expect(lastNames(await list('hasCapacity=false'))).toEqual(['Kovalenko', 'Nasser', 'Schulz']);
  });

  it('searches full text with German stemming and prefixes, and by e-mail', async () => {
    expect(lastNames(await list('q=familie'))).toEqual(['Kovalenko']);
    expect(lastNames(await list('q=Kova'))).toEqual(['Kovalenko']);
    expect(lastNames(await list('q=lea.schulz@example'))).toEqual(['Schulz']);
    expect(lastNames(await list('q=%27%3B%20drop'))).toEqual([]);
  });

  it('sorts and pages through the pool without losing anyone', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { lastName: string }[]; nextCursor: string | null } = await list(`limit=2&sort=-lastName${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...lastNames(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Schulz', 'Nasser', 'Kovalenko', 'Haddad', 'Becker']);
  });

  it('exports the filtered list as CSV with a BOM, and as XLSX that reads back', async () => {
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/volunteers/export?format=csv&language=ar', headers: { cookie: coordinator, 'accept-language': 'de' } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body.replace(/^\ufeff/, '').trim().split('\n');
    expect(lines[0]).toContain('Nachname;Vorname');
    expect(lines[0]).toContain('Herkunft');
    expect(lines).toHaveLength(4);
    expect(csv.body).toContain('ar:native; de:C1; en:B1');
    // Words people read (and the import reads back), not internal keys.
    const amiraLine = lines.find((l) => l.startsWith('Haddad;'))!;
    expect(amiraLine).toContain(';Aktiv;');
    expect(amiraLine).toContain('Linden-Nord');
    expect(amiraLine).toContain('Linden-Limmer; Mitte');
    expect(amiraLine).toContain('Elternlotse');
    expect(amiraLine).toContain('Behörden; Schule und Eltern');
    expect(amiraLine).toContain('Maßschneider*in');
    expect(amiraLine).toMatch(/;ja;/);
    expect(amiraLine).not.toMatch(/linden-limmer|elternlotse|;active;|tailor/);

    const xlsx = await t.app.inject({ method: 'GET', url: '/api/v1/volunteers/export?format=xlsx&status=active', headers: { cookie: admin, 'accept-language': 'en' } });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 2)).toEqual(['Last name', 'First name']);
    expect(header).not.toContain('Origin');
    expect(sheet.rowCount).toBe(4);
    const audit = (await t.app.inject({ method: 'GET', url: '/api/v1/audit-events?action=export', headers: { cookie: admin } })).json();
    expect(audit.items.length).toBe(2);
  });

  it('keeps the pool from partners, viewers and volunteers', async () => {
    for (const role of ['partner', 'viewer', 'volunteer', 'counsellor'] as const) {
      const cookie = await login(t.app, (await makeUser(t.database, network, role)).email);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/volunteers', headers: { cookie } })).statusCode, role).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${amiraId}`, headers: { cookie } })).statusCode, role).toBe(403);
    }
  });
});

describe('the volunteer portal', () => {
  it('lets a volunteer read and change what is theirs, but not coordinator fields', async () => {
    const account = await makeUser(t.database, network, 'volunteer');
    await withTenant(t.database.db, network.networkId, (tx) => linkVolunteerAccount(tx, network.networkId, others.jonas!, account.id));
    const cookie = await login(t.app, account.email);
    const own = await t.app.inject({ method: 'GET', url: '/api/v1/me/volunteer', headers: { cookie } });
    expect(own.statusCode).toBe(200);
    expect(own.json().lastName).toBe('Becker');
    expect(own.json()).not.toHaveProperty('notes');
    const changed = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/volunteer',
      headers: asBrowser(cookie),
      payload: { phone: '0170 555', languages: [{ code: 'de', level: 'native' }, { code: 'tr', level: 'B1' }], absences: [{ from: '2027-02-01', to: '2027-02-14' }], interests: ['schule'], version: own.json().version },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ phone: '0170 555', interests: ['schule'], absences: [{ from: '2027-02-01', to: '2027-02-14', note: null }] });
    const forbidden = await t.app.inject({ method: 'PATCH', url: '/api/v1/me/volunteer', headers: asBrowser(cookie, 'en'), payload: { status: 'active', notes: 'x', version: changed.json().version } });
    expect(forbidden.statusCode).toBe(422);
    expect(forbidden.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.notes', 'body.status']);
  });

  it('invites a volunteer to the portal: accepting links the new account to the profile', async () => {
    const invite = await t.app.inject({ method: 'POST', url: `/api/v1/volunteers/${others.olena}/portal-invitation`, headers: asBrowser(coordinator), payload: {} });
    expect(invite.statusCode).toBe(422);
    expect(invite.json().errors[0].path).toBe('email');
    const current = (await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${others.olena}`, headers: { cookie: coordinator } })).json();
    await t.app.inject({ method: 'PATCH', url: `/api/v1/volunteers/${others.olena}`, headers: asBrowser(coordinator), payload: { email: 'olena@example.org', version: current.version } });
    const first = await t.app.inject({ method: 'POST', url: `/api/v1/volunteers/${others.olena}/portal-invitation`, headers: asBrowser(coordinator), payload: {} });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ email: 'olena@example.org', role: 'volunteer', organizationId: network.officeId, status: 'pending' });
    const second = await t.app.inject({ method: 'POST', url: `/api/v1/volunteers/${others.olena}/portal-invitation`, headers: asBrowser(coordinator), payload: {} });
    expect(second.statusCode).toBe(201);
    const invitations = (await t.app.inject({ method: 'GET', url: '/api/v1/invitations', headers: { cookie: admin } })).json().items;
    expect(invitations.find((i: { id: string }) => i.id === first.json().id).status).toBe('revoked');

    await t.app.mail.deliverDue();
    // Newest first: the second invitation's mail; the first one's link was revoked.
    const mails = await mailsTo(t.database, 'olena@example.org');
    expect(mails).toHaveLength(2);
    const token = decodeURIComponent(/invitation\?token=(\S+)/.exec(mails[0]!.text)![1]!);
    const accepted = await t.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', headers: { origin: 'http://localhost:3000' }, payload: { token, name: 'Olena Kovalenko', password: 'olena passphrase 1' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const cookie = `lotse_session=${accepted.cookies.find((c) => c.name === 'lotse_session')!.value}`;
    const own = await t.app.inject({ method: 'GET', url: '/api/v1/me/volunteer', headers: { cookie } });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: others.olena, lastName: 'Kovalenko' });
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/volunteers/${others.olena}/portal-invitation`, headers: asBrowser(coordinator), payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('https://lotse.dev/problems/portal-account-exists');
  });

  it('answers 404 when the account has no volunteer profile', async () => {
    const cookie = await login(t.app, (await makeUser(t.database, network, 'volunteer')).email);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/volunteer', headers: { cookie } })).statusCode).toBe(404);
  });
});

describe('another network', () => {
  it('cannot read, change or export this network’s volunteers, nor use its catalogue keys', async () => {
    const other = await makeNetwork(t.database);
    const cookie = await login(t.app, (await makeUser(t.database, other, 'coordinator')).email);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${amiraId}`, headers: { cookie } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/volunteers/${amiraId}`, headers: asBrowser(cookie), payload: { firstName: 'X', version: 1 } })).statusCode).toBe(404);
    expect((await list('', cookie)).items).toEqual([]);
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/volunteers/export?format=csv', headers: { cookie } });
    expect(csv.body.trim().split('\n')).toHaveLength(1);
    const refs = await t.app.inject({ method: 'POST', url: '/api/v1/volunteers', headers: asBrowser(cookie), payload: { firstName: 'A', lastName: 'B', specializations: ['sportlotse'] } });
    expect(refs.statusCode).toBe(422);
  });
});
