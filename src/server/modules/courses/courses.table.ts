import { sql, type SQL } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { COURSE_KINDS, COURSE_RUN_STATUSES, ENROLLMENT_STATUSES } from '../../../common/api/courses.js';
import type { Translations } from '../../../common/api/translations.js';
import { createdAtColumn, instant, networkIdColumn, updatedAtColumn, versionColumn } from '../../db/columns.js';
import { catalogEntries } from '../catalog/catalog.table.js';
import { networks } from '../networks/networks.table.js';
import { organizations } from '../organizations/organizations.table.js';
import { volunteers } from '../volunteers/volunteers.table.js';

const inList = (column: string, values: readonly string[]): SQL => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);
/** Teaching hours (45-minute units) in quarter steps. */
const hours = (name: string) => numeric(name, { precision: 6, scale: 2, mode: 'number' });

/** The network's course catalogue: basic course, specialisation, advanced and sustainability modules. */
export const courses = pgTable(
  'courses',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    kind: text('kind', { enum: COURSE_KINDS }).notNull(),
    /** The German title (required); `titles` holds the other UI languages' titles, each optional. */
    title: text('title').notNull(),
    titles: jsonb('titles').$type<Translations>().notNull().default({}),
    description: text('description'),
    teachingHours: hours('teaching_hours').notNull(),
    specializationKey: text('specialization_key'),
    /** Constant, so the specialisation can reference the catalogue by (kind, key). */
    specializationKind: text('specialization_kind').generatedAlwaysAs(sql`'specializations'`),
    version: versionColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'courses_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'courses_network_fk', columns: [t.networkId], foreignColumns: [networks.id] }),
    foreignKey({
      name: 'courses_specialization_fk',
      columns: [t.networkId, t.specializationKind, t.specializationKey],
      foreignColumns: [catalogEntries.networkId, catalogEntries.kind, catalogEntries.key],
    }),
    check('courses_kind_check', inList('kind', COURSE_KINDS)),
    check('courses_titles_check', sql`jsonb_typeof(titles) = 'object'`),
    check('courses_specialization_check', sql`(kind = 'specialization') = (specialization_key is not null)`),
    check('courses_hours_check', sql`teaching_hours > 0 and (kind <> 'specialization' or teaching_hours <= 100)`),
    index('courses_title_idx').on(t.networkId, t.title, t.id),
  ],
);

/** One run of a course: its dates come from its sessions. */
export const courseRuns = pgTable(
  'course_runs',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    courseId: uuid('course_id').notNull(),
    title: text('title').notNull(),
    capacity: integer('capacity').notNull(),
    status: text('status', { enum: COURSE_RUN_STATUSES }).notNull().default('planned'),
    providerId: uuid('provider_id'),
    version: versionColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'course_runs_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'course_runs_course_fk', columns: [t.networkId, t.courseId], foreignColumns: [courses.networkId, courses.id] }),
    foreignKey({ name: 'course_runs_provider_fk', columns: [t.networkId, t.providerId], foreignColumns: [organizations.networkId, organizations.id] }),
    check('course_runs_status_check', inList('status', COURSE_RUN_STATUSES)),
    check('course_runs_capacity_check', sql`capacity > 0`),
    index('course_runs_course_idx').on(t.networkId, t.courseId, t.createdAt),
  ],
);

/** A module of a run: local date and times in Berlin, stored as instants in UTC. */
export const courseSessions = pgTable(
  'course_sessions',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    runId: uuid('run_id').notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    topic: text('topic'),
    room: text('room'),
    instructors: text('instructors').array().notNull().default(sql`'{}'::text[]`),
    teachingHours: hours('teaching_hours').notNull(),
    version: versionColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'course_sessions_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'course_sessions_run_fk', columns: [t.networkId, t.runId], foreignColumns: [courseRuns.networkId, courseRuns.id] }).onDelete('cascade'),
    check('course_sessions_time_check', sql`starts_at < ends_at`),
    check('course_sessions_hours_check', sql`teaching_hours > 0`),
    check('course_sessions_instructors_check', sql`cardinality(instructors) <= 2`),
    index('course_sessions_run_idx').on(t.networkId, t.runId, t.startsAt),
  ],
);

/**
 * A volunteer's place in a run (or on its waiting list). A completed enrolment carries the
 * certificate's verification code: `<networkId>.<random>`, so the public check can run inside
 * the network's row-level security.
 */
export const enrollments = pgTable(
  'enrollments',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    runId: uuid('run_id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    status: text('status', { enum: ENROLLMENT_STATUSES }).notNull(),
    /** Order on the waiting list; reset when a cancelled enrolment is renewed. */
    queuedAt: instant('queued_at').notNull().defaultNow(),
    completedOn: date('completed_on'),
    certificateCode: text('certificate_code'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'enrollments_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'enrollments_run_fk', columns: [t.networkId, t.runId], foreignColumns: [courseRuns.networkId, courseRuns.id] }).onDelete('cascade'),
    foreignKey({ name: 'enrollments_volunteer_fk', columns: [t.networkId, t.volunteerId], foreignColumns: [volunteers.networkId, volunteers.id] }).onDelete('cascade'),
    unique('enrollments_run_volunteer_key').on(t.networkId, t.runId, t.volunteerId),
    unique('enrollments_certificate_code_key').on(t.networkId, t.certificateCode),
    check('enrollments_status_check', inList('status', ENROLLMENT_STATUSES)),
    check('enrollments_certificate_check', sql`certificate_code is null or (status = 'completed' and completed_on is not null)`),
    index('enrollments_run_idx').on(t.networkId, t.runId, t.status, t.queuedAt),
    index('enrollments_volunteer_idx').on(t.networkId, t.volunteerId),
  ],
);

/** Presence per session and enrolment. */
export const attendance = pgTable(
  'attendance',
  {
    networkId: networkIdColumn(),
    sessionId: uuid('session_id').notNull(),
    enrollmentId: uuid('enrollment_id').notNull(),
    present: boolean('present').notNull(),
    recordedAt: instant('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'attendance_pkey', columns: [t.networkId, t.sessionId, t.enrollmentId] }),
    foreignKey({ name: 'attendance_session_fk', columns: [t.networkId, t.sessionId], foreignColumns: [courseSessions.networkId, courseSessions.id] }).onDelete('cascade'),
    foreignKey({ name: 'attendance_enrollment_fk', columns: [t.networkId, t.enrollmentId], foreignColumns: [enrollments.networkId, enrollments.id] }).onDelete('cascade'),
    index('attendance_enrollment_idx').on(t.networkId, t.enrollmentId),
  ],
);
