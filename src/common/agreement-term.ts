/** Calendar arithmetic on ISO dates (YYYY-MM-DD) for agreement terms: pure, in whole days. */

/** `months` after `isoDate`; the 31st becomes the last day of a shorter month. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function addDays(isoDate: string, days: number): string {
  const t = Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The first `weekday` (1 = Monday … 7 = Sunday) at least a week after `isoDate`. */
export function weekdayAhead(isoDate: string, weekday: number): string {
  let day = addDays(isoDate, 7);
  while (((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1 !== weekday) day = addDays(day, 1);
  return day;
}

/** The latest end a term starting on `startsOn` may have under a limit of `maxMonths`. */
export const latestEnd = (startsOn: string, maxMonths: number) => addDays(addMonths(startsOn, maxMonths), -1);
