import { sql } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, type TestApp } from '../../../tests/harness.js';
import { asBrowser, login, makeNetwork, makeOrganization, makeUser, PASSWORD } from '../../../tests/factories.js';
import { backup, restore } from './backup.js';
import { queryRows, type Db } from './client.js';
import { withMaintenance } from './tenancy.js';
import { buildApp } from '../app.js';

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

  it('refuses a file that is not a Lotse backup and changes nothing', async () => {
    const file = path.join(dir, 'broken.gz');
    const { gzipSync } = await import('node:zlib');
    fs.writeFileSync(file, gzipSync(JSON.stringify({ format: 'something-else', tables: [] })));
    const before = await snapshot(t.database.db);
    await expect(restore(t.database.db, file)).rejects.toThrow(/not a Lotse backup/);
    expect(await snapshot(t.database.db)).toEqual(before);
  });
});
