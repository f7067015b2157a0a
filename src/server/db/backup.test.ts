import { sql } from 'drizzle-orm';
import { authenticator } from 'otplib';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, type TestApp } from '../../../tests/harness.js';
import { asBrowser, login, makeCatalog, makeNetwork, makeOrganization, makeUser, makeVolunteer, PASSWORD } from '../../../tests/factories.js';
import { backup, restore } from './backup.js';
import { queryRows, type Db } from './client.js';
import { withMaintenance, withTenant } from './tenancy.js';
import { setTotp } from '../modules/users/users.service.js';
import { buildApp } from '../app.js';

const PASSPHRASE = 'korrekt pferd batterie heftklammer';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-backup-'));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every row of every table, as PostgreSQL renders it, in a stable order. */
async function snapshot(db: Db) {
  return withMaintenance(db, async (tx) => {
    const tables = await queryRows<{ name: string }>(tx, sql`select relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and relkind = 'r' order by relname`);
    const out: Record<string, string[]> = {};
    for (const { name } of tables) {
      const rows = await queryRows<{ r: unknown }>(tx, sql.raw(`select row_to_json(t)::text as r from "${name}" t`));
      out[name] = rows.map((r) => String(r.r)).sort();
    }
    return out;
  });
}

/** Without matching's change notes, which a restore writes anew for the volunteers it inserts. */
async function durable(db: Db) {
  const all = await snapshot(db);
  delete all.matching_changes;
  return all;
}

describe(`backup and restore (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('restores into a fresh database exactly what was backed up, and people can sign in again', async () => {
    const network = await makeNetwork(t.database, 'Integrationsnetz Bremen');
    await makeOrganization(t.database, network, 'Bildungsträger Nord – „Ümlaute“ & ✓');
    const volunteer = await makeUser(t.database, network, 'volunteer');
    const cookie = await login(t.app, network.adminEmail);
    await t.app.inject({ method: 'POST', url: '/api/v1/invitations', headers: asBrowser(cookie), payload: { email: 'neu@example.org', organizationId: network.officeId, role: 'partner' } });
    await t.app.mail.deliverDue();

    const file = path.join(dir, 'lotse.backup.json.gz');
    const written = await backup(t.database.db, file);
    expect(written.rows).toBeGreaterThan(10);
    const before = await snapshot(t.database.db);

    const target = await createTestDatabase();
    try {
      await restore(target.database.db, file);
      expect(await snapshot(target.database.db)).toEqual(before);
      const app = await buildApp({ config: t.config, database: target.database });
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: volunteer.email, password: PASSWORD } });
      expect(res.statusCode).toBe(200);
      await app.close();
    } finally {
      await target.drop();
    }
  });

  it('writes the file readable by its owner only, also over an existing file', async () => {
    const file = path.join(dir, 'existing.json.gz');
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    await backup(t.database.db, file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const fresh = path.join(dir, 'fresh.json.gz');
    await backup(t.database.db, fresh, { passphrase: PASSPHRASE });
    expect(fs.statSync(fresh).mode & 0o777).toBe(0o600);
  });

  it('encrypts with a passphrase: no IBAN, address or password hash in the bytes; restores only with that passphrase', async () => {
    const network = await makeNetwork(t.database);
    const cookie = await login(t.app, network.adminEmail);
    await makeCatalog(t.database, network);
    const volunteerId = await makeVolunteer(t.app, cookie);
    const iban = 'DE89370400440532013000';
    await withMaintenance(t.database.db, (tx) => tx.execute(sql`update volunteers set iban = ${iban} where id = ${volunteerId}`));
    const [{ hash }] = await withMaintenance(t.database.db, (tx) => queryRows<{ hash: string }>(tx, sql`select password_hash as hash from users where email = ${network.adminEmail}`));
    const totpSecret = authenticator.generateSecret();
    await withTenant(t.database.db, network.networkId, (tx) => setTotp(tx, network.networkId, network.adminId, { totpSecret, totpEnabled: true }));
    const secrets = [iban, network.adminEmail, hash];

    const plain = path.join(dir, 'plain.json.gz');
    await backup(t.database.db, plain);
    const plainText = gunzipSync(fs.readFileSync(plain)).toString('utf8');
    for (const s of secrets) expect(plainText).toContain(s);
    // Even the unencrypted backup holds TOTP secrets only as sealed with the secret key.
    expect(plainText).not.toContain(totpSecret);

    const file = path.join(dir, 'encrypted.backup');
    expect((await backup(t.database.db, file, { passphrase: PASSPHRASE })).encrypted).toBe(true);
    const bytes = fs.readFileSync(file);
    for (const s of secrets) {
      expect(bytes.includes(Buffer.from(s, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(s, 'utf16le'))).toBe(false);
    }
    expect(() => gunzipSync(bytes)).toThrow();
    const before = await durable(t.database.db);

    const target = await createTestDatabase();
    try {
      const empty = await durable(target.database.db);
      await expect(restore(target.database.db, file)).rejects.toThrow(/is encrypted: give its passphrase/);
      await expect(restore(target.database.db, file, { passphrase: 'not the passphrase' })).rejects.toThrow(/passphrase does not open/);
      expect(await durable(target.database.db)).toEqual(empty);
      await restore(target.database.db, file, { passphrase: PASSPHRASE });
      expect(await durable(target.database.db)).toEqual(before);
    } finally {
      await target.drop();
    }
  });

  it('refuses an encrypted backup whose bytes were changed', async () => {
    const file = path.join(dir, 'tampered.backup');
    await backup(t.database.db, file, { passphrase: PASSPHRASE });
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 1]! ^= 1;
    fs.writeFileSync(file, bytes);
    await expect(restore(t.database.db, file, { passphrase: PASSPHRASE })).rejects.toThrow(/passphrase does not open/);
  });

  it('refuses a file that is not a Lotse backup and changes nothing', async () => {
    const file = path.join(dir, 'broken.gz');
    const { gzipSync } = await import('node:zlib');
    fs.writeFileSync(file, gzipSync(JSON.stringify({ format: 'something-else', tables: [] })));
    const before = await snapshot(t.database.db);
    await expect(restore(t.database.db, file)).rejects.toThrow(/not a Lotse backup/);
    expect(await snapshot(t.database.db)).toEqual(before);
  });
});
