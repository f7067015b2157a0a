import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateGuideRequestBody,
  GuideRequest,
  GuideRequestDetail,
  UpdateGuideRequestBody,
} from '../../../common/api/guide-requests.js';
import type { Candidates, PlanResult } from '../../../common/api/matching.js';
import type { Proposal } from '../../../common/api/proposals.js';
import { api, type Page } from '../../api/client.js';
import { usePagedList } from '../../api/hooks.js';
import type { RequestFilters } from './filters.js';

export const REQUESTS = 'guide-requests';
export const PROPOSALS = 'proposals';
const CANDIDATES = 'candidates';
const detailKey = (id: string) => [REQUESTS, 'detail', id];
export const PAGE_SIZE = 25;

export function useRequestList(filters: RequestFilters) {
  return usePagedList<GuideRequest>(REQUESTS, '/api/v1/guide-requests', filters, PAGE_SIZE);
}

export function fetchRequest(id: string) {
  return api.get<GuideRequestDetail>(`/api/v1/guide-requests/${id}`);
}

export function useRequest(id: string) {
  return useQuery({ queryKey: detailKey(id), queryFn: () => fetchRequest(id) });
}

/** After any change to a request or its proposals, everything that shows them is read again. */
function useRefreshAll() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: [REQUESTS] }),
      qc.invalidateQueries({ queryKey: [PROPOSALS] }),
      qc.invalidateQueries({ queryKey: [CANDIDATES] }),
    ]);
}

export function useCreateRequest() {
  const qc = useQueryClient();
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: (body: Partial<CreateGuideRequestBody> & { title: string }) => api.create<GuideRequestDetail>('/api/v1/guide-requests', body),
    onSuccess: (r) => {
      qc.setQueryData(detailKey(r.id), r);
      return refresh();
    },
  });
}

export function useUpdateRequest(id: string) {
  const qc = useQueryClient();
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: (body: UpdateGuideRequestBody) => api.patch<GuideRequestDetail>(`/api/v1/guide-requests/${id}`, body),
    onSuccess: (r) => {
      qc.setQueryData(detailKey(id), r);
      return refresh();
    },
  });
}

export function useCandidates(id: string, enabled: boolean, explain = false) {
  return useQuery({
    queryKey: [CANDIDATES, id, explain ? 'excluded' : 'ranked'],
    queryFn: () => api.get<Candidates>(`/api/v1/guide-requests/${id}/candidates`, { limit: 50, explain: explain ? 'excluded' : undefined }),
    enabled,
    retry: false,
  });
}

export function useProposals(requestId: string, enabled: boolean) {
  return useQuery({
    queryKey: [PROPOSALS, 'request', requestId],
    queryFn: async () => (await api.get<Page<Proposal>>('/api/v1/proposals', { requestId, limit: 200 })).items,
    enabled,
  });
}

export function proposeVolunteer(requestId: string, volunteerId: string, message?: string | null) {
  return api.create<Proposal>(`/api/v1/guide-requests/${requestId}/proposals`, { volunteerId, message: message || null });
}

export function usePropose(requestId: string) {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: ({ volunteerId, message }: { volunteerId: string; message?: string }) => proposeVolunteer(requestId, volunteerId, message),
    onSuccess: () => refresh(),
  });
}

export type ProposalAnswer =
  | { kind: 'accept'; proposal: Proposal }
  | { kind: 'decline'; proposal: Proposal; reason: string }
  | { kind: 'withdraw'; proposal: Proposal; reason?: string };

export function useAnswerProposal() {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: (a: ProposalAnswer) => {
      const path = `/api/v1/proposals/${a.proposal.id}/${a.kind}`;
      const version = a.proposal.version;
      if (a.kind === 'accept') return api.post<Proposal>(path, { version });
      if (a.kind === 'decline') return api.post<Proposal>(path, { version, reason: a.reason });
      return api.post<Proposal>(path, { version, reason: a.reason || null });
    },
    onSuccess: () => refresh(),
  });
}

/** The plan proposes nothing by itself, so it is read like data; "again" reads it anew. */
export function usePlan() {
  return useQuery({
    queryKey: ['matching-plan'],
    queryFn: () => api.post<PlanResult>('/api/v1/matching/plan', {}),
    staleTime: Infinity,
    retry: false,
  });
}

export function useRefreshRequests() {
  return useRefreshAll();
}
