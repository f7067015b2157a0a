import type { Locale } from '../../../common/locales.js';
import { collator } from './vocabulary.js';

/** Catalogue entries (or organisations) in the reader's alphabetical order. */
export function sortedByName<T extends { name: string }>(list: T[], locale: Locale): T[] {
  return [...list].sort((a, b) => collator(locale).compare(a.name, b.name));
}
