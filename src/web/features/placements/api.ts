import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Agreement,
  CloseAgreementBody,
  CreateAgreementBody,
  ExtendAgreementBody,
} from '../../../common/api/agreements.js';
import type { CreateDeploymentBody, Deployment, Receipt, UpdateDeploymentBody } from '../../../common/api/deployments.js';
import type { ExpenseClaim, ExpenseClaimDetail, Payout, PayoutDetail } from '../../../common/api/expense-claims.js';
import type { Proposal } from '../../../common/api/proposals.js';
import type { Network, Problem } from '../../api/types.js';
import { api, NetworkError, ProblemError, type Page } from '../../api/client.js';
import { currentLocale, i18n } from '../../i18n/index.js';
import { OWN_VOLUNTEER_KEY } from '../portal/api.js';

/** Every query of this feature starts with one of these keys, so that a change refreshes what depends on it. */
const KEYS = ['proposals', 'agreements', 'deployments', 'expense-claims', 'payouts'] as const;

/** All pages of a list that stays small (one volunteer's agreements, one agreement's deployments). */
async function everything<T>(path: string, query: Record<string, string | number | boolean | undefined> = {}): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api.get<Page<T>>(path, { ...query, limit: 200, cursor: cursor ?? undefined });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && all.length < 2000);
  return all;
}

/**
 * After any change on the placement path: proposals, agreements, deployments, claims and the own
 * profile's load figures. `gone` names the query of a record just deleted: it is not fetched
 * again, so the page that showed it can move on instead of turning into "not found".
 */
function useRefresh() {
  const qc = useQueryClient();
  return (gone?: readonly unknown[]) => {
    const keep = gone ? (q: { queryKey: readonly unknown[] }) => JSON.stringify(q.queryKey) !== JSON.stringify(gone) : undefined;
    return Promise.all([
      ...KEYS.map((k) => qc.invalidateQueries({ queryKey: [k], predicate: keep })),
      qc.invalidateQueries({ queryKey: OWN_VOLUNTEER_KEY }),
    ]);
  };
}

// ---------------------------------------------------------------------------------------------
// Proposals

export function useProposals(query: { status?: string } = {}) {
  return useQuery({
    queryKey: ['proposals', 'list', query],
    queryFn: () => everything<Proposal>('/api/v1/proposals', query),
  });
}

export function useProposal(id: string) {
  return useQuery({ queryKey: ['proposals', 'one', id], queryFn: () => api.get<Proposal>(`/api/v1/proposals/${encodeURIComponent(id)}`) });
}

export function useAcceptProposal() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (p: Proposal) => api.post<Proposal>(`/api/v1/proposals/${p.id}/accept`, { version: p.version }),
    onSuccess: () => refresh(),
  });
}

export function useDeclineProposal() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ proposal, reason }: { proposal: Proposal; reason: string }) =>
      api.post<Proposal>(`/api/v1/proposals/${proposal.id}/decline`, { version: proposal.version, reason }),
    onSuccess: () => refresh(),
  });
}

// ---------------------------------------------------------------------------------------------
// Agreements

export interface AgreementFilter {
  status?: string;
  endingSoon?: string;
  volunteerId?: string;
  sort?: string;
}

export function useAgreements(query: AgreementFilter, enabled = true) {
  return useQuery({
    queryKey: ['agreements', 'list', query],
    queryFn: () => everything<Agreement>('/api/v1/agreements', { ...query }),
    enabled,
  });
}

export function useAgreement(id: string) {
  return useQuery({ queryKey: ['agreements', 'one', id], queryFn: () => api.get<Agreement>(`/api/v1/agreements/${encodeURIComponent(id)}`) });
}

export function useCreateAgreement() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: CreateAgreementBody) => api.create<Agreement>('/api/v1/agreements', body), onSuccess: () => refresh() });
}

export function useExtendAgreement(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ExtendAgreementBody) => api.post<Agreement>(`/api/v1/agreements/${id}/extend`, body),
    onSuccess: () => refresh(),
  });
}

export function useCloseAgreement(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CloseAgreementBody) => api.post<Agreement>(`/api/v1/agreements/${id}/close`, body),
    onSuccess: () => refresh(),
  });
}

export function useAgreementFeedback(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { feedback: string; version: number }) => api.post<Agreement>(`/api/v1/agreements/${id}/feedback`, body),
    onSuccess: () => refresh(),
  });
}

// ---------------------------------------------------------------------------------------------
// Deployments

export function useDeployments(query: { agreementId?: string; volunteerId?: string; unclaimed?: string } = {}, enabled = true) {
  return useQuery({
    queryKey: ['deployments', 'list', query],
    queryFn: () => everything<Deployment>('/api/v1/deployments', query),
    enabled,
  });
}

/** fetch with the app's conventions (language, cookies) for uploads, answering problems as ProblemError. */
async function upload<T>(path: string, file: File): Promise<T> {
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json', 'Accept-Language': currentLocale() },
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  const data: unknown = (response.headers.get('content-type') ?? '').includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const problem: Problem =
      data && typeof data === 'object' && 'title' in data
        ? (data as Problem)
        : { type: 'about:blank', title: i18n.t('errors.unexpectedTitle'), detail: i18n.t('errors.serverStatus', { status: response.status }), status: response.status };
    throw new ProblemError({ ...problem, status: problem.status ?? response.status });
  }
  return data as T;
}

/**
 * After a deployment is saved, uploads the chosen ticket photo or PDF as its receipt. The
 * deployment stays saved when the upload fails; the receipt can be added from the list.
 */
async function withReceipt(deployment: Deployment, receipt: File | null): Promise<{ deployment: Deployment; receiptError: unknown }> {
  if (!receipt) return { deployment, receiptError: null };
  try {
    await upload<Receipt>(`/api/v1/deployments/${deployment.id}/receipt`, receipt);
    return { deployment, receiptError: null };
  } catch (error) {
    return { deployment, receiptError: error };
  }
}

/** Logs a deployment and, when a ticket photo or PDF is chosen, uploads it as its receipt. */
export function useLogDeployment() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async ({ body, receipt }: { body: CreateDeploymentBody; receipt: File | null }) =>
      withReceipt(await api.create<Deployment>('/api/v1/deployments', body), receipt),
    onSuccess: () => refresh(),
  });
}

export function useUploadReceipt() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ deploymentId, file }: { deploymentId: string; file: File }) => upload<Receipt>(`/api/v1/deployments/${deploymentId}/receipt`, file),
    onSuccess: () => refresh(),
  });
}

const deploymentKey = (id: string) => ['deployments', 'one', id] as const;

export function useDeployment(id: string) {
  return useQuery({ queryKey: deploymentKey(id), queryFn: () => api.get<Deployment>(`/api/v1/deployments/${encodeURIComponent(id)}`) });
}

/** Changes a deployment (with the version read) and, when a ticket photo or PDF is chosen, uploads it as its receipt. */
export function useUpdateDeployment(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async ({ body, receipt }: { body: UpdateDeploymentBody; receipt: File | null }) =>
      withReceipt(await api.patch<Deployment>(`/api/v1/deployments/${encodeURIComponent(id)}`, body), receipt),
    onSuccess: () => refresh(),
  });
}

export function useDeleteDeployment() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api.delete(`/api/v1/deployments/${encodeURIComponent(id)}`), onSuccess: (_result, id) => refresh(deploymentKey(id)) });
}

export const receiptUrl = (deploymentId: string) => `/api/v1/deployments/${encodeURIComponent(deploymentId)}/receipt`;

// ---------------------------------------------------------------------------------------------
// Expense claims and payouts

export function useExpenseClaims(query: { status?: string; volunteerId?: string; sort?: string } = {}, enabled = true) {
  return useQuery({
    queryKey: ['expense-claims', 'list', query],
    queryFn: () => everything<ExpenseClaim>('/api/v1/expense-claims', query),
    enabled,
  });
}

export function useExpenseClaim(id: string) {
  return useQuery({ queryKey: ['expense-claims', 'one', id], queryFn: () => api.get<ExpenseClaimDetail>(`/api/v1/expense-claims/${encodeURIComponent(id)}`) });
}

export function useSubmitClaim() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (deploymentIds: string[]) => api.create<ExpenseClaimDetail>('/api/v1/expense-claims', { deploymentIds }),
    onSuccess: () => refresh(),
  });
}

export function useApproveClaim() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ claim, acknowledge }: { claim: ExpenseClaim; acknowledge: boolean }) =>
      api.post<ExpenseClaimDetail>(`/api/v1/expense-claims/${claim.id}/approve`, { version: claim.version, ...(acknowledge ? { acknowledgeAllowanceLimit: true } : {}) }),
    onSuccess: () => refresh(),
  });
}

export function useRejectClaim() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ claim, reason }: { claim: ExpenseClaim; reason: string }) =>
      api.post<ExpenseClaimDetail>(`/api/v1/expense-claims/${claim.id}/reject`, { version: claim.version, reason }),
    onSuccess: () => refresh(),
  });
}

export function usePayouts() {
  return useQuery({ queryKey: ['payouts', 'list'], queryFn: () => everything<Payout>('/api/v1/expense-claims/payouts') });
}

export function useCreatePayout() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { executionDate: string; claimIds?: string[] }) => api.create<PayoutDetail>('/api/v1/expense-claims/payouts', body),
    onSuccess: () => refresh(),
  });
}

/** A second person releases a payout above the network's threshold for the bank. */
export function useReleasePayout() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api.post<PayoutDetail>(`/api/v1/expense-claims/payouts/${id}/release`, {}), onSuccess: () => refresh() });
}

export function useMarkPayoutPaid() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api.post<PayoutDetail>(`/api/v1/expense-claims/payouts/${id}/paid`, {}), onSuccess: () => refresh() });
}

export const sepaUrl = (payoutId: string) => `/api/v1/expense-claims/payouts/${encodeURIComponent(payoutId)}/sepa.xml`;
export const csvUrl = (payoutId: string) => `/api/v1/expense-claims/payouts/${encodeURIComponent(payoutId)}/payouts.csv`;

/** The network's settings: rates and the tax-free limit for the volunteer's preview. */
export function useNetwork() {
  return useQuery({ queryKey: ['network'], queryFn: () => api.get<Network>('/api/v1/network'), staleTime: 5 * 60_000 });
}

export function useConfirmDeployment() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (d: Deployment) => api.post<Deployment>(`/api/v1/deployments/${d.id}/confirm`, { version: d.version }),
    onSuccess: () => refresh(),
  });
}
