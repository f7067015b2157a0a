import { customType, integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Column helpers every tenant table shares, so the layout stays uniform. Instants keep milliseconds
 * (what a JavaScript Date and an API instant carry), so a keyset cursor round-trips exactly.
 */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });
export const networkIdColumn = () => uuid('network_id').notNull();
export const versionColumn = () => integer('version').notNull().default(1);
export const createdAtColumn = () => instant('created_at').notNull().defaultNow();
export const updatedAtColumn = () => instant('updated_at').notNull().defaultNow();

/** Uploaded files kept in the database (documents, receipts). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});
