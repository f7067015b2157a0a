// A Lotse server for the benchmark, in its own process so the load generator does not share its
// event loop. Prints one JSON line {port, cookie} when ready.
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/client.js';
import { migrate } from '../src/server/db/migrate.js';
import { withTenant } from '../src/server/db/tenancy.js';
import { systemActor } from '../src/server/modules/audit/actor.js';
import { createNetworkWithAdmin } from '../src/server/modules/networks/provisioning.js';
import { createOrganization } from '../src/server/modules/organizations/organizations.service.js';
import { ORGANIZATION_KINDS } from '../src/common/organizations.js';

const database = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir: process.env.BENCH_DATA_DIR, poolSize: 10 });
await migrate(database);
const password = 'benchmark passphrase';
const email = `bench-${Date.now()}@example.org`;
const { networkId } = await createNetworkWithAdmin(database.db, { name: 'Benchmark', adminEmail: email, adminPassword: password });
await withTenant(database.db, networkId, async (tx) => {
  for (let i = 0; i < 200; i++) {
    await createOrganization(tx, systemActor(networkId), { kind: ORGANIZATION_KINDS[i % ORGANIZATION_KINDS.length]!, name: `Einrichtung ${String(i).padStart(3, '0')}` });
  }
});
const config = loadConfig({ PUBLIC_URL: 'http://127.0.0.1', LOG_LEVEL: 'silent' });
const app = await buildApp({ config, database });
await app.listen({ port: 0, host: '127.0.0.1' });
const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
const cookie = res.cookies.find((c) => c.name === 'lotse_session');
const address = app.server.address();
console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, cookie: `lotse_session=${cookie?.value}` }));
process.on('SIGTERM', async () => {
  await app.close();
  await database.close();
  process.exit(0);
});
