import type { RouteObject } from 'react-router';

/** The pages of this feature, wired into the router by app.tsx. */
export const portalRoutes: RouteObject[] = [];
