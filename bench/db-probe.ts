// In-process cost of one database round trip on the request path, per database: the floor under
// every HTTP figure. Plain performance.now() loops, after a warm-up.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../src/server/db/client.js';
import { withTenant } from '../src/server/db/tenancy.js';
import { createSession } from '../src/server/modules/auth/auth.service.js';
import { sha256 } from '../src/server/modules/auth/secrets.js';
import { createNetworkWithAdmin } from '../src/server/modules/networks/provisioning.js';

export interface ProbeRow {
  operation: string;
  meanMs: number;
  p95Ms: number;
}

export async function probeDatabase(database: Database, iterations = 2000): Promise<ProbeRow[]> {
  const n = await createNetworkWithAdmin(database.db, { name: 'Probe', adminEmail: `probe-${Date.now()}@example.org`, adminPassword: 'probe passphrase' });
  const token = await withTenant(database.db, n.networkId, (tx) => createSession(tx, n.networkId, n.adminId, { ip: null, userAgent: null, days: 14 }));
  const hash = sha256(token.split('.')[1] ?? '');
  const operations: [string, () => Promise<unknown>][] = [
    ['select 1', () => queryRows(database.db, sql`select 1`)],
    ['resolve a session (lotse_resolve_session)', () => queryRows(database.db, sql`select lotse_resolve_session(${n.networkId}, ${hash}, 14) as r`)],
    ['tenant transaction with one select', () => withTenant(database.db, n.networkId, (tx) => queryRows(tx, sql`select 1`))],
  ];
  const rows: ProbeRow[] = [];
  for (const [operation, fn] of operations) {
    for (let i = 0; i < 200; i++) await fn();
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t0 = performance.now();
      await fn();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    rows.push({ operation, meanMs: times.reduce((a, b) => a + b, 0) / times.length, p95Ms: times[Math.floor(times.length * 0.95)] ?? 0 });
  }
  return rows;
}
