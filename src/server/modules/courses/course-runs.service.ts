import { and, eq, inArray, sql } from 'drizzle-orm';
import type { CourseRun, CourseRunListQuery, CreateCourseRunBody, EnrollmentStatus, UpdateCourseRunBody } from '../../../common/api/courses.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { asDate, decodeCursor, keyset, toPage } from '../../http/pagination.js';
import { DomainError, invalidFields, notFound, staleVersion } from '../../http/problems.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { organizationsExist } from '../organizations/organizations.service.js';
import { toBerlin } from './berlin.js';
import { courseRow, type CourseRow } from './courses.service.js';
import { courseRuns, courses, courseSessions, enrollments } from './courses.table.js';
import { promotions } from './waitlist.js';

/** Runs of a course: their places, the lock every change to those places takes, and the waiting list moving up. */

type RunRow = typeof courseRuns.$inferSelect;

/** Enrolments that hold a place in the run (or held one, once it is completed). */
export const PLACE_HOLDERS: EnrollmentStatus[] = ['enrolled', 'completed', 'not_completed'];

export const courseRunCompleted = () => new DomainError('COURSE_RUN_COMPLETED', 409, 'course-run-completed', 'courseRunCompleted');
export const courseRunClosed = () => new DomainError('COURSE_RUN_CLOSED', 409, 'course-run-closed', 'courseRunClosed');

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
export async function lockRun(tx: Db, networkId: string, id: string): Promise<RunRow> {
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
export async function fillPlaces(tx: Db, actor: Actor, run: RunRow): Promise<string[]> {
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
