import type { RouteObject } from '../../router.js';
import { page } from '../../lazy-route.js';
import { RequirePermission } from '../../components/layouts.js';

/** The pages of this feature, wired into the router by app.tsx. */
export const catalogRoutes: RouteObject[] = [
  {
    path: '/admin/catalog',
    element: <RequirePermission permission="catalog:manage" />,
    children: [{ index: true, lazy: page(() => import('./catalog-page.js')) }],
  },
];
