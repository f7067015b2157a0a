import type { RouteObject } from 'react-router';
import PortalHome from './portal-home.js';
import PortalPage, {
  PortalAgreementsPage,
  PortalClaimsPage,
  PortalCoursesPage,
  PortalDeploymentsPage,
  PortalProfilePage,
  PortalProposalsPage,
} from './portal-page.js';

/**
 * The pages of this feature, wired into the router by app.tsx: the landing page and one page per
 * part, inside one frame. Single proposals and the deployment form stay where they were
 * (features/placements/routes.tsx): e-mails link them.
 */
export const portalRoutes: RouteObject[] = [
  {
    path: '/portal',
    element: <PortalPage />,
    children: [
      { index: true, element: <PortalHome /> },
      { path: 'proposals', element: <PortalProposalsPage /> },
      { path: 'agreements', element: <PortalAgreementsPage /> },
      { path: 'deployments', element: <PortalDeploymentsPage /> },
      { path: 'claims', element: <PortalClaimsPage /> },
      { path: 'courses', element: <PortalCoursesPage /> },
      { path: 'profile', element: <PortalProfilePage /> },
    ],
  },
];
