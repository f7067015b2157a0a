import { useQuery } from '@tanstack/react-query';
import type { Inbox } from '../../../common/api/inbox.js';
import { api } from '../../api/client.js';

export const INBOX_KEY = ['inbox'];

/** What waits for the coordination office; fetched again when the person comes back to the tab. */
export function useInbox(enabled = true) {
  return useQuery({ queryKey: INBOX_KEY, queryFn: () => api.get<Inbox>('/api/v1/inbox'), enabled, refetchOnWindowFocus: true });
}
