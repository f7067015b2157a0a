import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../components/layouts.js';
import VolunteerImportPage from './import-page.js';

/** The pages of this feature, wired into the router by app.tsx. */
export const volunteerImportRoutes: RouteObject[] = [
  {
    path: '/volunteers/import',
    element: <RequirePermission permission="volunteers:manage" />,
    children: [{ index: true, element: <VolunteerImportPage /> }],
  },
];
