import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, LOCALES, directionOf, isLocale, negotiateLocale, type Locale } from '../../common/locales.js';
import ar from '../../../locales/ar.json';
import de from '../../../locales/de.json';
import en from '../../../locales/en.json';

const STORAGE_KEY = 'lotse.locale';

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

void i18next
  .use(ICU)
  .use(initReactI18next)
  .init({
    resources: { de: { translation: de }, en: { translation: en }, ar: { translation: ar } },
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: false },
  });

export function currentLocale(): Locale {
  const lng = i18next.resolvedLanguage ?? i18next.language;
  return isLocale(lng) ? lng : DEFAULT_LOCALE;
}

export { i18next };
