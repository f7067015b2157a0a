// npm run bench: GET /api/v1/me and a list endpoint under load (autocannon), on PGlite and on
// PostgreSQL; writes bench/RESULTS.md. Traffic goes to 127.0.0.1 only, bounded in time.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createInterface } from 'node:readline';
import { openDatabase } from '../src/server/db/client.js';
import { migrate } from '../src/server/db/migrate.js';
import { probeDatabase, type ProbeRow } from './db-probe.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Row {
  database: string;
  endpoint: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function startServer(env: Record<string, string>, script = 'bench/server.ts') {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const { port, cookie } = JSON.parse(line) as { port: number; cookie: string };
  return { port, cookie, stop: () => new Promise<void>((r) => (child.once('exit', () => r()), child.kill('SIGTERM'))) };
}

async function load(url: string, cookie: string) {
  // Warm-up, then the measured run.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers: { cookie } });
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: { cookie } });
}

async function measure(database: string, env: Record<string, string>): Promise<Row[]> {
  const server = await startServer(env);
  const rows: Row[] = [];
  try {
    for (const endpoint of ['/api/v1/me', '/api/v1/organizations?limit=50']) {
      const r = await load(`http://127.0.0.1:${server.port}${endpoint}`, server.cookie);
      rows.push({ database, endpoint, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx });
      console.log(`${database} ${endpoint}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}`);
    }
  } finally {
    await server.stop();
  }
  return rows;
}

/** The floor: a bare node:http server running one PGlite query per request (bench/floor-server.ts). */
async function measureFloor(): Promise<Row> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-bench-floor-'));
  const server = await startServer({ BENCH_DATA_DIR: dir }, 'bench/floor-server.ts');
  try {
    const r = await load(`http://127.0.0.1:${server.port}/`, '');
    console.log(`floor (node:http + 1 PGlite query): ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`);
    return { database: 'PGlite', endpoint: 'floor: node:http + one query', rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const results: Row[] = [];
const probes: (ProbeRow & { database: string })[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-bench-'));
const floor = await measureFloor();
results.push(...(await measure('PGlite', { BENCH_DATA_DIR: dataDir })));
fs.rmSync(dataDir, { recursive: true, force: true });
const me = results.find((r) => r.database === 'PGlite' && r.endpoint === '/api/v1/me');
const ratio = me ? me.rps / floor.rps : 0;
console.log(`GET /api/v1/me on PGlite: ${ratio.toFixed(2)} of the one-query floor (aim ≥ 0.5)`);
results.unshift(floor);
{
  const memory = await openDatabase({ dataDir: 'memory://' });
  await migrate(memory);
  probes.push(...(await probeDatabase(memory)).map((p) => ({ ...p, database: 'PGlite' })));
  await memory.close();
}

const admin = new pg.Client({ connectionString: PG_URL });
const dbName = `lotse_bench_${Date.now()}`;
try {
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(PG_URL);
  url.pathname = `/${dbName}`;
  results.push(...(await measure('PostgreSQL', { BENCH_DATABASE_URL: url.toString() })));
  const server = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  probes.push(...(await probeDatabase(server)).map((p) => ({ ...p, database: 'PostgreSQL' })));
  await server.close();
} catch (err) {
  console.error(`PostgreSQL not measured: ${(err as Error).message}`);
} finally {
  await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
  await admin.end().catch(() => undefined);
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const table = results
  .map((r) => `| ${r.database} | ${r.endpoint.startsWith('/') ? `\`GET ${r.endpoint}\`` : r.endpoint} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors + r.non2xx} |`)
  .join('\n');
const section = `## HTTP: session-authenticated reads (${new Date().toISOString().slice(0, 10)})

Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.
Load: autocannon, ${CONNECTIONS} connections, ${DURATION} s after a 2 s warm-up, server in its own process on 127.0.0.1
(the load generator shares the same two cores). Each request resolves the session cookie in the
database (one query under row-level security); the list reads 50 of 200 organisations with member
counts. Aim (issue 3): over 2,000 requests/s for \`/api/v1/me\` with p99 under 20 ms. Aim (issue 12):
\`GET /api/v1/me\` on PGlite at least 0.5 of the floor measured in the same run, a bare \`node:http\`
server running one PGlite query per request — this run: **${ratio.toFixed(2)}** (${Math.round(me?.rps ?? 0)} vs ${Math.round(floor.rps)} requests/s).

| database | endpoint | requests/s | p50 ms | p99 ms | errors |
|---|---|---:|---:|---:|---:|
${table}

One database round trip on the request path, in process, 2,000 runs after a warm-up of 200
(the floor under the HTTP figures; PGlite runs in WebAssembly on the server's own thread):

| database | operation | mean ms | p95 ms |
|---|---|---:|---:|
${probes.map((p) => `| ${p.database} | ${p.operation} | ${p.meanMs.toFixed(3)} | ${p.p95Ms.toFixed(3)} |`).join('\n')}
`;
const file = path.join('bench', 'RESULTS.md');
const header = '# Benchmark results\n\nWritten by `npm run bench` (HTTP) — figures, date and machine with each section.\n\n';
const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : header;
const marker = '## HTTP: session-authenticated reads';
const start = existing.indexOf(marker);
const rest = start >= 0 ? existing.slice(existing.indexOf('\n## ', start + marker.length) >= 0 ? existing.indexOf('\n## ', start + marker.length) + 1 : existing.length) : '';
const before = start >= 0 ? existing.slice(0, start) : existing.endsWith('\n') ? existing : existing + '\n';
fs.writeFileSync(file, before + section + (rest ? '\n' + rest : ''));
console.log(`Written to ${file}`);
