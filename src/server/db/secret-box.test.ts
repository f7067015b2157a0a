import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN } from '../../../tests/harness.js';
import { asBrowser, login, makeNetwork, makeUser, PASSWORD } from '../../../tests/factories.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { sealStoredTotpSecrets } from '../modules/users/users.service.js';
import { openDatabase } from './client.js';
import { migrate } from './migrate.js';
import { loadSecretKey, useSecretKey } from './secret-box.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-key-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the secret key', () => {
  it('is made once into DATA_DIR/secret.key with mode 0600 and read back on every later start', () => {
    const dataDir = path.join(dir, 'once');
    fs.mkdirSync(dataDir);
    const first = loadSecretKey({ databaseKind: 'pglite', dataDir });
    const file = path.join(dataDir, 'secret.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const written = fs.readFileSync(file, 'utf8');
    const again = loadSecretKey({ databaseKind: 'pglite', dataDir });
    expect(again.equals(first)).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(written);
    expect(first).toHaveLength(32);
  });

  it('comes from LOTSE_SECRET_KEY when set, as hex or base64, and a malformed one is refused without echoing it', () => {
    const key = randomBytes(32);
    expect(loadConfig({ LOTSE_SECRET_KEY: key.toString('hex') }).LOTSE_SECRET_KEY?.equals(key)).toBe(true);
    expect(loadConfig({ LOTSE_SECRET_KEY: key.toString('base64') }).LOTSE_SECRET_KEY?.equals(key)).toBe(true);
    const short = randomBytes(16).toString('base64');
    expect(() => loadConfig({ LOTSE_SECRET_KEY: short })).toThrow(/LOTSE_SECRET_KEY: must be 32 bytes/);
    try {
      loadConfig({ LOTSE_SECRET_KEY: short });
    } catch (err) {
      expect((err as Error).message).not.toContain(short);
    }
    const dataDir = path.join(dir, 'from-env');
    fs.mkdirSync(dataDir);
    expect(loadSecretKey({ secretKey: key, databaseKind: 'pglite', dataDir }).equals(key)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'secret.key'))).toBe(false);
  });

  it('is required with PostgreSQL, where every instance must use the same key', () => {
    expect(() => loadSecretKey({ databaseKind: 'postgres', dataDir: path.join(dir, 'pg') })).toThrow(/LOTSE_SECRET_KEY is not set.*openssl rand -base64 32/);
    expect(fs.existsSync(path.join(dir, 'pg'))).toBe(false);
  });

  it('refuses a secret.key that does not hold a key, instead of making a new one over it', () => {
    const dataDir = path.join(dir, 'broken');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, 'secret.key'), 'not a key\n', { mode: 0o600 });
    expect(() => loadSecretKey({ databaseKind: 'pglite', dataDir })).toThrow(/does not hold a 32-byte key/);
    expect(fs.readFileSync(path.join(dataDir, 'secret.key'), 'utf8')).toBe('not a key\n');
  });

  it('lets a person with TOTP sign in after the embedded server restarts with nothing but its data directory', async () => {
    const DATA_DIR = path.join(dir, 'restart');
    const config = loadConfig({ DATA_DIR, PUBLIC_URL: ORIGIN, LOG_LEVEL: 'silent' });
    const start = async () => {
      const database = await openDatabase({ dataDir: DATA_DIR });
      await migrate(database);
      useSecretKey(loadSecretKey({ secretKey: config.LOTSE_SECRET_KEY, databaseKind: database.kind, dataDir: DATA_DIR }));
      await sealStoredTotpSecrets(database.db);
      const app = await buildApp({ config, database });
      return { database, app, stop: async () => (await app.close(), await database.close()) };
    };

    const first = await start();
    const network = await makeNetwork(first.database);
    const person = await makeUser(first.database, network, 'coordinator');
    const cookie = await login(first.app, person.email);
    const setup = (await first.app.inject({ method: 'POST', url: '/api/v1/me/totp/setup', headers: asBrowser(cookie) })).json();
    const code = (at: number) => authenticator.clone({ epoch: at }).generate(setup.secret);
    expect((await first.app.inject({ method: 'POST', url: '/api/v1/me/totp/enable', headers: asBrowser(cookie), payload: { code: code(Date.now() - 30_000) } })).statusCode).toBe(204);
    await first.stop();
    // Another process would start without the key in memory.
    useSecretKey(randomBytes(32));

    const second = await start();
    try {
      const res = await second.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: ORIGIN }, payload: { email: person.email, password: PASSWORD, totp: code(Date.now()) } });
      expect(res.statusCode, res.body).toBe(200);
      expect(fs.statSync(path.join(DATA_DIR, 'secret.key')).mode & 0o777).toBe(0o600);
    } finally {
      await second.stop();
    }
  }, 120_000);
});
