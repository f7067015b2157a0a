import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { AGE_GROUPS, GENDER_PREFERENCES, GUIDE_REQUEST_KINDS, GUIDE_REQUEST_SOURCES, GUIDE_REQUEST_STATUSES, URGENCIES, type LanguageNeed } from '../../../common/api/guide-requests.js';
import { createdAtColumn, instant, networkIdColumn, updatedAtColumn, versionColumn } from '../../db/columns.js';
import { catalogEntries } from '../catalog/catalog.table.js';
import { networks } from '../networks/networks.table.js';
import { organizations } from '../organizations/organizations.table.js';
import { users } from '../users/users.table.js';

const inList = (column: string, values: readonly string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

/** Einsatzanfrage: the standardised description of a needed deployment. */
export const guideRequests = pgTable(
  'guide_requests',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    title: text('title').notNull(),
    kind: text('kind', { enum: GUIDE_REQUEST_KINDS }),
    topic: text('topic'),
    /** Constant, so that topic and district can reference the catalogue by (kind, key). */
    topicKind: text('topic_kind').generatedAlwaysAs(sql`'topics'`),
    description: text('description'),
    languages: jsonb('languages').$type<LanguageNeed[]>().notNull().default([]),
    districtKey: text('district_key'),
    districtKind: text('district_kind').generatedAlwaysAs(sql`'districts'`),
    place: text('place'),
    startsAt: instant('starts_at'),
    endsAt: instant('ends_at'),
    /** Weekly slots of a recurring request, minutes of the Berlin day. */
    schedule: jsonb('schedule').$type<{ weekday: number; from: string; to: string }[]>().notNull().default([]),
    /** Expected effort in minutes (the API speaks hours in quarter steps). */
    expectedMinutes: integer('expected_minutes'),
    volunteersNeeded: smallint('volunteers_needed').notNull().default(1),
    requiredSpecializations: text('required_specializations').array().notNull().default(sql`'{}'::text[]`),
    involvesMinors: boolean('involves_minors').notNull().default(false),
    seekerAgeGroup: text('seeker_age_group', { enum: AGE_GROUPS }),
    seekerLanguages: text('seeker_languages').array().notNull().default(sql`'{}'::text[]`),
    seekerGenderPreference: text('seeker_gender_preference', { enum: GENDER_PREFERENCES }),
    seekerWantsPeerMatch: boolean('seeker_wants_peer_match').notNull().default(false),
    /** Special category (GDPR Art. 9): only for a peer match, only coordinators read it, never logged. */
    seekerOrigins: text('seeker_origins').array().notNull().default(sql`'{}'::text[]`),
    requesterOrganizationId: uuid('requester_organization_id'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    urgency: text('urgency', { enum: URGENCIES }).notNull().default('normal'),
    status: text('status', { enum: GUIDE_REQUEST_STATUSES }).notNull().default('new'),
    statusSince: instant('status_since').notNull().defaultNow(),
    source: text('source', { enum: GUIDE_REQUEST_SOURCES }).notNull(),
    createdByUserId: uuid('created_by_user_id'),
    version: versionColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'guide_requests_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'guide_requests_network_fk', columns: [t.networkId], foreignColumns: [networks.id] }),
    foreignKey({ name: 'guide_requests_topic_fk', columns: [t.networkId, t.topicKind, t.topic], foreignColumns: [catalogEntries.networkId, catalogEntries.kind, catalogEntries.key] }),
    foreignKey({ name: 'guide_requests_district_fk', columns: [t.networkId, t.districtKind, t.districtKey], foreignColumns: [catalogEntries.networkId, catalogEntries.kind, catalogEntries.key] }),
    foreignKey({ name: 'guide_requests_requester_fk', columns: [t.networkId, t.requesterOrganizationId], foreignColumns: [organizations.networkId, organizations.id] }),
    foreignKey({ name: 'guide_requests_created_by_fk', columns: [t.networkId, t.createdByUserId], foreignColumns: [users.networkId, users.id] }).onDelete('set null'),
    check('guide_requests_kind_check', sql`kind is null or ${inList('kind', GUIDE_REQUEST_KINDS)}`),
    check('guide_requests_status_check', inList('status', GUIDE_REQUEST_STATUSES)),
    check('guide_requests_urgency_check', inList('urgency', URGENCIES)),
    check('guide_requests_source_check', inList('source', GUIDE_REQUEST_SOURCES)),
    check('guide_requests_time_check', sql`starts_at is null or ends_at is null or starts_at < ends_at`),
    index('guide_requests_status_idx').on(t.networkId, t.status, t.createdAt, t.id),
    index('guide_requests_created_idx').on(t.networkId, t.createdAt, t.id),
    index('guide_requests_requester_idx').on(t.networkId, t.requesterOrganizationId, t.createdAt),
  ],
);

export const guideRequestStatusChanges = pgTable(
  'guide_request_status_changes',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    requestId: uuid('request_id').notNull(),
    fromStatus: text('from_status', { enum: GUIDE_REQUEST_STATUSES }),
    toStatus: text('to_status', { enum: GUIDE_REQUEST_STATUSES }).notNull(),
    at: instant('at').notNull().defaultNow(),
    byUserId: uuid('by_user_id'),
    /** What the coordinator asked for (needs_info) or why it was cancelled. */
    message: text('message'),
  },
  (t) => [
    primaryKey({ name: 'guide_request_status_changes_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'guide_request_status_changes_request_fk', columns: [t.networkId, t.requestId], foreignColumns: [guideRequests.networkId, guideRequests.id] }).onDelete('cascade'),
    foreignKey({ name: 'guide_request_status_changes_user_fk', columns: [t.networkId, t.byUserId], foreignColumns: [users.networkId, users.id] }).onDelete('set null'),
    index('guide_request_status_changes_request_idx').on(t.networkId, t.requestId, t.at),
  ],
);
