import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../components/layouts.js';
import RequestPage from './detail-page.js';
import { EditRequestPage, NewRequestPage } from './form-pages.js';
import './guide-requests.css';
import RequestsPage from './list-page.js';
import PlanPage from './plan-page.js';

/** The pages of this feature, wired into the router by app.tsx. */
export const guideRequestRoutes: RouteObject[] = [
  {
    path: '/requests/plan',
    element: <RequirePermission permission="guide-requests:manage" />,
    children: [{ index: true, element: <PlanPage /> }],
  },
  {
    path: '/requests',
    element: <RequirePermission permission="guide-requests:submit" />,
    children: [
      { index: true, element: <RequestsPage /> },
      { path: 'new', element: <NewRequestPage /> },
      { path: ':id', element: <RequestPage /> },
      { path: ':id/edit', element: <EditRequestPage /> },
    ],
  },
];
