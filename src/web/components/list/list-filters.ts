import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from '../../router.js';

export type FilterValues<K extends string> = Partial<Record<K, string>>;

/** What a list page may be filtered by, and how its URL is kept tidy. */
export interface FilterSpec<K extends string> {
  /** The query parameters, as the API and the page's URL name them. */
  keys: readonly K[];
  /** A value a filter has when the URL says nothing (an agreement list shows the active ones). */
  defaults?: FilterValues<K>;
  /**
   * Keeps only what the API accepts, so that a hand-edited or outdated link cannot break the list;
   * may also drop a filter that means nothing without another one.
   */
  clean?: (values: FilterValues<NoInfer<K>>) => FilterValues<NoInfer<K>>;
  /** Keys that order the list rather than narrow it (sorting): not counted as active filters. */
  ordering?: readonly K[];
}

export interface ListFilters<K extends string> {
  /** The filters in effect: the URL's, over the defaults. */
  values: FilterValues<K>;
  get: (key: K) => string;
  set: (key: K, value: string | null | undefined) => void;
  /** Replaces all filters at once (a saved filter). */
  replace: (values: FilterValues<K>) => void;
  /** Back to the defaults. */
  reset: () => void;
  /** How many filters narrow the list beyond the defaults (sorting does not count). */
  active: number;
  /** The values as query parameters for the API (empty ones left out). */
  query: Record<string, string | undefined>;
}

function tidy<K extends string>(spec: FilterSpec<K>, input: FilterValues<K>): FilterValues<K> {
  const out: FilterValues<K> = {};
  for (const key of spec.keys) {
    const value = input[key]?.trim();
    if (value) out[key] = value;
  }
  return spec.clean ? spec.clean(out) : out;
}

/**
 * A list's filters live in the URL: a link, a reload or the back button brings the same list back.
 * Defaults are not written to the URL, so a plain link shows the list as it opens.
 */
export function useListFilters<K extends string>(spec: FilterSpec<K>): ListFilters<K> {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const specRef = useRef(spec);
  specRef.current = spec;
  const fromUrl = useMemo(
    () => tidy(specRef.current, Object.fromEntries(new URLSearchParams(search)) as FilterValues<K>),
    [search],
  );
  const values = useMemo(() => ({ ...specRef.current.defaults, ...fromUrl }), [fromUrl]);
  // What the person asked for last, before the URL has caught up: two quick changes (a reset, then
  // a new choice) must build on each other, not on the list as it was rendered.
  const latest = useRef(values);
  useEffect(() => {
    latest.current = values;
  }, [values]);

  const replace = useCallback(
    (next: FilterValues<K>) => {
      const s = specRef.current;
      const clean = tidy(s, next);
      latest.current = { ...s.defaults, ...clean };
      // Parameters the spec does not own (a page's own, such as a selected tab) stay as they are.
      const url = new URLSearchParams(window.location.search);
      for (const key of s.keys) url.delete(key);
      for (const key of s.keys) {
        const value = clean[key];
        if (value && value !== s.defaults?.[key]) url.set(key, value);
      }
      setParams(url, { replace: true });
    },
    [setParams],
  );
  const set = useCallback(
    (key: K, value: string | null | undefined) => {
      const next: FilterValues<K> = { ...latest.current };
      if (value) next[key] = value;
      else delete next[key];
      replace(next);
    },
    [replace],
  );
  const reset = useCallback(() => replace({}), [replace]);

  const active = spec.keys.filter(
    (k) => !spec.ordering?.includes(k) && values[k] !== undefined && values[k] !== spec.defaults?.[k],
  ).length;
  const query = useMemo(() => {
    const q: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(values)) if (v) q[k] = v as string;
    return q;
  }, [values]);
  return { values, get: (key) => values[key] ?? '', set, replace, reset, active, query };
}

/** A date filter's value in the URL (the page turns it into an instant for the API). */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A `clean` that drops a value the API would not accept (an old or hand-edited link): each named key
 * keeps only one of its options, or a value of its pattern; keys not named pass as they are.
 */
export function keepKnown<K extends string>(allowed: Partial<Record<K, readonly string[] | RegExp>>) {
  return (values: FilterValues<K>): FilterValues<K> => {
    const out: FilterValues<K> = {};
    for (const [key, value] of Object.entries(values) as [K, string][]) {
      const rule = allowed[key];
      if (!rule || (rule instanceof RegExp ? rule.test(value) : rule.includes(value))) out[key] = value;
    }
    return out;
  };
}
