import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The command line as an operator uses it: real processes, a real data directory (PGlite) or a
 * database of its own on the PostgreSQL server when TEST_DATABASE_URL is set.
 */
let dir: string;
let env: Record<string, string>;
let dropDatabase: () => Promise<void> = async () => {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-cli-'));
  env = { ...(process.env as Record<string, string>), DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.LOTSE_SECRET_KEY;
  delete env.LOTSE_BACKUP_PASSPHRASE;
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const name = `lotse_cli_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    env.LOTSE_SECRET_KEY = randomBytes(32).toString('base64');
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
});
afterAll(async () => {
  await dropDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});

const lotse = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], { env, encoding: 'utf8', timeout: 60_000 });

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe(`the lotse command line (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('creates a network, refuses bad arguments, seeds the demo once, and round-trips a backup', () => {
    const created = lotse('create-network', '--name', 'Integrationsnetz Hannover', '--admin-email', 'Leitung@Example.org', '--admin-password', 'eine lange Passphrase');
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/Network "Integrationsnetz Hannover" created \(slug integrationsnetz-hannover/);

    const short = lotse('create-network', '--name', 'X', '--admin-email', 'x@example.org', '--admin-password', 'kurz');
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/at least 10 characters/);
    const taken = lotse('create-network', '--name', 'Zweites Netz', '--admin-email', 'leitung@example.org', '--admin-password', 'eine lange Passphrase');
    expect(taken.status).toBe(1);

    const seeded = lotse('seed-demo');
    expect(seeded.status, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain('admin@demo.lotse.dev');
    expect(lotse('seed-demo').stdout).toContain('exists already');

    const file = path.join(dir, 'backup.json.gz');
    const saved = lotse('backup', file);
    expect(saved.status, saved.stderr).toBe(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const rows = Number(/: (\d+) rows/.exec(saved.stdout)?.[1]);
    expect(rows).toBeGreaterThan(20);
    const restored = lotse('restore', file);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`Restored ${rows} rows`);
    expect(lotse('seed-demo').stdout).toContain('exists already');

    expect(lotse('nonsense').status).toBe(2);
  }, 300_000);

  it('encrypts a backup with the passphrase file, and restores it only with that passphrase, without a stack trace', () => {
    const passphraseFile = path.join(dir, 'passphrase');
    fs.writeFileSync(passphraseFile, 'ein langer Satz als Passphrase\n', { mode: 0o600 });
    const file = path.join(dir, 'backup.lotse');
    const saved = lotse('backup', file, '--passphrase-file', passphraseFile);
    expect(saved.status, saved.stderr).toBe(0);
    expect(saved.stdout).toMatch(/\(encrypted\): \d+ rows/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file).includes(Buffer.from('admin@demo.lotse.dev'))).toBe(false);

    const without = lotse('restore', file);
    expect(without.status).toBe(1);
    expect(without.stderr).toMatch(/is encrypted: give its passphrase with --passphrase-file/);
    const wrong = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'restore', file], { env: { ...env, LOTSE_BACKUP_PASSPHRASE: 'eine ganz andere Passphrase' }, encoding: 'utf8', timeout: 60_000 });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/The passphrase does not open/);
    for (const out of [without.stderr, wrong.stderr]) expect(out).not.toMatch(/^\s+at /m);

    const restored = lotse('restore', file, '--passphrase-file', passphraseFile);
    expect(restored.status, restored.stderr).toBe(0);
    expect(lotse('seed-demo').stdout).toContain('exists already');

    const missing = lotse('backup', path.join(dir, 'other.lotse'), '--passphrase-file', path.join(dir, 'missing'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot be read/);
  }, 300_000);

  it.runIf(!!process.env.TEST_DATABASE_URL)('refuses to serve PostgreSQL without LOTSE_SECRET_KEY, saying how to make one', () => {
    const { LOTSE_SECRET_KEY: _, ...noKey } = env;
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'serve'], { env: { ...noKey, PORT: '0' }, encoding: 'utf8', timeout: 60_000 });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/LOTSE_SECRET_KEY is not set.*openssl rand -base64 32/);
    expect(res.stderr).not.toMatch(/^\s+at /m);
  }, 120_000);

  it('serves, answers health checks, and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'serve'], { env: { ...env, PORT: String(port), LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 60_000;
    let health: Response | null = null;
    while (Date.now() < deadline && !health) {
      health = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
      if (!health) await new Promise((r) => setTimeout(r, 250));
    }
    expect(health?.status, output).toBe(200);
    if (!env.DATABASE_URL) expect(fs.statSync(path.join(env.DATA_DIR!, 'secret.key')).mode & 0o777).toBe(0o600);
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@demo.lotse.dev', password: 'lotse-demo-2026' }),
    });
    expect(login.status).toBe(200);
    const logLine = output.split('\n').find((l) => l.includes('"reqId"'));
    expect(logLine && JSON.parse(logLine)).toMatchObject({ level: 30 });

    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(output).toContain('shutting down');
  }, 120_000);
});
