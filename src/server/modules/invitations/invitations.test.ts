import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { OutboxMail as OutboxMailSchema } from '../../../common/api/network.js';
import type { Invitation, Me } from '../../../common/api/users.js';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../../../common/permissions.js';
import { createTestApp, ORIGIN, PROBLEM, problemOf, sessionCookie, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork, makeOrganization, makeUser, type TestNetwork } from '../../../../tests/factories.js';
import { mailsTo } from '../../../../tests/mailbox.js';
import { createNetworkWithAdmin } from '../networks/provisioning.js';

const BASE = '/api/v1/invitations';
type OutboxMail = z.infer<typeof OutboxMailSchema>;
const NEW_PASSWORD = 'ein langes Passwort 42';

let t: TestApp;
let net: TestNetwork;
let other: TestNetwork;
let admin: string;
let otherAdmin: string;
let orgB: { id: string; name: string };

const freshEmail = (label = 'person') => `${label}-${randomUUID().slice(0, 8)}@example.org`;

const invite = (payload: Record<string, unknown>, cookie = admin, locale = 'de') =>
  t.app.inject({ method: 'POST', url: BASE, headers: asBrowser(cookie, locale), payload });

async function inviteOk(payload: Record<string, unknown>, cookie = admin): Promise<Invitation> {
  const res = await invite(payload, cookie);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Invitation;
}

async function outbox(cookie = admin): Promise<OutboxMail[]> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/outbox?limit=200', headers: asBrowser(cookie) });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: OutboxMail[] }).items;
}

/** Delivers due mail and answers the token from the invitation link sent to `email`. */
async function tokenFromMail(email: string): Promise<string> {
  await t.app.mail.deliverDue();
  const [mail] = await mailsTo(t.database, email);
  if (!mail) throw new Error(`no mail to ${email}`);
  const match = /http:\/\/localhost:3000\/invitation\?token=([^\s]+)/.exec(mail.text);
  if (!match) throw new Error(`no invitation link in: ${mail.text}`);
  return decodeURIComponent(match[1]!);
}

const lookup = (token: string, locale = 'de') =>
  t.app.inject({ method: 'GET', url: `${BASE}/lookup?token=${encodeURIComponent(token)}`, headers: { 'accept-language': locale } });

const accept = (payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `${BASE}/accept`, headers: { origin: ORIGIN }, payload });

async function listInvitations(query = '', cookie = admin) {
  const res = await t.app.inject({ method: 'GET', url: `${BASE}?limit=200${query}`, headers: asBrowser(cookie) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Invitation[]; nextCursor: string | null };
}

beforeAll(async () => {
  t = await createTestApp();
  net = await makeNetwork(t.database, 'Netz Lüneburg');
  other = await makeNetwork(t.database, 'Netz Celle');
  orgB = await makeOrganization(t.database, net, 'Sprachcafé Lüneburg');
  admin = await login(t.app, net.adminEmail);
  otherAdmin = await login(t.app, other.adminEmail);
});

afterAll(async () => {
  await t?.close();
});

describe('inviting and accepting', () => {
  const email = freshEmail('mara');
  let invitation: Invitation;
  let token: string;

  it('lets an admin invite a person with 201 and a pending invitation', async () => {
    invitation = await inviteOk({ email: email.toUpperCase(), name: 'Mara Muster', organizationId: orgB.id, role: 'volunteer' });
    expect(invitation).toMatchObject({ email, name: 'Mara Muster', organizationId: orgB.id, role: 'volunteer', status: 'pending' });
    const days = (new Date(invitation.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
  });

  it('puts the mail with the invitation link into the outbox, logged since there is no SMTP', async () => {
    await t.app.mail.deliverDue(); // the POST already kicked delivery; this waits for what is left
    const mails = (await outbox()).filter((m) => m.to === email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.status).toBe('logged');
    expect(mail.sentAt).not.toBeNull();
    expect(mail.subject).toContain('Netz Lüneburg');
    expect(mail.text).toMatch(/http:\/\/localhost:3000\/invitation\?token=\S+/);
    expect(mail.text).toContain('Sprachcafé Lüneburg');
    token = await tokenFromMail(email);
    expect(token.startsWith(`${net.networkId}.`)).toBe(true);
  });

  it('shows network, organisation and role to the link’s holder without sign-in', async () => {
    const res = await lookup(token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      email,
      name: 'Mara Muster',
      networkName: 'Netz Lüneburg',
      organizationName: 'Sprachcafé Lüneburg',
      role: 'volunteer',
      expiresAt: invitation.expiresAt,
    });
  });

  it('refuses a weak password on accept with 422 at body.password and keeps the invitation usable', async () => {
    const res = await accept({ token, name: 'Mara Muster', password: 'kurz' });
    expect(res.statusCode).toBe(422);
    expect(problemOf(res).errors!.map((e) => e.path)).toEqual(['body.password']);
    expect((await lookup(token)).statusCode).toBe(200);
  });

  it('creates the account on accept and signs in: /api/v1/me shows the invited role', async () => {
    const res = await accept({ token, name: 'Mara Muster', password: NEW_PASSWORD, locale: 'en' });
    expect(res.statusCode, res.body).toBe(200);
    const answered = res.json() as Me;
    expect(answered.user).toMatchObject({ email, name: 'Mara Muster', locale: 'en' });
    const cookie = sessionCookie(res);
    const who = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(who.statusCode).toBe(200);
    const body = who.json() as Me;
    expect(body.network).toMatchObject({ id: net.networkId, name: 'Netz Lüneburg' });
    expect(body.memberships).toEqual([{ organizationId: orgB.id, role: 'volunteer' }]);
    expect(body.permissions).toEqual(['agreements:read', 'catalog:read', 'deployments:log', 'expense-claims:submit', 'network:read', 'organizations:read', 'proposals:answer']);
    // and the password works for a fresh sign-in
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: await login(t.app, email, NEW_PASSWORD) } })).statusCode).toBe(200);
  });

  it('refuses the same token a second time with 400 token-invalid', async () => {
    const res = await accept({ token, name: 'Jemand Anderes', password: NEW_PASSWORD });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res)).toMatchObject({ type: `${PROBLEM}token-invalid`, code: 'TOKEN_INVALID' });
    const seen = await lookup(token);
    expect(seen.statusCode).toBe(400);
    expect(problemOf(seen).type).toBe(`${PROBLEM}token-invalid`);
  });

  it('lists the invitation as accepted, not as pending', async () => {
    expect((await listInvitations('&status=pending')).items.map((i) => i.id)).not.toContain(invitation.id);
    const accepted = (await listInvitations('&status=accepted')).items;
    expect(accepted.find((i) => i.id === invitation.id)).toMatchObject({ status: 'accepted' });
  });

  it('refuses inviting the address again, now that it has an account, with 409 email-taken', async () => {
    const res = await invite({ email, organizationId: orgB.id, role: 'viewer' });
    expect(res.statusCode).toBe(409);
    expect(problemOf(res)).toMatchObject({ type: `${PROBLEM}email-taken`, code: 'EMAIL_TAKEN' });
  });
});

describe('revoking', () => {
  it('revokes a pending invitation with 204; its link then answers 400 on accept and lookup', async () => {
    const email = freshEmail('revoked');
    const invitation = await inviteOk({ email, organizationId: orgB.id, role: 'partner' });
    const token = await tokenFromMail(email);
    const res = await t.app.inject({ method: 'DELETE', url: `${BASE}/${invitation.id}`, headers: asBrowser(admin) });
    expect(res.statusCode).toBe(204);
    const accepted = await accept({ token, name: 'Zu spät', password: NEW_PASSWORD });
    expect(accepted.statusCode).toBe(400);
    expect(problemOf(accepted).type).toBe(`${PROBLEM}token-invalid`);
    expect((await lookup(token)).statusCode).toBe(400);
    const revoked = (await listInvitations('&status=revoked')).items;
    expect(revoked.find((i) => i.id === invitation.id)).toMatchObject({ status: 'revoked' });
    expect((await listInvitations('&status=pending')).items.map((i) => i.id)).not.toContain(invitation.id);
    // no account came into being
    const users = await t.app.inject({ method: 'GET', url: `/api/v1/users?q=${encodeURIComponent(email)}`, headers: asBrowser(admin) });
    expect(users.json().items).toEqual([]);
  });

  it('answers 404 when revoking twice or an unknown id', async () => {
    const invitation = await inviteOk({ email: freshEmail('twice'), organizationId: orgB.id, role: 'viewer' });
    expect((await t.app.inject({ method: 'DELETE', url: `${BASE}/${invitation.id}`, headers: asBrowser(admin) })).statusCode).toBe(204);
    const again = await t.app.inject({ method: 'DELETE', url: `${BASE}/${invitation.id}`, headers: asBrowser(admin) });
    expect(again.statusCode).toBe(404);
    expect(problemOf(again).type).toBe(`${PROBLEM}not-found`);
    expect((await t.app.inject({ method: 'DELETE', url: `${BASE}/${randomUUID()}`, headers: asBrowser(admin) })).statusCode).toBe(404);
  });
});

describe('refusals', () => {
  it('refuses an address that already has an account in this network with 409 email-taken', async () => {
    const res = await invite({ email: net.adminEmail, organizationId: orgB.id, role: 'viewer' }, admin, 'en');
    expect(res.statusCode).toBe(409);
    expect(problemOf(res)).toMatchObject({ type: `${PROBLEM}email-taken`, title: 'E-mail address taken' });
  });

  it('refuses an address that has an account in another network with 409 email-taken', async () => {
    const res = await invite({ email: other.adminEmail.toUpperCase(), organizationId: orgB.id, role: 'viewer' });
    expect(res.statusCode).toBe(409);
    expect(problemOf(res).type).toBe(`${PROBLEM}email-taken`);
  });

  it('refuses an unknown organisation with 422 at body.organizationId', async () => {
    const res = await invite({ email: freshEmail(), organizationId: randomUUID(), role: 'viewer' }, admin, 'en');
    expect(res.statusCode).toBe(422);
    const problem = problemOf(res);
    expect(problem.type).toBe(`${PROBLEM}validation`);
    expect(problem.errors).toEqual([{ path: 'body.organizationId', message: expect.any(String) }]);
  });

  it('refuses another network’s organisation with 422 like an unknown one', async () => {
    const res = await invite({ email: freshEmail(), organizationId: other.officeId, role: 'viewer' });
    expect(res.statusCode).toBe(422);
    expect(problemOf(res).errors!.map((e) => e.path)).toEqual(['body.organizationId']);
  });

  it('refuses a malformed address and unknown role with 422 naming both fields', async () => {
    const res = await invite({ email: 'no-at-sign', organizationId: orgB.id, role: 'emperor' });
    expect(res.statusCode).toBe(422);
    expect(problemOf(res).errors!.map((e) => e.path).sort()).toEqual(['body.email', 'body.role']);
  });

  it('refuses a coordinator’s invitation with 403 and sends no mail', async () => {
    const coordinator = await makeUser(t.database, net, 'coordinator');
    const cookie = await login(t.app, coordinator.email);
    const email = freshEmail('by-coordinator');
    const res = await invite({ email, organizationId: orgB.id, role: 'volunteer' }, cookie);
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).type).toBe(`${PROBLEM}forbidden`);
    const listed = await t.app.inject({ method: 'GET', url: BASE, headers: asBrowser(cookie) });
    expect(listed.statusCode).toBe(403);
    await t.app.mail.deliverDue();
    expect((await outbox()).filter((m) => m.to === email)).toEqual([]);
  });

  it('answers 400 token-invalid for a garbage or unknown token', async () => {
    for (const token of ['garbage-garbage', `${net.networkId}.${'x'.repeat(43)}`, `${randomUUID()}.${'y'.repeat(43)}`]) {
      const seen = await lookup(token);
      expect(seen.statusCode).toBe(400);
      expect(problemOf(seen).type).toBe(`${PROBLEM}token-invalid`);
      const res = await accept({ token, name: 'Niemand', password: NEW_PASSWORD });
      expect(res.statusCode).toBe(400);
      expect(problemOf(res).type).toBe(`${PROBLEM}token-invalid`);
    }
  });
});

describe('handing on roles', () => {
  const holds = (creator: Role, granted: Role) => ROLE_PERMISSIONS[granted].every((p) => ROLE_PERMISSIONS[creator].includes(p));

  it('lets a person invite with a role only if they hold its every permission, for every role pair, and mails nothing otherwise', async () => {
    for (const creator of ROLES) {
      const cookie = creator === 'network_admin' ? admin : await login(t.app, (await makeUser(t.database, net, creator)).email);
      const manages = ROLE_PERMISSIONS[creator].includes('invitations:manage');
      for (const granted of ROLES) {
        const email = freshEmail(`${creator}-${granted}`.replace('_', '-'));
        const res = await invite({ email, organizationId: orgB.id, role: granted }, cookie, 'en');
        const allowed = manages && holds(creator, granted);
        expect(res.statusCode, `${creator} → ${granted}`).toBe(allowed ? 201 : 403);
        if (!allowed) {
          expect(problemOf(res).type).toBe(`${PROBLEM}${manages ? 'role-beyond-own' : 'forbidden'}`);
          await t.app.mail.deliverDue();
          expect((await outbox()).filter((m) => m.to === email)).toEqual([]);
        }
      }
    }
  });

  it('makes a new network’s first person admin and coordinator of the office, so they can invite the coordinators', async () => {
    const email = `gruenderin-${randomUUID()}@example.org`;
    const created = await createNetworkWithAdmin(t.database.db, { name: `Netz ${randomUUID()}`, adminEmail: email, adminPassword: 'eine lange Passphrase' });
    const cookie = await login(t.app, email, 'eine lange Passphrase');
    const who = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).json() as Me;
    expect(who.memberships.map((m) => m.role).sort()).toEqual(['coordinator', 'network_admin']);
    const res = await invite({ email: freshEmail('erste-koordination'), organizationId: created.officeId, role: 'coordinator' }, cookie);
    expect(res.statusCode, res.body).toBe(201);
  });

  it('refuses a network admin inviting a coordinator with 403 naming the role, in German', async () => {
    const res = await invite({ email: freshEmail('koordination'), organizationId: orgB.id, role: 'coordinator' });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res)).toMatchObject({ type: `${PROBLEM}role-beyond-own`, code: 'ROLE_BEYOND_OWN', title: 'Rolle übersteigt Ihre Rechte' });
    expect(res.json().detail).toBe('Die Rolle „Koordination“ umfasst Rechte, die Sie selbst nicht haben. Sie können nur Rollen vergeben, deren Rechte Sie auch besitzen.');
  });

  it('keeps the portal invitation within its senders’ rights: everyone who manages volunteers holds the volunteer role’s permissions', () => {
    const senders = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('volunteers:manage'));
    expect(senders.length).toBeGreaterThan(0);
    for (const sender of senders) expect(holds(sender, 'volunteer'), sender).toBe(true);
  });
});

describe('listing', () => {
  it('lists pending invitations with status=pending only', async () => {
    const a = await inviteOk({ email: freshEmail('pending-a'), organizationId: orgB.id, role: 'volunteer' });
    const b = await inviteOk({ email: freshEmail('pending-b'), organizationId: net.officeId, role: 'counsellor' });
    const { items } = await listInvitations('&status=pending');
    expect(items.every((i) => i.status === 'pending')).toBe(true);
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    // newest first
    expect(items.map((i) => i.id).indexOf(b.id)).toBeLessThan(items.map((i) => i.id).indexOf(a.id));
  });

  it('lists every status without a filter', async () => {
    const statuses = new Set((await listInvitations()).items.map((i) => i.status));
    expect(statuses).toEqual(new Set(['pending', 'accepted', 'revoked']));
  });

  it('pages with limit=1: every invitation exactly once, nextCursor null at the end', async () => {
    const whole = (await listInvitations()).items.map((i) => i.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await t.app.inject({ method: 'GET', url: `${BASE}?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, headers: asBrowser(admin) });
      const page = res.json() as { items: Invitation[]; nextCursor: string | null };
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      if (++pages > 50) throw new Error('pagination does not end');
    } while (cursor);
    expect(seen).toEqual(whole);
  });

  it('shows another network nothing of ours, and it cannot revoke ours (404)', async () => {
    const ours = await inviteOk({ email: freshEmail('private'), organizationId: orgB.id, role: 'viewer' });
    const theirs = await listInvitations('', otherAdmin);
    expect(theirs.items).toEqual([]);
    const res = await t.app.inject({ method: 'DELETE', url: `${BASE}/${ours.id}`, headers: asBrowser(otherAdmin) });
    expect(res.statusCode).toBe(404);
    expect((await listInvitations('&status=pending')).items.map((i) => i.id)).toContain(ours.id);
  });

  it('does not show our invitation mail in another network’s outbox', async () => {
    await t.app.mail.deliverDue();
    expect(await outbox(otherAdmin)).toEqual([]);
  });
});
