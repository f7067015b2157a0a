import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../components/layouts.js';
import CatalogPage from './catalog-page.js';

/** The pages of this feature, wired into the router by app.tsx. */
export const catalogRoutes: RouteObject[] = [
  {
    path: '/admin/catalog',
    element: <RequirePermission permission="catalog:manage" />,
    children: [{ index: true, element: <CatalogPage /> }],
  },
];
