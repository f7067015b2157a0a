import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Enrollment, EnrollmentListQuery, OwnEnrollment } from '../../../common/api/courses.js';
import { labelOf } from '../../../common/api/translations.js';
import { DEFAULT_LOCALE, type Locale } from '../../../common/locales.js';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { newId } from '../../db/ids.js';
import { decodeCursor, keyset, toPage } from '../../http/pagination.js';
import { DomainError, invalidFields, notFound } from '../../http/problems.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { volunteerNames } from '../volunteers/volunteers.service.js';
import { courseRunClosed, fillPlaces, getRun, lockRun, PLACE_HOLDERS } from './course-runs.service.js';
import { courseRuns, courses, enrollments } from './courses.table.js';
import { placementFor, positions } from './waitlist.js';

type EnrollmentRow = typeof enrollments.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Enrolments and the waiting list

/** A participant's name as lists show it; empty for a record that is gone. */
export const nameOf = (v: { firstName: string; lastName: string } | undefined) => (v ? `${v.firstName} ${v.lastName}` : '');

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

export async function enrollmentRow(tx: Db, networkId: string, id: string): Promise<EnrollmentRow> {
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
