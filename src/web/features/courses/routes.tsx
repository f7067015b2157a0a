import { Outlet, type RouteObject } from '../../router.js';
import { page } from '../../lazy-route.js';
import { RequirePermission } from '../../components/layouts.js';
import './courses.css';

/** The pages of this feature, wired into the router by app.tsx. */
export const courseRoutes: RouteObject[] = [
  {
    path: '/courses',
    element: <RequirePermission permission="courses:read" />,
    children: [
      {
        // Long German compounds in course titles must wrap on phones.
        element: (
          <div className="course-screen">
            <Outlet />
          </div>
        ),
        children: [
          { index: true, lazy: page(() => import('./courses-page.js')) },
          { path: 'demand', lazy: page(() => import('./demand-page.js')) },
          { path: ':courseId', lazy: page(() => import('./course-page.js')) },
          { path: ':courseId/runs/:runId', lazy: page(() => import('./run-page.js')) },
        ],
      },
    ],
  },
];
