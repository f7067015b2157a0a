import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { labelOf } from '../../../common/api/translations.js';
import type { Locale } from '../../../common/locales.js';
import type { Db } from '../../db/client.js';
import { courseRuns, courses, courseSessions, enrollments } from './courses.table.js';

/** The next sessions of the runs a volunteer holds a place in (not the waiting list), soonest first, with their full count (the portal's landing page). */
export async function upcomingSessionsOf(tx: Db, networkId: string, volunteerId: string, now: Date, limit: number, locale: Locale) {
  const rows = await tx
    .select({
      id: courseSessions.id,
      enrollmentId: enrollments.id,
      courseTitle: courses.title,
      courseTitles: courses.titles,
      runTitle: courseRuns.title,
      startsAt: courseSessions.startsAt,
      endsAt: courseSessions.endsAt,
      room: courseSessions.room,
      topic: courseSessions.topic,
      count: sql<number>`(count(*) over ())::int`,
    })
    .from(courseSessions)
    .innerJoin(courseRuns, and(eq(courseRuns.networkId, courseSessions.networkId), eq(courseRuns.id, courseSessions.runId)))
    .innerJoin(courses, and(eq(courses.networkId, courseRuns.networkId), eq(courses.id, courseRuns.courseId)))
    .innerJoin(enrollments, and(eq(enrollments.networkId, courseSessions.networkId), eq(enrollments.runId, courseSessions.runId)))
    .where(
      and(
        eq(courseSessions.networkId, networkId),
        eq(enrollments.volunteerId, volunteerId),
        eq(enrollments.status, 'enrolled'),
        inArray(courseRuns.status, ['planned', 'open', 'running']),
        gte(courseSessions.endsAt, now),
      ),
    )
    .orderBy(courseSessions.startsAt, courseSessions.id)
    .limit(limit);
  return {
    count: rows[0]?.count ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      enrollmentId: r.enrollmentId,
      courseTitle: labelOf(r.courseTitle, r.courseTitles, locale),
      runTitle: r.runTitle,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      room: r.room,
      topic: r.topic,
    })),
  };
}
