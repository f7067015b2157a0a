import { foreignKey, index, integer, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, instant, networkIdColumn } from '../../db/columns.js';
import { users } from '../users/users.table.js';

/** Sign-in sessions live in the database: the app process keeps no state. */
export const sessions = pgTable(
  'sessions',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAtColumn(),
    expiresAt: instant('expires_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    primaryKey({ name: 'sessions_pkey', columns: [t.networkId, t.id] }),
    unique('sessions_token_key').on(t.networkId, t.tokenHash),
    foreignKey({
      name: 'sessions_user_fk',
      columns: [t.networkId, t.userId],
      foreignColumns: [users.networkId, users.id],
    }).onDelete('cascade'),
  ],
);

export const passwordResets = pgTable(
  'password_resets',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAtColumn(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
  },
  (t) => [
    primaryKey({ name: 'password_resets_pkey', columns: [t.networkId, t.id] }),
    unique('password_resets_token_key').on(t.networkId, t.tokenHash),
    foreignKey({
      name: 'password_resets_user_fk',
      columns: [t.networkId, t.userId],
      foreignColumns: [users.networkId, users.id],
    }).onDelete('cascade'),
  ],
);

/**
 * Throttle counters: attempts per key (an account at an address, an account, an address, a form)
 * in a fixed window that starts with the key's first attempt. One row per key, so an attempt is
 * counted with one atomic upsert before the work it guards (see throttle.ts). Global, like
 * `account_emails`: an attacker's address is no network's data.
 */
export const throttleCounters = pgTable(
  'throttle_counters',
  {
    key: text('key').primaryKey(),
    attempts: integer('attempts').notNull(),
    windowStart: instant('window_start').notNull(),
  },
  // Old windows are pruned by start time.
  (t) => [index('throttle_counters_window_idx').on(t.windowStart)],
);
