import type { TFunction } from '../../i18n/translate.js';
import type { CatalogEntry } from '../../../common/api/catalog.js';
import type { Locale } from '../../../common/locales.js';
import { REQUESTABLE_LEVELS, type LanguageLevel, type VolunteerStatus } from '../../../common/volunteers.js';

/**
 * Languages offered in the pickers: those spoken in the integration networks' pools (the seeds'
 * languages of origin, neighbouring and school languages). A profile may hold other ISO 639 codes
 * (imports, the portal); those are added to a picker when they occur.
 */
export const LANGUAGE_CODES = [
  'de', 'ar', 'fa', 'prs', 'ps', 'ku', 'ckb', 'tr', 'uk', 'ru', 'pl', 'ro', 'bg', 'sq', 'sr', 'hr', 'bs', 'mk', 'el', 'hu', 'cs',
  'sk', 'sl', 'lt', 'lv', 'et', 'en', 'fr', 'es', 'it', 'pt', 'nl', 'sv', 'da', 'fi', 'no', 'ti', 'am', 'om', 'so', 'sw', 'ha',
  'yo', 'ig', 'wo', 'ln', 'ur', 'hi', 'pa', 'bn', 'ta', 'ne', 'si', 'vi', 'th', 'zh', 'ja', 'ko', 'tl', 'id', 'ms', 'he', 'hy',
  'ka', 'az', 'uz', 'tk', 'tg', 'kk', 'ky', 'mn', 'kab', 'tzm', 'rom', 'ff', 'ak',
] as const;

/** ISO 3166-1 alpha-2, plus XK (Kosovo), which many offices need and ISO leaves to users. */
export const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG ' +
  'CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL ' +
  'GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA ' +
  'LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP ' +
  'NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
  'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
).split(' ');

/** Intl tags: Arabic with Latin digits, as dates elsewhere in the app. */
const intlTag = (locale: Locale) => (locale === 'ar' ? 'ar-u-nu-latn' : locale);

const displayNames = new Map<string, Intl.DisplayNames>();
function names(locale: Locale, type: 'language' | 'region'): Intl.DisplayNames {
  const key = `${locale}|${type}`;
  let d = displayNames.get(key);
  if (!d) {
    d = new Intl.DisplayNames([locale], { type, fallback: 'code' });
    displayNames.set(key, d);
  }
  return d;
}

/** A language's name in the interface language ("Arabisch", "العربية"…), the code when unknown. */
export function languageLabel(code: string, locale: Locale): string {
  try {
    return names(locale, 'language').of(code) ?? code;
  } catch {
    return code;
  }
}

export function countryLabel(code: string, locale: Locale): string {
  try {
    return names(locale, 'region').of(code) ?? code;
  } catch {
    return code;
  }
}

const collators = new Map<Locale, Intl.Collator>();
export function collator(locale: Locale): Intl.Collator {
  let c = collators.get(locale);
  if (!c) {
    c = new Intl.Collator(locale);
    collators.set(locale, c);
  }
  return c;
}

/** Options of a language picker, by name; `extra` codes (already on a profile) are kept. */
export function languageOptions(locale: Locale, extra: string[] = []) {
  const codes = [...new Set([...LANGUAGE_CODES, ...extra.filter(Boolean)])];
  return codes
    .map((code) => ({ value: code, label: languageLabel(code, locale) }))
    .sort((a, b) => collator(locale).compare(a.label, b.label));
}

export function countryOptions(locale: Locale) {
  return COUNTRY_CODES.map((code) => ({ value: code, label: countryLabel(code, locale) })).sort((a, b) => collator(locale).compare(a.label, b.label));
}

/** Weekday 1 = Monday … 7 = Sunday (ISO 8601), named in the interface language. */
export function weekdayLabel(weekday: number, locale: Locale, style: 'long' | 'short' = 'long'): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(intlTag(locale), { weekday: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)));
}

/** Levels one can ask for as a minimum: `unknown` meets none, so it is no choice there. */
export const MIN_LEVELS = REQUESTABLE_LEVELS;

export function levelLabel(level: LanguageLevel, t: TFunction): string {
  return level === 'native' || level === 'unknown' ? t(`volunteers.levels.${level}`) : level;
}

/** "Arabisch (Muttersprache)", "Deutsch C1". */
export function languageWithLevel(l: { code: string; level: LanguageLevel }, locale: Locale, t: TFunction): string {
  return t('volunteers.languageWithLevel', { language: languageLabel(l.code, locale), level: levelLabel(l.level, t) });
}

export const STATUS_COLORS: Record<VolunteerStatus, string> = {
  interested: 'cyan',
  onboarding: 'yellow',
  in_training: 'violet',
  active: 'green',
  paused: 'orange',
  left: 'gray',
};

/** Names of catalogue entries by key; districts know their parent district for grouping. */
export interface Catalogues {
  specializations: CatalogEntry[];
  topics: CatalogEntry[];
  districts: CatalogEntry[];
}

export function nameOf(entries: { key: string; name: string }[] | undefined, key: string): string {
  return entries?.find((e) => e.key === key)?.name ?? key;
}

/**
 * Districts grouped for a select: each district first (the whole district, quarters included),
 * then its quarters. Entries whose parent is unknown form their own group.
 */
export function districtGroups(districts: CatalogEntry[], t: TFunction, locale: Locale) {
  const cmp = (a: CatalogEntry, b: CatalogEntry) => collator(locale).compare(a.name, b.name);
  const tops = districts.filter((d) => !d.parentKey || !districts.some((p) => p.key === d.parentKey)).sort(cmp);
  return tops.map((d) => ({
    group: d.name,
    items: [
      { value: d.key, label: t('volunteers.district.whole', { name: d.name }) },
      ...districts
        .filter((q) => q.parentKey === d.key)
        .sort(cmp)
        .map((q) => ({ value: q.key, label: q.name })),
    ],
  }));
}

/** "Linden-Nord (Linden-Limmer)" for a quarter, the plain name for a district. */
export function districtLabel(districts: CatalogEntry[] | undefined, key: string): string {
  const entry = districts?.find((d) => d.key === key);
  if (!entry) return key;
  const parent = entry.parentKey ? districts?.find((d) => d.key === entry.parentKey) : undefined;
  return parent && parent.name !== entry.name ? `${entry.name} (${parent.name})` : entry.name;
}

export function formatBytes(bytes: number, locale: Locale): string {
  const tag = intlTag(locale);
  if (bytes < 1024) return new Intl.NumberFormat(tag, { style: 'unit', unit: 'byte' }).format(bytes);
  if (bytes < 1024 * 1024) return new Intl.NumberFormat(tag, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(bytes / 1024);
  return new Intl.NumberFormat(tag, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
}

/** A date (yyyy-mm-dd) as the calendar shows it, without shifting it through time zones. */
export function formatIsoDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** Today's date in Berlin (yyyy-mm-dd), as the offices see it. */
export function berlinToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
