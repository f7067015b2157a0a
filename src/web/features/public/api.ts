import { useMutation, useQuery } from '@tanstack/react-query';
import type { CertificateVerification } from '../../../common/api/courses.js';
import type { PublicGuideRequestBody, PublicNetwork, VolunteerApplicationBody } from '../../../common/api/public.js';
import { api, isProblem } from '../../api/client.js';

/** A network's public face for the application form; `null` when no network has this address. */
export function usePublicNetwork(slug: string) {
  return useQuery<PublicNetwork | null>({
    queryKey: ['public', 'network', slug],
    queryFn: async () => {
      try {
        return await api.get<PublicNetwork>(`/api/v1/public/${encodeURIComponent(slug)}`);
      } catch (error) {
        // 404 for unknown networks; 422 when the address cannot be a network's at all.
        if (isProblem(error) && (error.status === 404 || error.status === 422)) return null;
        throw error;
      }
    },
  });
}

export function useApplyAsVolunteer(slug: string) {
  return useMutation({
    mutationFn: (body: VolunteerApplicationBody) => api.create<{ received: true }>(`/api/v1/public/${encodeURIComponent(slug)}/volunteer-applications`, body),
  });
}

/** "Ask for a guide": the public request form's one call. */
export function useAskForGuide(slug: string) {
  return useMutation({
    mutationFn: (body: PublicGuideRequestBody) => api.create<{ received: true }>(`/api/v1/public/${encodeURIComponent(slug)}/guide-requests`, body),
  });
}

/** The certificate behind a QR code; `null` when there is none with this code. */
export function useCertificateVerification(code: string) {
  return useQuery<CertificateVerification | null>({
    queryKey: ['public', 'certificate', code],
    queryFn: async () => {
      try {
        return await api.get<CertificateVerification>(`/api/v1/public/certificates/${encodeURIComponent(code)}`);
      } catch (error) {
        if (isProblem(error) && (error.status === 404 || error.status === 422)) return null;
        throw error;
      }
    },
  });
}
