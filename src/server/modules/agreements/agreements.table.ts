import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { AGREEMENT_OUTCOMES, AGREEMENT_STATUSES } from '../../../common/api/placements.js';
import { createdAtColumn, networkIdColumn, updatedAtColumn, versionColumn } from '../../db/columns.js';
import { guideRequests } from '../guide-requests/guide-requests.table.js';
import { organizations } from '../organizations/organizations.table.js';
import { proposals } from '../proposals/proposals.table.js';
import { users } from '../users/users.table.js';
import { volunteers } from '../volunteers/volunteers.table.js';

const inList = (column: string, values: readonly string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

/** Vereinbarung: a time-limited agreement between a volunteer and a seeker or an institution. */
export const agreements = pgTable(
  'agreements',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    requestId: uuid('request_id'),
    proposalId: uuid('proposal_id'),
    /** The institution on the other side (the request's requester), if any. */
    organizationId: uuid('organization_id'),
    /** Who the volunteer accompanies, as the coordinator writes it ("Familie A.", "Klasse 7b"): no sensitive details. */
    counterpart: text('counterpart'),
    scope: text('scope').notNull(),
    goals: text('goals'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    status: text('status', { enum: AGREEMENT_STATUSES }).notNull().default('active'),
    extensions: smallint('extensions').notNull().default(0),
    /** The end date a reminder was last sent for (one reminder per end date, also after an extension). */
    remindedForEndOn: date('reminded_for_end_on'),
    closedOn: date('closed_on'),
    outcome: text('outcome', { enum: AGREEMENT_OUTCOMES }),
    volunteerFeedback: text('volunteer_feedback'),
    partnerFeedback: text('partner_feedback'),
    createdByUserId: uuid('created_by_user_id'),
    closedByUserId: uuid('closed_by_user_id'),
    version: versionColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'agreements_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'agreements_volunteer_fk', columns: [t.networkId, t.volunteerId], foreignColumns: [volunteers.networkId, volunteers.id] }),
    foreignKey({ name: 'agreements_request_fk', columns: [t.networkId, t.requestId], foreignColumns: [guideRequests.networkId, guideRequests.id] }),
    foreignKey({ name: 'agreements_proposal_fk', columns: [t.networkId, t.proposalId], foreignColumns: [proposals.networkId, proposals.id] }),
    foreignKey({ name: 'agreements_organization_fk', columns: [t.networkId, t.organizationId], foreignColumns: [organizations.networkId, organizations.id] }),
    foreignKey({ name: 'agreements_created_by_fk', columns: [t.networkId, t.createdByUserId], foreignColumns: [users.networkId, users.id] }).onDelete('set null'),
    foreignKey({ name: 'agreements_closed_by_fk', columns: [t.networkId, t.closedByUserId], foreignColumns: [users.networkId, users.id] }).onDelete('set null'),
    check('agreements_status_check', inList('status', AGREEMENT_STATUSES)),
    check('agreements_outcome_check', sql`outcome is null or ${inList('outcome', AGREEMENT_OUTCOMES)}`),
    check('agreements_period_check', sql`starts_on <= ends_on`),
    check('agreements_closed_check', sql`(status = 'closed') = (closed_on is not null and outcome is not null)`),
    index('agreements_volunteer_idx').on(t.networkId, t.volunteerId, t.status),
    index('agreements_organization_idx').on(t.networkId, t.organizationId, t.status),
    index('agreements_ending_idx').on(t.networkId, t.endsOn).where(sql`status = 'active'`),
    index('agreements_request_idx').on(t.networkId, t.requestId),
  ],
);
