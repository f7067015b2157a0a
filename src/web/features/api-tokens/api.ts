import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../../common/permissions.js';
import { api } from '../../api/client.js';
import type { CreatedApiToken } from '../../api/types.js';

export function useCreateApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; role: Role; organizationId: string }) => api.create<CreatedApiToken>('/api/v1/api-tokens', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
}

export function useRevokeApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/api-tokens/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
}
