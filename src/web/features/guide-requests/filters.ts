import { GUIDE_REQUEST_STATUSES, URGENCIES } from '../../../common/api/guide-requests.js';
import type { FilterSpec, FilterValues } from '../../components/list/list-filters.js';

/** The list's filters as the API's query parameters (and the page's URL) name them. */
export const REQUEST_FILTER_KEYS = ['status', 'urgency', 'topic', 'district', 'sort'] as const;
export type RequestFilterKey = (typeof REQUEST_FILTER_KEYS)[number];
export type RequestFilters = FilterValues<RequestFilterKey>;

export const REQUEST_SORTS = ['-createdAt', 'createdAt', 'startsAt', '-startsAt'] as const;
export const DEFAULT_REQUEST_SORT = '-createdAt';

const KEY = /^[a-z0-9_-]{1,63}$/;
const oneOf = (allowed: readonly string[], value: string | undefined) => value !== undefined && allowed.includes(value);

/** Keeps only what the API accepts, so that a hand-edited or outdated link cannot break the list. */
function cleanRequestFilters(input: RequestFilters): RequestFilters {
  const out: RequestFilters = {};
  if (oneOf(GUIDE_REQUEST_STATUSES, input.status)) out.status = input.status;
  if (oneOf(URGENCIES, input.urgency)) out.urgency = input.urgency;
  if (input.topic && KEY.test(input.topic)) out.topic = input.topic;
  if (input.district && KEY.test(input.district)) out.district = input.district;
  if (input.sort !== DEFAULT_REQUEST_SORT && oneOf(REQUEST_SORTS, input.sort)) out.sort = input.sort;
  return out;
}

/** The request list's filters in the URL; the order of the list is not counted as a filter. */
export const REQUEST_FILTERS: FilterSpec<RequestFilterKey> = { keys: REQUEST_FILTER_KEYS, clean: cleanRequestFilters, ordering: ['sort'] };
