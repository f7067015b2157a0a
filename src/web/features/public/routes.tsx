import type { RouteObject } from '../../router.js';
import { page } from '../../lazy-route.js';

/** The pages of this feature, wired into the router by app.tsx (public layout, no sign-in). */
export const publicVolunteerRoutes: RouteObject[] = [
  { path: '/apply/:networkSlug', lazy: page(() => import('./apply-page.js')) },
  // "Ask for a guide": the web form of POST /api/v1/public/:networkSlug/guide-requests.
  { path: '/request/:networkSlug', lazy: page(() => import('./request-page.js')) },
  // The certificate PDF's QR code points here: PUBLIC_URL + /verify/certificate/<code> (certificate.pdf.ts).
  { path: '/verify/certificate/:code', lazy: page(() => import('./verify-certificate-page.js')) },
];
