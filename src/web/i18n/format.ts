import type { TFunction } from './translate.js';
import type { Locale } from '../../common/locales.js';
import type { QualificationDatePrecision } from '../../common/volunteers.js';

export const TIME_ZONE = 'Europe/Berlin';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    // Arabic uses Latin digits here: staff compare dates with German paperwork.
    const tag = locale === 'ar' ? 'ar-u-nu-latn' : locale;
    f = new Intl.DateTimeFormat(tag, { ...options, timeZone: TIME_ZONE });
    cache.set(key, f);
  }
  return f;
}

/** An instant as date and time on the wall clocks of the network (Europe/Berlin). */
export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  return formatter(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

/**
 * A completion date (yyyy-mm-dd) as far as it is known: the day; "03/2018" for a month; "2016" for a
 * year; "abgeschlossen (Datum unbekannt)" when only the fact was recorded (an imported "ja").
 */
export function formatCompletionDate(iso: string, precision: QualificationDatePrecision, locale: Locale, t: TFunction): string {
  if (precision === 'unknown') return t('common.completedDateUnknown');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const options: Intl.DateTimeFormatOptions =
    precision === 'year' ? { year: 'numeric' } : precision === 'month' ? { year: 'numeric', month: '2-digit' } : { dateStyle: 'medium' };
  // A calendar date, not an instant: formatted in UTC so that no time zone shifts it a day.
  const tag = locale === 'ar' ? 'ar-u-nu-latn' : locale;
  return new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

export function formatNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'ar' ? 'ar-u-nu-latn' : locale).format(n);
}

/** The name of a language in that language itself ("Deutsch", "English", "العربية"). */
export function languageName(locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}

/** Offset of Europe/Berlin from UTC in minutes at the given instant. */
export function berlinOffsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - at.getTime()) / 60000);
}

/**
 * A calendar date (yyyy-mm-dd) at midnight in Berlin as an ISO instant in UTC; with `endOfDay` the
 * first instant of the following day, so that a range "to 2026-03-02" includes that whole day.
 */
export function berlinDateToInstant(date: string, endOfDay = false): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const utcMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (endOfDay ? 1 : 0));
  const guess = new Date(utcMidnight);
  const offset = berlinOffsetMinutes(guess);
  const instant = new Date(utcMidnight - offset * 60000);
  // Across a DST switch the offset at the real instant may differ from the guess.
  const corrected = berlinOffsetMinutes(instant);
  return new Date(utcMidnight - corrected * 60000).toISOString();
}

/**
 * Wraps a value (a name, an address) in Unicode isolates, so that a German organisation name inside
 * an Arabic sentence, or the reverse, keeps its own direction and does not scramble the sentence.
 */
export function isolate(value: string): string {
  return `\u2068${value}\u2069`;
}

export function berlinLocalToInstant(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const first = berlinOffsetMinutes(new Date(asUtc));
  const instant = asUtc - first * 60000;
  const second = berlinOffsetMinutes(new Date(instant));
  return new Date(asUtc - second * 60000).toISOString();
}
