import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateOrganizationBody, UpdateOrganizationBody } from '../../../common/api/index.js';
import { api } from '../../api/client.js';
import type { Organization } from '../../api/types.js';

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['organizations'] });
}

export function useCreateOrganization() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CreateOrganizationBody) => api.create<Organization>('/api/v1/organizations', body),
    onSuccess: refresh,
  });
}

export function useUpdateOrganization() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateOrganizationBody }) =>
      api.patch<Organization>(`/api/v1/organizations/${id}`, body),
    onSuccess: refresh,
  });
}

export function useDeleteOrganization() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/organizations/${id}`),
    onSuccess: refresh,
  });
}

export function fetchOrganization(id: string) {
  return api.get<Organization>(`/api/v1/organizations/${id}`);
}
