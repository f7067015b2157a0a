import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '../../../common/api/organizations.js';
import { ORGANIZATION_KINDS } from '../../../common/organizations.js';
import { createTestApp, PROBLEM, problemOf, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork, makeOrganization, makeUser, type TestNetwork } from '../../../../tests/factories.js';

const BASE = '/api/v1/organizations';

let t: TestApp;
let net: TestNetwork;
let other: TestNetwork;
let admin: string;
let otherAdmin: string;
let coordinator: string;

async function create(body: Record<string, unknown>, cookie = admin): Promise<Organization> {
  const res = await t.app.inject({ method: 'POST', url: BASE, headers: asBrowser(cookie), payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Organization;
}

async function list(query: string, cookie = admin) {
  const res = await t.app.inject({ method: 'GET', url: `${BASE}?${query}`, headers: asBrowser(cookie) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Organization[]; nextCursor: string | null };
}

/** Follows nextCursor until the end; answers every item in the order received and the page count. */
async function allPages(query: string, cookie = admin) {
  const items: Organization[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await list(`${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, cookie);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
    if (pages > 50) throw new Error('pagination does not end');
  } while (cursor);
  return { items, pages };
}

async function get(id: string, cookie = admin) {
  return t.app.inject({ method: 'GET', url: `${BASE}/${id}`, headers: asBrowser(cookie) });
}

beforeAll(async () => {
  t = await createTestApp();
  net = await makeNetwork(t.database, 'Netz Hannover');
  other = await makeNetwork(t.database, 'Netz Bremen');
  admin = await login(t.app, net.adminEmail);
  otherAdmin = await login(t.app, other.adminEmail);
  const coord = await makeUser(t.database, net, 'coordinator');
  coordinator = await login(t.app, coord.email);
});

afterAll(async () => {
  await t?.close();
});

describe('creating organisations', () => {
  it('creates one organisation of every kind in the glossary with 201', async () => {
    for (const kind of ORGANIZATION_KINDS) {
      const org = await create({
        kind,
        name: `Kind ${kind}`,
        shortName: kind.slice(0, 6),
        email: `${kind}@example.org`,
        phone: '+49 511 123456',
        address: 'Hauptstraße 1, 30159 Hannover',
        website: 'https://example.org/',
      });
      expect(org).toMatchObject({
        kind,
        name: `Kind ${kind}`,
        shortName: kind.slice(0, 6),
        email: `${kind}@example.org`,
        phone: '+49 511 123456',
        address: 'Hauptstraße 1, 30159 Hannover',
        website: 'https://example.org/',
        memberCount: 0,
        version: 1,
      });
      expect(org.id).toMatch(/^[0-9a-f-]{36}$/);
      const read = await get(org.id);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual(org);
    }
  });

  it('trims the name and stores absent optional fields as null', async () => {
    const org = await create({ kind: 'employer', name: '  Bäckerei Sonne  ' });
    expect(org).toMatchObject({ name: 'Bäckerei Sonne', shortName: null, email: null, phone: null, address: null, website: null });
  });

  it('refuses invalid input with 422 problem+json naming each field by path', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: BASE,
      headers: asBrowser(admin, 'en'),
      payload: { kind: 'bakery', name: '', email: 'not-an-address', colour: 'blue' },
    });
    expect(res.statusCode).toBe(422);
    const problem = problemOf(res);
    expect(problem).toMatchObject({ type: `${PROBLEM}validation`, status: 422, title: 'Invalid input' });
    const paths = problem.errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.kind', 'body.name', 'body.email', 'body.colour']));
    const byPath = Object.fromEntries(problem.errors!.map((e) => [e.path, e.message]));
    expect(byPath['body.kind']).toBe('Value not allowed');
    expect(byPath['body.name']).toBe('Required');
    expect(byPath['body.email']).toBe('Not a valid e-mail address');
    expect(byPath['body.colour']).toBe('Unknown field');
  });

  it('reports a missing name as required at body.name', async () => {
    const res = await t.app.inject({ method: 'POST', url: BASE, headers: asBrowser(admin, 'en'), payload: { kind: 'employer' } });
    expect(res.statusCode).toBe(422);
    expect(problemOf(res).errors).toContainEqual({ path: 'body.name', message: 'Required' });
  });

  it('localises validation messages by accept-language (en, ar, de)', async () => {
    const payload = { kind: 'employer', name: '' };
    const answers: Record<string, { title: string; message: string }> = {};
    for (const locale of ['en', 'ar', 'de']) {
      const res = await t.app.inject({ method: 'POST', url: BASE, headers: asBrowser(admin, locale), payload });
      expect(res.statusCode).toBe(422);
      const problem = problemOf(res);
      const error = problem.errors!.find((e) => e.path === 'body.name')!;
      answers[locale] = { title: problem.title, message: error.message };
    }
    expect(answers.en).toEqual({ title: 'Invalid input', message: 'Required' });
    expect(answers.de).toEqual({ title: 'Ungültige Eingabe', message: 'Pflichtfeld' });
    expect(answers.ar).toEqual({ title: 'إدخال غير صالح', message: 'حقل مطلوب' });
  });

  it('creates nothing when the input is invalid', async () => {
    const before = await allPages('limit=200');
    await t.app.inject({ method: 'POST', url: BASE, headers: asBrowser(admin), payload: { kind: 'employer', name: 'x'.repeat(201) } });
    const after = await allPages('limit=200');
    expect(after.items.length).toBe(before.items.length);
  });

  it('refuses a signed-in POST without origin with 403 origin-mismatch', async () => {
    const res = await t.app.inject({ method: 'POST', url: BASE, headers: { cookie: admin }, payload: { kind: 'employer', name: 'Ohne Origin' } });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).type).toBe(`${PROBLEM}origin-mismatch`);
  });
});

describe('listing organisations', () => {
  let names: string[];

  beforeAll(async () => {
    names = ['Alpha Arbeit', 'Beta Bildung', 'Gamma Gesundheit', 'Delta Diakonie', 'Epsilon 100% Ehrenamt'];
    await create({ kind: 'education_provider', name: names[0]!, shortName: 'AA' });
    await create({ kind: 'education_provider', name: names[1]!, shortName: 'BILD' });
    await create({ kind: 'counselling_office', name: names[2]! });
    await create({ kind: 'sub_project', name: names[3]! });
    await create({ kind: 'sub_project', name: names[4]! });
  });

  it('answers only organisations of the requested kind', async () => {
    const { items } = await allPages('kind=education_provider&limit=200');
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.every((o) => o.kind === 'education_provider')).toBe(true);
    expect(items.map((o) => o.name)).toEqual(expect.arrayContaining([names[0], names[1]]));
  });

  it('refuses an unknown kind with 422 at querystring.kind', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${BASE}?kind=bakery`, headers: asBrowser(admin, 'en') });
    expect(res.statusCode).toBe(422);
    expect(problemOf(res).errors).toContainEqual({ path: 'querystring.kind', message: 'Value not allowed' });
  });

  it('finds organisations by q in name or short name, ignoring case', async () => {
    expect((await list('q=gamma')).items.map((o) => o.name)).toEqual(['Gamma Gesundheit']);
    expect((await list('q=bild')).items.map((o) => o.name)).toEqual(['Beta Bildung']);
    expect((await list('q=nothing-like-this')).items).toEqual([]);
  });

  it('treats % and _ in q literally', async () => {
    expect((await list(`q=${encodeURIComponent('100%')}`)).items.map((o) => o.name)).toEqual(['Epsilon 100% Ehrenamt']);
    expect((await list(`q=${encodeURIComponent('%')}`)).items.map((o) => o.name)).toEqual(['Epsilon 100% Ehrenamt']);
    expect((await list('q=a_p')).items).toEqual([]); // as a wildcard it would match “Alpha”
  });

  it('sorts by name ascending by default and descending with sort=-name', async () => {
    const asc = (await allPages('limit=200')).items.map((o) => o.name);
    const desc = (await allPages('limit=200&sort=-name')).items.map((o) => o.name);
    // The database's collation decides the finer points; these plain names order the same in all.
    const plain = ['Alpha Arbeit', 'Beta Bildung', 'Delta Diakonie', 'Epsilon 100% Ehrenamt', 'Gamma Gesundheit'];
    expect(asc.filter((n) => plain.includes(n))).toEqual(plain);
    expect(desc).toEqual([...asc].reverse());
  });

  for (const sort of ['name', '-name', 'createdAt', '-createdAt']) {
    it(`pages with limit=2 and sort=${sort}: every organisation exactly once, nextCursor null at the end`, async () => {
      const whole = (await list(`limit=200&sort=${sort}`)).items.map((o) => o.id);
      expect(whole.length).toBeGreaterThan(4);
      const { items, pages } = await allPages(`limit=2&sort=${sort}`);
      const ids = items.map((o) => o.id);
      expect(ids).toEqual(whole);
      expect(new Set(ids).size).toBe(ids.length);
      expect(pages).toBe(Math.ceil(whole.length / 2));
    });
  }

  it('answers nextCursor null when everything fits on one page', async () => {
    const page = await list('limit=200');
    expect(page.nextCursor).toBeNull();
  });

  it('refuses an unreadable cursor with 422 problem at querystring.cursor', async () => {
    for (const cursor of ['not-a-cursor', Buffer.from('{"v":"x","id":"nope"}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')]) {
      const res = await t.app.inject({ method: 'GET', url: `${BASE}?cursor=${cursor}`, headers: asBrowser(admin, 'en') });
      expect(res.statusCode).toBe(422);
      const problem = problemOf(res);
      expect(problem.type).toBe(`${PROBLEM}validation`);
      expect(problem.errors).toEqual([{ path: 'querystring.cursor', message: 'Invalid page cursor' }]);
    }
  });

  it('refuses limit out of range with 422', async () => {
    for (const limit of ['0', '201', 'many']) {
      const res = await t.app.inject({ method: 'GET', url: `${BASE}?limit=${limit}`, headers: asBrowser(admin) });
      expect(res.statusCode).toBe(422);
      expect(problemOf(res).errors!.map((e) => e.path)).toContain('querystring.limit');
    }
  });

  it('never lists another network’s organisations', async () => {
    const theirs = await makeOrganization(t.database, other, 'Alpha Arbeit Bremen');
    const ours = (await allPages('limit=200')).items.map((o) => o.id);
    expect(ours).not.toContain(theirs.id);
    expect(ours).not.toContain(other.officeId);
    const searched = (await list('q=Bremen')).items;
    expect(searched).toEqual([]);
  });

  it('counts members per organisation', async () => {
    const office = (await get(net.officeId)).json() as Organization;
    expect(office.memberCount).toBe(2); // admin and coordinator
  });
});

describe('reading, changing and deleting', () => {
  it('answers 404 not-found problem for an unknown id', async () => {
    const res = await get(randomUUID());
    expect(res.statusCode).toBe(404);
    expect(problemOf(res)).toMatchObject({ type: `${PROBLEM}not-found`, status: 404, code: 'ORGANIZATION_NOT_FOUND' });
  });

  it('refuses an id that is not a UUID with 422 at params.id', async () => {
    const res = await get('12345');
    expect(res.statusCode).toBe(422);
    expect(problemOf(res).errors!.map((e) => e.path)).toEqual(['params.id']);
  });

  it('changes the fields sent, bumps the version and keeps the others', async () => {
    const org = await create({ kind: 'employer', name: 'Tischlerei Holz', shortName: 'TH', phone: '0511 1' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `${BASE}/${org.id}`,
      headers: asBrowser(admin),
      payload: { name: 'Tischlerei Holz & Söhne', phone: null, version: org.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    const changed = res.json() as Organization;
    expect(changed).toMatchObject({ id: org.id, kind: 'employer', name: 'Tischlerei Holz & Söhne', shortName: 'TH', phone: null, version: 2 });
    expect(new Date(changed.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(org.updatedAt).getTime());
    expect((await get(org.id)).json()).toEqual(changed);
  });

  it('refuses a stale version with 409 conflict problem and changes nothing', async () => {
    const org = await create({ kind: 'employer', name: 'Malerbetrieb Farbe' });
    const first = await t.app.inject({ method: 'PATCH', url: `${BASE}/${org.id}`, headers: asBrowser(admin), payload: { name: 'Malerbetrieb Farbe GmbH', version: 1 } });
    expect(first.statusCode).toBe(200);
    const res = await t.app.inject({ method: 'PATCH', url: `${BASE}/${org.id}`, headers: asBrowser(admin, 'en'), payload: { name: 'Overwritten', version: 1 } });
    expect(res.statusCode).toBe(409);
    expect(problemOf(res)).toMatchObject({ type: `${PROBLEM}conflict`, status: 409, code: 'ORGANIZATION_VERSION_CONFLICT' });
    const now = (await get(org.id)).json() as Organization;
    expect(now).toMatchObject({ name: 'Malerbetrieb Farbe GmbH', version: 2 });
  });

  it('refuses a PATCH without version with 422 at body.version', async () => {
    const org = await create({ kind: 'employer', name: 'Ohne Version' });
    const res = await t.app.inject({ method: 'PATCH', url: `${BASE}/${org.id}`, headers: asBrowser(admin), payload: { name: 'Neu' } });
    expect(res.statusCode).toBe(422);
    expect(problemOf(res).errors!.map((e) => e.path)).toContain('body.version');
    expect(((await get(org.id)).json() as Organization).name).toBe('Ohne Version');
  });

  it('answers 404 for a PATCH of an unknown id', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: `${BASE}/${randomUUID()}`, headers: asBrowser(admin), payload: { name: 'x', version: 1 } });
    expect(res.statusCode).toBe(404);
    expect(problemOf(res).type).toBe(`${PROBLEM}not-found`);
  });

  it('deletes an organisation without members with 204; afterwards it is 404', async () => {
    const org = await create({ kind: 'partner_institution', name: 'Kurzlebig e. V.' });
    const res = await t.app.inject({ method: 'DELETE', url: `${BASE}/${org.id}`, headers: asBrowser(admin) });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect((await get(org.id)).statusCode).toBe(404);
    const again = await t.app.inject({ method: 'DELETE', url: `${BASE}/${org.id}`, headers: asBrowser(admin) });
    expect(again.statusCode).toBe(404);
  });

  it('refuses to delete an organisation that has members with 409 organization-in-use and keeps it', async () => {
    const org = await makeOrganization(t.database, net, 'Verein mit Mitgliedern');
    await makeUser(t.database, net, 'volunteer', org.id);
    const res = await t.app.inject({ method: 'DELETE', url: `${BASE}/${org.id}`, headers: asBrowser(admin, 'en') });
    expect(res.statusCode).toBe(409);
    expect(problemOf(res)).toMatchObject({ type: `${PROBLEM}organization-in-use`, status: 409, code: 'ORGANIZATION_IN_USE', title: 'Organisation in use' });
    const still = await get(org.id);
    expect(still.statusCode).toBe(200);
    expect((still.json() as Organization).memberCount).toBe(1);
  });

  it('refuses to delete an organisation with a pending invitation with 409 organization-in-use', async () => {
    const org = await create({ kind: 'partner_institution', name: 'Eingeladen e. V.' });
    const invited = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: asBrowser(admin),
      payload: { email: `inv-${randomUUID().slice(0, 8)}@example.org`, organizationId: org.id, role: 'partner' },
    });
    expect(invited.statusCode).toBe(201);
    const res = await t.app.inject({ method: 'DELETE', url: `${BASE}/${org.id}`, headers: asBrowser(admin) });
    expect(res.statusCode).toBe(409);
    expect(problemOf(res).type).toBe(`${PROBLEM}organization-in-use`);
    expect((await get(org.id)).statusCode).toBe(200);
  });
});

describe('who may do what', () => {
  it('lets a coordinator list and read organisations', async () => {
    expect((await list('limit=5', coordinator)).items.length).toBeGreaterThan(0);
    expect((await get(net.officeId, coordinator)).statusCode).toBe(200);
  });

  it('refuses a coordinator’s create, change and delete with 403 forbidden and changes nothing', async () => {
    const post = await t.app.inject({ method: 'POST', url: BASE, headers: asBrowser(coordinator), payload: { kind: 'employer', name: 'Nicht erlaubt' } });
    expect(post.statusCode).toBe(403);
    expect(problemOf(post)).toMatchObject({ type: `${PROBLEM}forbidden`, status: 403 });
    const patch = await t.app.inject({ method: 'PATCH', url: `${BASE}/${net.officeId}`, headers: asBrowser(coordinator), payload: { name: 'Umbenannt', version: 1 } });
    expect(patch.statusCode).toBe(403);
    const del = await t.app.inject({ method: 'DELETE', url: `${BASE}/${net.officeId}`, headers: asBrowser(coordinator) });
    expect(del.statusCode).toBe(403);
    expect((await list('q=Nicht%20erlaubt')).items).toEqual([]);
    expect(((await get(net.officeId)).json() as Organization).name).toBe('Koordinierungsstelle Netz Hannover');
  });

  it('answers 401 unauthenticated problem without a session, in the asked language', async () => {
    const res = await t.app.inject({ method: 'GET', url: BASE, headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(401);
    expect(problemOf(res)).toMatchObject({ type: `${PROBLEM}unauthenticated`, status: 401, title: 'Not signed in' });
    const one = await t.app.inject({ method: 'GET', url: `${BASE}/${net.officeId}` });
    expect(one.statusCode).toBe(401);
    const post = await t.app.inject({ method: 'POST', url: BASE, headers: { origin: 'http://localhost:3000' }, payload: { kind: 'employer', name: 'Anonym' } });
    expect(post.statusCode).toBe(401);
  });

  it('answers 401 for an unknown session cookie', async () => {
    const res = await t.app.inject({ method: 'GET', url: BASE, headers: { cookie: `lotse_session=${net.networkId}.${'A'.repeat(43)}` } });
    expect(res.statusCode).toBe(401);
    expect(problemOf(res).type).toBe(`${PROBLEM}unauthenticated`);
  });
});

describe('another network', () => {
  let ours: Organization;

  beforeAll(async () => {
    ours = await create({ kind: 'counselling_office', name: 'Nur für Hannover' });
  });

  it('cannot read it: 404 exactly like a non-existent id', async () => {
    const foreign = await get(ours.id, otherAdmin);
    const missing = await get(randomUUID(), otherAdmin);
    expect(foreign.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(foreign.headers['content-type']).toBe(missing.headers['content-type']);
    expect(foreign.json()).toEqual(missing.json());
  });

  it('cannot change it: 404 exactly like a non-existent id, and nothing changes', async () => {
    const payload = { name: 'Übernommen', version: ours.version };
    const foreign = await t.app.inject({ method: 'PATCH', url: `${BASE}/${ours.id}`, headers: asBrowser(otherAdmin), payload });
    const missing = await t.app.inject({ method: 'PATCH', url: `${BASE}/${randomUUID()}`, headers: asBrowser(otherAdmin), payload });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.headers['content-type']).toBe(missing.headers['content-type']);
    expect(foreign.json()).toEqual(missing.json());
    // a stale version does not reveal existence either
    const stale = await t.app.inject({ method: 'PATCH', url: `${BASE}/${ours.id}`, headers: asBrowser(otherAdmin), payload: { name: 'x', version: 99 } });
    expect(stale.statusCode).toBe(404);
    expect(stale.json()).toEqual(missing.json());
    expect((await get(ours.id)).json()).toEqual(ours);
  });

  it('cannot delete it: 404 exactly like a non-existent id, and it stays', async () => {
    const foreign = await t.app.inject({ method: 'DELETE', url: `${BASE}/${ours.id}`, headers: asBrowser(otherAdmin) });
    const missing = await t.app.inject({ method: 'DELETE', url: `${BASE}/${randomUUID()}`, headers: asBrowser(otherAdmin) });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.headers['content-type']).toBe(missing.headers['content-type']);
    expect(foreign.json()).toEqual(missing.json());
    expect((await get(ours.id)).statusCode).toBe(200);
  });

  it('cannot delete an organisation in use either: 404, not 409', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: `${BASE}/${net.officeId}`, headers: asBrowser(otherAdmin) });
    expect(res.statusCode).toBe(404);
  });
});
