import { sql } from 'drizzle-orm';
import { customType, index, pgTable, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, networkIdColumn } from '../../db/columns.js';

/** A PostgreSQL transaction id (`xid8`), read as its decimal text. */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

/**
 * What changed for matching, written by triggers (migration 0021) whenever a volunteer's
 * matching profile or load changes: the volunteer and the writing transaction. The matching
 * pool in each server process compares these rows with the snapshot it was built from and
 * reloads only those volunteers (see matching-pool.ts). A row without a volunteer means "reload
 * everything" (district catalogue changed, or a statement touched very many volunteers).
 * Derived data: left out of backups, pruned after an hour. No foreign key, so that a network's
 * deletion can still record its cascade.
 */
export const matchingChanges = pgTable(
  'matching_changes',
  {
    networkId: networkIdColumn(),
    xid: xid8('xid').notNull().default(sql`pg_current_xact_id()`),
    volunteerId: uuid('volunteer_id'),
    createdAt: createdAtColumn(),
  },
  (t) => [index('matching_changes_xid_idx').on(t.networkId, t.xid), index('matching_changes_created_idx').on(t.networkId, t.createdAt)],
);
