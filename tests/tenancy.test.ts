import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/server/db/client.js';
import { withTenant } from '../src/server/db/tenancy.js';
import { organizations } from '../src/server/modules/organizations/organizations.table.js';
import { users } from '../src/server/modules/users/users.table.js';
import { createTestApp, type TestApp } from './harness.js';
import { makeNetwork, makeOrganization, type TestNetwork } from './factories.js';

let t: TestApp;
let hannover: TestNetwork;
let bremen: TestNetwork;

beforeAll(async () => {
  t = await createTestApp();
  hannover = await makeNetwork(t.database, 'Hannover');
  bremen = await makeNetwork(t.database, 'Bremen');
  await makeOrganization(t.database, hannover, 'Schule Hannover');
  await makeOrganization(t.database, bremen, 'Schule Bremen');
});
afterAll(() => t.close());

describe(`row-level security (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('shows a query that forgets the network filter only the current network’s rows', async () => {
    const names = await withTenant(t.database.db, hannover.networkId, (tx) => tx.select({ name: organizations.name, networkId: organizations.networkId }).from(organizations));
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(names.every((o) => o.networkId === hannover.networkId)).toBe(true);
    expect(names.map((o) => o.name)).toContain('Schule Hannover');
    expect(names.map((o) => o.name)).not.toContain('Schule Bremen');

    const people = await withTenant(t.database.db, bremen.networkId, (tx) => tx.select({ email: users.email }).from(users));
    expect(people.map((p) => p.email)).toEqual([bremen.adminEmail]);
  });

  it('refuses to write a row into another network from inside a tenant transaction', async () => {
    const attempt = withTenant(t.database.db, hannover.networkId, (tx) =>
      tx.insert(organizations).values({ networkId: bremen.networkId, id: crypto.randomUUID(), kind: 'employer', name: 'Eingeschmuggelt' }),
    );
    await expect(attempt).rejects.toThrow();
    const bremenNames = await withTenant(t.database.db, bremen.networkId, (tx) => tx.select({ name: organizations.name }).from(organizations));
    expect(bremenNames.map((o) => o.name)).not.toContain('Eingeschmuggelt');
  });

  it('cannot update or delete another network’s rows even without a filter', async () => {
    await withTenant(t.database.db, hannover.networkId, async (tx) => {
      await tx.update(organizations).set({ name: 'überschrieben' });
      await tx.delete(users).where(sql`true`).catch(() => undefined);
    });
    const bremenNames = await withTenant(t.database.db, bremen.networkId, (tx) => tx.select({ name: organizations.name }).from(organizations));
    expect(bremenNames.map((o) => o.name)).toContain('Schule Bremen');
    expect(bremenNames.map((o) => o.name)).not.toContain('überschrieben');
  });

  it('sees nothing at all when no network is set', async () => {
    const rows = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'lotse_app', true)`);
      return tx.select().from(organizations);
    });
    expect(rows).toEqual([]);
  });

  it('has forced row-level security and a tenant policy on every table that holds network data', async () => {
    const tables = await queryRows<{ relname: string; forced: boolean; enabled: boolean; policies: number }>(
      t.database.db,
      sql`select c.relname, c.relforcerowsecurity as forced, c.relrowsecurity as enabled,
                 (select count(*)::int from pg_policies p where p.tablename = c.relname and p.policyname = 'tenant_isolation') as policies
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attname = 'network_id'
           where n.nspname = current_schema() and c.relkind = 'r' and c.relname <> 'account_emails'`,
    );
    expect(tables.length).toBeGreaterThanOrEqual(9);
    for (const table of tables) expect(table, table.relname).toMatchObject({ forced: true, enabled: true, policies: 1 });
  });

  it('puts network_id first in every tenant table’s primary key', async () => {
    const keys = await queryRows<{ relname: string; first: string }>(
      t.database.db,
      sql`select c.relname, a.attname as first
            from pg_constraint k join pg_class c on c.oid = k.conrelid
            join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attnum = k.conkey[1]
           where k.contype = 'p' and n.nspname = current_schema()
             and exists (select 1 from pg_attribute x where x.attrelid = c.oid and x.attname = 'network_id')
             and c.relname <> 'account_emails'`,
    );
    for (const k of keys) expect(k.first, k.relname).toBe('network_id');
  });
});
