import { LANGUAGE_LEVELS } from '../../../common/volunteers.js';
import type { Locale } from '../../../common/locales.js';
import { isolate } from '../../i18n/format.js';

/**
 * Three-letter codes (ISO 639-3) that matter in migration work and have no two-letter code:
 * Dari, Sorani, Kurmanji, Romani, Cantonese, Kabyle.
 */
const THREE_LETTER = ['prs', 'ckb', 'kmr', 'rom', 'yue', 'kab'];

/** Languages people in the networks speak most; offered first so nobody has to scroll for them. */
const FREQUENT = ['de', 'en', 'ar', 'fa', 'prs', 'tr', 'ku', 'kmr', 'ckb', 'uk', 'ru', 'ps', 'ti', 'so', 'am', 'fr', 'pl', 'ro', 'bg', 'sq', 'sr', 'es', 'it', 'ur'];

export { LANGUAGE_LEVELS };

function allCodes(): string[] {
  const codes: string[] = [];
  for (let a = 97; a <= 122; a++) for (let b = 97; b <= 122; b++) codes.push(String.fromCharCode(a, b));
  return [...codes, ...THREE_LETTER];
}

function canonical(code: string): boolean {
  try {
    // Deprecated codes (iw, in, ji, mo, sh …) canonicalise to another one and would appear twice.
    return Intl.getCanonicalLocales(code)[0] === code;
  } catch {
    return false;
  }
}

/** The language's name in itself ("العربية", "Türkçe"), when the browser knows it. */
function autonym(code: string): string | undefined {
  try {
    if (!Intl.DisplayNames.supportedLocalesOf([code]).length) return undefined;
    return new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(code) ?? undefined;
  } catch {
    return undefined;
  }
}

export interface LanguageOption {
  value: string;
  label: string;
}

const optionCache = new Map<Locale, { frequent: LanguageOption[]; others: LanguageOption[]; byCode: Map<string, string> }>();

/**
 * Every language the browser can name, named in the interface language with its own name beside
 * it ("Arabisch (العربية)"), so that people who read German poorly still find theirs.
 */
export function languageOptions(locale: Locale) {
  const cached = optionCache.get(locale);
  if (cached) return cached;
  const names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
  const collator = new Intl.Collator(locale);
  const byCode = new Map<string, string>();
  const options: LanguageOption[] = [];
  for (const code of allCodes()) {
    if (!canonical(code)) continue;
    let name: string | undefined;
    try {
      name = names.of(code);
    } catch {
      name = undefined;
    }
    if (!name || name === code) continue;
    byCode.set(code, name);
    const own = autonym(code);
    const label = own && own.toLocaleLowerCase() !== name.toLocaleLowerCase() ? `${name} (${isolate(own)})` : name;
    options.push({ value: code, label });
  }
  options.sort((a, b) => collator.compare(a.label, b.label));
  const result = {
    frequent: options.filter((o) => FREQUENT.includes(o.value)),
    others: options.filter((o) => !FREQUENT.includes(o.value)),
    byCode,
  };
  optionCache.set(locale, result);
  return result;
}

/** A language's name in the interface language; the code itself when the browser does not know it. */
export function languageLabel(code: string, locale: Locale): string {
  return languageOptions(locale).byCode.get(code) ?? code;
}

/** Weekday 1 (Monday) … 7 (Sunday), named in the interface language. */
export function weekdayName(weekday: number, locale: Locale): string {
  const tag = locale === 'ar' ? 'ar-u-nu-latn' : locale;
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(tag, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, weekday)));
}

/** A calendar date (yyyy-mm-dd) in the interface language, without any time-zone shift. */
export function formatCalendarDate(date: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const tag = locale === 'ar' ? 'ar-u-nu-latn' : locale;
  return new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}
