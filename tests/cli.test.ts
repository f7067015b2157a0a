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
    const rows = Number(/: (\d+) rows/.exec(saved.stdout)?.[1]);
    expect(rows).toBeGreaterThan(20);
    const restored = lotse('restore', file);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`Restored ${rows} rows`);
    expect(lotse('seed-demo').stdout).toContain('exists already');

    expect(lotse('nonsense').status).toBe(2);
  }, 300_000);

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
