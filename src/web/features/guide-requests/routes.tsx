import type { RouteObject } from '../../router.js';
import { page } from '../../lazy-route.js';
import { RequirePermission } from '../../components/layouts.js';
import './guide-requests.css';

/** The pages of this feature, wired into the router by app.tsx. */
export const guideRequestRoutes: RouteObject[] = [
  {
    path: '/requests/plan',
    element: <RequirePermission permission="guide-requests:manage" />,
    children: [{ index: true, lazy: page(() => import('./plan-page.js')) }],
  },
  {
    path: '/requests',
    element: <RequirePermission permission="guide-requests:submit" />,
    children: [
      { index: true, lazy: page(() => import('./list-page.js')) },
      { path: 'new', lazy: page(() => import('./form-pages.js'), 'NewRequestPage') },
      { path: ':id', lazy: page(() => import('./detail-page.js')) },
      { path: ':id/edit', lazy: page(() => import('./form-pages.js'), 'EditRequestPage') },
    ],
  },
];
