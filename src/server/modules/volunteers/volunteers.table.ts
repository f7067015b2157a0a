import { sql, type SQL } from 'drizzle-orm';
import { type AnyPgColumn, check, customType, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { GENDERS, LANGUAGE_LEVELS, PROFESSIONAL_POSITIONS, QUALIFICATION_DATE_PRECISIONS, QUALIFICATION_TYPES, TRADES, VOLUNTEER_STATUSES } from '../../../common/volunteers.js';
import { bytea, createdAtColumn, instant, networkIdColumn, updatedAtColumn, versionColumn } from '../../db/columns.js';
import { catalogEntries } from '../catalog/catalog.table.js';
import { networks } from '../networks/networks.table.js';
import { users } from '../users/users.table.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const inList = (column: string, values: readonly (string | number)[]): SQL => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

/** A volunteer's competence profile: one row, with its lists in the tables below. */
export const volunteers = pgTable(
  'volunteers',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    /** The portal account, once the volunteer has one. */
    userId: uuid('user_id'),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    street: text('street'),
    postalCode: text('postal_code'),
    city: text('city'),
    birthYear: smallint('birth_year'),
    gender: text('gender', { enum: GENDERS }),
    genderSelfDescribed: text('gender_self_described'),
    contactLanguage: text('contact_language'),
    trade: text('trade', { enum: TRADES }),
    tradeFreeText: text('trade_free_text'),
    professionalPosition: text('professional_position', { enum: PROFESSIONAL_POSITIONS }),
    homeDistrict: text('home_district'),
    /** Constant, so the home district can reference the district catalogue by (kind, key). */
    homeDistrictKind: text('home_district_kind').generatedAlwaysAs(sql`'districts'`),
    maxActiveAgreements: smallint('max_active_agreements').notNull().default(2),
    maxHoursPerMonth: smallint('max_hours_per_month').notNull().default(10),
    status: text('status', { enum: VOLUNTEER_STATUSES }).notNull().default('interested'),
    statusSince: instant('status_since').notNull().defaultNow(),
    confidentialitySignedOn: date('confidentiality_signed_on'),
    dataProtectionConsentOn: date('data_protection_consent_on'),
    insuranceNotedOn: date('insurance_noted_on'),
    policeCertificateOn: date('police_certificate_on'),
    lastSupervisionOn: date('last_supervision_on'),
    /** Bank account for expense payouts (SEPA): only the volunteer and coordinators read it, never logged. */
    iban: text('iban'),
    bic: text('bic'),
    accountHolder: text('account_holder'),
    /**
     * Who typed the account in use when it was not the volunteer herself (null: she did). It was
     * confirmed by her before use, and still that person neither approves her claims nor pays her out.
     */
    bankAccountEnteredBy: uuid('bank_account_entered_by'),
    /** Coordinator-only notes: confidential, never logged, never in audit values. */
    notes: text('notes'),
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('german'::regconfig, coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(city, '') || ' ' || coalesce(trade_free_text, ''))`,
    ),
    version: versionColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'volunteers_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'volunteers_network_fk', columns: [t.networkId], foreignColumns: [networks.id] }),
    foreignKey({ name: 'volunteers_user_fk', columns: [t.networkId, t.userId], foreignColumns: [users.networkId, users.id] }).onDelete('set null'),
    foreignKey({ name: 'volunteers_bank_entered_by_fk', columns: [t.networkId, t.bankAccountEnteredBy], foreignColumns: [users.networkId, users.id] }).onDelete('set null'),
    foreignKey({
      name: 'volunteers_home_district_fk',
      columns: [t.networkId, t.homeDistrictKind, t.homeDistrict],
      foreignColumns: [catalogEntries.networkId, catalogEntries.kind, catalogEntries.key],
    }),
    unique('volunteers_user_key').on(t.networkId, t.userId),
    check('volunteers_status_check', inList('status', VOLUNTEER_STATUSES)),
    check('volunteers_gender_check', sql`gender is null or ${inList('gender', GENDERS)}`),
    check('volunteers_position_check', sql`professional_position is null or ${inList('professional_position', PROFESSIONAL_POSITIONS)}`),
    index('volunteers_name_idx').on(t.networkId, t.lastName, t.id),
    index('volunteers_status_idx').on(t.networkId, t.status),
    index('volunteers_status_since_idx').on(t.networkId, t.statusSince, t.id),
    index('volunteers_created_idx').on(t.networkId, t.createdAt, t.id),
    index('volunteers_email_idx').on(t.networkId, t.email),
    index('volunteers_search_idx').using('gin', t.search),
  ],
);

const childOf = (name: string, t: { networkId: AnyPgColumn; volunteerId: AnyPgColumn }) =>
  foreignKey({ name, columns: [t.networkId, t.volunteerId], foreignColumns: [volunteers.networkId, volunteers.id] }).onDelete('cascade');

export const BANK_CHANGE_DECISIONS = ['confirmed', 'rejected', 'superseded'] as const;

/**
 * A bank account entered for a volunteer by someone else (a coordinator): it waits for her
 * confirmation, in the portal or by the mailed link, before payouts use it. At most one is open
 * per volunteer; the link's token is stored only as its SHA-256 and is spent by the decision.
 */
export const bankAccountChanges = pgTable(
  'bank_account_changes',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    iban: text('iban').notNull(),
    bic: text('bic'),
    accountHolder: text('account_holder').notNull(),
    requestedBy: uuid('requested_by'),
    requestedAt: instant('requested_at').notNull().defaultNow(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: instant('expires_at').notNull(),
    decision: text('decision', { enum: BANK_CHANGE_DECISIONS }),
    decidedAt: instant('decided_at'),
  },
  (t) => [
    primaryKey({ name: 'bank_account_changes_pkey', columns: [t.networkId, t.id] }),
    childOf('bank_account_changes_volunteer_fk', t),
    foreignKey({ name: 'bank_account_changes_requested_by_fk', columns: [t.networkId, t.requestedBy], foreignColumns: [users.networkId, users.id] }).onDelete('set null'),
    unique('bank_account_changes_token_key').on(t.networkId, t.tokenHash),
    uniqueIndex('bank_account_changes_open_key').on(t.networkId, t.volunteerId).where(sql`decided_at is null`),
    check('bank_account_changes_decision_check', sql`(decision is null) = (decided_at is null) and (decision is null or ${inList('decision', BANK_CHANGE_DECISIONS)})`),
  ],
);

export const volunteerLanguages = pgTable(
  'volunteer_languages',
  {
    networkId: networkIdColumn(),
    volunteerId: uuid('volunteer_id').notNull(),
    code: text('code').notNull(),
    level: text('level', { enum: LANGUAGE_LEVELS }).notNull(),
    /** A1 = 1 … native = 7 (unknown = 0), for "at least B2" filters. */
    levelRank: smallint('level_rank').notNull(),
  },
  (t) => [
    primaryKey({ name: 'volunteer_languages_pkey', columns: [t.networkId, t.volunteerId, t.code] }),
    childOf('volunteer_languages_volunteer_fk', t),
    index('volunteer_languages_code_idx').on(t.networkId, t.code, t.levelRank),
  ],
);

/** Countries of origin: a special category (GDPR Art. 9), kept only while consent is on record. */
export const volunteerOrigins = pgTable(
  'volunteer_origins',
  {
    networkId: networkIdColumn(),
    volunteerId: uuid('volunteer_id').notNull(),
    country: text('country').notNull(),
  },
  (t) => [primaryKey({ name: 'volunteer_origins_pkey', columns: [t.networkId, t.volunteerId, t.country] }), childOf('volunteer_origins_volunteer_fk', t)],
);

export const VOLUNTEER_KEY_RELATIONS = {
  specialization: 'specializations',
  topic: 'topics',
  competence_limit: 'topics',
  interest: 'topics',
  district: 'districts',
} as const;
export type VolunteerKeyRelation = keyof typeof VOLUNTEER_KEY_RELATIONS;

/** A volunteer's catalogue references: specialisations, topics, competence limits, interests, districts served. */
export const volunteerKeys = pgTable(
  'volunteer_keys',
  {
    networkId: networkIdColumn(),
    volunteerId: uuid('volunteer_id').notNull(),
    relation: text('relation', { enum: Object.keys(VOLUNTEER_KEY_RELATIONS) as [VolunteerKeyRelation, ...VolunteerKeyRelation[]] }).notNull(),
    kind: text('kind', { enum: ['specializations', 'topics', 'districts'] }).notNull(),
    key: text('key').notNull(),
  },
  (t) => [
    primaryKey({ name: 'volunteer_keys_pkey', columns: [t.networkId, t.volunteerId, t.relation, t.key] }),
    childOf('volunteer_keys_volunteer_fk', t),
    foreignKey({ name: 'volunteer_keys_catalog_fk', columns: [t.networkId, t.kind, t.key], foreignColumns: [catalogEntries.networkId, catalogEntries.kind, catalogEntries.key] }),
    check(
      'volunteer_keys_kind_check',
      sql.raw(`(relation, kind) in (${Object.entries(VOLUNTEER_KEY_RELATIONS).map(([r, k]) => `('${r}', '${k}')`).join(', ')})`),
    ),
    index('volunteer_keys_lookup_idx').on(t.networkId, t.relation, t.key, t.volunteerId),
  ],
);

export const volunteerAvailability = pgTable(
  'volunteer_availability',
  {
    networkId: networkIdColumn(),
    volunteerId: uuid('volunteer_id').notNull(),
    weekday: smallint('weekday').notNull(),
    /** Minutes after midnight, local time (Europe/Berlin). */
    fromMinute: smallint('from_minute').notNull(),
    toMinute: smallint('to_minute').notNull(),
  },
  (t) => [
    primaryKey({ name: 'volunteer_availability_pkey', columns: [t.networkId, t.volunteerId, t.weekday, t.fromMinute] }),
    childOf('volunteer_availability_volunteer_fk', t),
    check('volunteer_availability_slot_check', sql`weekday between 1 and 7 and from_minute >= 0 and to_minute <= 1440 and from_minute < to_minute`),
    index('volunteer_availability_weekday_idx').on(t.networkId, t.weekday, t.fromMinute, t.toMinute),
  ],
);

export const volunteerAbsences = pgTable(
  'volunteer_absences',
  {
    networkId: networkIdColumn(),
    volunteerId: uuid('volunteer_id').notNull(),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date').notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ name: 'volunteer_absences_pkey', columns: [t.networkId, t.volunteerId, t.fromDate] }),
    childOf('volunteer_absences_volunteer_fk', t),
    check('volunteer_absences_order_check', sql`from_date <= to_date`),
  ],
);

export const volunteerQualifications = pgTable(
  'volunteer_qualifications',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    type: text('type', { enum: QUALIFICATION_TYPES }).notNull(),
    completedOn: date('completed_on').notNull(),
    /**
     * How much of `completedOn` is known: an office list often says only "2016", "03/2018" or "ja".
     * `month` and `year` store the first day of the month or year; `unknown` (done, date not
     * recorded) stores the day it was recorded (the import's day). See docs/decisions/0009-import-values.md.
     */
    completedOnPrecision: text('completed_on_precision', { enum: QUALIFICATION_DATE_PRECISIONS }).notNull().default('day'),
    provider: text('provider'),
    specializationKey: text('specialization_key'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'volunteer_qualifications_pkey', columns: [t.networkId, t.id] }),
    childOf('volunteer_qualifications_volunteer_fk', t),
    check('volunteer_qualifications_type_check', inList('type', QUALIFICATION_TYPES)),
    check('volunteer_qualifications_precision_check', inList('completed_on_precision', QUALIFICATION_DATE_PRECISIONS)),
    index('volunteer_qualifications_volunteer_idx').on(t.networkId, t.volunteerId, t.type),
  ],
);

export const volunteerStatusChanges = pgTable(
  'volunteer_status_changes',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    status: text('status', { enum: VOLUNTEER_STATUSES }).notNull(),
    at: instant('at').notNull().defaultNow(),
    reason: text('reason'),
    byUserId: uuid('by_user_id'),
  },
  (t) => [
    primaryKey({ name: 'volunteer_status_changes_pkey', columns: [t.networkId, t.id] }),
    childOf('volunteer_status_changes_volunteer_fk', t),
    index('volunteer_status_changes_volunteer_idx').on(t.networkId, t.volunteerId, t.at),
  ],
);

/** Uploaded documents of a volunteer (police certificate, signed declarations): PDF or images. */
export const volunteerDocuments = pgTable(
  'volunteer_documents',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'volunteer_documents_pkey', columns: [t.networkId, t.id] }),
    childOf('volunteer_documents_volunteer_fk', t),
    check('volunteer_documents_type_check', sql`content_type in ('application/pdf', 'image/png', 'image/jpeg')`),
    index('volunteer_documents_volunteer_idx').on(t.networkId, t.volunteerId, t.uploadedAt),
  ],
);

/** A person's saved pool filters ("Arabic speakers in Linden with capacity"). */
export const savedFilters = pgTable(
  'saved_filters',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    query: jsonb('query').$type<Record<string, string | number | boolean>>().notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'saved_filters_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'saved_filters_user_fk', columns: [t.networkId, t.userId], foreignColumns: [users.networkId, users.id] }).onDelete('cascade'),
    unique('saved_filters_name_key').on(t.networkId, t.userId, t.name),
  ],
);
