import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { EXPENSE_CLAIM_STATUSES } from '../../../common/api/placements.js';
import { createdAtColumn, instant, networkIdColumn, updatedAtColumn, versionColumn } from '../../db/columns.js';
import { users } from '../users/users.table.js';
import { volunteers } from '../volunteers/volunteers.table.js';

const inList = (column: string, values: readonly string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

/**
 * A payout run: the approved claims exported together as one SEPA credit-transfer file (and CSV),
 * then marked paid. The file is kept so that it can be downloaded again unchanged.
 */
export const payouts = pgTable(
  'payouts',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    messageId: text('message_id').notNull(),
    executionDate: date('execution_date').notNull(),
    claimCount: integer('claim_count').notNull(),
    totalCents: integer('total_cents').notNull(),
    sepaXml: text('sepa_xml').notNull(),
    createdByUserId: uuid('created_by_user_id'),
    /**
     * Released for the bank: at once when no second person is needed, else by someone other than
     * its creator. Its file is handed out and it is marked paid only once released.
     */
    releasedAt: instant('released_at'),
    releasedByUserId: uuid('released_by_user_id'),
    paidAt: instant('paid_at'),
    paidByUserId: uuid('paid_by_user_id'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'payouts_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'payouts_created_by_fk', columns: [t.networkId, t.createdByUserId], foreignColumns: [users.networkId, users.id] }).onDelete('set null'),
    foreignKey({ name: 'payouts_released_by_fk', columns: [t.networkId, t.releasedByUserId], foreignColumns: [users.networkId, users.id] }).onDelete('set null'),
    foreignKey({ name: 'payouts_paid_by_fk', columns: [t.networkId, t.paidByUserId], foreignColumns: [users.networkId, users.id] }).onDelete('set null'),
    index('payouts_created_idx').on(t.networkId, t.createdAt, t.id),
  ],
);

/** Aufwandsentschädigung, Fahrtkosten, Auslagen: what a volunteer claims for their deployments. */
export const expenseClaims = pgTable(
  'expense_claims',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    status: text('status', { enum: EXPENSE_CLAIM_STATUSES }).notNull().default('submitted'),
    /** The tax year the claim counts in (§ 3 Nr. 26a EStG: the year it is paid; until then, the year it was submitted). */
    taxYear: smallint('tax_year').notNull(),
    distanceTenths: integer('distance_tenths').notNull(),
    /** Rate per kilometre when submitted, so that a later change of the setting does not alter the claim. */
    mileageRateCents: integer('mileage_rate_cents').notNull(),
    mileageCents: integer('mileage_cents').notNull(),
    ticketCents: integer('ticket_cents').notNull(),
    /** The network's flat allowance: the part that counts against the tax-free volunteer allowance. */
    allowanceCents: integer('allowance_cents').notNull(),
    totalCents: integer('total_cents').notNull(),
    submittedByUserId: uuid('submitted_by_user_id'),
    decidedAt: instant('decided_at'),
    decidedByUserId: uuid('decided_by_user_id'),
    rejectionReason: text('rejection_reason'),
    payoutId: uuid('payout_id'),
    paidAt: instant('paid_at'),
    version: versionColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'expense_claims_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'expense_claims_volunteer_fk', columns: [t.networkId, t.volunteerId], foreignColumns: [volunteers.networkId, volunteers.id] }),
    foreignKey({ name: 'expense_claims_payout_fk', columns: [t.networkId, t.payoutId], foreignColumns: [payouts.networkId, payouts.id] }),
    foreignKey({ name: 'expense_claims_submitted_by_fk', columns: [t.networkId, t.submittedByUserId], foreignColumns: [users.networkId, users.id] }).onDelete('set null'),
    foreignKey({ name: 'expense_claims_decided_by_fk', columns: [t.networkId, t.decidedByUserId], foreignColumns: [users.networkId, users.id] }).onDelete('set null'),
    check('expense_claims_status_check', inList('status', EXPENSE_CLAIM_STATUSES)),
    check('expense_claims_amounts_check', sql`mileage_cents >= 0 and ticket_cents >= 0 and allowance_cents >= 0 and total_cents = mileage_cents + ticket_cents + allowance_cents and total_cents > 0`),
    check('expense_claims_rejection_check', sql`(status = 'rejected') = (rejection_reason is not null)`),
    index('expense_claims_status_idx').on(t.networkId, t.status, t.createdAt, t.id),
    index('expense_claims_volunteer_idx').on(t.networkId, t.volunteerId, t.taxYear),
  ],
);
