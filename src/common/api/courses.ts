import { z } from 'zod';
import { CatalogKey } from './catalog.js';
import { Id, Instant, ListQuery, Version } from './shared.js';
import { TranslationsOut, translationsIn } from './translations.js';

/** Basisqualifizierung, Spezialisierungsmodul, Aufbaukurs, Nachhaltigkeitsmodul. */
export const COURSE_KINDS = ['basic', 'specialization', 'advanced', 'sustainability'] as const;
export type CourseKind = (typeof COURSE_KINDS)[number];
/** The basic course is 48 teaching hours unless the network says otherwise. */
export const BASIC_COURSE_HOURS = 48;
/** Specialisation modules take up to 100 teaching hours. */
export const SPECIALIZATION_MAX_HOURS = 100;

export const COURSE_RUN_STATUSES = ['planned', 'open', 'running', 'completed', 'cancelled'] as const;
export type CourseRunStatus = (typeof COURSE_RUN_STATUSES)[number];

export const ENROLLMENT_STATUSES = ['enrolled', 'waitlisted', 'cancelled', 'completed', 'not_completed'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

const text = (max: number) => z.string().trim().max(max);
/** Teaching hours (Unterrichtseinheiten of 45 minutes), in quarter steps. */
const Hours = z.number().min(0.25).max(1000).multipleOf(0.25);
const IsoDate = z.iso.date();
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time' });

// ---------------------------------------------------------------------------------------------
// Courses (the catalogue)

export const Course = z
  .object({
    id: Id,
    kind: z.enum(COURSE_KINDS),
    /** The German title. */
    title: z.string(),
    /** Titles in the other UI languages, where the network gave one. */
    titles: TranslationsOut,
    /** The title in the reader's language, else German. */
    label: z.string(),
    description: z.string().nullable(),
    teachingHours: z.number(),
    /** Specialisation modules: the catalogue key of the specialisation they grant. */
    specializationKey: z.string().nullable(),
    version: Version,
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Course' });
export type Course = z.infer<typeof Course>;

export const CreateCourseBody = z
  .object({
    kind: z.enum(COURSE_KINDS),
    title: text(200).min(1),
    /** Titles in other UI languages; an empty one means "use the German". Replaced as a whole. */
    titles: translationsIn(200).optional(),
    description: text(5000).nullish(),
    /** Defaults to 48 for the basic course; required for the others. */
    teachingHours: Hours.optional(),
    specializationKey: CatalogKey.nullish(),
  })
  .strict();
export type CreateCourseBody = z.infer<typeof CreateCourseBody>;

export const UpdateCourseBody = CreateCourseBody.partial().extend({ version: Version }).strict();
export type UpdateCourseBody = z.infer<typeof UpdateCourseBody>;

export const CourseListQuery = ListQuery.extend({
  kind: z.enum(COURSE_KINDS).optional(),
  sort: z.enum(['title', '-title', 'createdAt', '-createdAt']).default('title'),
});
export type CourseListQuery = z.infer<typeof CourseListQuery>;

// ---------------------------------------------------------------------------------------------
// Course runs

export const CourseRun = z
  .object({
    id: Id,
    courseId: Id,
    courseTitle: z.string(),
    courseKind: z.enum(COURSE_KINDS),
    title: z.string(),
    capacity: z.number().int(),
    status: z.enum(COURSE_RUN_STATUSES),
    /** The organisation that runs it (education provider, vhs, …), if any. */
    providerId: Id.nullable(),
    enrolledCount: z.number().int(),
    waitlistedCount: z.number().int(),
    /** Sum of the sessions' teaching hours. */
    teachingHours: z.number(),
    firstDate: IsoDate.nullable(),
    lastDate: IsoDate.nullable(),
    version: Version,
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'CourseRun' });
export type CourseRun = z.infer<typeof CourseRun>;

export const CreateCourseRunBody = z
  .object({
    /** Defaults to the course's title. */
    title: text(200).min(1).optional(),
    capacity: z.number().int().min(1).max(1000),
    /** `completed` is reached through POST …/complete only. */
    status: z.enum(['planned', 'open', 'running', 'cancelled']).default('planned'),
    providerId: Id.nullish(),
  })
  .strict();
export type CreateCourseRunBody = z.infer<typeof CreateCourseRunBody>;

export const UpdateCourseRunBody = z
  .object({
    title: text(200).min(1).optional(),
    capacity: z.number().int().min(1).max(1000).optional(),
    /** `completed` is reached through POST …/complete only. */
    status: z.enum(['planned', 'open', 'running', 'cancelled']).optional(),
    providerId: Id.nullish(),
    version: Version,
  })
  .strict();
export type UpdateCourseRunBody = z.infer<typeof UpdateCourseRunBody>;

export const CourseRunListQuery = ListQuery.extend({ status: z.enum(COURSE_RUN_STATUSES).optional() });
export type CourseRunListQuery = z.infer<typeof CourseRunListQuery>;

// ---------------------------------------------------------------------------------------------
// Sessions (modules of a run)

export const CourseSession = z
  .object({
    id: Id,
    runId: Id,
    /** Local date and times in Europe/Berlin, as the office plans them … */
    date: IsoDate,
    startTime: z.string(),
    endTime: z.string(),
    /** … and the same as instants in UTC. */
    startsAt: Instant,
    endsAt: Instant,
    topic: z.string().nullable(),
    room: z.string().nullable(),
    instructors: z.array(z.string()),
    teachingHours: z.number(),
    version: Version,
  })
  .meta({ id: 'CourseSession' });
export type CourseSession = z.infer<typeof CourseSession>;

export const CreateCourseSessionBody = z
  .object({
    date: IsoDate,
    startTime: Time,
    endTime: Time,
    topic: text(300).nullish(),
    room: text(200).nullish(),
    /** Two instructors per module, by name. */
    instructors: z.array(text(200).min(1)).max(2).default([]),
    teachingHours: Hours.max(24),
  })
  .strict();
export type CreateCourseSessionBody = z.infer<typeof CreateCourseSessionBody>;

export const UpdateCourseSessionBody = CreateCourseSessionBody.partial().extend({ version: Version }).strict();
export type UpdateCourseSessionBody = z.infer<typeof UpdateCourseSessionBody>;

// ---------------------------------------------------------------------------------------------
// Enrolments

export const Enrollment = z
  .object({
    id: Id,
    runId: Id,
    volunteerId: Id,
    volunteerName: z.string(),
    status: z.enum(ENROLLMENT_STATUSES),
    /** 1 = next in line; only while waitlisted. */
    waitlistPosition: z.number().int().nullable(),
    completedOn: IsoDate.nullable(),
    /** A certificate can be downloaded (completed participants). */
    certificate: z.boolean(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Enrollment' });
export type Enrollment = z.infer<typeof Enrollment>;

export const CreateEnrollmentBody = z.object({ volunteerId: Id }).strict();
export type CreateEnrollmentBody = z.infer<typeof CreateEnrollmentBody>;

export const EnrollmentListQuery = ListQuery.extend({ status: z.enum(ENROLLMENT_STATUSES).optional() });
export type EnrollmentListQuery = z.infer<typeof EnrollmentListQuery>;

/** The signed-in volunteer's own enrolments (portal). */
export const OwnEnrollment = Enrollment.extend({
  courseTitle: z.string(),
  /** The course's title in the reader's language, else German. */
  courseLabel: z.string(),
  courseKind: z.enum(COURSE_KINDS),
  runTitle: z.string(),
  /** The run's title; a run named like its course carries the course's title in the reader's language. */
  runLabel: z.string(),
}).meta({ id: 'OwnEnrollment' });
export type OwnEnrollment = z.infer<typeof OwnEnrollment>;

// ---------------------------------------------------------------------------------------------
// Attendance and completion

export const AttendanceEntry = z
  .object({
    enrollmentId: Id,
    volunteerId: Id,
    volunteerName: z.string(),
    /** null: not recorded yet. */
    present: z.boolean().nullable(),
  })
  .meta({ id: 'AttendanceEntry' });
export const Attendance = z.object({ sessionId: Id, entries: z.array(AttendanceEntry) }).meta({ id: 'Attendance' });
export type Attendance = z.infer<typeof Attendance>;

export const PutAttendanceBody = z
  .object({ entries: z.array(z.object({ enrollmentId: Id, present: z.boolean() }).strict()).max(1000) })
  .strict();
export type PutAttendanceBody = z.infer<typeof PutAttendanceBody>;

export const CompletionResult = z
  .object({
    enrollmentId: Id,
    volunteerId: Id,
    volunteerName: z.string(),
    status: z.enum(['completed', 'not_completed']),
    attendedHours: z.number(),
    totalHours: z.number(),
  })
  .meta({ id: 'CompletionResult' });
export const Completion = z
  .object({ run: CourseRun, requiredPercent: z.number().int(), results: z.array(CompletionResult) })
  .meta({ id: 'Completion' });
export type Completion = z.infer<typeof Completion>;

// ---------------------------------------------------------------------------------------------
// Verification and demand

export const CertificateCodeParams = z.object({ code: z.string().max(200) });

export const CertificateVerification = z
  .object({
    valid: z.literal(true),
    volunteerName: z.string(),
    courseTitle: z.string(),
    completedOn: IsoDate,
    networkName: z.string(),
    /** Teaching hours attended, as the certificate states them. */
    teachingHours: z.number(),
  })
  .meta({ id: 'CertificateVerification' });
export type CertificateVerification = z.infer<typeof CertificateVerification>;

export const TopicDemand = z
  .object({ topicKey: z.string(), topicName: z.string(), /** The topic in the reader's language, else German. */ topicLabel: z.string(), volunteers: z.number().int() })
  .meta({ id: 'TopicDemand' });
export type TopicDemand = z.infer<typeof TopicDemand>;
