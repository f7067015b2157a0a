import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CatalogEntry, CatalogKind } from '../../../common/api/catalog.js';
import type { OwnEnrollment } from '../../../common/api/courses.js';
import type { PortalOverview } from '../../../common/api/portal.js';
import type { UpdateOwnVolunteerBody, VolunteerDetail } from '../../../common/api/volunteers.js';
import { api, isProblem, type Page } from '../../api/client.js';
import { inReadersLanguage } from '../catalog/api.js';

export const OWN_VOLUNTEER_KEY = ['me', 'volunteer'] as const;
const OWN_ENROLLMENTS_KEY = ['me', 'enrollments'] as const;

/** The signed-in volunteer's own profile; `null` when the account has no volunteer record. */
export function useOwnVolunteer() {
  return useQuery<VolunteerDetail | null>({
    queryKey: OWN_VOLUNTEER_KEY,
    queryFn: async () => {
      try {
        return await api.get<VolunteerDetail>('/api/v1/me/volunteer');
      } catch (error) {
        if (isProblem(error) && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/**
 * What waits for the volunteer (the landing page), in one read. Its key lies under the own
 * profile's: every change on the placement path invalidates that, and so this too.
 */
export function usePortalOverview(enabled = true) {
  return useQuery({
    queryKey: [...OWN_VOLUNTEER_KEY, 'overview'],
    queryFn: () => api.get<PortalOverview>('/api/v1/portal/overview'),
    enabled,
  });
}

export function useUpdateOwnVolunteer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateOwnVolunteerBody) => api.patch<VolunteerDetail>('/api/v1/me/volunteer', body),
    onSuccess: (updated) => qc.setQueryData(OWN_VOLUNTEER_KEY, updated),
  });
}

/** She confirms or rejects a bank account someone else entered for her. */
export function useDecideBankChange() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'confirmed' | 'rejected' }) =>
      api.post<void>(`/api/v1/portal/bank-account-change/${encodeURIComponent(id)}/decision`, { decision }),
    onSuccess: () => qc.invalidateQueries({ queryKey: OWN_VOLUNTEER_KEY }),
  });
}

/** The version to send with the next change: always the newest one the page knows. */
export function useCurrentVersion() {
  const qc = useQueryClient();
  return () => qc.getQueryData<VolunteerDetail | null>(OWN_VOLUNTEER_KEY)?.version ?? 1;
}

export function useOwnEnrollments(enabled: boolean) {
  return useQuery({
    queryKey: OWN_ENROLLMENTS_KEY,
    queryFn: () => api.get<OwnEnrollment[]>('/api/v1/me/enrollments'),
    enabled,
  });
}

/** A whole catalogue of the network (topics, specialisations): networks keep them short. */
export function useCatalog(kind: CatalogKind, enabled = true) {
  return useQuery({
    queryKey: ['catalog', kind, 'all'],
    queryFn: async () => (await api.get<Page<CatalogEntry>>(`/api/v1/catalog/${kind}`, { limit: 1000 })).items,
    select: inReadersLanguage,
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function certificateUrl(enrollmentId: string): string {
  return `/api/v1/enrollments/${encodeURIComponent(enrollmentId)}/certificate.pdf`;
}
