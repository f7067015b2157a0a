import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { TRANSPORT_MODES } from '../../../common/api/placements.js';
import { bytea, createdAtColumn, instant, networkIdColumn, updatedAtColumn, versionColumn } from '../../db/columns.js';
import { agreements } from '../agreements/agreements.table.js';
import { expenseClaims } from '../expense-claims/expense-claims.table.js';
import { users } from '../users/users.table.js';
import { volunteers } from '../volunteers/volunteers.table.js';

const inList = (column: string, values: readonly string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

/** Einsatz: one logged occurrence under an agreement. */
export const deployments = pgTable(
  'deployments',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    agreementId: uuid('agreement_id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    onDate: date('on_date').notNull(),
    minutes: integer('minutes').notNull(),
    /** Kilometres travelled, in tenths (12.5 km = 125). */
    distanceTenths: integer('distance_tenths').notNull().default(0),
    transport: text('transport', { enum: TRANSPORT_MODES }),
    ticketCents: integer('ticket_cents').notNull().default(0),
    /** A short note; the form reminds the volunteer not to write sensitive details. */
    note: text('note'),
    confirmedAt: instant('confirmed_at'),
    confirmedByUserId: uuid('confirmed_by_user_id'),
    /** The expense claim that includes this deployment, once claimed. */
    claimId: uuid('claim_id'),
    createdByUserId: uuid('created_by_user_id'),
    version: versionColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'deployments_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'deployments_agreement_fk', columns: [t.networkId, t.agreementId], foreignColumns: [agreements.networkId, agreements.id] }),
    foreignKey({ name: 'deployments_volunteer_fk', columns: [t.networkId, t.volunteerId], foreignColumns: [volunteers.networkId, volunteers.id] }),
    foreignKey({ name: 'deployments_confirmed_by_fk', columns: [t.networkId, t.confirmedByUserId], foreignColumns: [users.networkId, users.id] }).onDelete('set null'),
    foreignKey({ name: 'deployments_created_by_fk', columns: [t.networkId, t.createdByUserId], foreignColumns: [users.networkId, users.id] }).onDelete('set null'),
    foreignKey({ name: 'deployments_claim_fk', columns: [t.networkId, t.claimId], foreignColumns: [expenseClaims.networkId, expenseClaims.id] }),
    check('deployments_transport_check', sql`transport is null or ${inList('transport', TRANSPORT_MODES)}`),
    check('deployments_amounts_check', sql`minutes > 0 and minutes <= 1440 and distance_tenths >= 0 and ticket_cents >= 0`),
    index('deployments_volunteer_idx').on(t.networkId, t.volunteerId, t.onDate),
    index('deployments_agreement_idx').on(t.networkId, t.agreementId, t.onDate),
    index('deployments_claim_idx').on(t.networkId, t.claimId),
  ],
);

/** The ticket receipt of a deployment (PDF or image), checked by its first bytes. */
export const deploymentReceipts = pgTable(
  'deployment_receipts',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    deploymentId: uuid('deployment_id').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'deployment_receipts_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'deployment_receipts_deployment_fk', columns: [t.networkId, t.deploymentId], foreignColumns: [deployments.networkId, deployments.id] }).onDelete('cascade'),
    check('deployment_receipts_type_check', sql`content_type in ('application/pdf', 'image/png', 'image/jpeg')`),
    index('deployment_receipts_deployment_idx').on(t.networkId, t.deploymentId),
  ],
);
