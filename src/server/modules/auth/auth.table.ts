import { foreignKey, index, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
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
 * Throttle events: failed sign-ins (per account and IP address) and public form submissions (per
 * IP address). Global (an attacker's address is not a network's data); rows older than their
 * window are deleted as new ones arrive. See throttle.ts.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: uuid('id').primaryKey(),
    key: text('key').notNull(),
    at: instant('at').notNull().defaultNow(),
  },
  (t) => [index('login_failures_key_idx').on(t.key, t.at)],
);
