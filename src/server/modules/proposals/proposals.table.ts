import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, pgTable, primaryKey, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { PROPOSAL_STATUSES } from '../../../common/api/placements.js';
import { createdAtColumn, instant, networkIdColumn, updatedAtColumn, versionColumn } from '../../db/columns.js';
import { guideRequests } from '../guide-requests/guide-requests.table.js';
import { users } from '../users/users.table.js';
import { volunteers } from '../volunteers/volunteers.table.js';

const inList = (column: string, values: readonly string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

/** Vorschlag: a volunteer proposed for a request, waiting for their answer until it expires. */
export const proposals = pgTable(
  'proposals',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    requestId: uuid('request_id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    status: text('status', { enum: PROPOSAL_STATUSES }).notNull().default('pending'),
    /** The matching score when proposed (0–100), kept to explain the choice later. */
    score: real('score'),
    /** The coordinator's words to the volunteer. */
    message: text('message'),
    proposedByUserId: uuid('proposed_by_user_id'),
    expiresAt: instant('expires_at').notNull(),
    answeredAt: instant('answered_at'),
    answeredByUserId: uuid('answered_by_user_id'),
    /** A coordinator recorded the answer after a phone call, not the volunteer in the portal. */
    answeredOnBehalf: boolean('answered_on_behalf').notNull().default(false),
    declineReason: text('decline_reason'),
    version: versionColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'proposals_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'proposals_request_fk', columns: [t.networkId, t.requestId], foreignColumns: [guideRequests.networkId, guideRequests.id] }).onDelete('cascade'),
    foreignKey({ name: 'proposals_volunteer_fk', columns: [t.networkId, t.volunteerId], foreignColumns: [volunteers.networkId, volunteers.id] }).onDelete('cascade'),
    foreignKey({ name: 'proposals_proposed_by_fk', columns: [t.networkId, t.proposedByUserId], foreignColumns: [users.networkId, users.id] }).onDelete('set null'),
    foreignKey({ name: 'proposals_answered_by_fk', columns: [t.networkId, t.answeredByUserId], foreignColumns: [users.networkId, users.id] }).onDelete('set null'),
    check('proposals_status_check', inList('status', PROPOSAL_STATUSES)),
    // One open or accepted proposal per request and volunteer.
    uniqueIndex('proposals_open_key').on(t.networkId, t.requestId, t.volunteerId).where(sql`status in ('pending', 'accepted')`),
    index('proposals_request_idx').on(t.networkId, t.requestId, t.createdAt),
    index('proposals_volunteer_idx').on(t.networkId, t.volunteerId, t.status),
    index('proposals_expiry_idx').on(t.networkId, t.expiresAt).where(sql`status = 'pending'`),
  ],
);
