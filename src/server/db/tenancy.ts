import { sql } from 'drizzle-orm';
import type { PgTransactionConfig } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';

/** The non-owner role every request's transaction switches to, so row-level security applies. */
export const APP_ROLE = 'lotse_app';

/**
 * Runs `fn` in a transaction that can see only one network's rows: it switches to the app role
 * (RLS applies even where the connection is a superuser, as on PGlite) and names the network in a
 * transaction-local setting that every tenant table's policy compares with `network_id`.
 */
export async function withTenant<T>(db: Db, networkId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('lotse.network_id', ${networkId}, true)`,
    );
    return fn(tx as unknown as Db);
  });
}

/**
 * Maintenance across all networks (backup, restore, listing networks in the CLI). Runs as the
 * owner with the `maintenance` policy switched on for this transaction only. Never used by a
 * request handler.
 */
export async function withMaintenance<T>(db: Db, fn: (tx: Db) => Promise<T>, config?: PgTransactionConfig): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('lotse.maintenance', 'on', true)`);
    return fn(tx as unknown as Db);
  }, config);
}
