import { foreignKey, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, instant, networkIdColumn } from '../../db/columns.js';
import { networks } from '../networks/networks.table.js';

/**
 * Outgoing mail, written in the same transaction as the change that causes it (a failed save
 * sends nothing); the mail worker delivers it by SMTP, or, without SMTP, logs it and leaves it
 * here for the network's admins to read.
 */
export const outboxMails = pgTable(
  'outbox_mails',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    to: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text_body').notNull(),
    status: text('status', { enum: ['queued', 'sent', 'failed', 'logged'] }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: instant('next_attempt_at').notNull().defaultNow(),
    createdAt: createdAtColumn(),
    sentAt: instant('sent_at'),
  },
  (t) => [
    primaryKey({ name: 'outbox_mails_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'outbox_mails_network_fk', columns: [t.networkId], foreignColumns: [networks.id] }),
    index('outbox_mails_due_idx').on(t.status, t.nextAttemptAt),
  ],
);
