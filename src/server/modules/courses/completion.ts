/**
 * Completion of a course run by the network's rule: a participant completes with at least
 * `percent` % of the run's teaching hours attended. Hours are counted in hundredths, so 80 % of
 * 48 hours is compared exactly and never lost to floating point.
 */

export interface SessionHours {
  id: string;
  teachingHours: number;
}

export interface Evaluation {
  attendedHours: number;
  totalHours: number;
  passed: boolean;
}

const hundredths = (hours: number) => Math.round(hours * 100);

/** Sum of teaching hours, exactly to the hundredth. */
export function sumHours(hours: readonly number[]): number {
  return hours.reduce((sum, h) => sum + hundredths(h), 0) / 100;
}

/** One participant: the sessions they were present at, against all sessions of the run. */
export function evaluate(sessions: readonly SessionHours[], presentAt: ReadonlySet<string>, percent: number): Evaluation {
  let total = 0;
  let attended = 0;
  for (const s of sessions) {
    total += hundredths(s.teachingHours);
    if (presentAt.has(s.id)) attended += hundredths(s.teachingHours);
  }
  return { attendedHours: attended / 100, totalHours: total / 100, passed: total > 0 && attended * 100 >= total * percent };
}
