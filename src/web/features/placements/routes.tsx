import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../components/layouts.js';
import AgreementPage from './agreement-page.js';
import AgreementsPage from './agreements-page.js';
import LogDeploymentPage, { EditDeploymentPage } from './deployment-page.js';
import ExpenseClaimPage from './expense-claim-page.js';
import ExpenseClaimsPage from './expense-claims-page.js';
import NewAgreementPage from './new-agreement-page.js';
import ProposalPage from './proposal-page.js';
import './placements.css';

/** The pages of this feature, wired into the router by app.tsx. */
export const placementRoutes: RouteObject[] = [
  {
    path: '/portal/proposals/:id',
    element: <RequirePermission permission="proposals:answer" />,
    children: [{ index: true, element: <ProposalPage /> }],
  },
  {
    path: '/portal/deployments/new',
    element: <RequirePermission permission="deployments:log" />,
    children: [{ index: true, element: <LogDeploymentPage /> }],
  },
  {
    path: '/portal/deployments/:id/edit',
    element: <RequirePermission permission="deployments:log" />,
    children: [{ index: true, element: <EditDeploymentPage /> }],
  },
  {
    path: '/agreements',
    element: <RequirePermission permission="agreements:manage" />,
    children: [
      { index: true, element: <AgreementsPage /> },
      { path: 'new', element: <NewAgreementPage /> },
    ],
  },
  {
    // Volunteers and institutions open their own agreements here too (the reminder e-mail links it).
    path: '/agreements/:id',
    element: <RequirePermission permission="agreements:read" />,
    children: [{ index: true, element: <AgreementPage /> }],
  },
  {
    path: '/expense-claims',
    element: <RequirePermission permission="expense-claims:manage" />,
    children: [
      { index: true, element: <ExpenseClaimsPage /> },
      { path: ':id', element: <ExpenseClaimPage /> },
    ],
  },
];
