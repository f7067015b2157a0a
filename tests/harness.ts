import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { buildApp } from '../src/server/app.js';
import { loadConfig, type Config } from '../src/server/config.js';
import { openDatabase, type Database } from '../src/server/db/client.js';
import { migrate } from '../src/server/db/migrate.js';
import { useSecretKey } from '../src/server/db/secret-box.js';

export const ORIGIN = 'http://localhost:3000';

/** Where the problem types of the API live (`type` of every problem+json answer). */
export const PROBLEM = 'https://lotse.dev/problems/';

export interface TestProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: { path: string; message: string }[];
}

/** The body of an error answer, which must be problem+json. */
export function problemOf(res: LightMyRequestResponse): TestProblem {
  if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) {
    throw new Error(`expected problem+json, got ${String(res.headers['content-type'])} (${res.statusCode}): ${res.body.slice(0, 300)}`);
  }
  return res.json() as TestProblem;
}

/**
 * A fresh database per test file: PGlite in memory, or — when TEST_DATABASE_URL is set — a
 * database of its own on that PostgreSQL server, dropped afterwards.
 */
export async function createTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrate(database);
    return { database, drop: () => database.close() };
  }
  const name = `lotse_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  await migrate(database);
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  close: () => Promise<void>;
}

/** One key per test process, as one deployment has one, given as PostgreSQL requires it. */
const TEST_SECRET_KEY = randomBytes(32).toString('base64');

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const { database, drop } = await createTestDatabase();
  const config = loadConfig({ PUBLIC_URL: ORIGIN, LOG_LEVEL: 'silent', LOTSE_SECRET_KEY: TEST_SECRET_KEY, ...env });
  useSecretKey(config.LOTSE_SECRET_KEY!);
  const app = await buildApp({ config, database });
  await app.ready();
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await drop();
    },
  };
}

/** The session cookie a login answer set, ready for the next request's Cookie header. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === 'lotse_session');
  if (!cookie) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`);
  return `lotse_session=${cookie.value}`;
}
