import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import {
  BASIC_COURSE_HOURS,
  SPECIALIZATION_MAX_HOURS,
  type Attendance,
  type CertificateVerification,
  type Completion,
  type Course,
  type CourseKind,
  type CourseListQuery,
  type CourseRun,
  type CourseRunListQuery,
  type CourseSession,
  type CreateCourseBody,
  type CreateCourseRunBody,
  type CreateCourseSessionBody,
  type Enrollment,
  type EnrollmentListQuery,
  type EnrollmentStatus,
  type OwnEnrollment,
  type PutAttendanceBody,
  type TopicDemand,
  type UpdateCourseBody,
  type UpdateCourseRunBody,
  type UpdateCourseSessionBody,
} from '../../../common/api/courses.js';
import { labelOf, type Translations } from '../../../common/api/translations.js';
import { DEFAULT_LOCALE, type Locale } from '../../../common/locales.js';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { newId } from '../../db/ids.js';
import { withTenant } from '../../db/tenancy.js';
import { asDate, decodeCursor, keyset, parseSort, toPage } from '../../http/pagination.js';
import { DomainError, invalidFields, notFound, staleVersion, type FieldError } from '../../http/problems.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { unknownCatalogKeys } from '../catalog/catalog.service.js';
import { catalogEntries } from '../catalog/catalog.table.js';
import { getNetwork } from '../networks/networks.service.js';
import { getOrganization, organizationsExist } from '../organizations/organizations.service.js';
import type { VolunteerDetail } from '../../../common/api/volunteers.js';
import { addQualification, getVolunteer, volunteerNames } from '../volunteers/volunteers.service.js';
import { volunteerKeys, volunteers } from '../volunteers/volunteers.table.js';
import { fromBerlin, toBerlin } from './berlin.js';
import { evaluate } from './completion.js';
import { attendance, courseRuns, courses, courseSessions, enrollments } from './courses.table.js';
import { placementFor, positions, promotions } from './waitlist.js';

type CourseRow = typeof courses.$inferSelect;
type RunRow = typeof courseRuns.$inferSelect;
type SessionRow = typeof courseSessions.$inferSelect;
type EnrollmentRow = typeof enrollments.$inferSelect;

/** Enrolments that hold a place in the run (or held one, once it is completed). */
const PLACE_HOLDERS: EnrollmentStatus[] = ['enrolled', 'completed', 'not_completed'];

const courseRunCompleted = () => new DomainError('COURSE_RUN_COMPLETED', 409, 'course-run-completed', 'courseRunCompleted');
const courseRunClosed = () => new DomainError('COURSE_RUN_CLOSED', 409, 'course-run-closed', 'courseRunClosed');

// ---------------------------------------------------------------------------------------------
// Courses

const presentCourse = (r: CourseRow, locale: Locale): Course => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  titles: r.titles,
  label: labelOf(r.title, r.titles, locale),
  description: r.description,
  teachingHours: r.teachingHours,
  specializationKey: r.specializationKey,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const COURSE_SORT = { title: courses.title, createdAt: courses.createdAt } as const;

export async function listCourses(tx: Db, networkId: string, query: CourseListQuery, locale: Locale = DEFAULT_LOCALE) {
  const { field, desc: descending } = parseSort<keyof typeof COURSE_SORT>(query.sort);
  const page = keyset(COURSE_SORT[field], courses.id, decodeCursor(query.cursor), descending, (v) => (field === 'createdAt' ? asDate(v) : v));
  const filters = [eq(courses.networkId, networkId)];
  if (page.where) filters.push(page.where);
  if (query.kind) filters.push(eq(courses.kind, query.kind));
  const rows = await tx.select().from(courses).where(and(...filters)).orderBy(...page.orderBy).limit(query.limit + 1);
  const result = toPage(rows, query.limit, (r) => ({ v: field === 'createdAt' ? r.createdAt.toISOString() : r.title, id: r.id }));
  return { items: result.items.map((r) => presentCourse(r, locale)), nextCursor: result.nextCursor };
}

async function courseRow(tx: Db, networkId: string, id: string): Promise<CourseRow> {
  const [row] = await tx.select().from(courses).where(and(eq(courses.networkId, networkId), eq(courses.id, id)));
  if (!row) throw notFound('course');
  return row;
}

export async function getCourse(tx: Db, networkId: string, id: string, locale: Locale = DEFAULT_LOCALE): Promise<Course> {
  return presentCourse(await courseRow(tx, networkId, id), locale);
}

interface CourseShape {
  kind: CourseKind;
  teachingHours: number | undefined;
  specializationKey: string | null;
}

/** The rules between kind, hours and specialisation, checked on the course as it will be. */
async function checkCourse(tx: Db, networkId: string, c: CourseShape): Promise<number> {
  const errors: FieldError[] = [];
  const hours = c.teachingHours ?? (c.kind === 'basic' ? BASIC_COURSE_HOURS : undefined);
  if (hours === undefined) errors.push({ path: 'body.teachingHours', key: 'required' });
  if (c.kind === 'specialization') {
    if (!c.specializationKey) errors.push({ path: 'body.specializationKey', key: 'required' });
    else errors.push(...(await unknownCatalogKeys(tx, networkId, 'specializations', [c.specializationKey], 'body.specializationKey')).map((e) => ({ ...e, path: 'body.specializationKey' })));
    if (hours !== undefined && hours > SPECIALIZATION_MAX_HOURS) errors.push({ path: 'body.teachingHours', key: 'tooBig', values: { maximum: SPECIALIZATION_MAX_HOURS } });
  } else if (c.specializationKey) {
    errors.push({ path: 'body.specializationKey', key: 'specializationOnly' });
  }
  if (errors.length) throw invalidFields(errors);
  return hours!;
}

export async function createCourse(tx: Db, actor: Actor, body: CreateCourseBody, locale: Locale = DEFAULT_LOCALE): Promise<Course> {
  const specializationKey = body.specializationKey ?? null;
  const teachingHours = await checkCourse(tx, actor.networkId, { kind: body.kind, teachingHours: body.teachingHours, specializationKey });
  const id = newId();
  const [row] = await tx
    .insert(courses)
    .values({ networkId: actor.networkId, id, kind: body.kind, title: body.title, titles: body.titles ?? {}, description: body.description ?? null, teachingHours, specializationKey })
    .returning();
  await recordAudit(tx, actor, { action: 'create', entity: 'course', entityId: id, fields: Object.keys(body) });
  return presentCourse(row!, locale);
}

export async function updateCourse(tx: Db, actor: Actor, id: string, body: UpdateCourseBody, locale: Locale = DEFAULT_LOCALE): Promise<Course> {
  const { version, ...changes } = body;
  const current = await courseRow(tx, actor.networkId, id);
  const kind = changes.kind ?? current.kind;
  // Leaving the specialisation kind drops its key unless the body names one (and is refused then).
  const specializationKey = changes.specializationKey !== undefined ? changes.specializationKey : kind === 'specialization' ? current.specializationKey : null;
  const teachingHours = await checkCourse(tx, actor.networkId, { kind, teachingHours: changes.teachingHours ?? current.teachingHours, specializationKey });
  const [row] = await tx
    .update(courses)
    .set({
      kind,
      title: changes.title ?? current.title,
      titles: changes.titles ?? current.titles,
      description: changes.description !== undefined ? changes.description : current.description,
      teachingHours,
      specializationKey,
      version: sql`${courses.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(courses.networkId, actor.networkId), eq(courses.id, id), eq(courses.version, version)))
    .returning();
  if (!row) throw staleVersion('course');
  await recordAudit(tx, actor, { action: 'update', entity: 'course', entityId: id, fields: Object.keys(changes) });
  return presentCourse(row, locale);
}

// ---------------------------------------------------------------------------------------------
// Course runs

const runStats = {
  placesTaken: sql<number>`(select count(*)::int from ${enrollments} e where e.network_id = ${courseRuns.networkId} and e.run_id = ${courseRuns.id} and e.status in ('enrolled', 'completed', 'not_completed'))`,
  waiting: sql<number>`(select count(*)::int from ${enrollments} e where e.network_id = ${courseRuns.networkId} and e.run_id = ${courseRuns.id} and e.status = 'waitlisted')`,
  hours: sql<number>`(select coalesce(sum(s.teaching_hours), 0)::float8 from ${courseSessions} s where s.network_id = ${courseRuns.networkId} and s.run_id = ${courseRuns.id})`,
  firstAt: sql<number | null>`(select (extract(epoch from min(s.starts_at)) * 1000)::float8 from ${courseSessions} s where s.network_id = ${courseRuns.networkId} and s.run_id = ${courseRuns.id})`,
  lastAt: sql<number | null>`(select (extract(epoch from max(s.starts_at)) * 1000)::float8 from ${courseSessions} s where s.network_id = ${courseRuns.networkId} and s.run_id = ${courseRuns.id})`,
};

const berlinDate = (ms: number | null) => (ms === null ? null : toBerlin(new Date(Number(ms))).date);

type RunJoined = { run: RunRow; course: CourseRow } & { [K in keyof typeof runStats]: (typeof runStats)[K]['_']['type'] };

function presentRun(r: RunJoined): CourseRun {
  return {
    id: r.run.id,
    courseId: r.run.courseId,
    courseTitle: r.course.title,
    courseKind: r.course.kind,
    title: r.run.title,
    capacity: r.run.capacity,
    status: r.run.status,
    providerId: r.run.providerId,
    enrolledCount: r.placesTaken,
    waitlistedCount: r.waiting,
    teachingHours: Number(r.hours),
    firstDate: berlinDate(r.firstAt),
    lastDate: berlinDate(r.lastAt),
    version: r.run.version,
    createdAt: r.run.createdAt.toISOString(),
    updatedAt: r.run.updatedAt.toISOString(),
  };
}

const selectRuns = (tx: Db) =>
  tx
    .select({ run: courseRuns, course: courses, ...runStats })
    .from(courseRuns)
    .innerJoin(courses, and(eq(courses.networkId, courseRuns.networkId), eq(courses.id, courseRuns.courseId)));

export async function listRuns(tx: Db, networkId: string, courseId: string, query: CourseRunListQuery) {
  await courseRow(tx, networkId, courseId);
  const page = keyset(courseRuns.createdAt, courseRuns.id, decodeCursor(query.cursor), true, asDate);
  const filters = [eq(courseRuns.networkId, networkId), eq(courseRuns.courseId, courseId)];
  if (page.where) filters.push(page.where);
  if (query.status) filters.push(eq(courseRuns.status, query.status));
  const rows = await selectRuns(tx).where(and(...filters)).orderBy(...page.orderBy).limit(query.limit + 1);
  const result = toPage(rows, query.limit, (r) => ({ v: r.run.createdAt.toISOString(), id: r.run.id }));
  return { items: result.items.map(presentRun), nextCursor: result.nextCursor };
}

export async function getRun(tx: Db, networkId: string, id: string): Promise<CourseRun> {
  const [row] = await selectRuns(tx).where(and(eq(courseRuns.networkId, networkId), eq(courseRuns.id, id)));
  if (!row) throw notFound('courseRun');
  return presentRun(row);
}

/**
 * The run's row, locked until the transaction ends: every change to its places (enrol, cancel,
 * capacity, completion) takes this lock first, so two of them never count the same free place.
 */
async function lockRun(tx: Db, networkId: string, id: string): Promise<RunRow> {
  const [row] = await tx.select().from(courseRuns).where(and(eq(courseRuns.networkId, networkId), eq(courseRuns.id, id))).for('update');
  if (!row) throw notFound('courseRun');
  return row;
}

async function checkProvider(tx: Db, networkId: string, providerId: string | null | undefined) {
  if (providerId && (await organizationsExist(tx, networkId, [providerId])).length) {
    throw invalidFields([{ path: 'body.providerId', key: 'unknownOrganization' }]);
  }
}

export async function createRun(tx: Db, actor: Actor, courseId: string, body: CreateCourseRunBody): Promise<CourseRun> {
  const course = await courseRow(tx, actor.networkId, courseId);
  await checkProvider(tx, actor.networkId, body.providerId);
  const id = newId();
  await tx.insert(courseRuns).values({
    networkId: actor.networkId,
    id,
    courseId,
    title: body.title ?? course.title,
    capacity: body.capacity,
    status: body.status,
    providerId: body.providerId ?? null,
  });
  await recordAudit(tx, actor, { action: 'create', entity: 'course_run', entityId: id, fields: Object.keys(body) });
  return getRun(tx, actor.networkId, id);
}

/** Moves the first in line up while the run has free places. Call with the run locked. */
async function fillPlaces(tx: Db, actor: Actor, run: RunRow): Promise<string[]> {
  if (run.status === 'completed' || run.status === 'cancelled') return [];
  const rows = await tx
    .select({ id: enrollments.id, status: enrollments.status, queuedAt: enrollments.queuedAt })
    .from(enrollments)
    .where(and(eq(enrollments.networkId, actor.networkId), eq(enrollments.runId, run.id), inArray(enrollments.status, [...PLACE_HOLDERS, 'waitlisted'])));
  const taken = rows.filter((r) => r.status !== 'waitlisted').length;
  const moving = promotions(run.capacity, taken, rows.filter((r) => r.status === 'waitlisted'));
  if (!moving.length) return [];
  await tx
    .update(enrollments)
    .set({ status: 'enrolled', updatedAt: new Date() })
    .where(and(eq(enrollments.networkId, actor.networkId), inArray(enrollments.id, moving)));
  for (const id of moving) await recordAudit(tx, actor, { action: 'update', entity: 'enrollment', entityId: id, fields: ['status'] });
  return moving;
}

export async function updateRun(tx: Db, actor: Actor, id: string, body: UpdateCourseRunBody): Promise<CourseRun> {
  const { version, ...changes } = body;
  const current = await lockRun(tx, actor.networkId, id);
  if (current.status === 'completed' && (changes.status !== undefined || changes.capacity !== undefined)) throw courseRunCompleted();
  await checkProvider(tx, actor.networkId, changes.providerId);
  const [row] = await tx
    .update(courseRuns)
    .set({ ...changes, version: sql`${courseRuns.version} + 1`, updatedAt: new Date() })
    .where(and(eq(courseRuns.networkId, actor.networkId), eq(courseRuns.id, id), eq(courseRuns.version, version)))
    .returning();
  if (!row) throw staleVersion('courseRun');
  await recordAudit(tx, actor, { action: 'update', entity: 'course_run', entityId: id, fields: Object.keys(changes) });
  // More places, or a run reopened: the waiting list moves up.
  await fillPlaces(tx, actor, row);
  return getRun(tx, actor.networkId, id);
}

// ---------------------------------------------------------------------------------------------
// Sessions

function presentSession(r: SessionRow): CourseSession {
  const start = toBerlin(r.startsAt);
  return {
    id: r.id,
    runId: r.runId,
    date: start.date,
    startTime: start.time,
    endTime: toBerlin(r.endsAt).time,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    topic: r.topic,
    room: r.room,
    instructors: r.instructors,
    teachingHours: r.teachingHours,
    version: r.version,
  };
}

async function sessionRows(tx: Db, networkId: string, runId: string): Promise<SessionRow[]> {
  return tx
    .select()
    .from(courseSessions)
    .where(and(eq(courseSessions.networkId, networkId), eq(courseSessions.runId, runId)))
    .orderBy(asc(courseSessions.startsAt), asc(courseSessions.id));
}

export async function listSessions(tx: Db, networkId: string, runId: string): Promise<CourseSession[]> {
  await getRun(tx, networkId, runId);
  return (await sessionRows(tx, networkId, runId)).map(presentSession);
}

function instants(date: string, startTime: string, endTime: string) {
  const startsAt = fromBerlin(date, startTime);
  const endsAt = fromBerlin(date, endTime);
  if (endsAt <= startsAt) throw invalidFields([{ path: 'body.endTime', key: 'timeOrder' }]);
  return { startsAt, endsAt };
}

export async function createSession(tx: Db, actor: Actor, runId: string, body: CreateCourseSessionBody): Promise<CourseSession> {
  const run = await lockRun(tx, actor.networkId, runId);
  if (run.status === 'completed') throw courseRunCompleted();
  const id = newId();
  const [row] = await tx
    .insert(courseSessions)
    .values({
      networkId: actor.networkId,
      id,
      runId,
      ...instants(body.date, body.startTime, body.endTime),
      topic: body.topic ?? null,
      room: body.room ?? null,
      instructors: body.instructors,
      teachingHours: body.teachingHours,
    })
    .returning();
  await recordAudit(tx, actor, { action: 'create', entity: 'course_session', entityId: id, fields: Object.keys(body) });
  return presentSession(row!);
}

async function sessionForChange(tx: Db, networkId: string, id: string): Promise<SessionRow> {
  const [row] = await tx.select().from(courseSessions).where(and(eq(courseSessions.networkId, networkId), eq(courseSessions.id, id)));
  if (!row) throw notFound('courseSession');
  // Certificates list the sessions of a completed run: they stay as they were.
  const run = await lockRun(tx, networkId, row.runId);
  if (run.status === 'completed') throw courseRunCompleted();
  return row;
}

export async function updateSession(tx: Db, actor: Actor, id: string, body: UpdateCourseSessionBody): Promise<CourseSession> {
  const { version, ...changes } = body;
  const current = await sessionForChange(tx, actor.networkId, id);
  const start = toBerlin(current.startsAt);
  const times = instants(changes.date ?? start.date, changes.startTime ?? start.time, changes.endTime ?? toBerlin(current.endsAt).time);
  const [row] = await tx
    .update(courseSessions)
    .set({
      ...times,
      ...(changes.topic !== undefined ? { topic: changes.topic } : {}),
      ...(changes.room !== undefined ? { room: changes.room } : {}),
      ...(changes.instructors !== undefined ? { instructors: changes.instructors } : {}),
      ...(changes.teachingHours !== undefined ? { teachingHours: changes.teachingHours } : {}),
      version: sql`${courseSessions.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(courseSessions.networkId, actor.networkId), eq(courseSessions.id, id), eq(courseSessions.version, version)))
    .returning();
  if (!row) throw staleVersion('courseSession');
  await recordAudit(tx, actor, { action: 'update', entity: 'course_session', entityId: id, fields: Object.keys(changes) });
  return presentSession(row);
}

export async function deleteSession(tx: Db, actor: Actor, id: string): Promise<void> {
  await sessionForChange(tx, actor.networkId, id);
  await tx.delete(courseSessions).where(and(eq(courseSessions.networkId, actor.networkId), eq(courseSessions.id, id)));
  await recordAudit(tx, actor, { action: 'delete', entity: 'course_session', entityId: id });
}

// ---------------------------------------------------------------------------------------------
// Enrolments and the waiting list

const nameOf = (v: { firstName: string; lastName: string } | undefined) => (v ? `${v.firstName} ${v.lastName}` : '');

async function presentEnrollments(tx: Db, networkId: string, rows: EnrollmentRow[]): Promise<Enrollment[]> {
  const names = await volunteerNames(tx, networkId, [...new Set(rows.map((r) => r.volunteerId))]);
  // Positions count the whole waiting list of each run, not just the rows on this page.
  const runIds = [...new Set(rows.filter((r) => r.status === 'waitlisted').map((r) => r.runId))];
  const waiting = runIds.length
    ? await tx
        .select({ id: enrollments.id, runId: enrollments.runId, queuedAt: enrollments.queuedAt })
        .from(enrollments)
        .where(and(eq(enrollments.networkId, networkId), inArray(enrollments.runId, runIds), eq(enrollments.status, 'waitlisted')))
    : [];
  const position = new Map<string, number>();
  for (const runId of runIds) for (const [id, p] of positions(waiting.filter((w) => w.runId === runId))) position.set(id, p);
  return rows.map((r) => ({
    id: r.id,
    runId: r.runId,
    volunteerId: r.volunteerId,
    volunteerName: nameOf(names.get(r.volunteerId)),
    status: r.status,
    waitlistPosition: r.status === 'waitlisted' ? (position.get(r.id) ?? null) : null,
    completedOn: r.completedOn,
    certificate: r.certificateCode !== null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

async function enrollmentRow(tx: Db, networkId: string, id: string): Promise<EnrollmentRow> {
  const [row] = await tx.select().from(enrollments).where(and(eq(enrollments.networkId, networkId), eq(enrollments.id, id)));
  if (!row) throw notFound('enrollment');
  return row;
}

export async function getEnrollment(tx: Db, networkId: string, id: string): Promise<Enrollment> {
  const [presented] = await presentEnrollments(tx, networkId, [await enrollmentRow(tx, networkId, id)]);
  return presented!;
}

export async function listEnrollments(tx: Db, networkId: string, runId: string, query: EnrollmentListQuery) {
  await getRun(tx, networkId, runId);
  // Ids are UUIDv7: in order of enrolment.
  const page = keyset(enrollments.id, enrollments.id, decodeCursor(query.cursor), false);
  const filters = [eq(enrollments.networkId, networkId), eq(enrollments.runId, runId)];
  if (page.where) filters.push(page.where);
  if (query.status) filters.push(eq(enrollments.status, query.status));
  const rows = await tx.select().from(enrollments).where(and(...filters)).orderBy(...page.orderBy).limit(query.limit + 1);
  const result = toPage(rows, query.limit, (r) => ({ v: r.id, id: r.id }));
  return { items: await presentEnrollments(tx, networkId, result.items), nextCursor: result.nextCursor };
}

/**
 * Enrols a volunteer: a place while one is free, else the waiting list. The run stays locked
 * until the transaction ends, so concurrent enrolments are counted one after the other.
 */
export async function enroll(tx: Db, actor: Actor, runId: string, volunteerId: string): Promise<Enrollment> {
  const run = await lockRun(tx, actor.networkId, runId);
  if (run.status === 'completed' || run.status === 'cancelled') throw courseRunClosed();
  if (!(await volunteerNames(tx, actor.networkId, [volunteerId])).size) {
    throw invalidFields([{ path: 'body.volunteerId', key: 'unknownVolunteer' }]);
  }
  const [{ taken } = { taken: 0 }] = await tx
    .select({ taken: count() })
    .from(enrollments)
    .where(and(eq(enrollments.networkId, actor.networkId), eq(enrollments.runId, runId), inArray(enrollments.status, PLACE_HOLDERS)));
  const status = placementFor(run.capacity, taken);
  const [existing] = await tx
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.networkId, actor.networkId), eq(enrollments.runId, runId), eq(enrollments.volunteerId, volunteerId)));
  const now = new Date();
  let id: string;
  if (existing) {
    if (existing.status !== 'cancelled') throw new DomainError('ALREADY_ENROLLED', 409, 'already-enrolled', 'alreadyEnrolled');
    // Enrolling again after cancelling: at the end of the line, like anyone new.
    id = existing.id;
    await tx.update(enrollments).set({ status, queuedAt: now, updatedAt: now }).where(and(eq(enrollments.networkId, actor.networkId), eq(enrollments.id, id)));
    await recordAudit(tx, actor, { action: 'update', entity: 'enrollment', entityId: id, fields: ['status'] });
  } else {
    id = newId();
    try {
      await tx.insert(enrollments).values({ networkId: actor.networkId, id, runId, volunteerId, status, queuedAt: now });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('ALREADY_ENROLLED', 409, 'already-enrolled', 'alreadyEnrolled');
      throw error;
    }
    await recordAudit(tx, actor, { action: 'create', entity: 'enrollment', entityId: id, fields: ['runId', 'volunteerId', 'status'] });
  }
  return getEnrollment(tx, actor.networkId, id);
}

/** Cancels a place or a place in line; a freed place goes to the first in line, in the same transaction. */
export async function cancelEnrollment(tx: Db, actor: Actor, id: string): Promise<Enrollment> {
  const { runId } = await enrollmentRow(tx, actor.networkId, id);
  const run = await lockRun(tx, actor.networkId, runId);
  const current = await enrollmentRow(tx, actor.networkId, id);
  if (current.status !== 'enrolled' && current.status !== 'waitlisted') {
    throw new DomainError('ENROLLMENT_NOT_CANCELLABLE', 409, 'enrollment-not-cancellable', 'enrollmentNotCancellable');
  }
  await tx.update(enrollments).set({ status: 'cancelled', updatedAt: new Date() }).where(and(eq(enrollments.networkId, actor.networkId), eq(enrollments.id, id)));
  await recordAudit(tx, actor, { action: 'update', entity: 'enrollment', entityId: id, fields: ['status'] });
  if (current.status === 'enrolled') await fillPlaces(tx, actor, run);
  return getEnrollment(tx, actor.networkId, id);
}

// ---------------------------------------------------------------------------------------------
// Attendance

async function sessionRow(tx: Db, networkId: string, id: string): Promise<SessionRow> {
  const [row] = await tx.select().from(courseSessions).where(and(eq(courseSessions.networkId, networkId), eq(courseSessions.id, id)));
  if (!row) throw notFound('courseSession');
  return row;
}

export async function getAttendance(tx: Db, networkId: string, sessionId: string): Promise<Attendance> {
  const session = await sessionRow(tx, networkId, sessionId);
  const rows = await tx
    .select({ enrollment: enrollments, present: attendance.present })
    .from(enrollments)
    .leftJoin(
      attendance,
      and(eq(attendance.networkId, enrollments.networkId), eq(attendance.enrollmentId, enrollments.id), eq(attendance.sessionId, sessionId)),
    )
    .where(and(eq(enrollments.networkId, networkId), eq(enrollments.runId, session.runId), inArray(enrollments.status, PLACE_HOLDERS)))
    .orderBy(asc(enrollments.id));
  const names = await volunteerNames(tx, networkId, rows.map((r) => r.enrollment.volunteerId));
  const entries = rows
    .map((r) => ({
      enrollmentId: r.enrollment.id,
      volunteerId: r.enrollment.volunteerId,
      volunteerName: nameOf(names.get(r.enrollment.volunteerId)),
      present: r.present,
    }))
    .sort((a, b) => a.volunteerName.localeCompare(b.volunteerName, 'de'));
  return { sessionId, entries };
}

export async function putAttendance(tx: Db, actor: Actor, sessionId: string, body: PutAttendanceBody): Promise<Attendance> {
  const session = await sessionRow(tx, actor.networkId, sessionId);
  const ids = body.entries.map((e) => e.enrollmentId);
  const participants = ids.length
    ? await tx
        .select({ id: enrollments.id })
        .from(enrollments)
        .where(and(eq(enrollments.networkId, actor.networkId), eq(enrollments.runId, session.runId), inArray(enrollments.id, ids), inArray(enrollments.status, PLACE_HOLDERS)))
    : [];
  const known = new Set(participants.map((p) => p.id));
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  body.entries.forEach((e, i) => {
    if (seen.has(e.enrollmentId)) errors.push({ path: `body.entries.${i}.enrollmentId`, key: 'duplicate' });
    else if (!known.has(e.enrollmentId)) errors.push({ path: `body.entries.${i}.enrollmentId`, key: 'notParticipant' });
    seen.add(e.enrollmentId);
  });
  if (errors.length) throw invalidFields(errors);
  if (body.entries.length) {
    await tx
      .insert(attendance)
      .values(body.entries.map((e) => ({ networkId: actor.networkId, sessionId, enrollmentId: e.enrollmentId, present: e.present })))
      .onConflictDoUpdate({
        target: [attendance.networkId, attendance.sessionId, attendance.enrollmentId],
        set: { present: sql`excluded.present`, recordedAt: new Date() },
      });
  }
  await recordAudit(tx, actor, { action: 'update', entity: 'attendance', entityId: sessionId, fields: ['present'] });
  return getAttendance(tx, actor.networkId, sessionId);
}

// ---------------------------------------------------------------------------------------------
// Completion

const QUALIFICATION_OF: Record<CourseKind, 'basic' | 'specialization' | 'advanced' | 'sustainability'> = {
  basic: 'basic',
  specialization: 'specialization',
  advanced: 'advanced',
  sustainability: 'sustainability',
};

/** A verification code that names its network, so the public check runs under that network's RLS. */
const newCertificateCode = (networkId: string) => `${networkId}.${randomBytes(16).toString('base64url')}`;

/**
 * Evaluates every participant by the network's rule (default 80 % of the run's teaching hours):
 * completed ones get their qualification and a certificate code, the others `not_completed`.
 * Idempotent: a completed participant stays completed, the others are evaluated again (after a
 * corrected attendance list), and the qualification is recorded once per enrolment.
 */
export async function completeRun(tx: Db, actor: Actor, runId: string): Promise<Completion> {
  const run = await lockRun(tx, actor.networkId, runId);
  if (run.status === 'cancelled') throw courseRunClosed();
  const sessions = await sessionRows(tx, actor.networkId, runId);
  if (!sessions.length) throw new DomainError('COURSE_RUN_WITHOUT_SESSIONS', 409, 'course-run-without-sessions', 'courseRunWithoutSessions');
  const { settings, name: networkName } = await getNetwork(tx, actor.networkId);
  const course = await courseRow(tx, actor.networkId, run.courseId);
  const provider = run.providerId ? (await getOrganization(tx, actor.networkId, run.providerId)).name : networkName;
  const completedOn = toBerlin(sessions.at(-1)!.startsAt).date;

  const participants = await tx
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.networkId, actor.networkId), eq(enrollments.runId, runId), inArray(enrollments.status, PLACE_HOLDERS)))
    .orderBy(asc(enrollments.id));
  const presence = await presenceOf(tx, actor.networkId, participants.map((p) => p.id));

  for (const p of participants) {
    if (p.status === 'completed') continue;
    const passed = evaluate(sessions, presence.get(p.id) ?? new Set(), settings.courseCompletionPercent).passed;
    if (passed) {
      await tx
        .update(enrollments)
        .set({ status: 'completed', completedOn, certificateCode: newCertificateCode(actor.networkId), updatedAt: new Date() })
        .where(and(eq(enrollments.networkId, actor.networkId), eq(enrollments.id, p.id)));
      await addQualification(tx, actor, p.volunteerId, {
        type: QUALIFICATION_OF[course.kind],
        completedOn,
        provider,
        specializationKey: course.kind === 'specialization' ? course.specializationKey : null,
        sourceId: p.id,
      });
    } else if (p.status !== 'not_completed') {
      await tx.update(enrollments).set({ status: 'not_completed', updatedAt: new Date() }).where(and(eq(enrollments.networkId, actor.networkId), eq(enrollments.id, p.id)));
    }
  }
  if (run.status !== 'completed') {
    await tx
      .update(courseRuns)
      .set({ status: 'completed', version: sql`${courseRuns.version} + 1`, updatedAt: new Date() })
      .where(and(eq(courseRuns.networkId, actor.networkId), eq(courseRuns.id, runId)));
  }
  await recordAudit(tx, actor, { action: 'update', entity: 'course_run', entityId: runId, fields: ['status', 'enrollments.status'] });

  const after = await tx
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.networkId, actor.networkId), eq(enrollments.runId, runId), inArray(enrollments.status, ['completed', 'not_completed'])))
    .orderBy(asc(enrollments.id));
  const names = await volunteerNames(tx, actor.networkId, after.map((e) => e.volunteerId));
  return {
    run: await getRun(tx, actor.networkId, runId),
    requiredPercent: settings.courseCompletionPercent,
    results: after.map((e) => {
      const hours = evaluate(sessions, presence.get(e.id) ?? new Set(), settings.courseCompletionPercent);
      return {
        enrollmentId: e.id,
        volunteerId: e.volunteerId,
        volunteerName: nameOf(names.get(e.volunteerId)),
        status: e.status as 'completed' | 'not_completed',
        attendedHours: hours.attendedHours,
        totalHours: hours.totalHours,
      };
    }),
  };
}

/** Sessions each enrolment was present at. */
async function presenceOf(tx: Db, networkId: string, enrollmentIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (!enrollmentIds.length) return out;
  const rows = await tx
    .select({ enrollmentId: attendance.enrollmentId, sessionId: attendance.sessionId })
    .from(attendance)
    .where(and(eq(attendance.networkId, networkId), inArray(attendance.enrollmentId, enrollmentIds), eq(attendance.present, true)));
  for (const r of rows) {
    const set = out.get(r.enrollmentId) ?? new Set<string>();
    set.add(r.sessionId);
    out.set(r.enrollmentId, set);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Certificates

export interface CertificateData {
  networkName: string;
  volunteerName: string;
  /** The volunteer's contact language, if any. */
  contactLanguage: string | null;
  courseTitle: string;
  /** The course's title in other languages, for a certificate printed in one of them. */
  courseTitles: Translations;
  courseKind: CourseKind;
  provider: string | null;
  attendedHours: number;
  totalHours: number;
  sessions: { date: string; topic: string | null; teachingHours: number }[];
  firstDate: string;
  lastDate: string;
  completedOn: string;
  code: string;
}

/**
 * What a certificate shows, for a completed enrolment. `own` is the reader's own volunteer
 * record when a volunteer downloads their own certificate: another's enrolment answers 404.
 */
export async function certificateData(tx: Db, actor: Actor, enrollmentId: string, own: VolunteerDetail | null): Promise<CertificateData> {
  const e = await enrollmentRow(tx, actor.networkId, enrollmentId);
  if (own && e.volunteerId !== own.id) throw notFound('enrollment');
  if (e.status !== 'completed' || !e.certificateCode || !e.completedOn) throw notFound('certificate');
  const person = own ?? (await getVolunteer(tx, actor, e.volunteerId, { origins: false, notes: false, bank: false }));
  const [run] = await tx.select().from(courseRuns).where(and(eq(courseRuns.networkId, actor.networkId), eq(courseRuns.id, e.runId)));
  const course = await courseRow(tx, actor.networkId, run!.courseId);
  const sessions = await sessionRows(tx, actor.networkId, e.runId);
  const hours = evaluate(sessions, (await presenceOf(tx, actor.networkId, [e.id])).get(e.id) ?? new Set(), 100);
  const network = await getNetwork(tx, actor.networkId);
  const provider = run!.providerId ? (await getOrganization(tx, actor.networkId, run!.providerId)).name : null;
  await recordAudit(tx, actor, { action: 'export', entity: 'certificate', entityId: e.id });
  return {
    networkName: network.name,
    volunteerName: `${person.firstName} ${person.lastName}`,
    contactLanguage: person.contactLanguage,
    courseTitle: course.title,
    courseTitles: course.titles,
    courseKind: course.kind,
    provider,
    attendedHours: hours.attendedHours,
    totalHours: hours.totalHours,
    sessions: sessions.map((s) => ({ date: toBerlin(s.startsAt).date, topic: s.topic, teachingHours: s.teachingHours })),
    firstDate: toBerlin(sessions[0]!.startsAt).date,
    lastDate: toBerlin(sessions.at(-1)!.startsAt).date,
    completedOn: e.completedOn,
    code: e.certificateCode,
  };
}

const CODE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{22})$/;

/**
 * The public check behind a certificate's QR code. The code names its network; the lookup runs
 * inside that network's row-level security, so a code never finds another network's enrolment.
 */
export async function verifyCertificate(db: Db, code: string): Promise<CertificateVerification> {
  const match = CODE.exec(code);
  if (!match) throw notFound('certificate');
  const networkId = match[1]!;
  return withTenant(db, networkId, async (tx) => {
    const [row] = await tx
      .select({ enrollment: enrollments, courseTitle: courses.title })
      .from(enrollments)
      .innerJoin(courseRuns, and(eq(courseRuns.networkId, enrollments.networkId), eq(courseRuns.id, enrollments.runId)))
      .innerJoin(courses, and(eq(courses.networkId, courseRuns.networkId), eq(courses.id, courseRuns.courseId)))
      .where(and(eq(enrollments.networkId, networkId), eq(enrollments.certificateCode, code), eq(enrollments.status, 'completed')));
    if (!row || !row.enrollment.completedOn) throw notFound('certificate');
    const e = row.enrollment;
    const sessions = await sessionRows(tx, networkId, e.runId);
    const hours = evaluate(sessions, (await presenceOf(tx, networkId, [e.id])).get(e.id) ?? new Set(), 100);
    const names = await volunteerNames(tx, networkId, [e.volunteerId]);
    const network = await getNetwork(tx, networkId);
    return {
      valid: true as const,
      volunteerName: nameOf(names.get(e.volunteerId)),
      courseTitle: row.courseTitle,
      completedOn: e.completedOn!,
      networkName: network.name,
      teachingHours: hours.attendedHours,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The volunteer's own enrolments (portal)

export async function listOwnEnrollments(tx: Db, networkId: string, volunteerId: string, locale: Locale = DEFAULT_LOCALE): Promise<OwnEnrollment[]> {
  const rows = await tx
    .select({ enrollment: enrollments, runTitle: courseRuns.title, courseTitle: courses.title, courseTitles: courses.titles, courseKind: courses.kind })
    .from(enrollments)
    .innerJoin(courseRuns, and(eq(courseRuns.networkId, enrollments.networkId), eq(courseRuns.id, enrollments.runId)))
    .innerJoin(courses, and(eq(courses.networkId, courseRuns.networkId), eq(courses.id, courseRuns.courseId)))
    .where(and(eq(enrollments.networkId, networkId), eq(enrollments.volunteerId, volunteerId)))
    .orderBy(desc(enrollments.id));
  const presented = await presentEnrollments(tx, networkId, rows.map((r) => r.enrollment));
  return presented.map((p, i) => {
    const r = rows[i]!;
    const courseLabel = labelOf(r.courseTitle, r.courseTitles, locale);
    // A run keeps its course's (German) title unless the office named it otherwise.
    const runLabel = r.runTitle === r.courseTitle ? courseLabel : r.runTitle;
    return { ...p, runTitle: r.runTitle, runLabel, courseTitle: r.courseTitle, courseLabel, courseKind: r.courseKind };
  });
}

// ---------------------------------------------------------------------------------------------
// Qualification interests

/** Statuses of volunteers whose interests count as demand for training. */
const DEMAND_STATUSES = ['onboarding', 'in_training', 'active'] as const;

/**
 * Volunteers per interest topic, most wanted first. Reads the volunteers module's tables
 * directly (read-only, one aggregate): the volunteers service offers no count by interest, and
 * this query must stay one round trip at 100,000 volunteers.
 */
export async function courseDemand(tx: Db, networkId: string, locale: Locale = DEFAULT_LOCALE): Promise<TopicDemand[]> {
  const volunteersCount = sql<number>`count(distinct ${volunteerKeys.volunteerId})::int`;
  const rows = await tx
    .select({ topicKey: volunteerKeys.key, topicName: catalogEntries.name, topicNames: catalogEntries.names, volunteers: volunteersCount })
    .from(volunteerKeys)
    .innerJoin(volunteers, and(eq(volunteers.networkId, volunteerKeys.networkId), eq(volunteers.id, volunteerKeys.volunteerId)))
    .innerJoin(
      catalogEntries,
      and(eq(catalogEntries.networkId, volunteerKeys.networkId), eq(catalogEntries.kind, volunteerKeys.kind), eq(catalogEntries.key, volunteerKeys.key)),
    )
    .where(and(eq(volunteerKeys.networkId, networkId), eq(volunteerKeys.relation, 'interest'), inArray(volunteers.status, [...DEMAND_STATUSES])))
    .groupBy(volunteerKeys.key, catalogEntries.name, catalogEntries.names)
    .orderBy(desc(volunteersCount), asc(catalogEntries.name));
  return rows.map(({ topicNames, ...r }) => ({ ...r, topicLabel: labelOf(r.topicName, topicNames, locale) }));
}
