import { IMPORT_CHOICE_FIELDS, type ImportChoice, type ImportReport } from '../../../common/api/volunteer-imports.js';
import type { Locale } from '../../../common/locales.js';
import { formatNumber } from '../../i18n/format.js';

export type Ambiguity = ImportReport['ambiguities'][number];
/** The user's answers: `field + value` → catalogue key, or null for "do not take it". */
export type Choices = Record<string, string | null>;

export const choiceKey = (field: string, value: string) => `${field}\u0000${value}`;

const isChoiceField = (f: string): f is ImportChoice['field'] => (IMPORT_CHOICE_FIELDS as readonly string[]).includes(f);

/** The answers as the server takes them: only those given, for ambiguities seen in this file. */
export function choiceList(choices: Choices, known: Ambiguity[]): ImportChoice[] {
  return known.flatMap((a) => {
    const key = choiceKey(a.field, a.value);
    return key in choices && isChoiceField(a.field) ? [{ field: a.field, value: a.value, key: choices[key] ?? null }] : [];
  });
}

/**
 * Ambiguities seen so far in this file: an answered one stays listed with its answer (the server
 * no longer reports it), and each keeps its place, so that nothing moves under the user's hand.
 */
export function mergeAmbiguities(known: Ambiguity[], fresh: Ambiguity[]): Ambiguity[] {
  const byKey = new Map(fresh.map((a) => [choiceKey(a.field, a.value), a]));
  const kept = known.map((a) => byKey.get(choiceKey(a.field, a.value)) ?? a);
  const keys = new Set(known.map((a) => choiceKey(a.field, a.value)));
  return [...kept, ...fresh.filter((a) => !keys.has(choiceKey(a.field, a.value)))];
}

/** "2, 5, 17–19": row numbers, consecutive ones as a range. */
export function rowRanges(rows: number[], locale: Locale): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    let end = start;
    while (sorted[i + 1] === end + 1) end = sorted[++i]!;
    parts.push(end === start ? formatNumber(start, locale) : `${formatNumber(start, locale)}–${formatNumber(end, locale)}`);
  }
  return parts.join(', ');
}
