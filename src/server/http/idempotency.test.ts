import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_CONSENT_VERSION } from '../../common/api/public.js';
import { queryRows } from '../db/client.js';
import { withMaintenance, withTenant } from '../db/tenancy.js';
import { claimKey, fingerprintOf } from '../modules/idempotency/idempotency.service.js';
import { createTestApp, PROBLEM, problemOf, type TestApp } from '../../../tests/harness.js';
import { asBrowser, login, makeCatalog, makeNetwork, makeUser, type TestNetwork } from '../../../tests/factories.js';
import { idempotencyPlugin } from './idempotency.js';


let t: TestApp;
let net: TestNetwork;
let slug: string;
let coordinator: { id: string; email: string };
let cookie: string;
let colleague: string;
let admin: string;

beforeAll(async () => {
  // As behind a reverse proxy, so the public form's throttle counts per X-Forwarded-For.
  t = await createTestApp({ TRUST_PROXY: 'true' });
  net = await makeNetwork(t.database);
  await makeCatalog(t.database, net);
  coordinator = await makeUser(t.database, net, 'coordinator');
  cookie = await login(t.app, coordinator.email);
  colleague = await login(t.app, (await makeUser(t.database, net, 'coordinator')).email);
  admin = await login(t.app, net.adminEmail);
  slug = (await t.app.inject({ method: 'GET', url: '/api/v1/network', headers: { cookie: admin } })).json().slug;
});
afterAll(() => t.close());

const createVolunteer = (payload: object, key: string | undefined, who = cookie, locale = 'de') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/volunteers',
    headers: { ...asBrowser(who, locale), ...(key === undefined ? {} : { 'idempotency-key': key }) },
    payload,
  });

async function volunteersNamed(lastName: string): Promise<number> {
  const rows = await withTenant(t.database.db, net.networkId, (tx) =>
    queryRows<{ n: number }>(tx, sql`select count(*)::int as n from volunteers where last_name = ${lastName}`),
  );
  return rows[0]!.n;
}

const unique = () => `Name-${randomUUID().slice(0, 8)}`;

describe('Idempotency-Key on create operations', () => {
  it('answers a repeat with the first result, marked as replayed, and creates nothing', async () => {
    const lastName = unique();
    const key = randomUUID();
    const first = await createVolunteer({ firstName: 'Amal', lastName }, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await createVolunteer({ firstName: 'Amal', lastName }, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toMatch(/^application\/json/);
    expect(again.json()).toEqual(first.json());
    expect(await volunteersNamed(lastName)).toBe(1);
  });

  it('creates exactly one record when several requests with the same key arrive at the same moment', async () => {
    const lastName = unique();
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 4 }, () => createVolunteer({ firstName: 'Samir', lastName }, key)));
    for (const res of answers) expect(res.statusCode, res.body).toBe(201);
    expect(new Set(answers.map((res) => res.json().id)).size).toBe(1);
    expect(answers.filter((res) => res.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    expect(await volunteersNamed(lastName)).toBe(1);
  });

  it('still creates twice without a key (the header is optional)', async () => {
    const lastName = unique();
    await Promise.all([createVolunteer({ firstName: 'Ida', lastName }, undefined), createVolunteer({ firstName: 'Ida', lastName }, undefined)]);
    expect(await volunteersNamed(lastName)).toBe(2);
  });

  it('refuses the same key with a different body with 422 idempotency-key-reused and creates nothing', async () => {
    const key = randomUUID();
    const lastName = unique();
    expect((await createVolunteer({ firstName: 'Lea', lastName }, key)).statusCode).toBe(201);
    const other = unique();
    const res = await createVolunteer({ firstName: 'Lea', lastName: other }, key, cookie, 'en');
    expect(res.statusCode).toBe(422);
    const problem = problemOf(res);
    expect(problem.type).toBe(`${PROBLEM}idempotency-key-reused`);
    expect(problem.title).toBe('Key already used');
    expect(await volunteersNamed(other)).toBe(0);
    // Field order is not a difference.
    const same = await createVolunteer({ lastName, firstName: 'Lea' }, key);
    expect(same.headers['idempotent-replayed']).toBe('true');
  });

  it('treats the same key on another operation as another key', async () => {
    const key = randomUUID();
    const volunteer = await createVolunteer({ firstName: 'Ola', lastName: unique() }, key, admin);
    expect(volunteer.statusCode, volunteer.body).toBe(201);
    const organization = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers: { ...asBrowser(admin), 'idempotency-key': key },
      payload: { kind: 'partner_institution', name: unique() },
    });
    expect(organization.statusCode, organization.body).toBe(201);
    expect(organization.headers['idempotent-replayed']).toBeUndefined();
  });

  it('keeps the keys of different people apart: the same key creates for each and never answers another’s result', async () => {
    const key = randomUUID();
    const lastName = unique();
    const mine = await createVolunteer({ firstName: 'Nour', lastName }, key, cookie);
    const theirs = await createVolunteer({ firstName: 'Nour', lastName }, key, colleague);
    expect(mine.statusCode).toBe(201);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().id).not.toBe(mine.json().id);
    expect(await volunteersNamed(lastName)).toBe(2);
  });

  it('creates again once a key is older than 24 hours, and the background job forgets such keys', async () => {
    const key = randomUUID();
    const lastName = unique();
    expect((await createVolunteer({ firstName: 'Yara', lastName }, key)).statusCode).toBe(201);
    await withMaintenance(t.database.db, (tx) => tx.execute(sql`update idempotency_keys set created_at = now() - interval '25 hours' where network_id = ${net.networkId}`));
    const later = await createVolunteer({ firstName: 'Yara', lastName }, key);
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(await volunteersNamed(lastName)).toBe(2);

    const kept = async () =>
      (await withMaintenance(t.database.db, (tx) => queryRows<{ n: number }>(tx, sql`select count(*)::int as n from idempotency_keys where network_id = ${net.networkId}`)))[0]!.n;
    const before = await kept();
    const done = await t.app.jobs.runDue(new Date(Date.now() + 25 * 60 * 60 * 1000));
    expect(done.forgetIdempotencyKeys).toBeGreaterThanOrEqual(before);
    expect(await kept()).toBe(0);
  });

  it('does not keep a failed answer: a corrected retry under the same key goes through', async () => {
    const key = randomUUID();
    const lastName = unique();
    // Passes the schema, fails in the domain (an interest the catalogue does not know): the key was claimed and is released.
    const wrong = await createVolunteer({ firstName: 'Rami', lastName, interests: ['unbekannt'] }, key);
    expect(wrong.statusCode).toBe(422);
    expect(problemOf(wrong).errors?.[0]?.path).toBe('body.interests.0');
    const again = await createVolunteer({ firstName: 'Rami', lastName, interests: ['unbekannt'] }, key);
    expect(again.statusCode).toBe(422);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    const fixed = await createVolunteer({ firstName: 'Rami', lastName, interests: ['schule'] }, key);
    expect(fixed.statusCode, fixed.body).toBe(201);
    // Fails the schema: never claimed.
    const key2 = randomUUID();
    expect((await createVolunteer({ firstName: 'Rami' }, key2)).statusCode).toBe(422);
    expect((await createVolunteer({ firstName: 'Rami', lastName: `${lastName}-2` }, key2)).statusCode).toBe(201);
    expect(await volunteersNamed(lastName)).toBe(1);
  });

  it('refuses a malformed key with a localised 422 and creates nothing', async () => {
    const lastName = unique();
    for (const key of ['', 'mit leerzeichen', 'schlüssel', 'x'.repeat(256)]) {
      const res = await createVolunteer({ firstName: 'Omar', lastName }, key, cookie, 'ar');
      expect(res.statusCode, JSON.stringify(key)).toBe(422);
      const problem = problemOf(res);
      expect(problem.type).toBe(`${PROBLEM}validation`);
      expect(problem.errors).toEqual([{ path: 'headers.idempotency-key', message: 'من 1 إلى 255 حرفًا مرئيًا من حروف ASCII' }]);
    }
    expect((await createVolunteer({ firstName: 'Omar', lastName }, 'x'.repeat(255))).statusCode).toBe(201);
    expect(await volunteersNamed(lastName)).toBe(1);
  });

  it('answers 409 idempotency-key-in-progress with Retry-After while the first request under the key has not finished', async () => {
    const key = randomUUID();
    const payload = { firstName: 'Hadi', lastName: unique() };
    const scope = { networkId: net.networkId, principal: `user:${coordinator.id}`, method: 'POST', route: '/api/v1/volunteers', key };
    const body = { ...payload };
    // The claim of a first request that is still running (the body as validated, with the schema's defaults).
    const validated = (await import('../../common/api/volunteers.js')).CreateVolunteerBody.parse(body);
    const held = await withTenant(t.database.db, net.networkId, (tx) => claimKey(tx, scope, fingerprintOf({}, validated), new Date()));
    expect(held.kind).toBe('claimed');
    const res = await createVolunteer(payload, key, cookie, 'en');
    expect(res.statusCode).toBe(409);
    expect(res.headers['retry-after']).toBe('1');
    expect(problemOf(res).type).toBe(`${PROBLEM}idempotency-key-in-progress`);
    expect(await volunteersNamed(payload.lastName)).toBe(0);
  }, 15_000);

  it('keeps answers unreadable in the database: an API token’s secret is replayed but not stored in plain', async () => {
    const key = randomUUID();
    const orgs = (await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: asBrowser(admin) })).json().items as { id: string }[];
    const payload = { name: unique(), role: 'viewer', organizationId: orgs[0]!.id };
    const post = () => t.app.inject({ method: 'POST', url: '/api/v1/api-tokens', headers: { ...asBrowser(admin), 'idempotency-key': key }, payload });
    const first = await post();
    expect(first.statusCode, first.body).toBe(201);
    const again = await post();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const secret = first.json().token as string;
    expect(secret.length).toBeGreaterThan(10);
    const stored = await withMaintenance(t.database.db, (tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from idempotency_keys where position(convert_to(${secret}, 'UTF8') in response_body) > 0 or key_hash = ${key}`),
    );
    expect(stored[0]!.n).toBe(0);
  });

  it('makes the public application form safe to send twice: one applicant, one answer', async () => {
    const key = randomUUID();
    const lastName = unique();
    const payload = {
      firstName: 'Rania',
      lastName,
      email: `${lastName.toLowerCase()}@example.org`,
      languages: [{ code: 'ar', level: 'native' }],
      interests: ['schule'],
      consent: { accepted: true, textVersion: APPLICATION_CONSENT_VERSION },
      locale: 'ar',
    };
    const send = () =>
      t.app.inject({ method: 'POST', url: `/api/v1/public/${slug}/volunteer-applications`, headers: { 'x-forwarded-for': '192.0.2.77', 'idempotency-key': key }, payload });
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    expect((await send()).headers['idempotent-replayed']).toBe('true');
    expect(await volunteersNamed(lastName)).toBe(1);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/public/gibt-es-nicht/volunteer-applications', headers: { 'idempotency-key': key }, payload });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('which operations take an Idempotency-Key', () => {
  it('documents the header on every create operation in the OpenAPI document, and only there', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; responses?: Record<string, unknown> }>>;
    };
    const withHeader = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key'))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(withHeader.sort()).toEqual(
      [
        'POST /api/v1/agreements',
        'POST /api/v1/api-tokens',
        'POST /api/v1/catalog/{kind}',
        'POST /api/v1/course-runs/{id}/enrollments',
        'POST /api/v1/course-runs/{id}/sessions',
        'POST /api/v1/courses',
        'POST /api/v1/courses/{id}/runs',
        'POST /api/v1/deployments',
        'POST /api/v1/deployments/{id}/receipt',
        'POST /api/v1/expense-claims',
        'POST /api/v1/expense-claims/payouts',
        'POST /api/v1/guide-requests',
        'POST /api/v1/guide-requests/{id}/proposals',
        'POST /api/v1/invitations',
        'POST /api/v1/organizations',
        'POST /api/v1/public/{networkSlug}/guide-requests',
        'POST /api/v1/public/{networkSlug}/volunteer-applications',
        'POST /api/v1/volunteers',
        'POST /api/v1/volunteers/saved-filters',
        'POST /api/v1/volunteers/{id}/documents',
        'POST /api/v1/volunteers/{id}/portal-invitation',
      ].sort(),
    );
    expect(doc.paths['/api/v1/volunteers']!.post!.responses).toHaveProperty('409');
  });

  it('refuses to start when a POST that answers 201 does not say whether it is idempotent', async () => {
    const app = Fastify();
    await app.register(idempotencyPlugin);
    expect(() => app.post('/api/v1/things', { schema: { response: { 201: { type: 'object' } } } }, async () => ({}))).toThrow(/declare config\.idempotent/);
    expect(() => app.post('/api/v1/other-things', { config: { idempotent: false }, schema: { response: { 201: { type: 'object' } } } }, async () => ({}))).not.toThrow();
    await app.close();
  });
});
