import { Outlet, type RouteObject } from 'react-router';
import { RequirePermission } from '../../components/layouts.js';
import CoursePage from './course-page.js';
import CoursesPage from './courses-page.js';
import './courses.css';
import DemandPage from './demand-page.js';
import RunPage from './run-page.js';

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
          { index: true, element: <CoursesPage /> },
          { path: 'demand', element: <DemandPage /> },
          { path: ':courseId', element: <CoursePage /> },
          { path: ':courseId/runs/:runId', element: <RunPage /> },
        ],
      },
    ],
  },
];
