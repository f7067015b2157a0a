import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, instant, networkIdColumn } from '../../db/columns.js';
import { networks } from '../networks/networks.table.js';

export const CONSENT_PURPOSES = ['origin_data', 'data_processing', 'contact'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/**
 * Consent per person and purpose (GDPR Art. 6/9): which text version, given when, withdrawn when.
 * Withdrawal keeps the record (proof) and ends the processing it covered.
 */
export const consents = pgTable(
  'consents',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    subjectKind: text('subject_kind', { enum: ['volunteer', 'seeker'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
    textVersion: text('text_version').notNull(),
    givenOn: date('given_on').notNull(),
    recordedAt: createdAtColumn(),
    withdrawnAt: instant('withdrawn_at'),
  },
  (t) => [
    primaryKey({ name: 'consents_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'consents_network_fk', columns: [t.networkId], foreignColumns: [networks.id] }),
    index('consents_subject_idx').on(t.networkId, t.subjectKind, t.subjectId, t.purpose),
    check('consents_purpose_check', sql`purpose in ('origin_data', 'data_processing', 'contact')`),
    check('consents_subject_check', sql`subject_kind in ('volunteer', 'seeker')`),
  ],
);
