// npm run bench:office-list: a hand-kept office list of 40 people, generated deterministically with
// every kind of mess offices have (a merged title row, empty rows, the header repeated, a totals row,
// a hidden column, free-text languages, "ja"/"x"/years for the basic course, female and plural
// specialisations, near-miss districts, German text dates, Excel date cells, people without e-mail,
// Arabic and Vietnamese names), as XLSX and as a Windows-1252 CSV from German Excel. Imported through
// HTTP against a fresh app with the demo network, with no hand-editing; counts how many of the 40
// came in and how many have every checked value right. Writes its section of bench/RESULTS.md.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/server/db/client.js';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, seedDemo } from '../src/server/demo/seed-demo.js';
import { ORIGIN } from '../tests/harness.js';
import { login, multipartBody } from '../tests/factories.js';
import { benchApp, machineLine, writeSection } from './results.js';

const SECTION = '## Office list import';
const N = 40;

interface Truth {
  first: string;
  last: string;
  email: string | null;
  birthYear: number;
  languages: string[];
  basic: { on: string | null } | null;
  specializations: string[];
  districts: string[];
}

const FIRST = ['Amira', 'Văn', 'Ayşe', 'محمد', 'Olena', 'Omid', 'Thị Lan', 'Günther', 'Fatma', 'Lukas', 'فاطمة', 'Zofia', 'Jürgen', 'Hoàng', 'Leyla', 'Samir', 'Anh', 'Mariam', 'Kerstin', 'Duc'];
const LAST = ['Haddad', 'Nguyễn', 'Yılmaz', 'الأحمد', 'Kowalenko', 'Rahimi', 'Trần', 'Weiß', 'Demir', 'Schröder', 'نصار', 'Kowalska', 'Müller', 'Phạm', 'Aydın', 'Khalil', 'Lê', 'Sultani', 'Böhm', 'Võ'];

/** Languages as written, and what they mean. */
const LANGUAGES: [string, string[]][] = [
  ['arab. MS, dt. gut', ['ar:native', 'de:B2']],
  ['vietn. Muttersprache; Deutsch B2/C1', ['vi:native', 'de:B2']],
  ['türk. + Deutsch', ['tr:unknown', 'de:unknown']],
  ['Arabisch (Muttersprache), Englisch sehr gut', ['ar:native', 'en:C1']],
  ['ukr. MS / russ. fließend / dt. B1', ['uk:native', 'ru:C1', 'de:B1']],
  ['Farsi MS, Deutsch C1-Niveau', ['fa:native', 'de:C1']],
  ['Vietnamesisch\nDeutsch Grundkenntnisse', ['vi:unknown', 'de:A2']],
  ['Deutsch MS, Englisch verhandlungssicher', ['de:native', 'en:C2']],
  ['Türkisch MS und Deutsch C2', ['tr:native', 'de:C2']],
  ['dt. Muttersprache; engl. B2; franz. A2', ['de:native', 'en:B2', 'fr:A2']],
  ['kurd. MS, arab. gut, dt. B1', ['ku:native', 'ar:B2', 'de:B1']],
  ['Polnisch Mutterspr., Deutsch fließend', ['pl:native', 'de:C1']],
];
/** The basic course as written, and the date it stands for (null: done, date unknown; undefined: not done). */
const BASIC: [string | Date, string | null | undefined][] = [
  ['ja', null],
  ['x', null],
  ['2016', '2016-01-01'],
  ['03/2018', '2018-03-01'],
  ['März 2019', '2019-03-01'],
  [new Date(Date.UTC(2021, 5, 14)), '2021-06-14'],
  ['Basiskurs 2017', '2017-01-01'],
  ['nein', undefined],
  ['-', undefined],
  ['✓', null],
  ['abgeschlossen', null],
  ['12.05.2022', '2022-05-12'],
];
const SPECIALIZATIONS: [string, string[]][] = [
  ['Elternlotsin', ['elternlotse']],
  ['Elternlotsinnen', ['elternlotse']],
  ['Sportlotse', ['sportlotse']],
  ['sportlotsin', ['sportlotse']],
  ['Ausbildungslotsen', ['ausbildungslotse']],
  ['Hochschul-Lotse', ['hochschullotse']],
  ['Umweltlotsin; Elternlotse', ['umweltlotse', 'elternlotse']],
  ['toleranzlotse', ['toleranzlotse']],
];
const DISTRICTS: [string, string[]][] = [
  ['Linden Nord', ['linden-nord']],
  ['Lindennord', ['linden-nord']],
  ['Lnden-Nord', ['linden-nord']],
  ['Vahrenwald', ['vahrenwald']],
  ['Südstadt', ['suedstadt']],
  ['Suedstadt', ['suedstadt']],
  ['Doehren', ['doehren']],
  ['Groß-Buchholz', ['gross-buchholz']],
  ['Gross Buchholz', ['gross-buchholz']],
  ['Oststadt, List', ['oststadt', 'list']],
  ['Nordstadt', ['nordstadt']],
  ['Kleefeld', ['kleefeld']],
  ['Bothfeld', ['bothfeld']],
  // Ambiguous: Misburg-Anderten, Misburg-Nord, Misburg-Süd. Without an answer it is left empty.
  ['Misburg', ['misburg-nord']],
];
const STATUSES = ['aktiv', 'Aktiv', 'aktiv (seit 2019)', 'Pause bis 3/2027', 'neu', 'in Ausbildung'];

type BirthForm = (year: number, i: number) => string | number | Date;
const BIRTH_FORMS: BirthForm[] = [
  (y, i) => `${String(1 + (i % 28)).padStart(2, '0')}.07.${y}`,
  (y, i) => new Date(Date.UTC(y, 2, 1 + (i % 28))),
  (y, i) => Math.round(Date.UTC(y, 4, 1 + (i % 28)) / 86_400_000) + 25_569,
  (y) => String(y),
  (y, i) => `${1 + (i % 28)}. Juli ${y}`,
  (y, i) => `${String(1 + (i % 28)).padStart(2, '0')}.09.${String(y).slice(2)}`,
  (y) => y,
];

interface Person {
  truth: Truth;
  cells: (string | number | Date | null)[];
}

function people(): Person[] {
  const out: Person[] = [];
  for (let i = 0; i < N; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = `${LAST[(i * 7) % LAST.length]!}${i >= LAST.length ? ` ${['Nord', 'Süd'][i % 2]}` : ''}`;
    const birthYear = 1950 + ((i * 13) % 50);
    const noEmail = i % 5 === 3;
    const badEmail = i === 17;
    const email = noEmail ? null : `lotse.${i}@example.org`;
    const [langText, langs] = LANGUAGES[i % LANGUAGES.length]!;
    const [basicText, basicOn] = BASIC[i % BASIC.length]!;
    const [specText, specs] = SPECIALIZATIONS[i % SPECIALIZATIONS.length]!;
    const [districtText, districts] = DISTRICTS[(i * 3) % DISTRICTS.length]!;
    const phone = i % 6 === 2 ? 1_761_000_000 + i : i % 6 === 4 ? `+49 176 ${5_550_000 + i}` : `0511 ${100_000 + i * 37}`;
    out.push({
      truth: { first, last, email: badEmail ? null : email, birthYear, languages: langs, basic: basicOn === undefined ? null : { on: basicOn }, specializations: specs, districts },
      cells: [
        `${last}, ${first}`,
        badEmail ? 'lotse17(at)example.org' : email ? (i % 7 === 0 ? email.toUpperCase() : email) : null,
        phone,
        BIRTH_FORMS[i % BIRTH_FORMS.length]!(birthYear, i),
        langText,
        basicText,
        specText,
        districtText,
        STATUSES[i % STATUSES.length]!,
        i % 4 ? null : 'alte Notiz',
      ],
    });
  }
  return out;
}

const HEADER = ['Name, Vorname', 'E-Mail-Adresse', 'Tel./Handy', 'Geb.-Datum', 'Sprachkenntnisse', 'Basisquali', 'Lotsenart/Spezialisierung', 'Einsatzstadtteil', 'Status', 'intern'];

/** Row layout: title (merged), empty, header, people with an empty row and the header repeated among them, totals. */
function layout(list: Person[]): (string | number | Date | null)[][] {
  const rows: (string | number | Date | null)[][] = [['Ehrenamtliche Lotsinnen und Lotsen – Stand März 2026'], [], HEADER];
  list.forEach((p, i) => {
    if (i === 15) rows.push([]);
    if (i === 25) rows.push(HEADER);
    rows.push(p.cells);
  });
  rows.push([`Anzahl: ${list.length}`]);
  return rows;
}

async function xlsx(list: Person[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Lotsen');
  layout(list).forEach((cells, r) => {
    const row = sheet.getRow(r + 1);
    cells.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      cell.value = v;
      if (v instanceof Date) cell.numFmt = 'dd.mm.yyyy';
    });
  });
  sheet.mergeCells(1, 1, 1, HEADER.length);
  sheet.getColumn(HEADER.length).hidden = true;
  return Buffer.from(await book.xlsx.writeBuffer());
}

const ddmmyyyy = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;

/** German Excel's "CSV (Trennzeichen-getrennt)": `;`, CRLF, Windows-1252 (letters it lacks become "?"). */
function csv1252(list: Person[]): Buffer {
  const field = (v: string | number | Date | null | undefined) => {
    const text = v === null || v === undefined ? '' : v instanceof Date ? ddmmyyyy(v) : String(v);
    return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const text = layout(list)
    .map((cells) => cells.map(field).join(';'))
    .join('\r\n');
  return iconv.encode(text + '\r\n', 'win1252');
}

/** What survives Windows-1252: the letters it has; "?" for the others. */
const through1252 = (s: string) => iconv.decode(iconv.encode(s, 'win1252'), 'win1252');

interface Stored {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  birth_year: number | null;
}

async function measure(variant: string, file: Buffer, name: string, list: Person[], lossy: boolean) {
  const { app, database, drop } = await benchApp(undefined);
  try {
    const { networkId } = await seedDemo(database.db);
    const cookie = await login(app, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    // The demo pool's own people are not part of the list.
    const demo = new Set((await queryRows<{ id: string }>(database.db, sql`select id from volunteers where network_id = ${networkId}`)).map((r) => r.id));
    const { payload, contentType } = multipartBody({ name, content: file }, {});
    const started = performance.now();
    const res = await app.inject({ method: 'POST', url: '/api/v1/volunteers/import', headers: { cookie, origin: ORIGIN, 'content-type': contentType }, payload });
    const ms = performance.now() - started;
    if (res.statusCode !== 200) throw new Error(`${variant}: ${res.statusCode} ${res.body.slice(0, 500)}`);
    const report = res.json() as { headerRow: number; skippedRows: unknown[]; summary: Record<string, number>; ambiguities: unknown[]; rows: { problems: { severity: string }[] }[] };
    const q = <T>(query: ReturnType<typeof sql>) => queryRows<T>(database.db, query);
    await database.db.execute(sql`select set_config('app.network_id', ${networkId}, false)`);
    const stored = (await q<Stored>(sql`select id, first_name, last_name, email, birth_year from volunteers where network_id = ${networkId}`)).filter((s) => !demo.has(s.id));
    const langs = await q<{ volunteer_id: string; code: string; level: string }>(sql`select volunteer_id, code, level from volunteer_languages where network_id = ${networkId}`);
    const keys = await q<{ volunteer_id: string; relation: string; key: string }>(sql`select volunteer_id, relation, key from volunteer_keys where network_id = ${networkId}`);
    const quals = await q<{ volunteer_id: string; completed_on: string; completed_on_precision: string }>(
      sql`select volunteer_id, completed_on::text, completed_on_precision from volunteer_qualifications where network_id = ${networkId} and type = 'basic'`,
    );
    const fields = ['name', 'email', 'birthYear', 'languages', 'basicCourse', 'specializations', 'districts'] as const;
    const right: Record<(typeof fields)[number], number> = { name: 0, email: 0, birthYear: 0, languages: 0, basicCourse: 0, specializations: 0, districts: 0 };
    let came = 0;
    let fully = 0;
    const wrong: string[] = [];
    for (const p of list) {
      const t = p.truth;
      // A check mark the code page lacks reaches the CSV as "?": nobody can read it as done.
      const basicLost = lossy && typeof p.cells[5] === 'string' && through1252(p.cells[5]) !== p.cells[5];
      const first = lossy ? through1252(t.first) : t.first;
      const last = lossy ? through1252(t.last) : t.last;
      const v = stored.find((s) => s.first_name === first && s.last_name === last) ?? stored.find((s) => t.email && s.email === t.email);
      if (!v) {
        wrong.push(`${t.first} ${t.last}: not imported`);
        continue;
      }
      came++;
      const sorted = (a: string[]) => [...a].sort().join(',');
      const basic = quals.find((q) => q.volunteer_id === v.id);
      const checks = {
        name: v.first_name === first && v.last_name === last,
        email: v.email === t.email,
        birthYear: v.birth_year === t.birthYear,
        languages: sorted(langs.filter((l) => l.volunteer_id === v.id).map((l) => `${l.code}:${l.level}`)) === sorted(t.languages),
        basicCourse: t.basic && !basicLost ? !!basic && (t.basic.on === null ? basic.completed_on_precision === 'unknown' : basic.completed_on === t.basic.on) : !basic,
        specializations: sorted(keys.filter((k) => k.volunteer_id === v.id && k.relation === 'specialization').map((k) => k.key)) === sorted(t.specializations),
        districts: sorted(keys.filter((k) => k.volunteer_id === v.id && k.relation === 'district').map((k) => k.key)) === sorted(t.districts),
      };
      for (const f of fields) if (checks[f]) right[f]++;
      const bad = fields.filter((f) => !checks[f]);
      if (!bad.length) fully++;
      else wrong.push(`${t.first} ${t.last}: ${bad.join(', ')}`);
    }
    const notes = report.rows.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'note').length, 0);
    const dropped = report.rows.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'dropped').length, 0);
    console.log(`${variant}: ${came}/${N} in, ${fully}/${N} fully right, ${Math.round(ms)} ms; header row ${report.headerRow}, ${report.skippedRows.length} rows skipped, ${report.ambiguities.length} ambiguous values`);
    for (const w of wrong) console.log(`  ${w}`);
    if (process.env.BENCH_DEBUG) for (const r of report.rows as { row: number; name: string; problems: { severity: string; message: string }[] }[]) for (const p of r.problems) if (p.severity !== 'note' || process.env.BENCH_DEBUG === 'all') console.log(`    row ${r.row} ${r.name}: ${p.severity} ${p.message}`);
    return { variant, came, fully, right, ms, notes, dropped, skipped: report.skippedRows.length, ambiguities: report.ambiguities.length, wrong };
  } finally {
    await app.close();
    await drop();
  }
}

const list = people();
const figures = [await measure('XLSX', await xlsx(list), 'lotsen.xlsx', list, false), await measure('CSV (Windows-1252, ;)', csv1252(list), 'lotsen.csv', list, true)];

const section = [
  `${SECTION} (${new Date().toISOString().slice(0, 10)})`,
  '',
  machineLine(),
  `Written by \`npm run bench:office-list\`: a hand-kept office list of ${N} people, generated deterministically (bench/office-list.ts)`,
  'with a merged title row, an empty row, the header repeated, a totals row ("Anzahl: 40"), a hidden column, one',
  '"Name, Vorname" column, free-text languages (abbreviations, words, "B2/C1"), the basic course as "ja"/"x"/"✓"/years/',
  'months/dates/"nein", female and plural specialisations, near-miss districts and one ambiguous one ("Misburg"), birth',
  'dates in seven forms (German text dates, Excel date cells and serials), phone numbers Excel turned into numbers, people',
  'without e-mail and one invalid e-mail, Arabic and Vietnamese names. Imported once through `POST /api/v1/volunteers/import`',
  'into a fresh app with the demo network (PGlite), without a mapping and without any choice; then every person compared',
  'with the generator’s truth. In the Windows-1252 CSV, letters the code page lacks (Vietnamese, Arabic) are "?" in the',
  'file itself: the truth for names is what the file holds.',
  '',
  '| file | in | fully right | name | e-mail | birth year | languages | basic course | specialisation | district | notes | dropped cells | import ms |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...figures.map(
    (f) =>
      `| ${f.variant} | ${f.came}/${N} | ${f.fully}/${N} | ${f.right.name} | ${f.right.email} | ${f.right.birthYear} | ${f.right.languages} | ${f.right.basicCourse} | ${f.right.specializations} | ${f.right.districts} | ${f.notes} | ${f.dropped} | ${Math.round(f.ms)} |`,
  ),
  '',
  'Not fully right (the same in both files): ' + (figures[0]!.wrong.join('; ') || 'none') + '.',
  '',
].join('\n');

writeSection(SECTION, section);
