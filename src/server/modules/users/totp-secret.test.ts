import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ORIGIN, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork, makeUser, PASSWORD, type TestNetwork } from '../../../../tests/factories.js';
import { queryRows } from '../../db/client.js';
import { useSecretKey } from '../../db/secret-box.js';
import { withMaintenance, withTenant } from '../../db/tenancy.js';
import { getUserRow, sealStoredTotpSecrets } from './users.service.js';

let t: TestApp;
let network: TestNetwork;
beforeAll(async () => {
  t = await createTestApp();
  network = await makeNetwork(t.database);
});
afterAll(() => t.close());

const codeAt = (secret: string, at: number) => authenticator.clone({ epoch: at }).generate(secret);
const signIn = (email: string, totp?: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: ORIGIN }, payload: { email, password: PASSWORD, ...(totp ? { totp } : {}) } });

const storedSecret = async (userId: string) =>
  (await withMaintenance(t.database.db, (tx) => queryRows<{ s: string | null }>(tx, sql`select totp_secret as s from users where id = ${userId}`)))[0]!.s;

/** Sets TOTP up through the API, enabled with the previous step's code so the current one is free. */
async function enableTotp(email: string): Promise<string> {
  const cookie = await login(t.app, email);
  const setup = (await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/setup', headers: asBrowser(cookie) })).json();
  const enabled = await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/enable', headers: asBrowser(cookie), payload: { code: codeAt(setup.secret, Date.now() - 30_000) } });
  expect(enabled.statusCode, enabled.body).toBe(204);
  return setup.secret as string;
}

describe(`TOTP secrets at rest (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('stores the secret encrypted, not as the base32 secret, and sign-in with a code still works', async () => {
    const person = await makeUser(t.database, network, 'coordinator');
    const secret = await enableTotp(person.email);
    const stored = await storedSecret(person.id);
    expect(stored).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    expect(stored).not.toContain(secret);
    expect(Buffer.from(stored!.slice(3), 'base64').toString('latin1')).not.toContain(secret);

    expect((await signIn(person.email)).json().type).toBe('https://lotse.dev/problems/totp-required');
    const res = await signIn(person.email, codeAt(secret, Date.now()));
    expect(res.statusCode, res.body).toBe(200);
  });

  it('binds the sealed secret to its person: copied onto another row it does not open', async () => {
    const owner = await makeUser(t.database, network, 'counsellor');
    const other = await makeUser(t.database, network, 'counsellor');
    await enableTotp(owner.email);
    await withMaintenance(t.database.db, (tx) => tx.execute(sql`update users set totp_secret = (select totp_secret from users where id = ${owner.id}) where id = ${other.id}`));
    await expect(withTenant(t.database.db, network.networkId, (tx) => getUserRow(tx, network.networkId, other.id))).rejects.toThrow();
    await withMaintenance(t.database.db, (tx) => tx.execute(sql`update users set totp_secret = null where id = ${other.id}`));
  });

  it('encrypts secrets stored in clear by an older version once at start-up, and their codes still sign in', async () => {
    const person = await makeUser(t.database, network, 'coordinator');
    const secret = authenticator.generateSecret();
    await withMaintenance(t.database.db, (tx) => tx.execute(sql`update users set totp_secret = ${secret}, totp_enabled = true where id = ${person.id}`));

    expect(await sealStoredTotpSecrets(t.database.db)).toEqual({ sealed: 1 });
    const stored = await storedSecret(person.id);
    expect(stored).toMatch(/^v1:/);
    expect(await sealStoredTotpSecrets(t.database.db)).toEqual({ sealed: 0 });
    expect(await storedSecret(person.id)).toBe(stored);

    const res = await signIn(person.email, codeAt(secret, Date.now()));
    expect(res.statusCode, res.body).toBe(200);
  });

  it('stops the start with a message when the key does not open the stored secrets', async () => {
    const person = await makeUser(t.database, network, 'coordinator');
    await enableTotp(person.email);
    useSecretKey(randomBytes(32));
    try {
      await expect(sealStoredTotpSecrets(t.database.db)).rejects.toThrow(/does not open the stored TOTP secrets/);
    } finally {
      useSecretKey(t.config.LOTSE_SECRET_KEY!);
    }
    expect(await sealStoredTotpSecrets(t.database.db)).toEqual({ sealed: 0 });
  });
});
