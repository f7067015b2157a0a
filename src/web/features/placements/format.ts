import type { NetworkSettings } from '../../../common/api/network.js';
import type { TransportMode } from '../../../common/api/placements.js';
import type { Locale } from '../../../common/locales.js';
import { TIME_ZONE } from '../../i18n/format.js';

const tagOf = (locale: Locale) => (locale === 'ar' ? 'ar-u-nu-latn' : locale);

/** Integer cents as euros in the reader's locale ("12,50 €", "€12.50"). */
export function formatMoney(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(tagOf(locale), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** Hours with up to two decimals (quarter-hours): "1,5", "0,25". */
export function formatDecimal(n: number, locale: Locale, digits = 2): string {
  return new Intl.NumberFormat(tagOf(locale), { maximumFractionDigits: digits }).format(n);
}

/** A calendar date (yyyy-mm-dd) as the reader writes it; no time zone shift. */
export function formatDay(date: string | null | undefined, locale: Locale): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return new Intl.DateTimeFormat(tagOf(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** Today's date on the wall calendars of the network (Europe/Berlin), as yyyy-mm-dd. */
export function berlinToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Calendar arithmetic shared with the server (the same term limits on both sides). */
export { addDays, addMonths, latestEnd } from '../../../common/agreement-term.js';

/** Whole days from today until the date (negative when it lies in the past). */
export function daysUntil(date: string, today = berlinToday()): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** The tax-free limit of a year: the amount named for it, else the latest earlier year's. */
export function taxFreeLimit(settings: Pick<NetworkSettings, 'taxFreeAllowanceCents'>, year: number): number | null {
  let best: { year: number; cents: number } | null = null;
  for (const [key, cents] of Object.entries(settings.taxFreeAllowanceCents)) {
    const y = Number(key);
    if (Number.isInteger(y) && y <= year && (!best || y > best.year)) best = { year: y, cents };
  }
  return best ? best.cents : null;
}

interface Claimable {
  hours: number;
  km: number;
  transport: TransportMode | null;
  ticketCents: number;
}

/**
 * What a claim of these deployments will probably pay, by the network's published rules (the
 * server computes the real amounts when the claim is sent): kilometres by car at the rate,
 * tickets, and the flat allowance per deployment or per started quarter-hour.
 */
export function estimateClaim(rows: readonly Claimable[], settings: Pick<NetworkSettings, 'mileageRateCents' | 'allowanceUnit' | 'allowanceCents'>) {
  const carTenths = rows.filter((r) => r.transport === 'car').reduce((sum, r) => sum + Math.round(r.km * 10), 0);
  const mileageCents = Math.round((carTenths * settings.mileageRateCents) / 10);
  const ticketCents = rows.reduce((sum, r) => sum + r.ticketCents, 0);
  let allowanceCents = 0;
  if (settings.allowanceUnit === 'deployment') allowanceCents = rows.length * settings.allowanceCents;
  if (settings.allowanceUnit === 'hour') {
    const quarters = rows.reduce((sum, r) => sum + Math.ceil((r.hours * 60) / 15), 0);
    allowanceCents = Math.round((quarters * settings.allowanceCents) / 4);
  }
  return { km: carTenths / 10, mileageCents, ticketCents, allowanceCents, totalCents: mileageCents + ticketCents + allowanceCents };
}

/** "12,50" or "12.50" typed by a person, as cents; null when it is not an amount. */
export function parseEuros(text: string): number | null {
  const t = text.trim().replace(/\s|€/g, '');
  if (t === '') return 0;
  const m = /^(\d{1,5})(?:[.,](\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** A decimal typed with comma or point ("1,5"); null when it is not a number. */
export function parseDecimal(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}
