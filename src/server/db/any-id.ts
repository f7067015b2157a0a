import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * `column = any('{…}'::uuid[])`: a list of ids as one parameter. `IN ($1, …, $n)` with hundreds of
 * ids (matching reads the profiles of every eligible volunteer) makes both databases parse and
 * plan hundreds of parameters per query; one array parameter costs the same for 5 ids or 5,000.
 */
export function anyId(column: AnyPgColumn, ids: readonly string[]): SQL {
  return sql`${column} = any(${`{${ids.join(',')}}`}::uuid[])`;
}
