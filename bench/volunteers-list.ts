// npm run bench:pool: the pool list (GET /api/v1/volunteers) with 100,000 volunteers in one network,
// on PGlite (in memory) and PostgreSQL; writes its section of bench/RESULTS.md. The volunteers are
// generated in the database (varied names, languages with levels, districts and quarters,
// specialisations, topics, availability, qualifications, absences), then every filter of the list
// is requested in-process through the whole HTTP stack (`app.inject`: auth, validation, RLS, SQL,
// presentation). Aim (issue 4, "fast at 100,000 volunteers per network"): p95 under 100 ms a page.
import { sql } from 'drizzle-orm';
import os from 'node:os';
import { queryRows } from '../src/server/db/client.js';
import { DEMO_PASSWORD, seedDemo } from '../src/server/demo/seed-demo.js';
import { login } from '../tests/factories.js';
import { generatePool } from './pool.js';
import { benchApp, machineLine, percentile, writeSection } from './results.js';

const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECTION = '## Volunteer pool list';
const AIM_MS = 100;

const SCENARIOS: [string, string][] = [
  ['first page, by name', ''],
  ['page deep in the list (cursor)', 'CURSOR'],
  ['language ar, at least B2', 'language=ar&minLevel=B2'],
  ['district Linden-Limmer (with quarters)', 'district=linden-limmer'],
  ['specialisation + status active', 'specialization=elternlotse&status=active'],
  ['topic', 'topic=schule-eltern'],
  ['available Tuesday 15:00–17:00', 'weekday=2&from=15:00&to=17:00'],
  ['full text "müller"', 'q=m%C3%BCller'],
  ['full text, rare prefix "tesf"', 'q=tesf'],
  ['free capacity', 'hasCapacity=true'],
  ['supervision due', 'supervisionDue=true'],
  ['combined: ar ≥ B1, district, active, capacity', 'language=ar&minLevel=B1&district=linden-limmer&status=active&hasCapacity=true'],
  ['sorted by status date, newest first', 'sort=-statusSince'],
];

interface Figure {
  database: string;
  scenario: string;
  p50: number;
  p95: number;
  rows: number;
}

async function measure(database: string, env: Record<string, string>): Promise<{ figures: Figure[]; seedMs: number }> {
  const { app, database: db, drop } = await benchApp(env.TEST_DATABASE_URL);
  try {
    const { networkId } = await seedDemo(db.db);
    const seedMs = await generatePool(db, networkId, VOLUNTEERS);
    console.log(`${database}: ${VOLUNTEERS.toLocaleString('en')} volunteers generated in ${(seedMs / 1000).toFixed(1)} s`);
    const cookie = await login(app, 'koordination@demo.lotse.dev', DEMO_PASSWORD);
    const get = async (query: string) => {
      const started = performance.now();
      const res = await app.inject({ method: 'GET', url: `/api/v1/volunteers?limit=50${query ? `&${query}` : ''}`, headers: { cookie } });
      const ms = performance.now() - started;
      if (res.statusCode !== 200) throw new Error(`${database} ${query}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return { ms, body: res.json() as { items: unknown[]; nextCursor: string | null } };
    };
    // A cursor about half-way through the list: walk there once by the last name "K…" is not
    // possible through the API, so follow pages from the first until page 1,000 (50,000 rows in).
    let cursor: string | null = null;
    {
      let page = await get('');
      for (let i = 0; i < Math.min(1000, VOLUNTEERS / 100) && page.body.nextCursor; i++) {
        cursor = page.body.nextCursor;
        page = await get(`cursor=${encodeURIComponent(cursor)}`);
      }
    }
    const figures: Figure[] = [];
    for (const [scenario, q] of SCENARIOS) {
      const query = q === 'CURSOR' ? `cursor=${encodeURIComponent(cursor ?? '')}` : q;
      for (let i = 0; i < 3; i++) await get(query);
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < RUNS; i++) {
        const { ms, body } = await get(query);
        times.push(ms);
        rows = body.items.length;
      }
      times.sort((a, b) => a - b);
      const figure = { database, scenario, p50: percentile(times, 50), p95: percentile(times, 95), rows };
      figures.push(figure);
      console.log(`${database} ${scenario}: p50 ${figure.p50.toFixed(1)} ms, p95 ${figure.p95.toFixed(1)} ms, ${rows} rows`);
    }
    return { figures, seedMs };
  } finally {
    // BENCH_KEEP_DATABASE=1 leaves the PostgreSQL database for EXPLAIN (its name is printed).
    if (process.env.BENCH_KEEP_DATABASE && env.TEST_DATABASE_URL) {
      const [kept] = await queryRows<{ name: string }>(db.db, sql`select current_database() as name`);
      console.log(`kept database: ${kept!.name}`);
      await app.close();
      await db.close();
    } else {
      await app.close();
      await drop();
    }
  }
}

const loadBefore = os.loadavg()[0]!;
const runs: { database: string; figures: Figure[]; seedMs: number }[] = [];
const only = process.env.BENCH_DATABASES?.split(',') ?? ['PGlite', 'PostgreSQL'];
if (only.includes('PGlite')) runs.push({ database: 'PGlite', ...(await measure('PGlite', {})) });
if (only.includes('PostgreSQL')) {
  try {
    runs.push({ database: 'PostgreSQL', ...(await measure('PostgreSQL', { TEST_DATABASE_URL: PG_URL })) });
  } catch (error) {
    console.error(`PostgreSQL not measured: ${(error as Error).message}`);
  }
}

const header = `| filter | ${runs.map((r) => `${r.database} p50 ms | ${r.database} p95 ms`).join(' | ')} | rows on the page |`;
const section = [
  `${SECTION} (${new Date().toISOString().slice(0, 10)})`,
  '',
  machineLine(),
  `Written by \`npm run bench:pool\`: ${VOLUNTEERS.toLocaleString('en')} volunteers in one network (the Hannover demo catalogue;`,
  'two languages each with levels, home district and a served district across 13 districts and their quarters, specialisations,',
  'topics, a weekly slot, basic qualification for most active ones, some absent today), then `GET /api/v1/volunteers?limit=50`',
  `with each filter, ${RUNS} times after 3 warm-ups, in-process through the whole HTTP stack (\`app.inject\`: session, validation,`,
  `row-level security, SQL, presentation of the page with its lists). Aim: p95 under ${AIM_MS} ms a page.`,
  `Load average when the run began: ${loadBefore.toFixed(1)}. Generating the pool took ${runs.map((r) => `${(r.seedMs / 1000).toFixed(0)} s on ${r.database}`).join(', ')}.`,
  '',
  header,
  `|---|${runs.map(() => '---:|---:').join('|')}|---:|`,
  ...SCENARIOS.map(([scenario]) => {
    const cells = runs.map((r) => {
      const f = r.figures.find((x) => x.scenario === scenario)!;
      return `${f.p50.toFixed(1)} | ${f.p95.toFixed(1)}${f.p95 > AIM_MS ? ' ⚠' : ''}`;
    });
    const rows = runs[0]?.figures.find((x) => x.scenario === scenario)?.rows ?? 0;
    return `| ${scenario} | ${cells.join(' | ')} | ${rows} |`;
  }),
  '',
].join('\n');
if (runs.length) writeSection(SECTION, section);
