import { and, eq, getTableColumns, isNotNull, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { ImportColumn, ImportOptions, ImportRowReport } from '../../../common/api/volunteer-imports.js';
import type { CreateVolunteerBody } from '../../../common/api/volunteers.js';
import { levelRank } from '../../../common/volunteers.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { invalidFields } from '../../http/problems.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { auditEvents } from '../audit/audit.table.js';
import { listCatalog } from '../catalog/catalog.service.js';
import { VOLUNTEER_KEY_RELATIONS, volunteerKeys, volunteerLanguages, volunteerQualifications, volunteers, volunteerStatusChanges } from '../volunteers/volunteers.table.js';
import { addQualification, updateVolunteer, type Visibility } from '../volunteers/volunteers.service.js';
import { headerSetKey, mappingToRemember, resolveColumns } from './mapping.js';
import type { Sheet } from './parse.js';
import { catalogLookup, emailKey, nameKey, readRow, type CatalogKindName, type CatalogLookup, type ReadRow, type RowProblem } from './rows.js';
import { volunteerImportMappings } from './volunteer-imports.table.js';

/** A row's report before its messages are put into the reader's language. */
export type RowOutcome = Omit<ImportRowReport, 'problems'> & { problems: RowProblem[] };

export interface ImportOutcome {
  dryRun: boolean;
  columns: ImportColumn[];
  rows: RowOutcome[];
  summary: { total: number; valid: number; invalid: number; duplicates: number; created: number; merged: number; skipped: number };
}

const AUDIT_ENTITY = 'volunteer_import';
/** Rows per INSERT statement (one JSON parameter each). */
const BATCH_ROWS = 5_000;

async function catalogOf(tx: Db, networkId: string): Promise<CatalogLookup> {
  const entries: { kind: CatalogKindName; key: string; name: string }[] = [];
  for (const kind of ['specializations', 'topics', 'districts'] as const) {
    let cursor: string | undefined;
    do {
      const page = await listCatalog(tx, networkId, kind, { limit: 500, cursor });
      entries.push(...page.items.map((e) => ({ kind, key: e.key, name: e.name })));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return catalogLookup(entries);
}

async function rememberedMapping(tx: Db, networkId: string, headerKey: string) {
  const [row] = await tx
    .select({ mapping: volunteerImportMappings.mapping })
    .from(volunteerImportMappings)
    .where(and(eq(volunteerImportMappings.networkId, networkId), eq(volunteerImportMappings.headerKey, headerKey)));
  return row?.mapping;
}

async function rememberMapping(tx: Db, networkId: string, headerKey: string, mapping: Record<string, string | null>) {
  await tx
    .insert(volunteerImportMappings)
    .values({ networkId, headerKey, mapping })
    .onConflictDoUpdate({
      target: [volunteerImportMappings.networkId, volunteerImportMappings.headerKey],
      set: { mapping, version: sql`${volunteerImportMappings.version} + 1`, updatedAt: new Date() },
    });
}

interface PoolPerson {
  id: string;
  email: string | null;
  firstName: string;
  lastName: string;
  birthYear: number | null;
  version: number;
}

const chunks = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** Pool records that share an e-mail, or a name and birth year, with any of the rows. */
async function poolMatches(tx: Db, networkId: string, rows: CreateVolunteerBody[]) {
  const emails = [...new Set(rows.map((r) => emailKey(r.email)).filter((e): e is string => !!e))];
  const lastNames = [...new Set(rows.filter((r) => r.birthYear).map((r) => r.lastName.toLowerCase()))];
  const columns = { id: volunteers.id, email: volunteers.email, firstName: volunteers.firstName, lastName: volunteers.lastName, birthYear: volunteers.birthYear, version: volunteers.version };
  const found = new Map<string, PoolPerson>();
  // One query per key, the wanted values as one JSON parameter (thousands of bound values are slow on PGlite).
  if (emails.length) {
    const wanted = sql`(select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))`;
    for (const p of await tx.select(columns).from(volunteers).where(and(eq(volunteers.networkId, networkId), sql`lower(${volunteers.email}) in ${wanted}`))) found.set(p.id, p);
  }
  if (lastNames.length) {
    const wanted = sql`(select jsonb_array_elements_text(${JSON.stringify(lastNames)}::jsonb))`;
    const people = await tx
      .select(columns)
      .from(volunteers)
      .where(and(eq(volunteers.networkId, networkId), isNotNull(volunteers.birthYear), sql`lower(${volunteers.lastName}) in ${wanted}`));
    for (const p of people) found.set(p.id, p);
  }
  const byEmail = new Map<string, PoolPerson>();
  const byName = new Map<string, PoolPerson>();
  // Oldest record first, so a person entered twice in the pool is matched to the first entry.
  for (const p of [...found.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const e = emailKey(p.email);
    const n = nameKey(p.firstName, p.lastName, p.birthYear);
    if (e && !byEmail.has(e)) byEmail.set(e, p);
    if (n && !byName.has(n)) byName.set(n, p);
  }
  return { byEmail, byName };
}

/** Reads every row, checks it and finds duplicates; with `dryRun: false`, writes in the caller's transaction. */
export async function importVolunteers(tx: Db, actor: Actor, sheet: Sheet, options: ImportOptions, visibility: Visibility): Promise<ImportOutcome> {
  const headerKey = headerSetKey(sheet.headers);
  const remembered = options.mapping ? undefined : await rememberedMapping(tx, actor.networkId, headerKey);
  // A given mapping may name only some columns; the others keep what was remembered or guessed.
  const rememberedForRest = options.mapping ? await rememberedMapping(tx, actor.networkId, headerKey) : remembered;
  const { columns, problems } = resolveColumns(sheet.headers, options.mapping, rememberedForRest);
  if (problems.length) throw invalidFields(problems.map((p) => ({ path: `body.${p.path}`, key: p.key, values: p.values })));
  const catalogs = await catalogOf(tx, actor.networkId);
  const today = new Date();
  const read: ReadRow[] = sheet.rows.map((r) => readRow(r, columns, catalogs, today));
  const pool = await poolMatches(tx, actor.networkId, read.flatMap((r) => (r.body ? [r.body] : [])));
  const outcomes: RowOutcome[] = [];
  const toCreate: CreateVolunteerBody[] = [];
  const toMerge: { person: PoolPerson; read: ReadRow }[] = [];
  const seenEmail = new Map<string, number>();
  const seenName = new Map<string, number>();
  const claimed = new Map<string, number>();
  for (const r of read) {
    if (!r.body) {
      outcomes.push({ row: r.row, status: 'invalid', problems: r.problems, action: 'skip' });
      continue;
    }
    const e = emailKey(r.body.email);
    const n = nameKey(r.body.firstName, r.body.lastName, r.body.birthYear);
    // Within the file, the first row wins.
    const earlier = (e && seenEmail.get(e) !== undefined ? { row: seenEmail.get(e)!, reason: 'email' as const } : null) ?? (n && seenName.get(n) !== undefined ? { row: seenName.get(n)!, reason: 'name_birth_year' as const } : null);
    if (e && !seenEmail.has(e)) seenEmail.set(e, r.row);
    if (n && !seenName.has(n)) seenName.set(n, r.row);
    if (earlier) {
      outcomes.push({ row: r.row, status: 'duplicate', problems: [], duplicateOf: earlier, action: 'skip' });
      continue;
    }
    const match = (e && pool.byEmail.get(e) ? { person: pool.byEmail.get(e)!, reason: 'email' as const } : null) ?? (n && pool.byName.get(n) ? { person: pool.byName.get(n)!, reason: 'name_birth_year' as const } : null);
    if (match) {
      const firstRow = claimed.get(match.person.id);
      if (firstRow !== undefined) {
        outcomes.push({ row: r.row, status: 'duplicate', problems: [], duplicateOf: { row: firstRow, reason: match.reason }, action: 'skip' });
        continue;
      }
      claimed.set(match.person.id, r.row);
      const merge = options.onDuplicate === 'merge';
      if (merge) toMerge.push({ person: match.person, read: r });
      outcomes.push({ row: r.row, status: 'duplicate', problems: [], duplicateOf: { volunteerId: match.person.id, reason: match.reason }, action: merge ? 'merge' : 'skip' });
      continue;
    }
    toCreate.push(r.body);
    outcomes.push({ row: r.row, status: 'valid', problems: [], action: 'create' });
  }

  const summary = {
    total: outcomes.length,
    valid: outcomes.filter((o) => o.status === 'valid').length,
    invalid: outcomes.filter((o) => o.status === 'invalid').length,
    duplicates: outcomes.filter((o) => o.status === 'duplicate').length,
    created: toCreate.length,
    merged: toMerge.length,
    skipped: outcomes.filter((o) => o.action === 'skip').length,
  };

  if (!options.dryRun) {
    await createMany(tx, actor, toCreate);
    for (const m of toMerge) await mergeInto(tx, actor, m.person, m.read, visibility);
    if (options.rememberMapping) await rememberMapping(tx, actor.networkId, headerKey, mappingToRemember(columns));
    const fields = columns.flatMap((c) => (c.field ? [c.field] : []));
    await recordAudit(tx, actor, {
      action: 'create',
      entity: AUDIT_ENTITY,
      entityId: newId(),
      fields: [...fields, `created:${summary.created}`, `merged:${summary.merged}`, `skipped:${summary.skipped}`],
    });
  }
  return { dryRun: options.dryRun, columns, rows: outcomes, summary };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Updates a pool record with the row's filled fields (lists replace); a basic course is added if missing. */
async function mergeInto(tx: Db, actor: Actor, person: PoolPerson, row: ReadRow, visibility: Visibility) {
  const { qualifications, ...fields } = row.filled;
  if (Object.keys(fields).length) await updateVolunteer(tx, actor, person.id, { ...fields, version: person.version }, visibility);
  const basic = qualifications?.find((q) => q.type === 'basic');
  if (basic) {
    const [has] = await tx
      .select({ id: volunteerQualifications.id })
      .from(volunteerQualifications)
      .where(and(eq(volunteerQualifications.networkId, actor.networkId), eq(volunteerQualifications.volunteerId, person.id), eq(volunteerQualifications.type, 'basic')))
      .limit(1);
    if (!has) await addQualification(tx, actor, person.id, { type: 'basic', completedOn: basic.completedOn, provider: basic.provider ?? null, specializationKey: null, sourceId: newId() });
  }
}

/**
 * Inserts many rows with one parameter per batch: the rows travel as one JSON document that the
 * database expands (`jsonb_populate_recordset`), which is far quicker than thousands of bound
 * parameters, above all on PGlite. Every row must carry the same keys; defaults apply only to
 * columns no row names.
 */
async function insertMany(tx: Db, table: PgTable, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0]!);
  const names = keys.map((k) => columns[k]!.name);
  const list = sql.join(names.map((n) => sql.identifier(n)), sql`, `);
  for (const batch of chunks(rows, BATCH_ROWS)) {
    const records = batch.map((r) => Object.fromEntries(keys.map((k, i) => [names[i], r[k] ?? null])));
    await tx.execute(sql`insert into ${table} (${list}) select ${list} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(records)}::jsonb)`);
  }
}

const SCALARS = [
  'email', 'phone', 'street', 'postalCode', 'city', 'birthYear', 'gender', 'genderSelfDescribed', 'contactLanguage', 'trade',
  'tradeFreeText', 'professionalPosition', 'homeDistrict', 'maxActiveAgreements', 'maxHoursPerMonth', 'lastSupervisionOn', 'notes',
] as const satisfies readonly (keyof CreateVolunteerBody & keyof typeof volunteers.$inferInsert)[];
const KEY_LISTS = {
  specializations: 'specialization',
  topics: 'topic',
  competenceLimits: 'competence_limit',
  interests: 'interest',
  districts: 'district',
} as const;

/**
 * The bulk path of createVolunteer: the same rows (volunteer, languages with their rank, catalogue
 * keys, qualifications, first status change, one audit event each), inserted in batches.
 */
async function createMany(tx: Db, actor: Actor, bodies: CreateVolunteerBody[]) {
  const networkId = actor.networkId;
  const now = new Date();
  const byUserId = actor.type === 'user' ? actor.id : null;
  const people: (typeof volunteers.$inferInsert)[] = [];
  const languages: (typeof volunteerLanguages.$inferInsert)[] = [];
  const keys: (typeof volunteerKeys.$inferInsert)[] = [];
  const qualifications: (typeof volunteerQualifications.$inferInsert)[] = [];
  const statuses: (typeof volunteerStatusChanges.$inferInsert)[] = [];
  const audits: (typeof auditEvents.$inferInsert)[] = [];

  for (const body of bodies) {
    const id = newId();
    const person: typeof volunteers.$inferInsert = {
      networkId,
      id,
      firstName: body.firstName,
      lastName: body.lastName,
      status: body.status,
      statusSince: now,
      confidentialitySignedOn: body.onboarding.confidentialitySignedOn ?? null,
      dataProtectionConsentOn: body.onboarding.dataProtectionConsentOn ?? null,
      insuranceNotedOn: body.onboarding.insuranceNotedOn ?? null,
      policeCertificateOn: body.onboarding.policeCertificateOn ?? null,
      createdAt: now,
      updatedAt: now,
    };
    const fields: string[] = ['firstName', 'lastName'];
    for (const f of SCALARS) {
      (person as Record<string, unknown>)[f] = body[f] ?? null;
      if (body[f] !== undefined) fields.push(f);
    }
    for (const k of Object.keys(body.onboarding)) fields.push(`onboarding.${k}`);
    people.push(person);
    statuses.push({ networkId, id: newId(), volunteerId: id, status: body.status, at: now, reason: body.statusReason ?? null, byUserId });
    fields.push('status', 'languages');
    for (const l of body.languages) languages.push({ networkId, volunteerId: id, code: l.code, level: l.level, levelRank: levelRank(l.level) });
    for (const [field, relation] of Object.entries(KEY_LISTS) as [keyof typeof KEY_LISTS, (typeof KEY_LISTS)[keyof typeof KEY_LISTS]][]) {
      for (const key of new Set(body[field])) keys.push({ networkId, volunteerId: id, relation, kind: VOLUNTEER_KEY_RELATIONS[relation], key });
      fields.push(field);
    }
    for (const q of body.qualifications) {
      qualifications.push({ networkId, id: newId(), volunteerId: id, type: q.type, completedOn: q.completedOn, provider: q.provider ?? null, specializationKey: q.specializationKey ?? null });
    }
    fields.push('qualifications');
    audits.push({
      networkId,
      id: newId(),
      at: now,
      actorType: actor.type,
      actorId: actor.id,
      action: 'create',
      entity: 'volunteer',
      entityId: id,
      fields,
      requestId: actor.requestId,
      ip: actor.ip,
    });
  }
  await insertMany(tx, volunteers, people);
  await insertMany(tx, volunteerStatusChanges, statuses);
  await insertMany(tx, volunteerLanguages, languages);
  await insertMany(tx, volunteerKeys, keys);
  await insertMany(tx, volunteerQualifications, qualifications);
  await insertMany(tx, auditEvents, audits);
}
