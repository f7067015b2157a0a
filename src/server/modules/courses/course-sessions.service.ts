import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Attendance, CourseSession, CreateCourseSessionBody, PutAttendanceBody, UpdateCourseSessionBody } from '../../../common/api/courses.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { invalidFields, notFound, staleVersion, type FieldError } from '../../http/problems.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { volunteerNames } from '../volunteers/volunteers.service.js';
import { fromBerlin, toBerlin } from './berlin.js';
import { courseRunCompleted, getRun, lockRun, PLACE_HOLDERS } from './course-runs.service.js';
import { attendance, courseSessions, enrollments } from './courses.table.js';
import { nameOf } from './enrollments.service.js';

/** The sessions of a run and who was present at each. */

type SessionRow = typeof courseSessions.$inferSelect;

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

export async function sessionRows(tx: Db, networkId: string, runId: string): Promise<SessionRow[]> {
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
  const row = await sessionRow(tx, networkId, id);
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
