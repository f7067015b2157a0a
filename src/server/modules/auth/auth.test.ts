import { and, eq, sql } from 'drizzle-orm';
import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ORIGIN, sessionCookie, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork, makeUser, PASSWORD, type TestNetwork } from '../../../../tests/factories.js';
import { mailsTo } from '../../../../tests/mailbox.js';
import { withTenant } from '../../db/tenancy.js';
import { auditEvents } from '../audit/audit.table.js';
import { sessions } from './auth.table.js';

let t: TestApp;
let network: TestNetwork;

beforeAll(async () => {
  // As behind a reverse proxy: tests act as several clients by X-Forwarded-For.
  t = await createTestApp({ TRUST_PROXY: 'true' });
  network = await makeNetwork(t.database, 'Integrationsnetz Hannover');
});
afterAll(() => t.close());

const post = (url: string, payload: object, headers: Record<string, string> = { origin: ORIGIN }) => t.app.inject({ method: 'POST', url, headers, payload });

describe('sign-in', () => {
  it('signs in with 200, the person’s record and an httpOnly SameSite=Lax session cookie', async () => {
    const res = await post('/api/v1/auth/login', { email: network.adminEmail.toUpperCase(), password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me.user.email).toBe(network.adminEmail);
    expect(me.network.name).toBe('Integrationsnetz Hannover');
    expect(me.memberships).toEqual([{ organizationId: network.officeId, role: 'network_admin' }]);
    const cookie = res.cookies.find((c) => c.name === 'lotse_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: sessionCookie(res) } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(me);
  });

  it('sets a Secure cookie when PUBLIC_URL is https', async () => {
    const secure = await createTestApp({ PUBLIC_URL: 'https://lotse.example.org' });
    const n = await makeNetwork(secure.database);
    const res = await secure.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: n.adminEmail, password: PASSWORD } });
    expect(res.cookies.find((c) => c.name === 'lotse_session')?.secure).toBe(true);
    await secure.close();
  });

  it('refuses a wrong password with 401 and the same answer as an unknown address, in the reader’s language', async () => {
    const wrong = await post('/api/v1/auth/login', { email: network.adminEmail, password: 'not the password' }, { 'accept-language': 'en' });
    const unknown = await post('/api/v1/auth/login', { email: 'nobody@example.org', password: 'not the password' }, { 'accept-language': 'en' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ type: 'https://lotse.dev/problems/invalid-credentials', detail: 'E-mail address or password is wrong.' });
    expect(unknown.json().detail).toBe(wrong.json().detail);
    const ar = await post('/api/v1/auth/login', { email: network.adminEmail, password: 'not the password' }, { 'accept-language': 'ar' });
    expect(ar.json().detail).toBe('البريد الإلكتروني أو كلمة المرور غير صحيحة.');
  });

  it('locks one address out of an account for a while after five failed attempts, with a clear 429 and Retry-After', async () => {
    const victim = await makeUser(t.database, network, 'coordinator');
    for (let i = 0; i < 5; i++) expect((await post('/api/v1/auth/login', { email: victim.email, password: 'guess' + i })).statusCode).toBe(401);
    const locked = await post('/api/v1/auth/login', { email: victim.email, password: PASSWORD }, { 'accept-language': 'de' });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().type).toBe('https://lotse.dev/problems/rate-limited');
    expect(locked.json().detail).toMatch(/Bitte versuchen Sie es in 15 Minuten erneut/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('throttles one IP address across many accounts', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    let last = 0;
    for (let i = 0; i < 51; i++) last = (await post('/api/v1/auth/login', { email: `spray${i}@example.org`, password: 'guess' }, headers)).statusCode;
    expect(last).toBe(429);
    const otherIp = await post('/api/v1/auth/login', { email: network.adminEmail, password: PASSWORD }, { 'x-forwarded-for': '198.51.100.1' });
    expect(otherIp.statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For unless told to trust a proxy, so the address limit cannot be dodged', async () => {
    const direct = await createTestApp();
    try {
      let last = 0;
      for (let i = 0; i < 51; i++) {
        last = (
          await direct.app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            headers: { origin: ORIGIN, 'x-forwarded-for': `198.51.100.${i}` },
            payload: { email: `spray${i}@example.org`, password: 'guess' },
          })
        ).statusCode;
      }
      expect(last).toBe(429);
    } finally {
      await direct.close();
    }
  });

  it('ends the session on logout', async () => {
    const cookie = await login(t.app, network.adminEmail);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: asBrowser(cookie) });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('answers /api/v1/me without a session with 401 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: 'lotse_session=forged.value' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().type).toBe('https://lotse.dev/problems/unauthenticated');
  });
});

describe('sliding session expiry', () => {
  const sessionOf = (userId: string) =>
    withTenant(t.database.db, network.networkId, async (tx) => {
      const [row] = await tx.select({ lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.userId, userId));
      return row!;
    });
  const age = (userId: string, minutes: number, expiresInMinutes: number) =>
    withTenant(t.database.db, network.networkId, (tx) =>
      tx
        .update(sessions)
        .set({ lastSeenAt: sql`now() - make_interval(mins => ${minutes})`, expiresAt: sql`now() + make_interval(mins => ${expiresInMinutes})` })
        .where(eq(sessions.userId, userId)),
    );
  const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });

  it('moves the expiry of a session used after five quiet minutes, and writes nothing for one used a minute ago', async () => {
    const person = await makeUser(t.database, network, 'viewer');
    const cookie = await login(t.app, person.email);
    await age(person.id, 1, 30);
    const recent = await sessionOf(person.id);
    expect((await me(cookie)).statusCode).toBe(200);
    expect(await sessionOf(person.id)).toEqual(recent);

    await age(person.id, 6, 30);
    expect((await me(cookie)).statusCode).toBe(200);
    const touched = await sessionOf(person.id);
    expect(Date.now() - touched.lastSeenAt.getTime()).toBeLessThan(60_000);
    expect(touched.expiresAt.getTime() - Date.now()).toBeGreaterThan(24 * 3600_000);
  });

  it('refuses an expired session and a logged-out one on the very next request', async () => {
    const person = await makeUser(t.database, network, 'viewer');
    const cookie = await login(t.app, person.email);
    await age(person.id, 10, -1);
    expect((await me(cookie)).statusCode).toBe(401);
    const again = await login(t.app, person.email);
    expect((await me(again)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: asBrowser(again) })).statusCode).toBeLessThan(300);
    expect((await me(again)).statusCode).toBe(401);
  });
});

describe('sign-in limits', () => {
  const from = (ip: string, locale = 'en') => ({ origin: ORIGIN, 'x-forwarded-for': ip, 'accept-language': locale });
  const failedSignIns = (userId: string, totp = false) =>
    withTenant(t.database.db, network.networkId, async (tx) => {
      const rows = await tx
        .select({ fields: auditEvents.fields })
        .from(auditEvents)
        .where(and(eq(auditEvents.actorId, userId), eq(auditEvents.action, 'login_failed')));
      return rows.filter((r) => r.fields.includes('totp') === totp).length;
    });
  const counts = (codes: number[]) => codes.reduce<Record<number, number>>((acc, c) => ({ ...acc, [c]: (acc[c] ?? 0) + 1 }), {});

  it('refuses 30 parallel wrong passwords with 429 and checks at most 5', async () => {
    const victim = await makeUser(t.database, network, 'coordinator');
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => post('/api/v1/auth/login', { email: victim.email, password: `guess ${i}` }, from('192.0.2.10'))));
    const byStatus = counts(answers.map((a) => a.statusCode));
    expect(byStatus).toEqual({ 401: 5, 429: 25 });
    // Every answer that is not 429 is a password that was checked (and audited as a failure).
    expect(await failedSignIns(victim.id)).toBe(5);
    const refused = answers.find((a) => a.statusCode === 429)!;
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(refused.json()).toMatchObject({ type: 'https://lotse.dev/problems/rate-limited', detail: 'Too many failed sign-ins. Please try again in 15 minutes.' });
  });

  it('refuses 40 parallel wrong TOTP codes with 429 and checks at most 5, then holds the right code back too', async () => {
    const person = await makeUser(t.database, network, 'coordinator');
    const secret = await enableTotpFor(person.email);
    const wrong = wrongTotp(secret);
    // Each from its own address, so only the person's TOTP limit stands between the guesses and the check.
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post('/api/v1/auth/login', { email: person.email, password: PASSWORD, totp: wrong }, from(`198.18.${Math.floor(i / 200)}.${i + 1}`))),
    );
    const checked = answers.filter((a) => a.statusCode !== 429);
    expect(answers.every((a) => a.statusCode === 401 || a.statusCode === 429)).toBe(true);
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(checked.every((a) => a.json().type === 'https://lotse.dev/problems/totp-invalid')).toBe(true);
    expect(await failedSignIns(person.id, true)).toBe(checked.length);
    const locked = await post('/api/v1/auth/login', { email: person.email, password: PASSWORD, totp: totpAt(secret, Date.now()) }, from('198.18.1.1', 'ar'));
    expect(locked.statusCode).toBe(429);
    expect(locked.json().detail).toMatch(/^محاولات تسجيل دخول فاشلة كثيرة/);
  });

  it('lets the owner sign in with password and code from another address while an attacker’s address is locked', async () => {
    const owner = await makeUser(t.database, network, 'coordinator');
    const secret = await enableTotpFor(owner.email);
    for (let i = 0; i < 5; i++) expect((await post('/api/v1/auth/login', { email: owner.email, password: `guess ${i}` }, from('203.0.113.66'))).statusCode).toBe(401);
    expect((await post('/api/v1/auth/login', { email: owner.email, password: PASSWORD, totp: totpAt(secret, Date.now()) }, from('203.0.113.66'))).statusCode).toBe(429);
    const res = await post('/api/v1/auth/login', { email: owner.email, password: PASSWORD, totp: totpAt(secret, Date.now()) }, from('198.51.100.77'));
    expect(res.statusCode).toBe(200);
  });

  it('slows guessing from many addresses: after 30 failures in an hour the account waits, the owner too', async () => {
    const victim = await makeUser(t.database, network, 'coordinator');
    for (let address = 0; address < 6; address++) {
      const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => post('/api/v1/auth/login', { email: victim.email, password: `guess ${i}` }, from(`100.64.7.${address}`))));
      expect(answers.map((a) => a.statusCode)).toEqual([401, 401, 401, 401, 401]);
    }
    expect((await post('/api/v1/auth/login', { email: victim.email, password: 'guess again' }, from('100.64.7.99'))).statusCode).toBe(429);
    const owner = await post('/api/v1/auth/login', { email: victim.email, password: PASSWORD }, from('100.64.8.1', 'de'));
    expect(owner.statusCode).toBe(429);
    expect(Number(owner.headers['retry-after'])).toBeGreaterThan(59 * 60);
    expect(owner.json().detail).toMatch(/in 60 Minuten erneut/);
    expect(await failedSignIns(victim.id)).toBe(30);
  });

  it('does not count the right password, so a person who signs in often is never locked out', async () => {
    const person = await makeUser(t.database, network, 'counsellor');
    const headers = from('192.0.2.44');
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) expect((await post('/api/v1/auth/login', { email: person.email, password: `typo ${i}` }, headers)).statusCode).toBe(401);
      expect((await post('/api/v1/auth/login', { email: person.email, password: PASSWORD }, headers)).statusCode).toBe(200);
    }
    const parallel = await Promise.all(Array.from({ length: 5 }, () => post('/api/v1/auth/login', { email: person.email, password: PASSWORD }, headers)));
    expect(parallel.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
  });
});

describe('cross-site request protection', () => {
  it('refuses a state change with a session cookie from a foreign Origin, or with none', async () => {
    const cookie = await login(t.app, network.adminEmail);
    const foreign = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: { cookie, origin: 'https://evil.example' }, payload: { kind: 'employer', name: 'X' } });
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: { cookie }, payload: { kind: 'employer', name: 'X' } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().type).toBe('https://lotse.dev/problems/origin-mismatch');
    expect(missing.statusCode).toBe(403);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/organizations?q=X', headers: { cookie } });
    expect(list.json().items.filter((o: { name: string }) => o.name === 'X')).toEqual([]);
  });

  it('accepts the request from Lotse’s own origin', async () => {
    const cookie = await login(t.app, network.adminEmail);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: asBrowser(cookie), payload: { kind: 'employer', name: 'Tischlerei Özdemir' } });
    expect(res.statusCode).toBe(201);
  });
});

describe('own profile and password', () => {
  it('changes name and language with the current version, and refuses a stale one with 409', async () => {
    const person = await makeUser(t.database, network, 'volunteer');
    const cookie = await login(t.app, person.email);
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).json();
    const ok = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: asBrowser(cookie), payload: { locale: 'ar', name: 'Amira H.', version: me.user.version } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ locale: 'ar', name: 'Amira H.' });
    const stale = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: asBrowser(cookie), payload: { name: 'Other', version: me.user.version } });
    expect(stale.statusCode).toBe(409);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).json().user.name).toBe('Amira H.');
  });

  it('uses the person’s language for problems when the request names none', async () => {
    const person = await makeUser(t.database, network, 'partner');
    const cookie = await login(t.app, person.email);
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).json();
    await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: asBrowser(cookie), payload: { locale: 'en', version: me.user.version } });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toBe('Your role does not allow this action.');
  });

  it('changes the password only with the current one, and signs out other sessions', async () => {
    const person = await makeUser(t.database, network, 'counsellor');
    const first = await login(t.app, person.email);
    const second = await login(t.app, person.email);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: asBrowser(first), payload: { currentPassword: 'nope', newPassword: 'a brand new passphrase' } });
    expect(wrong.statusCode).toBe(403);
    const weak = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: asBrowser(first, 'en'), payload: { currentPassword: PASSWORD, newPassword: 'short' } });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0]).toEqual({ path: 'body.newPassword', message: 'The password must be at least 10 characters long.' });
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: asBrowser(first), payload: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' } });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: first } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: second } })).statusCode).toBe(401);
    expect((await post('/api/v1/auth/login', { email: person.email, password: 'a brand new passphrase' })).statusCode).toBe(200);
  });
});

describe('password reset by e-mail', () => {
  it('mails a link that sets a new password once and signs out every session', async () => {
    const person = await makeUser(t.database, network, 'coordinator');
    const before = await login(t.app, person.email);
    const requested = await post('/api/v1/auth/password-reset/request', { email: person.email });
    expect(requested.statusCode).toBe(202);
    expect((await post('/api/v1/auth/password-reset/request', { email: 'nobody@example.org' })).statusCode).toBe(202);
    await t.app.mail.deliverDue();
    const [mail] = await mailsTo(t.database, person.email);
    expect(mail!.status).toBe('logged');
    const token = decodeURIComponent(/reset-password\?token=([^\s]+)/.exec(mail!.text)![1]!);
    expect(mail!.text).toContain(`${ORIGIN}/reset-password?token=`);
    // The network admin's outbox shows the mail but never a working link of another person.
    const admin = await login(t.app, network.adminEmail);
    const outbox = (await t.app.inject({ method: 'GET', url: '/api/v1/outbox', headers: { cookie: admin } })).json();
    const shown = outbox.items.find((m: { to: string }) => m.to === person.email);
    expect(shown.text).not.toContain(token);

    const done = await post('/api/v1/auth/password-reset/confirm', { token, password: 'reset passphrase 2026' });
    expect(done.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: before } })).statusCode).toBe(401);
    expect((await post('/api/v1/auth/login', { email: person.email, password: 'reset passphrase 2026' })).statusCode).toBe(200);
    const reused = await post('/api/v1/auth/password-reset/confirm', { token, password: 'another passphrase 1' });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().type).toBe('https://lotse.dev/problems/token-invalid');
  });
});

describe('two-factor sign-in (TOTP)', () => {
  it('sets up TOTP with a QR code, then requires and checks the code at sign-in, refusing replays', async () => {
    const person = await makeUser(t.database, network, 'coordinator');
    const cookie = await login(t.app, person.email);
    const setup = (await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/setup', headers: asBrowser(cookie) })).json();
    expect(setup.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(setup.otpauthUrl).toContain('otpauth://totp/');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/enable', headers: asBrowser(cookie), payload: { code: '000000' } });
    expect(bad.statusCode).toBe(401);
    // Enable with the previous time step's code (still inside the window), so the current step stays unused.
    const enabled = await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/enable', headers: asBrowser(cookie), payload: { code: totpAt(setup.secret, Date.now() - 30_000) } });
    expect(enabled.statusCode).toBe(204);

    const noCode = await post('/api/v1/auth/login', { email: person.email, password: PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().type).toBe('https://lotse.dev/problems/totp-required');
    expect(noCode.cookies.find((c) => c.name === 'lotse_session')).toBeUndefined();
    const wrongCode = await post('/api/v1/auth/login', { email: person.email, password: PASSWORD, totp: '123456' });
    expect(wrongCode.json().type).toBe('https://lotse.dev/problems/totp-invalid');

    const withCode = await post('/api/v1/auth/login', { email: person.email, password: PASSWORD, totp: totpAt(setup.secret, Date.now()) });
    expect(withCode.statusCode).toBe(200);
    expect(withCode.cookies.find((c) => c.name === 'lotse_session')).toBeDefined();
  });

  it('refuses to reuse the code of a successful sign-in', async () => {
    const person = await makeUser(t.database, network, 'counsellor');
    const cookie = await login(t.app, person.email);
    const setup = (await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/setup', headers: asBrowser(cookie) })).json();
    const prevCode = totpAt(setup.secret, Date.now() - 30_000);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/enable', headers: asBrowser(cookie), payload: { code: prevCode } })).statusCode).toBe(204);
    const code = totpAt(setup.secret, Date.now());
    expect((await post('/api/v1/auth/login', { email: person.email, password: PASSWORD, totp: code })).statusCode).toBe(200);
    const replay = await post('/api/v1/auth/login', { email: person.email, password: PASSWORD, totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().type).toBe('https://lotse.dev/problems/totp-invalid');
  });

  it('lets a network require TOTP for staff: until set up, staff may only reach their own profile', async () => {
    const own = await createTestApp();
    const n = await makeNetwork(own.database);
    const adminCookie = await login(own.app, n.adminEmail);
    const network = (await own.app.inject({ method: 'GET', url: '/api/v1/network', headers: { cookie: adminCookie } })).json();
    const patched = await own.app.inject({ method: 'PATCH', url: '/api/v1/network', headers: asBrowser(adminCookie), payload: { settings: { requireTotpForStaff: true }, version: network.version } });
    expect(patched.statusCode).toBe(200);
    const staff = await makeUser(own.database, n, 'coordinator');
    const volunteer = await makeUser(own.database, n, 'volunteer');
    const staffCookie = await login(own.app, staff.email);
    const me = (await own.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: staffCookie } })).json();
    expect(me.totpSetupRequired).toBe(true);
    const blocked = await own.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: { cookie: staffCookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().type).toBe('https://lotse.dev/problems/totp-setup-required');
    const volunteerCookie = await login(own.app, volunteer.email);
    expect((await own.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: { cookie: volunteerCookie } })).statusCode).toBe(200);

    const setup = (await own.app.inject({ method: 'POST', url: '/api/v1/me/totp/setup', headers: asBrowser(staffCookie) })).json();
    await own.app.inject({ method: 'POST', url: '/api/v1/me/totp/enable', headers: asBrowser(staffCookie), payload: { code: totpAt(setup.secret, Date.now()) } });
    expect((await own.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: { cookie: staffCookie } })).statusCode).toBe(200);
    await own.close();
  });
});

/** Sets up two-factor sign-in for a person through the API; answers the secret. */
async function enableTotpFor(email: string): Promise<string> {
  const cookie = await login(t.app, email);
  const setup = (await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/setup', headers: asBrowser(cookie) })).json();
  // The previous step's code, so the current step stays unused for the sign-in.
  const enabled = await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/enable', headers: asBrowser(cookie), payload: { code: totpAt(setup.secret, Date.now() - 30_000) } });
  expect(enabled.statusCode).toBe(204);
  return setup.secret;
}

/** A six-digit code that none of the accepted time steps produces. */
function wrongTotp(secret: string): string {
  const valid = new Set([-1, 0, 1].map((d) => totpAt(secret, Date.now() + d * 30_000)));
  let code = 123456;
  while (valid.has(String(code))) code++;
  return String(code);
}

function totpAt(secret: string, at: number): string {
  const clone = authenticator.clone({ epoch: at });
  return clone.generate(secret);
}
