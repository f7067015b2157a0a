import type { RouteObject } from '../../router.js';
import { page } from '../../lazy-route.js';

/**
 * The pages of this feature, wired into the router by app.tsx: the landing page and one page per
 * part, inside one frame. Single proposals and the deployment form stay where they were
 * (features/placements/routes.tsx): e-mails link them.
 */
export const portalRoutes: RouteObject[] = [
  {
    path: '/portal',
    lazy: page(() => import('./portal-page.js')),
    children: [
      { index: true, lazy: page(() => import('./portal-home.js')) },
      { path: 'proposals', lazy: page(() => import('./portal-page.js'), 'PortalProposalsPage') },
      { path: 'agreements', lazy: page(() => import('./portal-page.js'), 'PortalAgreementsPage') },
      { path: 'deployments', lazy: page(() => import('./portal-page.js'), 'PortalDeploymentsPage') },
      { path: 'claims', lazy: page(() => import('./portal-page.js'), 'PortalClaimsPage') },
      { path: 'courses', lazy: page(() => import('./portal-page.js'), 'PortalCoursesPage') },
      { path: 'profile', lazy: page(() => import('./portal-page.js'), 'PortalProfilePage') },
    ],
  },
];
