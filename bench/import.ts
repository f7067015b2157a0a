// npm run bench:import: a 10,000-row XLSX through POST /api/v1/volunteers/import, dry run and
// commit, on PGlite (in memory) and on PostgreSQL; writes its section of bench/RESULTS.md.
// Aim (issue 4): under 10 s each.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import os from 'node:os';
import { queryRows } from '../src/server/db/client.js';
import { ORIGIN } from '../tests/harness.js';
import { login, makeCatalog, makeNetwork, makeUser, multipartBody } from '../tests/factories.js';
import { benchApp, machineLine, writeSection } from './results.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECTION = '## Volunteer import';

const FIRST = ['Amira', 'Jürgen', 'Ayşe', 'محمد', 'Olena', 'Omid', 'Sara', 'Günther', 'Fatma', 'Lukas', 'فاطمة', 'Zofia'];
const LAST = ['Haddad', 'Müller', 'Özdemir', 'الأحمد', 'Kowalenko', 'Rahimi', 'Sadat', 'Weiß', 'Yılmaz', 'Schröder', 'Nasser', 'Kowalska'];
const LANGUAGES = ['ar:native; de:C1', 'de:native; en:B2', 'tr:native; de:C2; en:A2', 'uk:native; ru:C2; de:B1', 'fa:native; de:B2', 'Deutsch: Muttersprache, Englisch B2'];
const DISTRICTS = ['Linden-Nord', 'Mitte', 'linden-limmer'];
const STATUSES = ['Aktiv', 'Interessiert', 'in Ausbildung', 'Pausiert'];

async function workbook(rows: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Lotsen');
  sheet.addRow(['Nachname', 'Vorname', 'E-Mail', 'Telefon', 'PLZ', 'Ort', 'Geburtsjahr', 'Sprachen', 'Stadtteil', 'Einsatzgebiete', 'Spezialisierung', 'Themen', 'Status', 'Basisqualifizierung', 'Führungszeugnis', 'Beruf', 'Notizen']);
  for (let i = 0; i < rows; i++) {
    const row = sheet.addRow([
      `${LAST[i % LAST.length]}-${i}`,
      FIRST[i % FIRST.length],
      `lotse${i}@example.org`,
      `0511 ${100000 + i}`,
      '30449',
      'Hannover',
      1950 + (i % 55),
      LANGUAGES[i % LANGUAGES.length],
      DISTRICTS[i % DISTRICTS.length],
      'Mitte; Linden-Limmer',
      i % 2 ? 'Elternlotse' : 'sportlotse',
      'Behörden; Schule und Eltern',
      STATUSES[i % STATUSES.length],
      i % 3 ? new Date(Date.UTC(2020 + (i % 6), i % 12, 1 + (i % 28))) : null,
      i % 4 ? `${1 + (i % 28)}.${1 + (i % 12)}.${2019 + (i % 7)}` : null,
      i % 5 ? 'Schneiderin' : 'Sozialarbeit',
      i % 7 ? null : 'Aus der alten Excel-Liste',
    ]);
    if (row.getCell(14).value) row.getCell(14).numFmt = 'dd.mm.yyyy';
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

interface Figure {
  database: string;
  dryRunMs: number;
  commitMs: number;
  againMs: number;
  created: number;
  pool: number;
}

async function measure(database: string, file: Buffer, env: Record<string, string>): Promise<Figure> {
  const { app, database: db, drop } = await benchApp(env.TEST_DATABASE_URL);
  try {
    const network = await makeNetwork(db, 'Bench Hannover');
    await makeCatalog(db, network);
    const cookie = await login(app, (await makeUser(db, network, 'coordinator')).email);
    const send = async (fields: Record<string, string>) => {
      const { payload, contentType } = multipartBody({ name: 'lotsen.xlsx', content: file }, fields);
      const started = performance.now();
      const res = await app.inject({ method: 'POST', url: '/api/v1/volunteers/import', headers: { cookie, origin: ORIGIN, 'content-type': contentType }, payload });
      const ms = performance.now() - started;
      if (res.statusCode !== 200) throw new Error(`${database}: ${res.statusCode} ${res.body.slice(0, 500)}`);
      return { ms, report: res.json() as { summary: { created: number; invalid: number; duplicates: number } } };
    };
    const dry = await send({ dryRun: 'true' });
    if (dry.report.summary.invalid) throw new Error(`${database}: ${dry.report.summary.invalid} rows invalid`);
    const commit = await send({ dryRun: 'false' });
    // The same list again: every row is now a duplicate of a pool record.
    const again = await send({ dryRun: 'true' });
    if (again.report.summary.duplicates !== ROWS) throw new Error(`${database}: ${again.report.summary.duplicates} duplicates found on re-upload`);
    const [pool] = await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from volunteers`);
    const figure = { database, dryRunMs: dry.ms, commitMs: commit.ms, againMs: again.ms, created: commit.report.summary.created, pool: pool!.n };
    console.log(`${database}: dry run ${Math.round(dry.ms)} ms, commit ${Math.round(commit.ms)} ms, dry run again ${Math.round(again.ms)} ms, ${figure.created} created, ${figure.pool} in the pool`);
    return figure;
  } finally {
    await app.close();
    await drop();
  }
}

const loadBefore = os.loadavg()[0]!;
const file = await workbook(ROWS);
const figures: Figure[] = [];
figures.push(await measure('PGlite', file, {}));
try {
  figures.push(await measure('PostgreSQL', file, { TEST_DATABASE_URL: PG_URL }));
} catch (error) {
  console.error(`PostgreSQL not measured: ${(error as Error).message}`);
}

const section = [
  `${SECTION} (${new Date().toISOString().slice(0, 10)})`,
  '',
  machineLine(),
  `Written by \`npm run bench:import\`: one XLSX of ${ROWS.toLocaleString('en')} rows (${(file.length / 1024).toFixed(0)} KiB; 17 columns: names with umlauts and`,
  'Arabic, e-mail, languages with levels, catalogue names, Excel date cells, German dates, status words) sent through',
  '`POST /api/v1/volunteers/import` in-process (`app.inject`, multipart), timed from request to answer: first a dry run',
  '(read, map, check every row, look up duplicates), then the commit (the same, plus the bulk insert of volunteers,',
  'languages, catalogue keys, qualifications, status history and audit events in one transaction), then the same file',
  'once more as a dry run, when all its rows are duplicates of pool records. Aim (issue 4): under',
  `10 s each. Load average when the run began: ${loadBefore.toFixed(1)} (other processes share the machine; figures on an idle`,
  'machine are lower).',
  '',
  '| database | rows | dry run s | commit s | created | dry run again (all duplicates) s |',
  '|---|---:|---:|---:|---:|---:|',
  ...figures.map(
    (f) =>
      `| ${f.database} | ${ROWS.toLocaleString('en')} | ${(f.dryRunMs / 1000).toFixed(2)} | ${(f.commitMs / 1000).toFixed(2)} | ${f.created.toLocaleString('en')} | ${(f.againMs / 1000).toFixed(2)} |`,
  ),
  '',
].join('\n');

writeSection(SECTION, section);
