import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../common/api/network.js';
import type { Me, User } from '../../../common/api/users.js';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../../../common/permissions.js';
import { createTestApp, PROBLEM, problemOf, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork, makeOrganization, makeUser, PASSWORD, type TestNetwork } from '../../../../tests/factories.js';

const BASE = '/api/v1/users';

let t: TestApp;
let net: TestNetwork;
let other: TestNetwork;
let admin: string;
let otherAdmin: string;
let coordinatorCookie: string;
let orgB: { id: string };
let people: Record<'coordinator' | 'counsellor' | 'volunteer' | 'viewer', { id: string; email: string }>;

async function list(query: string, cookie = admin) {
  const res = await t.app.inject({ method: 'GET', url: `${BASE}?${query}`, headers: asBrowser(cookie) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: User[]; nextCursor: string | null };
}

async function getUser(id: string, cookie = admin) {
  const res = await t.app.inject({ method: 'GET', url: `${BASE}/${id}`, headers: asBrowser(cookie) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as User;
}

const patch = (id: string, payload: Record<string, unknown>, cookie = admin, locale = 'de') =>
  t.app.inject({ method: 'PATCH', url: `${BASE}/${id}`, headers: asBrowser(cookie, locale), payload });

const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });

const sortRoles = (list: { role: string }[]) => list.map((m) => m.role).sort();

const sortMemberships = (list: { organizationId: string; role: string }[]) =>
  [...list].sort((a, b) => a.organizationId.localeCompare(b.organizationId));

beforeAll(async () => {
  t = await createTestApp();
  net = await makeNetwork(t.database, 'Netz Göttingen');
  other = await makeNetwork(t.database, 'Netz Kassel');
  orgB = await makeOrganization(t.database, net, 'Migrationsberatung Süd');
  people = {
    coordinator: await makeUser(t.database, net, 'coordinator'),
    counsellor: await makeUser(t.database, net, 'counsellor', orgB.id),
    volunteer: await makeUser(t.database, net, 'volunteer', orgB.id),
    viewer: await makeUser(t.database, net, 'viewer'),
  };
  admin = await login(t.app, net.adminEmail);
  otherAdmin = await login(t.app, other.adminEmail);
  coordinatorCookie = await login(t.app, people.coordinator.email);
});

afterAll(async () => {
  await t?.close();
});

describe('listing people', () => {
  it('lists the network’s accounts with their memberships, never another network’s', async () => {
    const { items, nextCursor } = await list('limit=200');
    expect(nextCursor).toBeNull();
    const ids = items.map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([net.adminId, ...Object.values(people).map((p) => p.id)]));
    expect(ids).not.toContain(other.adminId);
    const counsellor = items.find((u) => u.id === people.counsellor.id)!;
    expect(counsellor).toMatchObject({ email: people.counsellor.email, status: 'active', memberships: [{ organizationId: orgB.id, role: 'counsellor' }] });
    expect(counsellor).not.toHaveProperty('passwordHash');
  });

  it('filters by role', async () => {
    const { items } = await list('role=volunteer');
    expect(items.map((u) => u.id)).toEqual([people.volunteer.id]);
    const admins = await list('role=network_admin');
    expect(admins.items.map((u) => u.id)).toEqual([net.adminId]);
  });

  it('filters by organisation', async () => {
    const { items } = await list(`organizationId=${orgB.id}`);
    expect(items.map((u) => u.id).sort()).toEqual([people.counsellor.id, people.volunteer.id].sort());
  });

  it('combines role and organisation filters', async () => {
    expect((await list(`organizationId=${orgB.id}&role=counsellor`)).items.map((u) => u.id)).toEqual([people.counsellor.id]);
    expect((await list(`organizationId=${net.officeId}&role=counsellor`)).items).toEqual([]);
  });

  it('filters by an organisation of another network to nothing', async () => {
    expect((await list(`organizationId=${other.officeId}`)).items).toEqual([]);
  });

  it('finds people by q in name or e-mail, ignoring case', async () => {
    const byEmail = await list(`q=${encodeURIComponent(people.viewer.email.toUpperCase())}`);
    expect(byEmail.items.map((u) => u.id)).toEqual([people.viewer.id]);
    const byName = await list('q=ada%20adm');
    expect(byName.items.map((u) => u.id)).toEqual([net.adminId]);
  });

  it('filters by status', async () => {
    const active = await list('status=active&limit=200');
    expect(active.items.every((u) => u.status === 'active')).toBe(true);
    expect((await list('status=disabled')).items.every((u) => u.status === 'disabled')).toBe(true);
  });

  it('refuses an unknown role filter with 422 at querystring.role', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${BASE}?role=king`, headers: asBrowser(admin) });
    expect(res.statusCode).toBe(422);
    expect(problemOf(res).errors!.map((e) => e.path)).toEqual(['querystring.role']);
  });

  it('pages with limit=2: every person exactly once, nextCursor null at the end', async () => {
    const whole = (await list('limit=200')).items.map((u) => u.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
      if (++pages > 20) throw new Error('pagination does not end');
    } while (cursor);
    expect(seen).toEqual(whole);
  });

  it('lets a coordinator list people (users:read) but a volunteer gets 403', async () => {
    expect((await list('limit=5', coordinatorCookie)).items.length).toBeGreaterThan(0);
    const volunteer = await login(t.app, people.volunteer.email);
    const res = await t.app.inject({ method: 'GET', url: BASE, headers: asBrowser(volunteer) });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).type).toBe(`${PROBLEM}forbidden`);
  });

  it('answers 401 without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: BASE });
    expect(res.statusCode).toBe(401);
    expect(problemOf(res).type).toBe(`${PROBLEM}unauthenticated`);
  });
});

describe('reading one person', () => {
  it('answers the person and writes an audit event with action read and entity user', async () => {
    const user = await getUser(people.viewer.id);
    expect(user).toMatchObject({ id: people.viewer.id, email: people.viewer.email, memberships: [{ organizationId: net.officeId, role: 'viewer' }] });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit-events?action=read&entity=user&entityId=${people.viewer.id}`,
      headers: asBrowser(admin),
    });
    expect(res.statusCode).toBe(200);
    const events = (res.json() as { items: AuditEvent[] }).items;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'read', entity: 'user', entityId: people.viewer.id, actorType: 'user', actorId: net.adminId, fields: [] });
  });

  it('audits a coordinator’s read too, naming the coordinator', async () => {
    await getUser(people.volunteer.id, coordinatorCookie);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit-events?action=read&entity=user&entityId=${people.volunteer.id}`,
      headers: asBrowser(admin),
    });
    const events = (res.json() as { items: AuditEvent[] }).items;
    expect(events.map((e) => e.actorId)).toContain(people.coordinator.id);
  });

  it('answers 404 not-found for an unknown id and writes no read event', async () => {
    const id = randomUUID();
    const res = await t.app.inject({ method: 'GET', url: `${BASE}/${id}`, headers: asBrowser(admin) });
    expect(res.statusCode).toBe(404);
    expect(problemOf(res)).toMatchObject({ type: `${PROBLEM}not-found`, code: 'USER_NOT_FOUND' });
    const audit = await t.app.inject({ method: 'GET', url: `/api/v1/audit-events?entityId=${id}`, headers: asBrowser(admin) });
    expect((audit.json() as { items: AuditEvent[] }).items).toEqual([]);
  });
});

describe('handing on roles by changing a person', () => {
  // A network of its own: these tests add admins, which the last-admin tests of `net` must not see.
  let hand: TestNetwork;
  let handOrg: { id: string };
  let handAdmin: string;
  /** Network admin and coordinator of the office, as a network's first person is: may hand on every role. */
  let founder: string;
  beforeAll(async () => {
    hand = await makeNetwork(t.database, 'Netz Hildesheim');
    handOrg = await makeOrganization(t.database, hand, 'Jugendmigrationsdienst');
    handAdmin = await login(t.app, hand.adminEmail);
    founder = await login(t.app, (await makeUser(t.database, hand, ['network_admin', 'coordinator'])).email);
  });
  const holds = (editor: Role, granted: Role) => ROLE_PERMISSIONS[granted].every((p) => ROLE_PERMISSIONS[editor].includes(p));

  it('lets an editor add a role only if they hold its every permission, for every role pair, and changes nothing otherwise', async () => {
    for (const editor of ROLES) {
      const cookie = await login(t.app, (await makeUser(t.database, hand, editor)).email);
      const manages = ROLE_PERMISSIONS[editor].includes('users:manage');
      for (const granted of ROLES) {
        const person = await makeUser(t.database, hand, 'viewer', handOrg.id);
        const wanted = [{ organizationId: handOrg.id, role: 'viewer' }, { organizationId: hand.officeId, role: granted }];
        const res = await patch(person.id, { memberships: wanted, version: 1 }, cookie, 'en');
        const allowed = manages && holds(editor, granted);
        expect(res.statusCode, `${editor} → ${granted}: ${res.body}`).toBe(allowed ? 200 : 403);
        if (!allowed) {
          expect(problemOf(res).type).toBe(`${PROBLEM}${manages ? 'role-beyond-own' : 'forbidden'}`);
          const after = await getUser(person.id, handAdmin);
          expect(after.memberships).toEqual([{ organizationId: handOrg.id, role: 'viewer' }]);
          expect(after.version).toBe(1);
        }
      }
    }
  });

  it('refuses a network admin making themselves a coordinator, in German, and keeps their roles', async () => {
    const self = (await me(handAdmin)).json() as Me;
    const res = await patch(self.user.id, { memberships: [...self.memberships, { organizationId: hand.officeId, role: 'coordinator' }], version: (await getUser(self.user.id, handAdmin)).version }, handAdmin);
    expect(res.statusCode).toBe(403);
    expect(problemOf(res)).toMatchObject({ code: 'ROLE_BEYOND_OWN', title: 'Rolle übersteigt Ihre Rechte' });
    expect((await getUser(self.user.id, handAdmin)).memberships).toEqual(self.memberships);
  });

  it('lets a network admin keep a coordinator’s role while changing another of theirs, and remove it', async () => {
    const person = await makeUser(t.database, hand, 'coordinator');
    const kept = await patch(person.id, { memberships: [{ organizationId: hand.officeId, role: 'coordinator' }, { organizationId: handOrg.id, role: 'viewer' }], version: 1 }, handAdmin);
    expect(kept.statusCode, kept.body).toBe(200);
    const removed = await patch(person.id, { memberships: [{ organizationId: handOrg.id, role: 'viewer' }], version: 2 }, handAdmin);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((removed.json() as User).memberships).toEqual([{ organizationId: handOrg.id, role: 'viewer' }]);
  });

  it('keeps two roles in one organisation: the founder is admin and coordinator of the office', async () => {
    const both = await makeUser(t.database, hand, 'viewer');
    const res = await patch(both.id, { memberships: [{ organizationId: hand.officeId, role: 'network_admin' }, { organizationId: hand.officeId, role: 'coordinator' }], version: 1 }, founder);
    expect(res.statusCode, res.body).toBe(200);
    expect(sortRoles((res.json() as User).memberships)).toEqual(['coordinator', 'network_admin']);
    const who = (await me(await login(t.app, both.email))).json() as Me;
    expect(who.permissions).toContain('volunteers:origins');
    expect(who.permissions).toContain('invitations:manage');
  });
});

describe('changing a person', () => {
  it('replaces the roles per organisation with the list sent', async () => {
    const person = await makeUser(t.database, net, 'coordinator');
    const before = await getUser(person.id);
    const wanted = [
      { organizationId: orgB.id, role: 'counsellor' },
      { organizationId: net.officeId, role: 'viewer' },
    ];
    const res = await patch(person.id, { memberships: wanted, version: before.version });
    expect(res.statusCode, res.body).toBe(200);
    const changed = res.json() as User;
    expect(sortMemberships(changed.memberships)).toEqual(sortMemberships(wanted));
    expect(changed.version).toBe(before.version + 1);
    expect(sortMemberships((await getUser(person.id)).memberships)).toEqual(sortMemberships(wanted));
    expect((await list(`role=coordinator`)).items.map((u) => u.id)).not.toContain(person.id);
    expect((await list(`role=counsellor&organizationId=${orgB.id}`)).items.map((u) => u.id)).toContain(person.id);
  });

  it('gives the person the new permissions at once', async () => {
    const person = await makeUser(t.database, net, 'volunteer');
    const cookie = await login(t.app, person.email);
    expect((await t.app.inject({ method: 'GET', url: BASE, headers: asBrowser(cookie) })).statusCode).toBe(403);
    const res = await patch(person.id, { memberships: [{ organizationId: net.officeId, role: 'counsellor' }], version: 1 });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: BASE, headers: asBrowser(cookie) })).statusCode).toBe(200);
    const who = (await me(cookie)).json() as Me;
    expect(who.memberships).toEqual([{ organizationId: net.officeId, role: 'counsellor' }]);
  });

  it('changes the name and keeps the roles when memberships are not sent', async () => {
    const person = await makeUser(t.database, net, 'partner', orgB.id);
    const res = await patch(person.id, { name: 'Neuer Name', version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Neuer Name', version: 2, memberships: [{ organizationId: orgB.id, role: 'partner' }] });
  });

  it('refuses an organisation of another network with 422 at body.memberships.N.organizationId and changes nothing', async () => {
    const person = await makeUser(t.database, net, 'volunteer', orgB.id);
    const res = await patch(
      person.id,
      { name: 'Soll nicht bleiben', memberships: [{ organizationId: orgB.id, role: 'volunteer' }, { organizationId: other.officeId, role: 'network_admin' }], version: 1 },
      admin,
      'en',
    );
    expect(res.statusCode).toBe(422);
    const problem = problemOf(res);
    expect(problem.type).toBe(`${PROBLEM}validation`);
    expect(problem.errors).toEqual([{ path: 'body.memberships.1.organizationId', message: expect.any(String) }]);
    const after = await getUser(person.id);
    expect(after).toMatchObject({ name: 'Test volunteer', version: 1, memberships: [{ organizationId: orgB.id, role: 'volunteer' }] });
  });

  it('refuses an unknown role with 422', async () => {
    const res = await patch(people.viewer.id, { memberships: [{ organizationId: net.officeId, role: 'king' }], version: 1 });
    expect(res.statusCode).toBe(422);
    expect(problemOf(res).errors!.map((e) => e.path)).toEqual(['body.memberships.0.role']);
  });

  it('refuses a stale version with 409 conflict and changes nothing', async () => {
    const person = await makeUser(t.database, net, 'viewer');
    expect((await patch(person.id, { name: 'Erste Änderung', version: 1 })).statusCode).toBe(200);
    const res = await patch(person.id, { name: 'Zweite Änderung', memberships: [], version: 1 });
    expect(res.statusCode).toBe(409);
    expect(problemOf(res)).toMatchObject({ type: `${PROBLEM}conflict`, code: 'USER_VERSION_CONFLICT' });
    expect(await getUser(person.id)).toMatchObject({ name: 'Erste Änderung', version: 2, memberships: [{ organizationId: net.officeId, role: 'viewer' }] });
  });

  it('refuses a coordinator’s change with 403', async () => {
    const res = await patch(people.viewer.id, { name: 'Von Koordination', version: 1 }, coordinatorCookie);
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).type).toBe(`${PROBLEM}forbidden`);
  });
});

describe('the last administrator', () => {
  it('refuses removing the last network_admin role with 409 last-admin and keeps it', async () => {
    const current = await getUser(net.adminId);
    const res = await patch(net.adminId, { memberships: [{ organizationId: net.officeId, role: 'counsellor' }], version: current.version }, admin, 'en');
    expect(res.statusCode).toBe(409);
    expect(problemOf(res)).toMatchObject({ type: `${PROBLEM}last-admin`, code: 'LAST_ADMIN', title: 'Last administrator' });
    const after = await getUser(net.adminId);
    expect(after.memberships).toEqual([{ organizationId: net.officeId, role: 'network_admin' }]);
    expect(after.version).toBe(current.version);
  });

  it('refuses disabling the last admin with 409 last-admin; the admin stays signed in', async () => {
    const current = await getUser(net.adminId);
    const res = await patch(net.adminId, { status: 'disabled', version: current.version });
    expect(res.statusCode).toBe(409);
    expect(problemOf(res).type).toBe(`${PROBLEM}last-admin`);
    expect((await getUser(net.adminId)).status).toBe('active');
    expect((await me(admin)).statusCode).toBe(200);
  });

  it('allows demoting an admin while another active admin remains', async () => {
    const second = await makeUser(t.database, net, 'network_admin');
    const res = await patch(second.id, { memberships: [{ organizationId: net.officeId, role: 'viewer' }], version: 1 });
    expect(res.statusCode).toBe(200);
    expect((res.json() as User).memberships).toEqual([{ organizationId: net.officeId, role: 'viewer' }]);
  });

  it('does not count a disabled admin as the remaining one', async () => {
    const second = await makeUser(t.database, net, 'network_admin');
    expect((await patch(second.id, { status: 'disabled', version: 1 })).statusCode).toBe(200);
    const current = await getUser(net.adminId);
    const res = await patch(net.adminId, { memberships: [{ organizationId: net.officeId, role: 'viewer' }], version: current.version });
    expect(res.statusCode).toBe(409);
    expect(problemOf(res).type).toBe(`${PROBLEM}last-admin`);
  });
});

describe('disabling a person', () => {
  it('ends their sessions: their cookie then gets 401 on /api/v1/me', async () => {
    const person = await makeUser(t.database, net, 'counsellor', orgB.id);
    const cookie = await login(t.app, person.email);
    expect((await me(cookie)).statusCode).toBe(200);
    const res = await patch(person.id, { status: 'disabled', version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'disabled', version: 2 });
    const after = await me(cookie);
    expect(after.statusCode).toBe(401);
    expect(problemOf(after).type).toBe(`${PROBLEM}unauthenticated`);
    expect((await list('status=disabled')).items.map((u) => u.id)).toContain(person.id);
    expect((await list('status=active&limit=200')).items.map((u) => u.id)).not.toContain(person.id);
  });

  it('lets a disabled person not sign in again (401), until re-enabled', async () => {
    const person = await makeUser(t.database, net, 'viewer');
    expect((await patch(person.id, { status: 'disabled', version: 1 })).statusCode).toBe(200);
    const denied = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: 'http://localhost:3000' }, payload: { email: person.email, password: PASSWORD } });
    expect(denied.statusCode).toBe(401);
    expect((await patch(person.id, { status: 'active', version: 2 })).statusCode).toBe(200);
    const cookie = await login(t.app, person.email);
    expect((await me(cookie)).statusCode).toBe(200);
  });
});

describe('another network’s people', () => {
  it('cannot be read: 404 exactly like a non-existent id', async () => {
    const foreign = await t.app.inject({ method: 'GET', url: `${BASE}/${other.adminId}`, headers: asBrowser(admin) });
    const missing = await t.app.inject({ method: 'GET', url: `${BASE}/${randomUUID()}`, headers: asBrowser(admin) });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.headers['content-type']).toBe(missing.headers['content-type']);
    expect(foreign.json()).toEqual(missing.json());
  });

  it('cannot be changed: 404 exactly like a non-existent id, and nothing changes', async () => {
    const payload = { name: 'Übernommen', status: 'disabled', version: 1 };
    const foreign = await patch(other.adminId, payload);
    const missing = await patch(randomUUID(), payload);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.headers['content-type']).toBe(missing.headers['content-type']);
    expect(foreign.json()).toEqual(missing.json());
    const theirs = await t.app.inject({ method: 'GET', url: `${BASE}/${other.adminId}`, headers: asBrowser(otherAdmin) });
    expect(theirs.json()).toMatchObject({ name: 'Ada Admin', status: 'active', version: 1 });
    expect((await me(otherAdmin)).statusCode).toBe(200);
  });

  it('does not see our people in its list', async () => {
    const theirs = await list('limit=200', otherAdmin);
    expect(theirs.items.map((u) => u.id)).toEqual([other.adminId]);
  });
});
