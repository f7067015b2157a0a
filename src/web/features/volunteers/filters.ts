import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from '../../router.js';
import { SavedFilterQuery } from '../../../common/api/volunteer-extras.js';

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
export type Filters = Partial<Record<FilterKey, string>>;

export const SORTS = ['lastName', '-lastName', '-createdAt', 'createdAt', '-statusSince', 'statusSince'] as const;
export const DEFAULT_SORT = 'lastName';

/** Keeps only what the API accepts, so that a hand-edited or outdated link cannot break the list. */
export function cleanFilters(input: Record<string, unknown>): Filters {
  const out: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = input[key];
    if (value === undefined || value === null || value === '') continue;
    const parsed = SavedFilterQuery.pick({ [key]: true } as Record<FilterKey, true>).safeParse({ [key]: String(value) });
    if (parsed.success) out[key] = String(value).trim();
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

/** How many filters narrow the list (sorting does not). */
export function activeFilterCount(filters: Filters): number {
  return FILTER_KEYS.filter((k) => k !== 'sort' && filters[k]).length;
}

/** The filters live in the URL: a link, a reload or the back button brings the same list back. */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const filters = useMemo(() => cleanFilters(Object.fromEntries(new URLSearchParams(key))), [key]);
  // What the person asked for last, before the URL has caught up: two quick changes (a reset, then
  // a new choice) must build on each other, not on the list as it was rendered.
  const latest = useRef(filters);
  useEffect(() => {
    latest.current = filters;
  }, [filters]);
  const setFilters = useCallback(
    (next: Filters) => {
      const clean = cleanFilters(next);
      latest.current = clean;
      setParams(new URLSearchParams(Object.entries(clean).filter(([, v]) => v) as [string, string][]), { replace: true });
    },
    [setParams],
  );
  const setFilter = useCallback((k: FilterKey, value: string) => setFilters({ ...latest.current, [k]: value }), [setFilters]);
  return { filters, setFilters, setFilter };
}
