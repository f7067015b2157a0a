import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { ImportColumn, ImportOptions, ImportReport, ImportRowReport } from '../../../common/api/volunteer-imports.js';
import type { CreateVolunteerBody } from '../../../common/api/volunteers.js';
import { levelRank } from '../../../common/volunteers.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { DomainError, invalidFields } from '../../http/problems.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { auditEvents } from '../audit/audit.table.js';
import { listCatalog } from '../catalog/catalog.service.js';
import { VOLUNTEER_KEY_RELATIONS, volunteerKeys, volunteerLanguages, volunteerQualifications, volunteers, volunteerStatusChanges } from '../volunteers/volunteers.table.js';
import { addQualification, updateVolunteer, type Visibility } from '../volunteers/volunteers.service.js';
import { CatalogMatcher, type CatalogKindName } from './catalogue.js';
import { cellText, isEmpty } from './cells.js';
import { headerSetKey, mappingToRemember, normaliseHeader, resolveColumns } from './mapping.js';
import type { Sheet, SheetRow } from './parse.js';
import { choiceId, emailKey, nameKey, namePhoneKey, phoneDigits, readRow, type ReadRow, type RowProblem } from './rows.js';
import { volunteerImportMappings } from './volunteer-imports.table.js';

/** A row's report before its messages are put into the reader's language. */
export type RowOutcome = Omit<ImportRowReport, 'problems'> & { problems: RowProblem[] };

export interface ImportOutcome {
  dryRun: boolean;
  headerRow: number;
  headerRowGuessed: boolean;
  headerCandidates: ImportReport['headerCandidates'];
  columns: ImportColumn[];
  rows: RowOutcome[];
  skippedRows: ImportReport['skippedRows'];
  ambiguities: ImportReport['ambiguities'];
  summary: ImportReport['summary'];
}

const AUDIT_ENTITY = 'volunteer_import';
/** Rows per INSERT statement (one JSON parameter each). */
const BATCH_ROWS = 5_000;

async function catalogOf(tx: Db, networkId: string): Promise<CatalogMatcher> {
  const entries: { kind: CatalogKindName; key: string; name: string }[] = [];
  for (const kind of ['specializations', 'topics', 'districts'] as const) {
    let cursor: string | undefined;
    do {
      const page = await listCatalog(tx, networkId, kind, { limit: 500, cursor });
      entries.push(...page.items.map((e) => ({ kind, key: e.key, name: e.name })));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return new CatalogMatcher(entries);
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
  phone: string | null;
  version: number;
}

const chunks = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** Pool records that share an e-mail, or a name and birth year or phone, with any of the rows. */
async function poolMatches(tx: Db, networkId: string, rows: CreateVolunteerBody[]) {
  const emails = [...new Set(rows.map((r) => emailKey(r.email)).filter((e): e is string => !!e))];
  const lastNames = [...new Set(rows.filter((r) => r.birthYear || phoneDigits(r.phone)).map((r) => r.lastName.toLowerCase()))];
  const columns = {
    id: volunteers.id,
    email: volunteers.email,
    firstName: volunteers.firstName,
    lastName: volunteers.lastName,
    birthYear: volunteers.birthYear,
    phone: volunteers.phone,
    version: volunteers.version,
  };
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
      .where(and(eq(volunteers.networkId, networkId), sql`(${volunteers.birthYear} is not null or ${volunteers.phone} is not null)`, sql`lower(${volunteers.lastName}) in ${wanted}`));
    for (const p of people) found.set(p.id, p);
  }
  const byEmail = new Map<string, PoolPerson>();
  const byName = new Map<string, PoolPerson>();
  const byPhone = new Map<string, PoolPerson>();
  // Oldest record first, so a person entered twice in the pool is matched to the first entry.
  for (const p of [...found.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const e = emailKey(p.email);
    const n = nameKey(p.firstName, p.lastName, p.birthYear);
    const ph = namePhoneKey(p.firstName, p.lastName, p.phone);
    if (e && !byEmail.has(e)) byEmail.set(e, p);
    if (n && !byName.has(n)) byName.set(n, p);
    if (ph && !byPhone.has(ph)) byPhone.set(ph, p);
  }
  return { byEmail, byName, byPhone };
}

// ---------------------------------------------------------------------------------------------
// Rows that are not people

const TOTALS = /^(?:summe|gesamt|insgesamt|gesamtzahl|anzahl|total|sum|count|ergebnis)\b/iu;

/**
 * A row the office added around its people: the header row repeated (printing or pasting lists
 * together), a totals row ("Summe: 40", "Anzahl 40", a count alone under the names).
 */
function nonPersonRow(row: SheetRow, headers: string[], columns: ImportColumn[]): 'repeatedHeader' | 'totals' | null {
  const texts = row.cells.map((c) => (isEmpty(c) ? '' : cellText(c)));
  const filled = texts.filter(Boolean);
  const sameAsHeader = texts.filter((t, i) => t && normaliseHeader(t) === normaliseHeader(headers[i] ?? '')).length;
  if (sameAsHeader >= 2 || (sameAsHeader >= 1 && filled.length === 1)) return 'repeatedHeader';
  if (filled.length <= 4 && filled.some((t) => TOTALS.test(t.trim())) && !filled.some((t) => t.includes('@'))) return 'totals';
  const nameColumns = columns.flatMap((c, i) => (c.field === 'firstName' || c.field === 'lastName' ? [i] : []));
  // Only numbers, and a number where the names are: a count.
  if (filled.length <= 3 && filled.every((t) => /^[\d\s.,:=]+$/.test(t)) && nameColumns.some((i) => texts[i])) return 'totals';
  return null;
}

/** Up to 3 distinct values per column, 60 characters each, for the preview. */
function samplesOf(rows: SheetRow[], width: number): string[][] {
  const out: string[][] = Array.from({ length: width }, () => []);
  for (const r of rows) {
    for (let i = 0; i < width; i++) {
      const list = out[i]!;
      if (list.length >= 3) continue;
      const c = r.cells[i] ?? null;
      if (isEmpty(c)) continue;
      const text = cellText(c).slice(0, 60);
      if (!list.includes(text)) list.push(text);
    }
    if (out.every((l) => l.length >= 3)) break;
  }
  return out;
}

const fullName = (first: string, last: string) => `${first} ${last}`.trim();

/** Reads every row, checks it and finds duplicates; with `dryRun: false`, writes in the caller's transaction. */
export async function importVolunteers(tx: Db, actor: Actor, sheet: Sheet, options: ImportOptions, visibility: Visibility): Promise<ImportOutcome> {
  const headerKey = headerSetKey(sheet.headers);
  const remembered = options.mapping ? undefined : await rememberedMapping(tx, actor.networkId, headerKey);
  // A given mapping may name only some columns; the others keep what was remembered or guessed.
  const rememberedForRest = options.mapping ? await rememberedMapping(tx, actor.networkId, headerKey) : remembered;
  const { columns: mapped, problems } = resolveColumns(sheet.headers, options.mapping, rememberedForRest);
  if (problems.length) throw invalidFields(problems.map((p) => ({ path: `body.${p.path}`, key: p.key, values: p.values })));

  const skippedRows: ImportOutcome['skippedRows'] = sheet.emptyRows.map((row) => ({ row, reason: 'empty' as const }));
  const people: SheetRow[] = [];
  for (const r of sheet.rows) {
    const reason = nonPersonRow(r, sheet.headers, mapped as ImportColumn[]);
    if (reason) skippedRows.push({ row: r.row, reason });
    else people.push(r);
  }
  skippedRows.sort((a, b) => a.row - b.row);
  const samples = samplesOf(people, sheet.headers.length);
  const columns: ImportColumn[] = mapped.map((c, i) => ({ ...c, samples: samples[i] ?? [], hidden: sheet.hidden[i] ?? false }));

  const catalogs = await catalogOf(tx, actor.networkId);
  const choices = new Map((options.choices ?? []).map((c) => [choiceId(c.field, c.value), c.key]));
  const context = { catalogs, choices, today: new Date(), hasFirstNameColumn: columns.some((c) => c.field === 'firstName') };
  const read: ReadRow[] = people.map((r) => readRow(r, columns, context));

  const ambiguities = new Map<string, ImportOutcome['ambiguities'][number]>();
  for (const r of read) {
    for (const a of r.ambiguities) {
      const id = choiceId(a.field, a.value);
      const known = ambiguities.get(id);
      if (known) known.rows.push(r.row);
      else ambiguities.set(id, { field: a.field, value: a.value, rows: [r.row], candidates: a.candidates });
    }
  }

  const pool = await poolMatches(tx, actor.networkId, read.flatMap((r) => (r.body ? [r.body] : [])));
  const outcomes: RowOutcome[] = [];
  const toCreate: ReadRow[] = [];
  const toMerge: { person: PoolPerson; read: ReadRow }[] = [];
  const seen = { email: new Map<string, ReadRow>(), name_birth_year: new Map<string, ReadRow>(), name_phone: new Map<string, ReadRow>() };
  const claimed = new Map<string, number>();
  for (const r of read) {
    const base = { row: r.row, name: r.name, problems: r.problems };
    if (!r.body) {
      outcomes.push({ ...base, status: 'invalid', action: 'skip' });
      continue;
    }
    const keys = {
      email: emailKey(r.body.email),
      name_birth_year: nameKey(r.body.firstName, r.body.lastName, r.body.birthYear),
      name_phone: namePhoneKey(r.body.firstName, r.body.lastName, r.body.phone),
    };
    // Within the file, the first row wins.
    let earlier: { row: ReadRow; reason: DuplicateReason } | null = null;
    for (const reason of DUPLICATE_REASONS) {
      const k = keys[reason];
      const first = k ? seen[reason].get(k) : undefined;
      if (first && !earlier) earlier = { row: first, reason };
    }
    for (const reason of DUPLICATE_REASONS) if (keys[reason] && !seen[reason].has(keys[reason]!)) seen[reason].set(keys[reason]!, r);
    if (earlier) {
      outcomes.push({ ...base, status: 'duplicate', duplicateOf: { row: earlier.row.row, reason: earlier.reason, ...(earlier.row.name ? { name: earlier.row.name } : {}) }, action: 'skip' });
      continue;
    }
    const pools = { email: pool.byEmail, name_birth_year: pool.byName, name_phone: pool.byPhone };
    let match: { person: PoolPerson; reason: DuplicateReason } | null = null;
    for (const reason of DUPLICATE_REASONS) {
      const k = keys[reason];
      const person = k ? pools[reason].get(k) : undefined;
      if (person && !match) match = { person, reason };
    }
    if (match) {
      const name = fullName(match.person.firstName, match.person.lastName);
      const firstRow = claimed.get(match.person.id);
      if (firstRow !== undefined) {
        outcomes.push({ ...base, status: 'duplicate', duplicateOf: { row: firstRow, reason: match.reason, name }, action: 'skip' });
        continue;
      }
      claimed.set(match.person.id, r.row);
      const merge = options.onDuplicate === 'merge';
      if (merge) toMerge.push({ person: match.person, read: r });
      outcomes.push({ ...base, status: 'duplicate', duplicateOf: { volunteerId: match.person.id, reason: match.reason, name }, action: merge ? 'merge' : 'skip' });
      continue;
    }
    toCreate.push(r);
    outcomes.push({ ...base, status: 'valid', action: 'create' });
  }

  const summary = {
    total: outcomes.length,
    valid: outcomes.filter((o) => o.status === 'valid').length,
    invalid: outcomes.filter((o) => o.status === 'invalid').length,
    duplicates: outcomes.filter((o) => o.status === 'duplicate').length,
    created: toCreate.length,
    merged: toMerge.length,
    skipped: outcomes.filter((o) => o.action === 'skip').length,
    withDroppedCells: outcomes.filter((o) => o.status === 'valid' && o.problems.some((p) => p.severity === 'dropped')).length,
  };

  if (!options.dryRun) {
    await createRows(tx, actor, toCreate);
    for (const m of toMerge) await atRow(m.read.row, () => mergeInto(tx, actor, m.person, m.read, visibility));
    if (options.rememberMapping) await rememberMapping(tx, actor.networkId, headerKey, mappingToRemember(columns));
    const fields = columns.flatMap((c) => (c.field ? [c.field] : []));
    await recordAudit(tx, actor, {
      action: 'create',
      entity: AUDIT_ENTITY,
      entityId: newId(),
      fields: [...fields, `created:${summary.created}`, `merged:${summary.merged}`, `skipped:${summary.skipped}`],
    });
  }
  return {
    dryRun: options.dryRun,
    headerRow: sheet.headerRow,
    headerRowGuessed: sheet.headerRowGuessed,
    headerCandidates: sheet.headerCandidates,
    columns,
    rows: outcomes,
    skippedRows,
    ambiguities: [...ambiguities.values()],
    summary,
  };
}

const DUPLICATE_REASONS = ['email', 'name_birth_year', 'name_phone'] as const;
type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

// ---------------------------------------------------------------------------------------------
// A row the database refuses

/** The database refused a row's values: nothing is imported, and the problem names the row. */
export const rowRefused = (row: number, reason: 'constraint' | 'conflict' | 'value') =>
  new DomainError('IMPORT_ROW_REFUSED', reason === 'conflict' ? 409 : 422, 'import-row-refused', 'importRowRefused', { row, reason });

/** The PostgreSQL error code, through Drizzle's wrapper on either driver. */
function pgCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Integrity (23…) and data (22…) errors are the row's; anything else is the server's. */
function refusalOf(error: unknown): 'constraint' | 'conflict' | 'value' | null {
  const code = pgCode(error);
  if (code === '23505') return 'conflict';
  if (code?.startsWith('23')) return 'constraint';
  if (code?.startsWith('22')) return 'value';
  return null;
}

async function atRow<T>(row: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const reason = refusalOf(error);
    if (reason) throw rowRefused(row, reason);
    throw error;
  }
}

class Undo extends Error {}

/** Whether inserting these rows fails in the database; tried in a savepoint that is always rolled back. */
async function fails(tx: Db, actor: Actor, rows: ReadRow[]): Promise<boolean> {
  try {
    await tx.transaction(async (sp) => {
      await createMany(sp as unknown as Db, actor, rows);
      throw new Undo();
    });
  } catch (error) {
    if (error instanceof Undo) return false;
    if (refusalOf(error)) return true;
    throw error;
  }
  return false;
}

/**
 * Creates the rows in batches; when the database refuses a batch, the row it refuses is found by
 * halving (in savepoints) and named in the problem — never a bare 500.
 */
async function createRows(tx: Db, actor: Actor, rows: ReadRow[]) {
  if (!rows.length) return;
  try {
    await tx.transaction(async (sp) => createMany(sp as unknown as Db, actor, rows));
    return;
  } catch (error) {
    const reason = refusalOf(error);
    if (!reason) throw error;
    let candidates = rows;
    while (candidates.length > 1) {
      const half = candidates.slice(0, Math.ceil(candidates.length / 2));
      candidates = (await fails(tx, actor, half)) ? half : candidates.slice(half.length);
    }
    throw rowRefused(candidates[0]!.row, reason);
  }
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
    if (!has) {
      const sourceId = newId();
      await addQualification(tx, actor, person.id, { type: 'basic', completedOn: basic.completedOn, provider: basic.provider ?? null, specializationKey: null, sourceId });
      if (row.basicPrecision && row.basicPrecision !== 'day') {
        await tx
          .update(volunteerQualifications)
          .set({ completedOnPrecision: row.basicPrecision })
          .where(and(eq(volunteerQualifications.networkId, actor.networkId), eq(volunteerQualifications.id, sourceId)));
      }
    }
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
async function createMany(tx: Db, actor: Actor, rows: ReadRow[]) {
  const networkId = actor.networkId;
  const now = new Date();
  const byUserId = actor.type === 'user' ? actor.id : null;
  const people: (typeof volunteers.$inferInsert)[] = [];
  const languages: (typeof volunteerLanguages.$inferInsert)[] = [];
  const keys: (typeof volunteerKeys.$inferInsert)[] = [];
  const qualifications: (typeof volunteerQualifications.$inferInsert)[] = [];
  const statuses: (typeof volunteerStatusChanges.$inferInsert)[] = [];
  const audits: (typeof auditEvents.$inferInsert)[] = [];

  for (const { body: created, basicPrecision } of rows) {
    const body = created!;
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
      qualifications.push({
        networkId,
        id: newId(),
        volunteerId: id,
        type: q.type,
        completedOn: q.completedOn,
        completedOnPrecision: q.type === 'basic' ? (basicPrecision ?? 'day') : 'day',
        provider: q.provider ?? null,
        specializationKey: q.specializationKey ?? null,
      });
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
