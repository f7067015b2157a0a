import { and, asc, eq } from 'drizzle-orm';
import type { CreateSavedFilterBody, SavedFilter } from '../../../common/api/volunteer-extras.js';
import { SavedFilterQuery } from '../../../common/api/volunteer-extras.js';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { newId } from '../../db/ids.js';
import { fieldErrorOf, DomainError, invalidFields, notFound } from '../../http/problems.js';
import { savedFilters } from './volunteers.table.js';

const present = (r: typeof savedFilters.$inferSelect): SavedFilter => ({ id: r.id, name: r.name, query: r.query, createdAt: r.createdAt.toISOString() });

export async function listSavedFilters(tx: Db, networkId: string, userId: string): Promise<SavedFilter[]> {
  const rows = await tx.select().from(savedFilters).where(and(eq(savedFilters.networkId, networkId), eq(savedFilters.userId, userId))).orderBy(asc(savedFilters.name));
  return rows.map(present);
}

/** Saves a filter only when it is one the pool list understands. */
export async function saveFilter(tx: Db, networkId: string, userId: string, body: CreateSavedFilterBody): Promise<SavedFilter> {
  const parsed = SavedFilterQuery.strict().safeParse(Object.fromEntries(Object.entries(body.query).map(([k, v]) => [k, String(v)])));
  if (!parsed.success) throw invalidFields(parsed.error.issues.flatMap((i) => fieldErrorOf(i as never, 'body.query')));
  try {
    const [row] = await tx.insert(savedFilters).values({ networkId, id: newId(), userId, name: body.name, query: body.query }).returning();
    return present(row!);
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('SAVED_FILTER_NAME_TAKEN', 409, 'saved-filter-name-taken', 'savedFilterNameTaken');
    throw error;
  }
}

export async function deleteSavedFilter(tx: Db, networkId: string, userId: string, id: string): Promise<void> {
  const deleted = await tx
    .delete(savedFilters)
    .where(and(eq(savedFilters.networkId, networkId), eq(savedFilters.userId, userId), eq(savedFilters.id, id)))
    .returning({ id: savedFilters.id });
  if (!deleted.length) throw notFound('record');
}
