import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { CertificateVerification, Completion, CourseKind } from '../../../common/api/courses.js';
import type { Translations } from '../../../common/api/translations.js';
import type { VolunteerDetail } from '../../../common/api/volunteers.js';
import type { Db } from '../../db/client.js';
import { withTenant } from '../../db/tenancy.js';
import { DomainError, notFound } from '../../http/problems.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { getNetwork } from '../networks/networks.service.js';
import { getOrganization } from '../organizations/organizations.service.js';
import { addQualification, getVolunteer, volunteerNames } from '../volunteers/volunteers.service.js';
import { toBerlin } from './berlin.js';
import { evaluate } from './completion.js';
import { courseRunClosed, getRun, lockRun, PLACE_HOLDERS } from './course-runs.service.js';
import { courseRow } from './courses.service.js';
import { sessionRows } from './course-sessions.service.js';
import { attendance, courseRuns, courses, enrollments } from './courses.table.js';
import { enrollmentRow, nameOf } from './enrollments.service.js';

/** Completing a run by the network's rule, and the certificates that completion issues. */

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

/** One enrolment's attended hours against its run's sessions, which it returns as well. */
async function hoursOf(tx: Db, networkId: string, e: { id: string; runId: string }) {
  const sessions = await sessionRows(tx, networkId, e.runId);
  const hours = evaluate(sessions, (await presenceOf(tx, networkId, [e.id])).get(e.id) ?? new Set(), 100);
  return { sessions, hours };
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
  const { sessions, hours } = await hoursOf(tx, actor.networkId, e);
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
    const { hours } = await hoursOf(tx, networkId, e);
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
