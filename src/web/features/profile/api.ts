import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Locale } from '../../../common/locales.js';
import { api } from '../../api/client.js';
import { ME_KEY } from '../../api/hooks.js';
import type { Me, TotpSetup } from '../../api/types.js';

export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name?: string; locale?: Locale; version: number }) => api.patch<Me>('/api/v1/me', body),
    onSuccess: (me) => qc.setQueryData(ME_KEY, me),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post<void>('/api/v1/me/password', body),
  });
}

export function useTotpSetup() {
  return useMutation({ mutationFn: () => api.post<TotpSetup>('/api/v1/me/totp/setup') });
}

export function useTotpEnable() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<void>('/api/v1/me/totp/enable', { code }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ME_KEY }),
  });
}

export function useTotpDisable() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => api.post<void>('/api/v1/me/totp/disable', { password }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ME_KEY }),
  });
}
