import { z } from 'zod';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../locales.js';

/**
 * Names a network gives in more than one language (catalogue entries, course titles). The German
 * name is the record's own required field; the others are optional and fall back to it.
 */
export type TranslationLocale = Exclude<Locale, 'de'>;
/** Every UI language but German, so a language added to LOCALES can carry names at once. */
export const TRANSLATION_LOCALES = LOCALES.filter((l): l is TranslationLocale => l !== DEFAULT_LOCALE);

const TranslationLocaleKey = z.enum(TRANSLATION_LOCALES as [TranslationLocale, ...TranslationLocale[]]);

export type Translations = Partial<Record<TranslationLocale, string>>;

/** Translations as stored and answered: only the languages that have a name. */
export const TranslationsOut = z.partialRecord(TranslationLocaleKey, z.string()).meta({ id: 'Translations' });

/**
 * Translations in a request body. A key that is not a UI language (or is German, which is the
 * record's own name) is refused; an empty or blank name counts as "none", so the German applies.
 */
export const translationsIn = (max: number) =>
  z
    .partialRecord(TranslationLocaleKey, z.string().trim().max(max))
    .transform((names): Translations => Object.fromEntries(Object.entries(names).filter(([, v]) => typeof v === 'string' && v !== '')));

/** The name in `locale`, else the German one. */
export function labelOf(german: string, names: Translations | null | undefined, locale: Locale): string {
  if (locale === 'de') return german;
  return names?.[locale] || german;
}
