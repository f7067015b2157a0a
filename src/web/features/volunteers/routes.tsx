import type { RouteObject } from '../../router.js';
import { page } from '../../lazy-route.js';
import { RequirePermission } from '../../components/layouts.js';
import './volunteers.css';

/** The pages of this feature, wired into the router by app.tsx. */
export const volunteerRoutes: RouteObject[] = [
  {
    path: '/volunteers/new',
    element: <RequirePermission permission="volunteers:manage" />,
    children: [{ index: true, lazy: page(() => import('./form-pages.js'), 'NewVolunteerPage') }],
  },
  {
    path: '/volunteers/:id/edit',
    element: <RequirePermission permission="volunteers:manage" />,
    children: [{ index: true, lazy: page(() => import('./form-pages.js'), 'EditVolunteerPage') }],
  },
  {
    path: '/volunteers',
    element: <RequirePermission permission="volunteers:read" />,
    children: [
      { index: true, lazy: page(() => import('./pool-page.js')) },
      { path: ':id', lazy: page(() => import('./profile-page.js')) },
    ],
  },
];
