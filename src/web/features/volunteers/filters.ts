import { SavedFilterQuery } from '../../../common/api/volunteer-extras.js';
import type { FilterSpec, FilterValues } from '../../components/list/list-filters.js';

/** The pool list's filters, as the API's query parameters (and the page's URL) name them. */
export const FILTER_KEYS = [
  'q',
  'status',
  'language',
  'minLevel',
  'district',
  'specialization',
  'topic',
  'weekday',
  'from',
  'to',
  'hasCapacity',
  'supervisionDue',
  'overloaded',
  'sort',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = FilterValues<FilterKey>;

export const SORTS = ['lastName', '-lastName', '-createdAt', 'createdAt', '-statusSince', 'statusSince'] as const;
export const DEFAULT_SORT = 'lastName';

const accepted = (key: FilterKey, value: string) =>
  SavedFilterQuery.pick({ [key]: true } as Record<FilterKey, true>).safeParse({ [key]: value }).success;

/** Keeps only what the API accepts, so that a hand-edited or outdated link cannot break the list. */
function cleanFilters(values: Filters): Filters {
  const out: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = values[key];
    if (value && accepted(key, value)) out[key] = value;
  }
  // A minimum level needs a language, a time window a weekday: alone they would mislead.
  if (!out.language) delete out.minLevel;
  if (!out.weekday) {
    delete out.from;
    delete out.to;
  }
  if (out.sort === DEFAULT_SORT) delete out.sort;
  return out;
}

/** The pool's filters in the URL; the order of the list is not counted as a filter. */
export const POOL_FILTERS: FilterSpec<FilterKey> = { keys: FILTER_KEYS, clean: cleanFilters, ordering: ['sort'] };

/** A saved filter's query (numbers and yes/no as stored) as the list's filters. */
export function savedFilterValues(query: Record<string, string | number | boolean>): Filters {
  const strings: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (value !== undefined && String(value).trim()) strings[key] = String(value).trim();
  }
  return cleanFilters(strings);
}

/** Whether two sets of filters show the same list. */
export function sameFilters(a: Filters, b: Filters): boolean {
  return FILTER_KEYS.every((k) => a[k] === b[k]);
}
