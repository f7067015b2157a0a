import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../components/layouts.js';
import { EditVolunteerPage, NewVolunteerPage } from './form-pages.js';
import PoolPage from './pool-page.js';
import VolunteerPage from './profile-page.js';
import './volunteers.css';

/** The pages of this feature, wired into the router by app.tsx. */
export const volunteerRoutes: RouteObject[] = [
  {
    path: '/volunteers/new',
    element: <RequirePermission permission="volunteers:manage" />,
    children: [{ index: true, element: <NewVolunteerPage /> }],
  },
  {
    path: '/volunteers/:id/edit',
    element: <RequirePermission permission="volunteers:manage" />,
    children: [{ index: true, element: <EditVolunteerPage /> }],
  },
  {
    path: '/volunteers',
    element: <RequirePermission permission="volunteers:read" />,
    children: [
      { index: true, element: <PoolPage /> },
      { path: ':id', element: <VolunteerPage /> },
    ],
  },
];
