/// <reference types="vite/client" />
import { DEFAULT_LOCALE, directionOf, negotiateLocale, isLocale, type Locale } from '../../common/locales.js';
import { i18n, type CompiledCatalogue } from './translate.js';

const STORAGE_KEY = 'lotse.locale';

// Each catalogue is a hashed file of its own under /assets/ (cached for good): a reader downloads
// only the language they read, as data rather than as JavaScript. `?catalogue` (vite.config.ts)
// compiles its ICU messages at build time, so the browser needs no ICU parser.
const catalogueUrls = import.meta.glob<string>('../../../locales/{de,en,ar}.json', { query: '?catalogue', import: 'default', eager: true });

async function fetchCatalogue(locale: Locale): Promise<CompiledCatalogue> {
  const url = catalogueUrls[`../../../locales/${locale}.json`];
  if (!url) throw new Error(`no catalogue for ${locale}`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`catalogue ${locale}: HTTP ${response.status}`);
  return (await response.json()) as CompiledCatalogue;
}

/** Fetches a language's catalogue once; switching languages awaits it before the text changes. */
export async function loadCatalogue(locale: Locale): Promise<void> {
  if (i18n.hasCatalogue(locale)) return;
  i18n.addCatalogue(locale, await fetchCatalogue(locale));
}

function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/** The language before sign-in: the last choice on this device, else the browser's preference. */
export function initialLocale(): Locale {
  return storedLocale() ?? negotiateLocale(navigator.languages?.join(',') ?? navigator.language, DEFAULT_LOCALE);
}

export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

export function applyDocumentLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
}

const locale = initialLocale();
applyDocumentLocale(locale);
i18n.changeLanguage(locale);

/**
 * Resolves once the reader's catalogue is in: main.tsx renders only then, so no one sees message
 * keys. A catalogue that cannot be fetched (server gone) still lets the app start and say so.
 */
export const i18nReady: Promise<void> = fetchCatalogue(locale).then(
  (catalogue) => {
    i18n.addCatalogue(locale, catalogue);
  },
  (error: unknown) => {
    console.error(error);
  },
);

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

export { i18n };
export { useTranslation, type TFunction, type TOptions } from './translate.js';
