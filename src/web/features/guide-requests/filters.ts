import { useCallback, useMemo } from 'react';
import { useSearchParams } from '../../router.js';
import { GUIDE_REQUEST_STATUSES, URGENCIES } from '../../../common/api/guide-requests.js';

/** The list's filters as the API's query parameters (and the page's URL) name them. */
export const REQUEST_FILTER_KEYS = ['status', 'urgency', 'topic', 'district', 'sort'] as const;
export type RequestFilterKey = (typeof REQUEST_FILTER_KEYS)[number];
export type RequestFilters = Partial<Record<RequestFilterKey, string>>;

export const REQUEST_SORTS = ['-createdAt', 'createdAt', 'startsAt', '-startsAt'] as const;
export const DEFAULT_REQUEST_SORT = '-createdAt';

const KEY = /^[a-z0-9_-]{1,63}$/;

/** Keeps only what the API accepts, so that a hand-edited or outdated link cannot break the list. */
export function cleanRequestFilters(input: Record<string, string | undefined>): RequestFilters {
  const out: RequestFilters = {};
  if (input.status && (GUIDE_REQUEST_STATUSES as readonly string[]).includes(input.status)) out.status = input.status;
  if (input.urgency && (URGENCIES as readonly string[]).includes(input.urgency)) out.urgency = input.urgency;
  if (input.topic && KEY.test(input.topic)) out.topic = input.topic;
  if (input.district && KEY.test(input.district)) out.district = input.district;
  if (input.sort && input.sort !== DEFAULT_REQUEST_SORT && (REQUEST_SORTS as readonly string[]).includes(input.sort)) out.sort = input.sort;
  return out;
}

export function activeRequestFilters(filters: RequestFilters): number {
  return REQUEST_FILTER_KEYS.filter((k) => k !== 'sort' && filters[k]).length;
}

/** The filters live in the URL: a link, a reload or the back button brings the same list back. */
export function useRequestFilters() {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const filters = useMemo(() => cleanRequestFilters(Object.fromEntries(new URLSearchParams(key))), [key]);
  const setFilters = useCallback(
    (next: RequestFilters) =>
      setParams(new URLSearchParams(Object.entries(cleanRequestFilters(next)) as [string, string][]), { replace: true }),
    [setParams],
  );
  const setFilter = useCallback((k: RequestFilterKey, value: string) => setFilters({ ...filters, [k]: value }), [filters, setFilters]);
  return { filters, setFilters, setFilter };
}
