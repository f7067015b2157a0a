/**
 * Roles and what each may do: the one table the server enforces and the web app reads to decide
 * what to show. Every API operation names exactly one permission from this list (or `public`,
 * or `authenticated` for what any signed-in person may do about themselves).
 */
export const ROLES = ['network_admin', 'coordinator', 'counsellor', 'volunteer', 'partner', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that work inside the network's offices; a network may require two-factor login for them. */
export const STAFF_ROLES: readonly Role[] = ['network_admin', 'coordinator', 'counsellor'];

export const PERMISSIONS = [
  'network:read',
  'network:manage',
  'organizations:read',
  'organizations:manage',
  'users:read',
  'users:manage',
  'invitations:manage',
  'api-tokens:manage',
  'audit:read',
  'outbox:read',
  'catalog:read',
  'catalog:manage',
  'volunteers:read',
  'volunteers:manage',
  /** Origins (volunteers' and seekers') are a special category of personal data: coordinators only. */
  'volunteers:origins',
  'volunteers:export',
  'courses:read',
  'courses:manage',
  /** Submit guide requests and follow those of one's own organisations. */
  'guide-requests:submit',
  /** Read every guide request of the network. */
  'guide-requests:read',
  /** Complete, release, send back and match guide requests. */
  'guide-requests:manage',
  /** Answer one's own proposals (volunteers); coordinators record answers on a volunteer's behalf with guide-requests:manage. */
  'proposals:answer',
  /** Read agreements: coordinators all, partners their organisations', volunteers their own. */
  'agreements:read',
  /** Create, extend and close agreements. */
  'agreements:manage',
  /** Log deployments: volunteers their own, coordinators anyone's. */
  'deployments:log',
  /** Confirm a deployment for one's own organisation (partner institutions). */
  'deployments:confirm',
  /** Submit expense claims for one's own deployments. */
  'expense-claims:submit',
  /** Approve, reject and pay out expense claims. */
  'expense-claims:manage',
  /** Aggregated figures of the network, small counts suppressed: no personal records. */
  'reports:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Markers for operations that need no particular role. */
export type RouteAccess = Permission | 'public' | 'authenticated';

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  network_admin: PERMISSIONS.filter((p) => p !== 'volunteers:origins'),
  coordinator: [
    'network:read',
    'organizations:read',
    'users:read',
    'catalog:read',
    'catalog:manage',
    'volunteers:read',
    'volunteers:manage',
    'volunteers:origins',
    'volunteers:export',
    'courses:read',
    'courses:manage',
    'guide-requests:submit',
    'guide-requests:read',
    'guide-requests:manage',
    'proposals:answer',
    'agreements:read',
    'agreements:manage',
    'deployments:log',
    'deployments:confirm',
    'expense-claims:submit',
    'expense-claims:manage',
    'reports:read',
  ],
  counsellor: ['network:read', 'organizations:read', 'users:read', 'catalog:read', 'courses:read', 'guide-requests:submit'],
  volunteer: ['network:read', 'organizations:read', 'catalog:read', 'proposals:answer', 'agreements:read', 'deployments:log', 'expense-claims:submit'],
  partner: ['network:read', 'organizations:read', 'catalog:read', 'guide-requests:submit', 'agreements:read', 'deployments:confirm'],
  viewer: ['network:read', 'organizations:read', 'catalog:read', 'reports:read'],
};

export function permissionsOf(roles: Iterable<Role>): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r]) out.add(p);
  return out;
}

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/**
 * Whether someone holding `held` may hand `role` on (an invitation, an API token): only if they
 * hold every permission of that role themselves, so no one can mint rights they lack.
 */
export function mayGrant(held: Iterable<string>, role: Role): boolean {
  const own = new Set(held);
  return ROLE_PERMISSIONS[role].every((p) => own.has(p));
}
