import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../common/api/network.js';
import type { Organization } from '../../../common/api/organizations.js';
import { createTestApp, ORIGIN, PROBLEM, problemOf, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork, makeUser, makeVolunteer, type TestNetwork } from '../../../../tests/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { newId } from '../../db/ids.js';
import { systemActor } from './actor.js';
import { recordAudit } from './audit.service.js';
import { NAMED_ENTITIES } from './display-names.js';

const BASE = '/api/v1/audit-events';

let t: TestApp;
let net: TestNetwork;
let other: TestNetwork;
let admin: string;
let otherAdmin: string;

async function events(query: string, cookie = admin) {
  const res = await t.app.inject({ method: 'GET', url: `${BASE}?${query}`, headers: asBrowser(cookie) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: AuditEvent[]; nextCursor: string | null };
}

async function createOrg(name: string, cookie = admin): Promise<Organization> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: asBrowser(cookie), payload: { kind: 'sub_project', name, email: 'projekt@example.org' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Organization;
}

async function allPages(query: string, limit: number) {
  const seen: AuditEvent[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await events(`${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    seen.push(...page.items);
    cursor = page.nextCursor;
    if (++pages > 200) throw new Error('pagination does not end');
  } while (cursor);
  return seen;
}

beforeAll(async () => {
  t = await createTestApp();
  net = await makeNetwork(t.database, 'Netz Osnabrück');
  other = await makeNetwork(t.database, 'Netz Münster');
  admin = await login(t.app, net.adminEmail);
  otherAdmin = await login(t.app, other.adminEmail);
});

afterAll(async () => {
  await t?.close();
});

describe('what is recorded', () => {
  let org: Organization;

  it('records creating an organisation: action, entity, entityId, the admin as actor and the field names', async () => {
    org = await createOrg('Projekt Brücke');
    const { items } = await events(`entityId=${org.id}`);
    expect(items).toHaveLength(1);
    const event = items[0]!;
    expect(event).toMatchObject({ action: 'create', entity: 'organization', entityId: org.id, actorType: 'user', actorId: net.adminId, actorName: 'Ada Admin' });
    expect(event.fields.sort()).toEqual(['email', 'kind', 'name']);
    expect(event.requestId).toEqual(expect.any(String));
  });

  it('records the changed field names of an update, never their values', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organizations/${org.id}`,
      headers: asBrowser(admin),
      payload: { name: 'Geheimname', phone: '0541 987654', version: org.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { items } = await events(`entityId=${org.id}&action=update`);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ action: 'update', entity: 'organization', entityId: org.id, actorId: net.adminId });
    expect(items[0]!.fields.sort()).toEqual(['name', 'phone']);
    for (const query of ['limit=200', `entityId=${org.id}`, 'entity=organization&limit=200']) {
      const raw = await t.app.inject({ method: 'GET', url: `${BASE}?${query}`, headers: asBrowser(admin) });
      // The record is named as it is called now; the name it had before is a value the trail never keeps.
      expect(raw.body).not.toContain('Projekt Brücke');
      expect(raw.body).not.toContain('987654');
      expect(raw.body).not.toContain('projekt@example.org');
    }
  });

  it('records no update event when the change is refused as stale', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/organizations/${org.id}`, headers: asBrowser(admin), payload: { name: 'Zu spät', version: 1 } });
    expect(res.statusCode).toBe(409);
    expect((await events(`entityId=${org.id}&action=update`)).items).toHaveLength(1);
  });

  it('records deleting an organisation', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/organizations/${org.id}`, headers: asBrowser(admin) });
    expect(res.statusCode).toBe(204);
    const { items } = await events(`entityId=${org.id}`);
    expect(items.map((e) => e.action)).toEqual(['delete', 'update', 'create']); // newest first
    expect(items[0]).toMatchObject({ entity: 'organization', entityId: org.id, actorId: net.adminId, fields: [] });
  });

  it('records a login with the person as actor', async () => {
    const person = await makeUser(t.database, net, 'counsellor');
    await login(t.app, person.email);
    const { items } = await events(`action=login&actorId=${person.id}`);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ action: 'login', entity: 'session', actorType: 'user', actorId: person.id, actorName: 'Test counsellor' });
  });

  it('records a failed login without the password tried', async () => {
    const person = await makeUser(t.database, net, 'viewer');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: ORIGIN }, payload: { email: person.email, password: 'Falsches-Passwort-123' } });
    expect(res.statusCode).toBe(401);
    const raw = await t.app.inject({ method: 'GET', url: `${BASE}?action=login_failed&actorId=${person.id}`, headers: asBrowser(admin) });
    const items = (raw.json() as { items: AuditEvent[] }).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ action: 'login_failed', entity: 'session', actorId: person.id });
    expect(raw.body).not.toContain('Falsches-Passwort-123');
  });
});

describe('filters and pagination', () => {
  let a: Organization;
  let b: Organization;
  let c: Organization;
  let betweenAB: string;
  let betweenBC: string;

  beforeAll(async () => {
    a = await createOrg('Filter A');
    await sleep(25);
    betweenAB = new Date().toISOString();
    await sleep(25);
    b = await createOrg('Filter B');
    await sleep(25);
    betweenBC = new Date().toISOString();
    await sleep(25);
    c = await createOrg('Filter C');
  });

  it('filters by action', async () => {
    const { items } = await events('action=create&limit=200');
    expect(items.length).toBeGreaterThan(3);
    expect(items.every((e) => e.action === 'create')).toBe(true);
  });

  it('filters by entity', async () => {
    const { items } = await events('entity=user&limit=200');
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => e.entity === 'user')).toBe(true);
    expect(items.map((e) => e.entityId)).toContain(net.adminId);
  });

  it('filters by entityId', async () => {
    const { items } = await events(`entityId=${b.id}`);
    expect(items.map((e) => [e.action, e.entityId])).toEqual([['create', b.id]]);
  });

  it('filters by from and to', async () => {
    const ids = (list: AuditEvent[]) => list.filter((e) => e.entity === 'organization').map((e) => e.entityId);
    const after = await events(`from=${encodeURIComponent(betweenAB)}&limit=200`);
    expect(ids(after.items)).toEqual([c.id, b.id]);
    const before = await events(`to=${encodeURIComponent(betweenAB)}&entity=organization&limit=200`);
    expect(ids(before.items)).toContain(a.id);
    expect(ids(before.items)).not.toContain(b.id);
    const window = await events(`from=${encodeURIComponent(betweenAB)}&to=${encodeURIComponent(betweenBC)}&limit=200`);
    expect(ids(window.items)).toEqual([b.id]);
    expect(window.items.every((e) => e.at >= betweenAB && e.at <= betweenBC)).toBe(true);
  });

  it('refuses a from that is not an instant with 422 at querystring.from', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${BASE}?from=yesterday`, headers: asBrowser(admin, 'en') });
    expect(res.statusCode).toBe(422);
    expect(problemOf(res).errors).toEqual([{ path: 'querystring.from', message: expect.any(String) }]);
  });

  it('refuses an unknown action with 422', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${BASE}?action=steal`, headers: asBrowser(admin) });
    expect(res.statusCode).toBe(422);
  });

  it('lists newest first', async () => {
    const { items } = await events('limit=200');
    for (let i = 1; i < items.length; i++) expect(items[i - 1]!.at >= items[i]!.at).toBe(true);
  });

  it('pages with limit=2: every event exactly once, in order, nextCursor null at the end', async () => {
    const whole = (await events('entity=organization&limit=200')).items.map((e) => e.id);
    expect(whole.length).toBeGreaterThan(5);
    const seen = (await allPages('entity=organization', 2)).map((e) => e.id);
    expect(seen).toEqual(whole);
  });

  it('pages with limit=1 through events written in one transaction (network creation) without losing one', async () => {
    // createNetworkWithAdmin writes "create organization" and "create user" in one transaction,
    // so both events carry the same `at`; a page boundary falls between them.
    const whole = (await events('action=create&limit=200')).items.map((e) => e.id);
    expect(whole.length).toBeGreaterThan(5);
    const seen = (await allPages('action=create', 1)).map((e) => e.id);
    expect(seen).toEqual(whole);
  });

  it('refuses an unreadable cursor with 422', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${BASE}?cursor=nonsense`, headers: asBrowser(admin) });
    expect(res.statusCode).toBe(422);
    expect(problemOf(res).errors!.map((e) => e.path)).toEqual(['querystring.cursor']);
  });
});

describe('who may read the trail', () => {
  it('refuses a coordinator with 403 forbidden', async () => {
    const coordinator = await makeUser(t.database, net, 'coordinator');
    const cookie = await login(t.app, coordinator.email);
    const res = await t.app.inject({ method: 'GET', url: BASE, headers: asBrowser(cookie) });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).type).toBe(`${PROBLEM}forbidden`);
  });

  it('refuses anonymous callers with 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: BASE });
    expect(res.statusCode).toBe(401);
    expect(problemOf(res).type).toBe(`${PROBLEM}unauthenticated`);
  });

  it('keeps another network’s events invisible, and ours invisible to it', async () => {
    const theirs = await createOrg('Nur in Münster', otherAdmin);
    const ours = await events('limit=200');
    expect(ours.items.map((e) => e.entityId)).not.toContain(theirs.id);
    expect(ours.items.map((e) => e.actorId)).not.toContain(other.adminId);
    expect((await events(`entityId=${theirs.id}`)).items).toEqual([]);
    expect((await events(`actorId=${other.adminId}`)).items).toEqual([]);
    const seenByThem = await events('limit=200', otherAdmin);
    expect(seenByThem.items.map((e) => e.entityId)).toContain(theirs.id);
    expect(seenByThem.items.map((e) => e.actorId)).not.toContain(net.adminId);
    expect(seenByThem.items.map((e) => e.entityId)).not.toContain(net.officeId);
  });
});

describe('names instead of ids', () => {
  let amira: string;
  let coordinatorId: string;
  let coordinator: string;

  beforeAll(async () => {
    const person = await makeUser(t.database, net, 'coordinator');
    coordinatorId = person.id;
    coordinator = await login(t.app, person.email);
    amira = await makeVolunteer(t.app, coordinator, { firstName: 'Amira', lastName: 'Haddad', notes: 'Vertraulich: Supervision nötig' });
    const current = await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${amira}`, headers: asBrowser(coordinator) });
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/volunteers/${amira}`, headers: asBrowser(coordinator), payload: { city: 'Hannover', version: current.json().version } });
    expect(res.statusCode, res.body).toBe(200);
    await makeVolunteer(t.app, coordinator, { firstName: 'Jonas', lastName: 'Becker' });
  });

  it('names the actor and the record of each event: the coordinator and the volunteer, not their ids', async () => {
    const { items } = await events(`entityId=${amira}`);
    // Reading a profile is logged too (access to personal data).
    expect(items.map((e) => e.action)).toEqual(['update', 'read', 'create']);
    for (const e of items) expect(e).toMatchObject({ entity: 'volunteer', entityName: 'Amira Haddad', entityDeleted: false, actorId: coordinatorId, actorName: 'Test coordinator' });
  });

  it('finds the events of a volunteer by part of her name, and only hers', async () => {
    const { items } = await events('q=haddad&limit=200');
    expect(items.map((e) => e.action)).toEqual(['update', 'read', 'create']);
    expect(items.every((e) => e.entityId === amira)).toBe(true);
    expect((await events('q=Amira%20Had')).items).toHaveLength(3);
  });

  it('finds events by the name of the person who acted', async () => {
    const { items } = await events('q=Test%20coordinator&limit=200');
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(items.every((e) => e.actorName === 'Test coordinator' || e.entityName === 'Test coordinator')).toBe(true);
  });

  it('takes % and _ in the search literally', async () => {
    expect((await events('q=%25')).items).toEqual([]);
    expect((await events('q=_')).items).toEqual([]);
  });

  it('never shows a sensitive value of the record, such as the coordinators’ notes', async () => {
    const raw = await t.app.inject({ method: 'GET', url: `${BASE}?limit=200`, headers: asBrowser(admin) });
    expect(raw.body).toContain('Amira Haddad');
    expect(raw.body).not.toContain('Supervision');
  });

  it('marks an event about a deleted record as such, without a name', async () => {
    const org = await createOrg('Bald weg');
    await t.app.inject({ method: 'DELETE', url: `/api/v1/organizations/${org.id}`, headers: asBrowser(admin) });
    const { items } = await events(`entityId=${org.id}`);
    expect(items).toHaveLength(2);
    for (const e of items) expect(e).toMatchObject({ entityName: null, entityDeleted: true });
  });

  it('answers every kind of record it can name, also when the record is gone', async () => {
    const ids = NAMED_ENTITIES.map(() => newId());
    const since = new Date().toISOString();
    await withTenant(t.database.db, net.networkId, async (tx) => {
      for (const [i, entity] of NAMED_ENTITIES.entries()) await recordAudit(tx, systemActor(net.networkId), { action: 'update', entity, entityId: ids[i] });
      await recordAudit(tx, systemActor(net.networkId), { action: 'update', entity: 'volunteer', entityId: 'not-a-uuid' });
    });
    const { items } = await events(`from=${encodeURIComponent(since)}&limit=200`);
    const mine = items.filter((e) => ids.includes(e.entityId ?? ''));
    expect(mine).toHaveLength(NAMED_ENTITIES.length);
    expect(mine.every((e) => e.entityName === null && e.entityDeleted)).toBe(true);
    expect(items.find((e) => e.entityId === 'not-a-uuid')).toMatchObject({ entityName: null, entityDeleted: true });
  });

  it('never names a record of another network, not even when an event points at its id', async () => {
    await withTenant(t.database.db, other.networkId, (tx) => recordAudit(tx, systemActor(other.networkId), { action: 'read', entity: 'volunteer', entityId: amira }));
    const theirs = await events('limit=200', otherAdmin);
    const pointing = theirs.items.find((e) => e.entityId === amira);
    expect(pointing).toMatchObject({ entityName: null, entityDeleted: true });
    expect(JSON.stringify(theirs)).not.toContain('Haddad');
    expect((await events('q=haddad', otherAdmin)).items).toEqual([]);
  });
});
