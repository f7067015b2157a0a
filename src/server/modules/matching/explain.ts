/**
 * Reasons in plain words: a reason is a message key with values (language and country codes,
 * catalogue keys, statuses, dates); here the values become names in the reader's language.
 */
import type { Locale } from '../../../common/locales.js';
import { t } from '../../i18n.js';
import type { Reason } from './criteria.js';

export interface Wording {
  locale: Locale;
  /** Catalogue names by `kind:key`. */
  names: ReadonlyMap<string, string>;
  /** The reader may see countries of origin (special category). */
  origins: boolean;
}

const displayNames = new Map<string, Intl.DisplayNames>();
function displayName(locale: Locale, type: 'language' | 'region', code: string): string {
  const id = `${locale}:${type}`;
  let names = displayNames.get(id);
  if (!names) displayNames.set(id, (names = new Intl.DisplayNames([locale], { type, fallback: 'code' })));
  try {
    return names.of(type === 'region' ? code.toUpperCase() : code) ?? code;
  } catch {
    return code;
  }
}

const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
function formatDate(isoDate: string, locale: Locale): string {
  let format = dateFormats.get(locale);
  if (!format) dateFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })));
  return format.format(new Date(`${isoDate}T00:00:00Z`));
}

export function wordReason(reason: Reason, w: Wording): string {
  let key = reason.key;
  const values: Record<string, string | number> = { ...reason.values };
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== 'string') continue;
    if (name === 'language') values[name] = displayName(w.locale, 'language', value);
    else if (name === 'country') values[name] = displayName(w.locale, 'region', value);
    else if (name === 'topic') values[name] = w.names.get(`topics:${value}`) ?? value;
    else if (name === 'specialization') values[name] = w.names.get(`specializations:${value}`) ?? value;
    else if (name === 'status') values[name] = t(w.locale, `volunteers.status.${value}`);
    else if (name === 'gender') values[name] = t(w.locale, `volunteers.gender.${value}`);
    else if (name === 'from' || name === 'to' || name === 'issuedOn') values[name] = formatDate(value, w.locale);
  }
  // A reader without access to origins learns that origins are shared, not which country.
  if (key === 'matching.criteria.peer' && !w.origins) {
    key = 'matching.criteria.peerShared';
    delete values.country;
  }
  return t(w.locale, key, values);
}
