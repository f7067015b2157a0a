import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CatalogEntry, CatalogKind, CreateCatalogEntryBody, UpdateCatalogEntryBody } from '../../../common/api/catalog.js';
import { api, type Page } from '../../api/client.js';

/**
 * Entries as pages show them: `name` is the name in the reader's language (the API's `label`,
 * German where the network gave none), so every picker, list and sort follows the reader. Only
 * the catalogue editor works with the German `name` and the `names` as stored.
 */
export function inReadersLanguage(entries: CatalogEntry[]): CatalogEntry[] {
  return entries.map((e) => ({ ...e, name: e.label }));
}

/**
 * Public options (topics, districts of the public forms) in the reader's language, in that
 * language's order. An option without a name of its own keeps the network's language as `lang`.
 */
export function readerOptions(entries: { key: string; name: string; label: string }[], networkLocale: string, readerLocale: string) {
  const collator = new Intl.Collator(readerLocale);
  return entries
    .map((e) => ({ key: e.key, name: e.label, lang: e.label === e.name ? networkLocale : readerLocale }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

export const catalogPath = (kind: CatalogKind, key?: string) => `/api/v1/catalog/${kind}${key ? `/${encodeURIComponent(key)}` : ''}`;

/** A whole catalogue, as stored (networks keep them to a few hundred entries). */
export function useWholeCatalog(kind: CatalogKind, enabled = true) {
  return useQuery({
    queryKey: ['catalog', kind, 'all'],
    queryFn: async () => {
      const all: CatalogEntry[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<CatalogEntry> = await api.get<Page<CatalogEntry>>(catalogPath(kind), { limit: 1000, cursor: cursor ?? undefined });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && all.length < 10_000);
      return all;
    },
    enabled,
    staleTime: 5 * 60_000,
  });
}

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['catalog'] });
}

export function useSaveCatalogEntry(kind: CatalogKind) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: { key: string; body: UpdateCatalogEntryBody } | { key?: undefined; body: CreateCatalogEntryBody }) =>
      input.key !== undefined ? api.patch<CatalogEntry>(catalogPath(kind, input.key), input.body) : api.create<CatalogEntry>(catalogPath(kind), input.body),
    onSuccess: refresh,
  });
}

export function useDeleteCatalogEntry(kind: CatalogKind) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (key: string) => api.delete(catalogPath(kind, key)), onSuccess: refresh });
}

export const fetchCatalogEntry = (kind: CatalogKind, key: string) => api.get<CatalogEntry>(catalogPath(kind, key));
