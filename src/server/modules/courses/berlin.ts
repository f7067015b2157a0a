/** Local wall-clock times in Europe/Berlin ↔ instants in UTC, for course sessions. */

const ZONE = 'Europe/Berlin';
const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Berlin's local date (YYYY-MM-DD) and time (HH:MM) of an instant. */
export function toBerlin(instant: Date): { date: string; time: string } {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value])) as Record<string, string>;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/**
 * The instant of a Berlin wall-clock time. Berlin is UTC+1 in winter and UTC+2 in summer: the
 * offset that reads back as the same wall-clock time is the right one. In the autumn overlap the
 * first (summer) occurrence wins; a time in the spring gap (02:00–03:00 does not exist) is read
 * with the winter offset, so it lands an hour later.
 */
export function fromBerlin(date: string, time: string): Date {
  const naive = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), Number(time.slice(0, 2)), Number(time.slice(3, 5)));
  for (const offset of [120, 60]) {
    const candidate = new Date(naive - offset * 60_000);
    const back = toBerlin(candidate);
    if (back.date === date && back.time === time) return candidate;
  }
  return new Date(naive - 60 * 60_000);
}
