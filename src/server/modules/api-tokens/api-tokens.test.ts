import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../../../common/permissions.js';
import type { Membership } from '../../../common/api/users.js';
import type { AuditEvent } from '../../../common/api/network.js';
import type { Organization } from '../../../common/api/organizations.js';
import { createTestApp, PROBLEM, problemOf, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork, makeOrganization, makeUser, PASSWORD, type TestNetwork } from '../../../../tests/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { systemActor } from '../audit/actor.js';
import { hashPassword } from '../auth/secrets.js';
import { createUser } from '../users/users.service.js';

const BASE = '/api/v1/api-tokens';

let t: TestApp;
let net: TestNetwork;
let other: TestNetwork;
let admin: string;
let otherAdmin: string;
let orgB: { id: string };

interface ApiTokenItem {
  id: string;
  name: string;
  role: Role;
  organizationId: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function createToken(body: { name: string; role: Role; organizationId: string }, cookie = admin) {
  const res = await t.app.inject({ method: 'POST', url: BASE, headers: asBrowser(cookie), payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; token: string };
}

async function listTokens(cookie = admin) {
  const res = await t.app.inject({ method: 'GET', url: `${BASE}?limit=200`, headers: asBrowser(cookie) });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

/** A person with several roles (one per organisation); answers the address. */
async function makeUserWith(memberships: Membership[]): Promise<string> {
  const email = `multi-${randomUUID().slice(0, 8)}@example.org`;
  const passwordHash = await hashPassword(PASSWORD);
  await withTenant(t.database.db, net.networkId, (tx) => createUser(tx, systemActor(net.networkId), { email, name: 'Mehrere Rollen', passwordHash, locale: 'de', memberships }));
  return email;
}

beforeAll(async () => {
  t = await createTestApp();
  net = await makeNetwork(t.database, 'Netz Oldenburg');
  other = await makeNetwork(t.database, 'Netz Emden');
  orgB = await makeOrganization(t.database, net, 'Jobcenter-Schnittstelle');
  admin = await login(t.app, net.adminEmail);
  otherAdmin = await login(t.app, other.adminEmail);
});

afterAll(async () => {
  await t?.close();
});

describe('creating and listing tokens', () => {
  let created: { id: string; token: string };

  it('lets an admin create a token with 201 {id, token}', async () => {
    created = await createToken({ name: 'Statistik-Export', role: 'viewer', organizationId: net.officeId });
    expect(Object.keys(created).sort()).toEqual(['id', 'token']);
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.token.startsWith(`lotse_${net.networkId}.`)).toBe(true);
  });

  it('lists the token with name, role and organisation but never its secret', async () => {
    const res = await listTokens();
    const items = (res.json() as { items: ApiTokenItem[] }).items;
    const item = items.find((i) => i.id === created.id);
    expect(item).toMatchObject({ name: 'Statistik-Export', role: 'viewer', organizationId: net.officeId, revokedAt: null });
    expect(item).not.toHaveProperty('token');
    expect(item).not.toHaveProperty('tokenHash');
    const secret = created.token.split('.')[1]!;
    expect(res.body).not.toContain(secret);
  });

  it('records when a token was last used', async () => {
    const { id, token } = await createToken({ name: 'Nutzung', role: 'viewer', organizationId: net.officeId });
    const before = (await listTokens()).json().items.find((i: ApiTokenItem) => i.id === id) as ApiTokenItem;
    expect(before.lastUsedAt).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/network', headers: bearer(token) })).statusCode).toBe(200);
    const after = (await listTokens()).json().items.find((i: ApiTokenItem) => i.id === id) as ApiTokenItem;
    expect(after.lastUsedAt).not.toBeNull();
  });

  it('refuses an unknown or foreign organisation with 422 at body.organizationId', async () => {
    for (const organizationId of [randomUUID(), other.officeId]) {
      const res = await t.app.inject({ method: 'POST', url: BASE, headers: asBrowser(admin), payload: { name: 'x', role: 'viewer', organizationId } });
      expect(res.statusCode).toBe(422);
      expect(problemOf(res).errors!.map((e) => e.path)).toEqual(['body.organizationId']);
    }
  });

  it('refuses a missing name and unknown role with 422', async () => {
    const res = await t.app.inject({ method: 'POST', url: BASE, headers: asBrowser(admin), payload: { name: '  ', role: 'root', organizationId: net.officeId } });
    expect(res.statusCode).toBe(422);
    expect(problemOf(res).errors!.map((e) => e.path).sort()).toEqual(['body.name', 'body.role']);
  });

  it('refuses a coordinator with 403 on create and list', async () => {
    const coordinator = await makeUser(t.database, net, 'coordinator');
    const cookie = await login(t.app, coordinator.email);
    const res = await t.app.inject({ method: 'POST', url: BASE, headers: asBrowser(cookie), payload: { name: 'x', role: 'network_admin', organizationId: net.officeId } });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).type).toBe(`${PROBLEM}forbidden`);
    expect((await t.app.inject({ method: 'GET', url: BASE, headers: asBrowser(cookie) })).statusCode).toBe(403);
  });

  it('shows another network none of our tokens', async () => {
    const theirs = (await listTokens(otherAdmin)).json() as { items: ApiTokenItem[] };
    expect(theirs.items).toEqual([]);
  });
});

describe('handing on roles', () => {
  const holds = (creator: Role, granted: Role) => ROLE_PERMISSIONS[granted].every((p) => ROLE_PERMISSIONS[creator].includes(p));

  it('lets a creator mint a token only for a role whose every permission the creator holds, for every role pair', async () => {
    for (const creator of ROLES) {
      const cookie = creator === 'network_admin' ? admin : await login(t.app, (await makeUser(t.database, net, creator)).email);
      for (const granted of ROLES) {
        const res = await t.app.inject({ method: 'POST', url: BASE, headers: asBrowser(cookie, 'en'), payload: { name: `${creator} → ${granted}`, role: granted, organizationId: net.officeId } });
        const allowed = ROLE_PERMISSIONS[creator].includes('api-tokens:manage') && holds(creator, granted);
        expect(res.statusCode, `${creator} → ${granted}`).toBe(allowed ? 201 : 403);
        if (!allowed && ROLE_PERMISSIONS[creator].includes('api-tokens:manage')) {
          expect(problemOf(res)).toMatchObject({ type: `${PROBLEM}role-beyond-own`, code: 'ROLE_BEYOND_OWN' });
          expect(res.json().detail).toMatch(/^The role “.+” includes rights you do not have yourself\./);
        }
      }
    }
    const minted = (await listTokens()).json() as { items: ApiTokenItem[] };
    expect(minted.items.filter((i) => i.name.includes(' → ') && i.role === 'coordinator')).toEqual([]);
  });

  it('refuses a network admin a coordinator token, so origins stay out of an admin’s reach, in the reader’s language', async () => {
    const res = await t.app.inject({ method: 'POST', url: BASE, headers: asBrowser(admin, 'ar'), payload: { name: 'Herkunft lesen', role: 'coordinator', organizationId: net.officeId } });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toBe('يتضمّن دور «التنسيق» صلاحيات لا تملكها أنت. يمكنك منح الأدوار التي تملك صلاحياتها فقط.');
  });

  it('refuses an admin token minting a coordinator token too', async () => {
    const { token } = await createToken({ name: 'Verwaltung', role: 'network_admin', organizationId: net.officeId });
    const res = await t.app.inject({ method: 'POST', url: BASE, headers: bearer(token), payload: { name: 'Über Umweg', role: 'coordinator', organizationId: net.officeId } });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).type).toBe(`${PROBLEM}role-beyond-own`);
  });

  it('lets someone who holds both roles hand on the coordinator role', async () => {
    const both = await login(t.app, await makeUserWith([{ organizationId: net.officeId, role: 'network_admin' }, { organizationId: orgB.id, role: 'coordinator' }]));
    await createToken({ name: 'Koordination mit Herkunft', role: 'coordinator', organizationId: orgB.id }, both);
  });
});

describe('acting with a token', () => {
  let viewer: string;
  let adminToken: { id: string; token: string };

  beforeAll(async () => {
    viewer = (await createToken({ name: 'Lesender Zugang', role: 'viewer', organizationId: orgB.id })).token;
    adminToken = await createToken({ name: 'Verwaltungs-Integration', role: 'network_admin', organizationId: net.officeId });
  });

  it('a viewer token can GET /api/v1/organizations', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: bearer(viewer) });
    expect(res.statusCode).toBe(200);
    const ids = (res.json() as { items: Organization[] }).items.map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([net.officeId, orgB.id]));
    expect(ids).not.toContain(other.officeId);
  });

  it('a viewer token gets 403 on POST /api/v1/organizations and creates nothing', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: bearer(viewer), payload: { kind: 'employer', name: 'Vom Betrachter' } });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).type).toBe(`${PROBLEM}forbidden`);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/organizations?q=Vom%20Betrachter', headers: bearer(viewer) });
    expect(list.json().items).toEqual([]);
  });

  it('a viewer token gets 403 on the users list (no users:read)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(viewer) });
    expect(res.statusCode).toBe(403);
  });

  it('a coordinator token reads users but gets 403 on changing one', async () => {
    // Minted by someone who is admin and coordinator: an admin alone may not hand on the coordinator role.
    const both = await login(t.app, await makeUserWith([{ organizationId: net.officeId, role: 'network_admin' }, { organizationId: orgB.id, role: 'coordinator' }]));
    const { token } = await createToken({ name: 'Koordination', role: 'coordinator', organizationId: net.officeId }, both);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(token) })).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${net.adminId}`, headers: bearer(token), payload: { name: 'x', version: 1 } });
    expect(res.statusCode).toBe(403);
  });

  it('a network_admin token can POST without any Origin header, audited as the token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: bearer(adminToken.token), payload: { kind: 'employer', name: 'Per Schnittstelle angelegt' } });
    expect(res.statusCode, res.body).toBe(201);
    const org = res.json() as Organization;
    const audit = await t.app.inject({ method: 'GET', url: `/api/v1/audit-events?entityId=${org.id}`, headers: asBrowser(admin) });
    const events = (audit.json() as { items: AuditEvent[] }).items;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'create', entity: 'organization', actorType: 'api_token', actorId: adminToken.id, actorName: 'Verwaltungs-Integration' });
  });

  it('a network_admin token is not stopped by a foreign Origin either (no cookie, no forgery)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers: { ...bearer(adminToken.token), origin: 'https://elsewhere.example' },
      payload: { kind: 'employer', name: 'Mit fremder Origin' },
    });
    expect(res.statusCode).toBe(201);
  });

  it('GET /api/v1/me with a token answers 401: a token is not a person', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(adminToken.token) });
    expect(res.statusCode).toBe(401);
    expect(problemOf(res).type).toBe(`${PROBLEM}unauthenticated`);
  });

  it('PATCH /api/v1/me with a token answers 401', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: bearer(adminToken.token), payload: { name: 'x', version: 1 } });
    expect(res.statusCode).toBe(401);
    expect(problemOf(res).type).toBe(`${PROBLEM}unauthenticated`);
  });

  it('a token never reaches another network’s organisation (404)', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/organizations/${other.officeId}`, headers: bearer(adminToken.token) });
    expect(res.statusCode).toBe(404);
  });
});

describe('revoked and bogus tokens', () => {
  it('revokes a token with 204; afterwards it gets 401 and the list shows revokedAt', async () => {
    const { id, token } = await createToken({ name: 'Bald widerrufen', role: 'viewer', organizationId: net.officeId });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: bearer(token) })).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'DELETE', url: `${BASE}/${id}`, headers: asBrowser(admin) });
    expect(res.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: bearer(token) });
    expect(after.statusCode).toBe(401);
    expect(problemOf(after).type).toBe(`${PROBLEM}unauthenticated`);
    const item = (await listTokens()).json().items.find((i: ApiTokenItem) => i.id === id) as ApiTokenItem;
    expect(item.revokedAt).not.toBeNull();
    const again = await t.app.inject({ method: 'DELETE', url: `${BASE}/${id}`, headers: asBrowser(admin) });
    expect(again.statusCode).toBe(404);
  });

  it('another network cannot revoke our token (404) and it keeps working', async () => {
    const { id, token } = await createToken({ name: 'Fremd unberührbar', role: 'viewer', organizationId: net.officeId });
    const res = await t.app.inject({ method: 'DELETE', url: `${BASE}/${id}`, headers: asBrowser(otherAdmin) });
    expect(res.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: bearer(token) })).statusCode).toBe(200);
  });

  it('answers 401 problem for garbage bearer values', async () => {
    const { token } = await createToken({ name: 'Vorlage', role: 'viewer', organizationId: net.officeId });
    const variants = [
      'garbage',
      'lotse_garbage',
      `lotse_${net.networkId}.${'A'.repeat(43)}`,
      `lotse_${randomUUID()}.${token.split('.')[1]}`,
      token.replace(/^lotse_/, ''),
      `${token}x`,
    ];
    for (const value of variants) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: bearer(value) });
      expect(res.statusCode, value).toBe(401);
      expect(problemOf(res)).toMatchObject({ type: `${PROBLEM}unauthenticated`, status: 401 });
    }
  });

  it('answers 401 for other authorization schemes and an empty bearer', async () => {
    for (const authorization of ['Basic YWRtaW46YWRtaW4=', 'Bearer', 'Bearer ']) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: { authorization } });
      expect(res.statusCode, authorization).toBe(401);
      expect(problemOf(res).type).toBe(`${PROBLEM}unauthenticated`);
    }
  });

  it('a garbage bearer is not rescued by a valid session cookie', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: { ...bearer('garbage'), cookie: admin } });
    expect(res.statusCode).toBe(401);
  });
});
