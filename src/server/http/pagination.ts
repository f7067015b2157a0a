import { asc, desc as descending, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { DomainError } from './problems.js';

/** Keyset cursor: the last row's sort value and id, opaque to clients. */
export interface Cursor {
  v: string | number | null;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (
      parsed &&
      typeof parsed === 'object' &&
      typeof (parsed as Cursor).id === 'string' &&
      /^[0-9a-f-]{36}$/i.test((parsed as Cursor).id) &&
      ['string', 'number'].includes(typeof (parsed as Cursor).v)
    ) {
      return parsed as Cursor;
    }
  } catch {
    // fall through: an unreadable cursor is the client's error
  }
  throw new DomainError('INVALID_CURSOR', 422, 'validation', 'validation', {}, [{ path: 'querystring.cursor', key: 'invalidCursor' }]);
}

/** Splits a `sort` value such as `-name` into its field and direction. */
export function parseSort<F extends string>(sort: `${F}` | `-${F}`): { field: F; desc: boolean } {
  return sort.startsWith('-') ? { field: sort.slice(1) as F, desc: true } : { field: sort as F, desc: false };
}

/** Cursor value of a timestamp column. */
export const asDate = (v: Cursor['v']) => new Date(String(v));

/** Where-clause and order for a keyset page over `column` with `id` as tie-breaker. */
/**
 * Keyset paging on (column, id). `sortOnly` orders by an expression of the column that no index
 * offers: for a selective filter with its own index (full text), PostgreSQL then fetches the few
 * matches and sorts them, instead of walking the whole sort index and filtering row by row.
 */
export function keyset(
  column: AnyColumn,
  id: AnyColumn,
  cursor: Cursor | null,
  desc: boolean,
  asValue: (v: Cursor['v']) => unknown = (v) => v,
  sortOnly: 'text' | 'instant' | null = null,
) {
  const key: AnyColumn | SQL = sortOnly === 'text' ? sql`(${column} || '')` : sortOnly === 'instant' ? sql`(${column} + interval '0 seconds')` : column;
  // A row comparison, so that PostgreSQL walks the (column, id) index from the cursor on.
  const where: SQL | undefined = cursor
    ? sql`(${key}, ${id}) ${sql.raw(desc ? '<' : '>')} (${sql.param(asValue(cursor.v), column)}, ${sql.param(cursor.id, id)})`
    : undefined;
  const orderBy = desc ? [descending(key), descending(id)] : [asc(key), asc(id)];
  return { where, orderBy };
}

/** Cuts the extra row fetched to know whether another page follows, and builds its cursor. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => Cursor): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}
