import type { CourseRunStatus, EnrollmentStatus } from '../../../common/api/courses.js';
import type { Locale } from '../../../common/locales.js';
import { formatDate, formatNumber, TIME_ZONE } from '../../i18n/format.js';

/** A calendar date (YYYY-MM-DD, already Berlin's) as the reader writes dates. */
export function formatIsoDate(date: string | null | undefined, locale: Locale): string {
  // Noon UTC is the same calendar day in Berlin all year round.
  return date ? formatDate(`${date}T12:00:00Z`, locale) : '';
}

const weekdayFormats = new Map<Locale, Intl.DateTimeFormat>();

/** A session's day with its weekday ("Sa., 14.03.2026"), on Berlin's calendar. */
export function formatSessionDay(instant: string, locale: Locale): string {
  let f = weekdayFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'ar' ? 'ar-u-nu-latn' : locale, {
      weekday: 'short',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: TIME_ZONE,
    });
    weekdayFormats.set(locale, f);
  }
  return f.format(new Date(instant));
}

const shortDayFormats = new Map<Locale, Intl.DateTimeFormat>();

/** A session's day without the year, for narrow column heads ("Sa., 14.03."). */
export function formatSessionDayShort(instant: string, locale: Locale): string {
  let f = shortDayFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'ar' ? 'ar-u-nu-latn' : locale, {
      weekday: 'short',
      day: '2-digit',
      month: '2-digit',
      timeZone: TIME_ZONE,
    });
    shortDayFormats.set(locale, f);
  }
  return f.format(new Date(instant));
}

/** A period of two calendar dates; one date when both are the same. */
export function formatPeriod(first: string | null, last: string | null, locale: Locale): string {
  if (!first) return '';
  if (!last || last === first) return formatIsoDate(first, locale);
  return `${formatIsoDate(first, locale)} – ${formatIsoDate(last, locale)}`;
}

/** Teaching hours with up to two decimals ("1,5"). */
export const formatHours = (hours: number, locale: Locale) => formatNumber(Math.round(hours * 100) / 100, locale);

/** Hundredths avoid floating-point drift when hours in quarter steps are added up. */
export const sumHours = (hours: number[]) => hours.reduce((s, h) => s + Math.round(h * 100), 0) / 100;

/** Teaching hours (45 minutes each) between two HH:MM times, in quarter steps; null when the times do not make sense. */
export function suggestedHours(start: string, end: string): number | null {
  const m = /^(\d{2}):(\d{2})$/;
  const a = m.exec(start);
  const b = m.exec(end);
  if (!a || !b) return null;
  const minutes = Number(b[1]) * 60 + Number(b[2]) - (Number(a[1]) * 60 + Number(a[2]));
  if (minutes <= 0) return null;
  return Math.max(0.25, Math.round((minutes / 45) * 4) / 4);
}

export const RUN_STATUS_COLOR: Record<CourseRunStatus, string> = {
  planned: 'gray',
  open: 'blue',
  running: 'teal',
  completed: 'green',
  cancelled: 'red',
};

export const ENROLLMENT_STATUS_COLOR: Record<EnrollmentStatus, string> = {
  enrolled: 'blue',
  waitlisted: 'orange',
  cancelled: 'gray',
  completed: 'green',
  not_completed: 'red',
};
