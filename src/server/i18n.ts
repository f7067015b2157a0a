import { IntlMessageFormat } from 'intl-messageformat';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../common/locales.js';

type Catalogue = Record<string, unknown>;
const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../locales');

const catalogues = Object.fromEntries(
  LOCALES.map((l) => [l, JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, `${l}.json`), 'utf8')) as Catalogue]),
) as Record<Locale, Catalogue>;

const compiled = new Map<string, IntlMessageFormat>();

function lookup(catalogue: Catalogue, key: string): string | undefined {
  let node: unknown = catalogue;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export type MessageValues = Record<string, string | number | Date>;

/** Formats a catalogue message (ICU MessageFormat) in the given locale, falling back to German. */
export function t(locale: Locale, key: string, values?: MessageValues): string {
  const source = lookup(catalogues[locale], key) ?? lookup(catalogues[DEFAULT_LOCALE], key);
  if (source === undefined) return key;
  const id = `${locale}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(source, locale);
    compiled.set(id, format);
  }
  return String(format.format(values));
}

export function hasMessage(locale: Locale, key: string): boolean {
  return lookup(catalogues[locale], key) !== undefined;
}

/** Formats an instant for people: Europe/Berlin, the reader's language. */
export function formatInstant(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(date);
}
