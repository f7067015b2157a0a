import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateInvitationBody } from '../../../common/api/index.js';
import { api } from '../../api/client.js';
import type { Invitation } from '../../api/types.js';

export function useCreateInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInvitationBody) => api.create<Invitation>('/api/v1/invitations', body),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['invitations'] }), qc.invalidateQueries({ queryKey: ['outbox'] })]),
  });
}

export function useRevokeInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/invitations/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['invitations'] }),
  });
}
