import type { RouteObject } from '../../router.js';
import { page } from '../../lazy-route.js';
import { RequirePermission } from '../../components/layouts.js';
import './placements.css';

/** The pages of this feature, wired into the router by app.tsx. */
export const placementRoutes: RouteObject[] = [
  {
    path: '/portal/proposals/:id',
    element: <RequirePermission permission="proposals:answer" />,
    children: [{ index: true, lazy: page(() => import('./proposal-page.js')) }],
  },
  {
    path: '/portal/deployments/new',
    element: <RequirePermission permission="deployments:log" />,
    children: [{ index: true, lazy: page(() => import('./deployment-page.js')) }],
  },
  {
    path: '/portal/deployments/:id/edit',
    element: <RequirePermission permission="deployments:log" />,
    children: [{ index: true, lazy: page(() => import('./deployment-page.js'), 'EditDeploymentPage') }],
  },
  {
    path: '/agreements',
    element: <RequirePermission permission="agreements:manage" />,
    children: [
      { index: true, lazy: page(() => import('./agreements-page.js')) },
      { path: 'new', lazy: page(() => import('./new-agreement-page.js')) },
    ],
  },
  {
    // Volunteers and institutions open their own agreements here too (the reminder e-mail links it).
    path: '/agreements/:id',
    element: <RequirePermission permission="agreements:read" />,
    children: [{ index: true, lazy: page(() => import('./agreement-page.js')) }],
  },
  {
    path: '/expense-claims',
    element: <RequirePermission permission="expense-claims:manage" />,
    children: [
      { index: true, lazy: page(() => import('./expense-claims-page.js')) },
      { path: ':id', lazy: page(() => import('./expense-claim-page.js')) },
    ],
  },
];
