import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, isProblem, type Page } from './client.js';
import type { Me, Organization } from './types.js';

export const ME_KEY = ['me'] as const;

/** The signed-in person, or null when nobody is signed in. */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await api.get<Me>('/api/v1/me');
      } catch (error) {
        if (isProblem(error, 'unauthenticated') || (isProblem(error) && error.status === 401)) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useSignedInMe(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSignedInMe outside of a signed-in area');
  return data;
}

export function useCan(permission: string): boolean {
  const { data } = useMe();
  return !!data?.permissions.includes(permission);
}

/**
 * A cursor-paginated list. `path` and `query` form the cache key, so changing a filter starts
 * again from the first page.
 */
export function usePagedList<T>(key: string, path: string, query: Record<string, string | undefined>, limit = 50, enabled = true) {
  return useInfiniteQuery({
    queryKey: [key, 'list', query] as QueryKey,
    queryFn: ({ pageParam }) => api.get<Page<T>>(path, { ...query, limit, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function flatItems<T>(data: { pages: Page<T>[] } | undefined): T[] {
  return data ? data.pages.flatMap((p) => p.items) : [];
}

/** All organisations of the network (for names and select boxes); networks hold few of them. */
export function useAllOrganizations(enabled = true) {
  return useQuery({
    queryKey: ['organizations', 'all'],
    queryFn: async () => {
      const all: Organization[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<Organization> = await api.get<Page<Organization>>('/api/v1/organizations', {
          limit: 200,
          cursor: cursor ?? undefined,
        });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && all.length < 2000);
      return all;
    },
    enabled,
  });
}

export function useInvalidate() {
  const qc = useQueryClient();
  return (...keys: string[]) => Promise.all(keys.map((k) => qc.invalidateQueries({ queryKey: [k] })));
}

/**
 * A form's save that runs once at a time: a second submit while the first is saving is ignored.
 * The button's `loading` follows the mutation's state, which reaches React a tick after the click,
 * so a quick double click could otherwise submit twice; this holds from the first click on.
 */
export function useOneSubmitAtATime<A extends unknown[], R>(save: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  const busy = useRef(false);
  return async (...args: A) => {
    if (busy.current) return undefined;
    busy.current = true;
    try {
      return await save(...args);
    } finally {
      busy.current = false;
    }
  };
}

export { useMutation, useQuery, useQueryClient };
