import type { RouteObject } from 'react-router';
import PortalPage from './portal-page.js';

/** The pages of this feature, wired into the router by app.tsx. */
export const portalRoutes: RouteObject[] = [{ path: '/portal', element: <PortalPage /> }];
