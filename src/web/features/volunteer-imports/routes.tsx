import type { RouteObject } from '../../router.js';
import { page } from '../../lazy-route.js';
import { RequirePermission } from '../../components/layouts.js';

/** The pages of this feature, wired into the router by app.tsx. */
export const volunteerImportRoutes: RouteObject[] = [
  {
    path: '/volunteers/import',
    element: <RequirePermission permission="volunteers:manage" />,
    children: [{ index: true, lazy: page(() => import('./import-page.js')) }],
  },
];
