import type { NetworkSettings } from '../../../common/api/network.js';

/** Pure rules of the competence profile, tested on their own. */

export const toMinute = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const fromMinute = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Today's date in Berlin, as the offices see it (YYYY-MM-DD). */
// Made once: creating a DateTimeFormat costs far more than formatting with it.
const berlinDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

export function berlinToday(now = new Date()): string {
  return berlinDate.format(now);
}

function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** A police certificate counts while it is younger than the network's limit. */
export function policeCertificateValid(issuedOn: string | null, settings: Pick<NetworkSettings, 'policeCertificateValidYears'>, today = berlinToday()): boolean {
  return issuedOn !== null && issuedOn <= today && addYears(issuedOn, settings.policeCertificateValidYears) > today;
}

export function supervisionDue(lastOn: string | null, settings: Pick<NetworkSettings, 'supervisionIntervalMonths'>, today = berlinToday()): boolean {
  return lastOn === null || addMonths(lastOn, settings.supervisionIntervalMonths) <= today;
}

/** The first day on which the supervision interval has run out: older talks are due. */
export function supervisionCutoff(settings: Pick<NetworkSettings, 'supervisionIntervalMonths'>, today = berlinToday()): string {
  return addMonths(today, -settings.supervisionIntervalMonths);
}

export function isAbsent(absences: { from: string; to: string }[], day: string): boolean {
  return absences.some((a) => a.from <= day && day <= a.to);
}

/** Overlapping or touching slots on the same weekday are one slot: what a person means. */
export function mergeSlots(slots: { weekday: number; from: string; to: string }[]) {
  const sorted = slots.map((s) => ({ weekday: s.weekday, from: toMinute(s.from), to: toMinute(s.to) })).sort((a, b) => a.weekday - b.weekday || a.from - b.from);
  const merged: { weekday: number; from: number; to: number }[] = [];
  for (const s of sorted) {
    const last = merged.at(-1);
    if (last && last.weekday === s.weekday && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  return merged;
}
