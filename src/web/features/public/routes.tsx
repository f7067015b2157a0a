import type { RouteObject } from 'react-router';
import ApplyPage from './apply-page.js';
import PublicRequestPage from './request-page.js';
import VerifyCertificatePage from './verify-certificate-page.js';

/** The pages of this feature, wired into the router by app.tsx (public layout, no sign-in). */
export const publicVolunteerRoutes: RouteObject[] = [
  { path: '/apply/:networkSlug', element: <ApplyPage /> },
  // "Ask for a guide": the web form of POST /api/v1/public/:networkSlug/guide-requests.
  { path: '/request/:networkSlug', element: <PublicRequestPage /> },
  // The certificate PDF's QR code points here: PUBLIC_URL + /verify/certificate/<code> (certificate.pdf.ts).
  { path: '/verify/certificate/:code', element: <VerifyCertificatePage /> },
];
