import type { Db } from '../db/client.js';
import type { Actor } from '../modules/audit/actor.js';
import { toBerlin } from '../modules/courses/berlin.js';
import { completeRun } from '../modules/courses/course-completion.service.js';
import { createRun } from '../modules/courses/course-runs.service.js';
import { createSession, putAttendance } from '../modules/courses/course-sessions.service.js';
import { createCourse } from '../modules/courses/courses.service.js';
import { enroll } from '../modules/courses/enrollments.service.js';
import { HANNOVER_COURSE_RUNS, HANNOVER_COURSES } from './hannover.js';

/** A Berlin calendar date moved by whole days. */
function addDays(date: string, days: number): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days));
  return d.toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
const weekday = (date: string) => ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** The Monday of the week `days` from today (Berlin). */
function mondayIn(days: number, today: string): string {
  const day = addDays(today, days);
  return addDays(day, 1 - weekday(day));
}

/** Weeks starting between 20 December and 3 January. */
const inWinterBreak = (monday: string) => monday.slice(5) >= '12-20' || monday.slice(5) <= '01-03';

/**
 * The course catalogue and three runs, through the courses service as the office would enter
 * them: sessions, enrolments (the waiting list fills by itself), attendance and completion.
 * `volunteerIds` maps "First Last" to the demo pool's ids.
 */
export async function seedCourses(tx: Db, actor: Actor, volunteerIds: Map<string, string>, providerId: string, now = new Date()) {
  const today = toBerlin(now).date;
  const courseIds = new Map<string, string>();
  for (const c of HANNOVER_COURSES) {
    const { key, ...body } = c;
    courseIds.set(key, (await createCourse(tx, actor, body)).id);
  }
  for (const r of HANNOVER_COURSE_RUNS) {
    const run = await createRun(tx, actor, courseIds.get(r.course)!, {
      title: r.title,
      capacity: r.capacity,
      status: r.status,
      providerId,
    });
    const monday = mondayIn(r.startsInDays, today);
    const sessionIds: string[] = [];
    for (let week = 0, held = 0; held < r.weeks; week++) {
      const weekStart = addDays(monday, week * 7);
      // No course weeks over Christmas and New Year.
      if (inWinterBreak(weekStart)) continue;
      held++;
      for (const [day, startTime, endTime, teachingHours] of r.slots) {
        const session = await createSession(tx, actor, run.id, {
          date: addDays(weekStart, day - 1),
          startTime,
          endTime,
          topic: r.topics[sessionIds.length] ?? null,
          room: r.room,
          instructors: r.instructors,
          teachingHours,
        });
        sessionIds.push(session.id);
      }
    }
    const enrolments = new Map<string, string>();
    for (const name of r.participants) {
      const volunteerId = volunteerIds.get(name);
      if (!volunteerId) throw new Error(`demo course run "${r.title}": no volunteer named ${name}`);
      enrolments.set(name, (await enroll(tx, actor, run.id, volunteerId)).id);
    }
    if (!r.complete) continue;
    for (const [i, sessionId] of sessionIds.entries()) {
      await putAttendance(tx, actor, sessionId, {
        entries: [...enrolments].map(([name, enrollmentId]) => ({
          enrollmentId,
          present: !(r.absences?.[name] ?? []).includes(i),
        })),
      });
    }
    await completeRun(tx, actor, run.id);
  }
}
