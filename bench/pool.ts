// The generated volunteer pool shared by the benchmarks: varied names, languages with levels,
// districts and quarters, specialisations, topics, availability, qualifications, absences —
// written by SQL in the database, repeatable from each row's position.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../src/server/db/client.js';
import { withTenant } from '../src/server/db/tenancy.js';
import { HANNOVER_DISTRICTS } from '../src/server/demo/hannover.js';

const FIRST = ['Amira', 'Jürgen', 'Ayşe', 'Mohammed', 'Olena', 'Omid', 'Sara', 'Günther', 'Fatma', 'Lukas', 'Fatima', 'Zofia', 'Hamid', 'Birgit', 'Dawit', 'Leyla', 'Klaus', 'Nour', 'Petra', 'Yusuf'];
const LAST = [
  'Haddad', 'Müller', 'Özdemir', 'Al-Ahmad', 'Kowalenko', 'Rahimi', 'Sadat', 'Weiß', 'Yılmaz', 'Schröder', 'Nasser', 'Kowalska', 'Schmidt',
  'Meyer', 'Tesfaye', 'Karimi', 'Wagner', 'Becker', 'Hoffmann', 'Demir', 'Kaya', 'Fischer', 'Hassan', 'Popescu', 'Ivanova', 'Koch', 'Richter',
  'Wolf', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Krause', 'Meier',
];
const OTHER_LANGUAGES = ['ar', 'fa', 'tr', 'ru', 'uk', 'en', 'fr', 'ti', 'ku', 'ps'];
const LEVELS = ['A2', 'B1', 'B2', 'C1', 'C2', 'native'];

/** Generates `count` volunteers in the database, varied and repeatable; answers the milliseconds it took. */
export async function generatePool(database: Database, networkId: string, count: number) {
  const districts = HANNOVER_DISTRICTS.flatMap((d) => [d.key, ...d.quarters.map((q) => q[0])]);
  const [catalog] = await withTenant(database.db, networkId, (tx) =>
    queryRows<{ specializations: string; topics: string }>(
      tx,
      sql`select string_agg(key, ',') filter (where kind = 'specializations') as specializations, string_agg(key, ',') filter (where kind = 'topics') as topics from catalog_entries`,
    ),
  );
  const list = (values: string[]) => sql`string_to_array(${values.join(',')}, ',')`;
  const specs = sql`string_to_array(${catalog!.specializations}, ',')`;
  const topics = sql`string_to_array(${catalog!.topics}, ',')`;
  const started = performance.now();
  await withTenant(database.db, networkId, async (tx) => {
    // h: a per-row pseudo-random number, repeatable from the row's position.
    await tx.execute(sql`
      insert into volunteers (network_id, id, first_name, last_name, email, city, birth_year, status, home_district,
        max_active_agreements, max_hours_per_month, police_certificate_on, last_supervision_on, confidentiality_signed_on)
      select ${networkId}::uuid, gen_random_uuid(), (${list(FIRST)})[1 + h % ${FIRST.length}], (${list(LAST)})[1 + (h / 7) % ${LAST.length}],
        'lotse' || g || '@example.org', 'Hannover', 1950 + h % 55,
        (array['active','active','active','active','active','active','paused','in_training','interested','onboarding'])[1 + (h / 13) % 10],
        (${list(districts)})[1 + (h / 17) % ${districts.length}], 1 + h % 3, 5 + h % 20,
        case when h % 4 = 0 then null else date '2019-01-01' + (h % 2500) end, date '2025-01-01' + (h % 690), date '2024-01-01'
      from (select g, abs(hashint4(g)) as h from generate_series(1, ${count}::int) g) s`);
  });
  // Fresh statistics before the lists are added, or the foreign-key checks plan for 12 rows.
  await database.db.execute(sql`analyze volunteers`);
  await withTenant(database.db, networkId, async (tx) => {
    // One row per volunteer: `insert … select <columns>` from every volunteer, optionally filtered.
    const each = (body: ReturnType<typeof sql>, where = sql`true`) =>
      tx.execute(sql`${body} from (select id, abs(hashtext(id::text)) as h, status from volunteers where network_id = ${networkId}::uuid) v where ${where} on conflict do nothing`);
    await each(sql`insert into volunteer_languages (network_id, volunteer_id, code, level, level_rank)
      select ${networkId}::uuid, id, 'de', (${list(LEVELS)})[1 + h % 6], 2 + h % 6`);
    await each(sql`insert into volunteer_languages (network_id, volunteer_id, code, level, level_rank)
      select ${networkId}::uuid, id, (${list(OTHER_LANGUAGES)})[1 + (h / 7) % ${OTHER_LANGUAGES.length}], (${list(LEVELS)})[1 + (h / 3) % 6], 2 + (h / 3) % 6`);
    await each(sql`insert into volunteer_keys (network_id, volunteer_id, relation, kind, key)
      select ${networkId}::uuid, id, 'specialization', 'specializations', (${specs})[1 + (h / 3) % array_length(${specs}, 1)]`, sql`h % 2 = 0`);
    await tx.execute(sql`insert into volunteer_keys (network_id, volunteer_id, relation, kind, key)
      select distinct ${networkId}::uuid, id, 'topic', 'topics', (${topics})[1 + x % array_length(${topics}, 1)]
      from (select id, unnest(array[abs(hashtext(id::text)) / 5, abs(hashtext(id::text)) / 11]) as x from volunteers where network_id = ${networkId}::uuid) z
      on conflict do nothing`);
    await each(sql`insert into volunteer_keys (network_id, volunteer_id, relation, kind, key)
      select ${networkId}::uuid, id, 'district', 'districts', (${list(districts)})[1 + (h / 19) % ${districts.length}]`);
    await each(sql`insert into volunteer_availability (network_id, volunteer_id, weekday, from_minute, to_minute)
      select ${networkId}::uuid, id, 1 + h % 7, 480 + (h / 7) % 10 * 60, 480 + (h / 7) % 10 * 60 + 180`);
    await each(sql`insert into volunteer_qualifications (network_id, id, volunteer_id, type, completed_on, provider)
      select ${networkId}::uuid, gen_random_uuid(), id, 'basic', date '2020-01-01' + h % 2000, 'vhs Hannover'`, sql`status = 'active' and h % 10 <> 0`);
    await each(sql`insert into volunteer_absences (network_id, volunteer_id, from_date, to_date)
      select ${networkId}::uuid, id, current_date - 3, current_date + 10`, sql`h % 33 = 0`);
  });
  // Steady state, as autovacuum leaves a table: statistics and the visibility map (index-only scans).
  await database.db.execute(sql`vacuum analyze`);
  return performance.now() - started;
}

