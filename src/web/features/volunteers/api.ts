import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CatalogEntry, CatalogKind, Network, Problem } from '../../../common/api/index.js';
import type { CreateSavedFilterBody, SavedFilter, VolunteerDocument } from '../../../common/api/volunteer-extras.js';
import type { CreateVolunteerBody, UpdateVolunteerBody, VolunteerDetail, VolunteerSummary } from '../../../common/api/volunteers.js';
import type { Invitation } from '../../../common/api/users.js';
import { api, NetworkError, ProblemError, withQuery, type Page } from '../../api/client.js';
import { usePagedList } from '../../api/hooks.js';
import { currentLocale, i18n } from '../../i18n/index.js';
import { inReadersLanguage } from '../catalog/api.js';
import type { Filters } from './filters.js';

export const VOLUNTEERS = 'volunteers';
const detailKey = (id: string) => [VOLUNTEERS, 'detail', id];
const documentsKey = (id: string) => [VOLUNTEERS, 'documents', id];
const SAVED_FILTERS_KEY = [VOLUNTEERS, 'saved-filters'];
export const PAGE_SIZE = 50;
const LIST_SEARCH_KEY = 'lotse.volunteers.listSearch';

/** The pool list remembers its filters for this tab, so "back to the list" returns to the same list. */
export function rememberListSearch(search: string): void {
  try {
    window.sessionStorage.setItem(LIST_SEARCH_KEY, search);
  } catch {
    // Storage disabled: the link goes to the unfiltered list.
  }
}

export function lastListSearch(): string {
  try {
    const search = window.sessionStorage.getItem(LIST_SEARCH_KEY) ?? '';
    return search.startsWith('?') ? search : '';
  } catch {
    return '';
  }
}

/** One page of the pool at a time (cursor pagination): 100,000 volunteers never load at once. */
export function useVolunteerList(filters: Filters) {
  return usePagedList<VolunteerSummary>(VOLUNTEERS, '/api/v1/volunteers', filters, PAGE_SIZE);
}

export function useVolunteer(id: string, enabled = true) {
  return useQuery({ queryKey: detailKey(id), queryFn: () => api.get<VolunteerDetail>(`/api/v1/volunteers/${id}`), enabled });
}

export function fetchVolunteer(id: string) {
  return api.get<VolunteerDetail>(`/api/v1/volunteers/${id}`);
}

export function useCreateVolunteer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<CreateVolunteerBody> & { firstName: string; lastName: string }) => api.create<VolunteerDetail>('/api/v1/volunteers', body),
    onSuccess: (v) => {
      qc.setQueryData(detailKey(v.id), v);
      return qc.invalidateQueries({ queryKey: [VOLUNTEERS, 'list'] });
    },
  });
}

export function useUpdateVolunteer(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateVolunteerBody) => api.patch<VolunteerDetail>(`/api/v1/volunteers/${id}`, body),
    onSuccess: (v) => {
      qc.setQueryData(detailKey(id), v);
      return qc.invalidateQueries({ queryKey: [VOLUNTEERS, 'list'] });
    },
  });
}

export function useInvitePortal(id: string) {
  return useMutation({ mutationFn: () => api.create<Invitation>(`/api/v1/volunteers/${id}/portal-invitation`, {}) });
}

/** A whole catalogue of the network (a few dozen to a few hundred entries), for names and pickers. */
export function useCatalog(kind: CatalogKind) {
  return useQuery({
    queryKey: ['catalog', kind, 'all'],
    queryFn: async () => {
      const all: CatalogEntry[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<CatalogEntry> = await api.get<Page<CatalogEntry>>(`/api/v1/catalog/${kind}`, { limit: 1000, cursor: cursor ?? undefined });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && all.length < 10_000);
      return all;
    },
    select: inReadersLanguage,
    staleTime: 5 * 60_000,
  });
}

export function useCatalogues() {
  const specializations = useCatalog('specializations');
  const topics = useCatalog('topics');
  const districts = useCatalog('districts');
  return {
    specializations: specializations.data ?? [],
    topics: topics.data ?? [],
    districts: districts.data ?? [],
    isPending: specializations.isPending || topics.isPending || districts.isPending,
    error: specializations.error ?? topics.error ?? districts.error,
  };
}

/** The network's settings (limits for police certificates and supervision). */
export function useNetwork() {
  return useQuery({ queryKey: ['network'], queryFn: () => api.get<Network>('/api/v1/network') });
}

export function useSavedFilters() {
  return useQuery({ queryKey: SAVED_FILTERS_KEY, queryFn: async () => (await api.get<{ items: SavedFilter[] }>('/api/v1/volunteers/saved-filters')).items });
}

export function useSaveFilter() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSavedFilterBody) => api.create<SavedFilter>('/api/v1/volunteers/saved-filters', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: SAVED_FILTERS_KEY }),
  });
}

export function useDeleteSavedFilter() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/volunteers/saved-filters/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: SAVED_FILTERS_KEY }),
  });
}

export function useDocuments(volunteerId: string, enabled = true) {
  return useQuery({
    queryKey: documentsKey(volunteerId),
    queryFn: async () => (await api.get<{ items: VolunteerDocument[] }>(`/api/v1/volunteers/${volunteerId}/documents`)).items,
    enabled,
  });
}

async function problemOf(response: Response): Promise<ProblemError> {
  const type = response.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await response.json().catch(() => null) : null;
  const problem: Problem =
    data && typeof data === 'object' && 'title' in data
      ? (data as Problem)
      : {
          type: 'about:blank',
          title: i18n.t('errors.unexpectedTitle'),
          detail: i18n.t('errors.serverStatus', { status: response.status }),
          status: response.status,
        };
  return new ProblemError({ ...problem, status: problem.status ?? response.status });
}

/** fetch with the app's conventions (language, cookies), answering problems as ProblemError. */
async function send(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json, */*', 'Accept-Language': currentLocale(), ...init.headers },
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) throw await problemOf(response);
  return response;
}

export function useUploadDocument(volunteerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const body = new FormData();
      body.append('file', file, file.name);
      const response = await send(`/api/v1/volunteers/${volunteerId}/documents`, { method: 'POST', body });
      return (await response.json()) as VolunteerDocument;
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: documentsKey(volunteerId) }),
  });
}

export function useDeleteDocument(volunteerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (documentId: string) => api.delete(`/api/v1/volunteers/${volunteerId}/documents/${documentId}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: documentsKey(volunteerId) }),
  });
}

function filenameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/**
 * Downloads a file from the API as the signed-in person, in the interface language, and hands
 * it to the browser under the server's file name. Problems come back as ProblemError.
 */
export async function download(path: string, query: Record<string, string | undefined>, fallbackName: string): Promise<void> {
  const response = await send(withQuery(path, query));
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filenameOf(response, fallbackName);
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function useDownload() {
  return useMutation({
    mutationFn: ({ path, query, fallbackName }: { path: string; query?: Record<string, string | undefined>; fallbackName: string }) =>
      download(path, query ?? {}, fallbackName),
  });
}

/** Volunteers whose name matches, for pickers (the first 20); `status` narrows the search. */
export function useVolunteerSearch(q: string, enabled: boolean, status?: VolunteerSummary['status']) {
  return useQuery({
    queryKey: [VOLUNTEERS, 'search', q, status ?? ''],
    queryFn: () => api.get<Page<VolunteerSummary>>('/api/v1/volunteers', { q: q || undefined, status, limit: 20 }),
    enabled,
    staleTime: 10_000,
    // The options stay while the next letters' answer loads: a pick never lands on an emptied list.
    placeholderData: keepPreviousData,
  });
}
