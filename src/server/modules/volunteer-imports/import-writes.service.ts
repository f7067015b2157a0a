import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { levelRank } from '../../../common/volunteers.js';
import type { Db } from '../../db/client.js';
import { pgCode } from '../../db/errors.js';
import { newId } from '../../db/ids.js';
import { DomainError } from '../../http/problems.js';
import type { Actor } from '../audit/actor.js';
import { auditEvents } from '../audit/audit.table.js';
import { KEY_LISTS } from '../volunteers/profile-lists.service.js';
import { VOLUNTEER_KEY_RELATIONS, volunteerKeys, volunteerLanguages, volunteerQualifications, volunteers, volunteerStatusChanges } from '../volunteers/volunteers.table.js';
import { addQualification, PROFILE_SCALARS, updateVolunteer, type Visibility } from '../volunteers/volunteers.service.js';
import type { PoolPerson } from './pool-matches.js';
import type { ReadRow } from './rows.js';

/** An import's writes: new people in batches, merges into pool records, and the row the database refuses. */

/** Rows per INSERT statement (one JSON parameter each). */
const BATCH_ROWS = 5_000;

const chunks = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};


// ---------------------------------------------------------------------------------------------
// A row the database refuses

/** The database refused a row's values: nothing is imported, and the problem names the row. */
export const rowRefused = (row: number, reason: 'constraint' | 'conflict' | 'value') =>
  new DomainError('IMPORT_ROW_REFUSED', reason === 'conflict' ? 409 : 422, 'import-row-refused', 'importRowRefused', { row, reason });

/** Integrity (23…) and data (22…) errors are the row's; anything else is the server's. */
function refusalOf(error: unknown): 'constraint' | 'conflict' | 'value' | null {
  const code = pgCode(error);
  if (code === '23505') return 'conflict';
  if (code?.startsWith('23')) return 'constraint';
  if (code?.startsWith('22')) return 'value';
  return null;
}

export async function atRow<T>(row: number, work: () => Promise<T>): Promise<T> {
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
export async function createRows(tx: Db, actor: Actor, rows: ReadRow[]) {
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
export async function mergeInto(tx: Db, actor: Actor, person: PoolPerson, row: ReadRow, visibility: Visibility) {
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
    const fields: string[] = [];
    for (const f of PROFILE_SCALARS) {
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
