import type { NetworkSettings } from '../../../common/api/network.js';
import type { Me, Membership } from '../../../common/api/users.js';
import type { Locale } from '../../../common/locales.js';
import { mayGrant, permissionsOf, STAFF_ROLES, type Permission, type Role } from '../../../common/permissions.js';
import { DomainError, unauthenticated } from '../../http/problems.js';

/** Who is calling, resolved once per request from a session cookie or an API token. */
export interface Principal {
  networkId: string;
  network: { id: string; name: string; slug: string; settings: NetworkSettings };
  via: 'session' | 'api_token';
  /** Session id or API token id. */
  credentialId: string;
  user: { id: string; email: string; name: string; locale: Locale; totpEnabled: boolean; version: number } | null;
  memberships: Membership[];
  permissions: Set<Permission>;
  /** The network requires two-factor sign-in for staff and this person has not set it up. */
  totpSetupRequired: boolean;
}

export function buildPrincipal(input: Omit<Principal, 'permissions' | 'totpSetupRequired'>): Principal {
  const staff = input.memberships.some((m) => STAFF_ROLES.includes(m.role));
  const totpSetupRequired =
    input.via === 'session' && !!input.user && input.network.settings.requireTotpForStaff && staff && !input.user.totpEnabled;
  return { ...input, permissions: permissionsOf(input.memberships.map((m) => m.role)), totpSetupRequired };
}

export function meOf(p: Principal): Me {
  // An API token acts for no person: it has no "me".
  if (!p.user) throw unauthenticated();
  return {
    user: p.user,
    network: { id: p.network.id, name: p.network.name, slug: p.network.slug },
    memberships: p.memberships,
    permissions: [...p.permissions].sort(),
    totpSetupRequired: p.totpSetupRequired,
  };
}

/** Refuses to hand on a role (invitation, API token) that carries a permission the grantor lacks. */
export function assertMayGrant(held: ReadonlySet<Permission>, role: Role): void {
  if (!mayGrant(held, role)) throw new DomainError('ROLE_BEYOND_OWN', 403, 'role-beyond-own', 'roleBeyondOwn', { roleMessage: `roles.${role}` });
}
