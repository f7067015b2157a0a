import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '../../router.js';
import type { Locale } from '../../../common/locales.js';
import { api } from '../../api/client.js';
import { ME_KEY } from '../../api/hooks.js';
import type { InvitationLookup, Me } from '../../api/types.js';

/**
 * Set when the person signs out on purpose: the guard of the signed-in area then sends them to
 * /login without remembering the current page as the place to return to.
 */
export const signOutState = { intentional: false };

export interface LoginInput {
  email: string;
  password: string;
  totp?: string;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginInput) => api.post<Me>('/api/v1/auth/login', body),
    onSuccess: (me) => {
      signOutState.intentional = false;
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      qc.setQueryData(ME_KEY, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post<void>('/api/v1/auth/logout'),
    onSettled: () => {
      signOutState.intentional = true;
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      qc.setQueryData(ME_KEY, null);
      void navigate('/login', { replace: true });
    },
  });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: (body: { email: string }) => api.post<void>('/api/v1/auth/password-reset/request', body) });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) => api.post<void>('/api/v1/auth/password-reset/confirm', body),
  });
}

export function lookupInvitation(token: string) {
  return api.get<InvitationLookup>('/api/v1/invitations/lookup', { token });
}

export function useAcceptInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { token: string; name: string; password: string; locale?: Locale }) =>
      api.post<Me>('/api/v1/invitations/accept', body),
    onSuccess: (me) => {
      signOutState.intentional = false;
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      qc.setQueryData(ME_KEY, me);
    },
  });
}
