import { useMemo, useSyncExternalStore } from 'react';
import { DEFAULT_LOCALE, type Locale } from '../../common/locales.js';
import { formatMessage, type Message } from './messages.js';

/**
 * The interface text: the reader's catalogue (compiled at build time, see compile.ts), a `t` that
 * looks a key up and formats its ICU message, and a hook that re-renders on a change of language.
 * It replaces i18next + i18next-icu + react-i18next with the part of their API the app uses.
 */
export type CompiledCatalogue = { [key: string]: Message | CompiledCatalogue };

export interface TOptions {
  /** Shown when the key is missing (as written, not formatted). */
  defaultValue?: string;
  /** Return a section of the catalogue (or a message) as it is stored, instead of text. */
  returnObjects?: boolean;
  [value: string]: unknown;
}

export interface TFunction {
  (key: string, options: TOptions & { returnObjects: true }): unknown;
  (key: string, options?: TOptions): string;
}

const catalogues = new Map<Locale, CompiledCatalogue>();
let language: Locale = DEFAULT_LOCALE;
const listeners = new Set<() => void>();

function lookup(locale: Locale, key: string): Message | CompiledCatalogue | undefined {
  let node: Message | CompiledCatalogue | undefined = catalogues.get(locale);
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = node[part];
  }
  return node;
}

/** The entry for `key` in `locale`, else in the default language if that catalogue is loaded. */
function resolve(locale: Locale, key: string): Message | CompiledCatalogue | undefined {
  return lookup(locale, key) ?? (locale === DEFAULT_LOCALE ? undefined : lookup(DEFAULT_LOCALE, key));
}

function translate(locale: Locale, key: string, options?: TOptions): unknown {
  const entry = resolve(locale, key);
  if (options?.returnObjects && entry !== undefined) return entry;
  if (typeof entry !== 'string' && !Array.isArray(entry)) return options?.defaultValue ?? key;
  try {
    return formatMessage(entry, options, locale);
  } catch {
    // A placeholder without its value: the key says what is missing better than half a sentence.
    return key;
  }
}

const fixed = new Map<Locale, TFunction>();

/** A `t` for one language; the same function as long as the language does not change. */
export function getFixedT(locale: Locale): TFunction {
  let t = fixed.get(locale);
  if (!t) {
    t = ((key: string, options?: TOptions) => translate(locale, key, options)) as TFunction;
    fixed.set(locale, t);
  }
  return t;
}

export const i18n = {
  /** The language of the interface. */
  get language(): Locale {
    return language;
  },
  t: ((key: string, options?: TOptions) => translate(language, key, options)) as TFunction,
  exists(key: string): boolean {
    return resolve(language, key) !== undefined;
  },
  hasCatalogue(locale: Locale): boolean {
    return catalogues.has(locale);
  },
  addCatalogue(locale: Locale, catalogue: CompiledCatalogue): void {
    catalogues.set(locale, catalogue);
  },
  /** Switches the language (its catalogue added first) and re-renders every translated component. */
  changeLanguage(locale: Locale): void {
    if (locale === language) return;
    language = locale;
    for (const listener of listeners) listener();
  },
};

export type I18n = typeof i18n;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const getLanguage = () => language;

/** `t` in the interface language, and the i18n object; components re-render when the language changes. */
export function useTranslation(): { t: TFunction; i18n: I18n } {
  const locale = useSyncExternalStore(subscribe, getLanguage, getLanguage);
  return useMemo(() => ({ t: getFixedT(locale), i18n }), [locale]);
}
