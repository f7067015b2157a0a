import type { OrganizationKind } from '../../../common/organizations.js';
import type { Role } from '../../../common/permissions.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { withTenant } from '../../db/tenancy.js';
import { systemActor } from '../audit/actor.js';
import { hashPassword } from '../auth/secrets.js';
import { createOrganization } from '../organizations/organizations.service.js';
import { createUser } from '../users/users.service.js';
import { freeSlug, insertNetwork, slugify } from './networks.service.js';

export interface NewNetwork {
  name: string;
  slug?: string;
  adminEmail: string;
  adminPassword: string;
  adminName?: string;
  /** The office the first admin belongs to. */
  officeName?: string;
  officeKind?: OrganizationKind;
  /** The first person's roles in the office; by default network_admin and coordinator (see below). */
  adminRoles?: Role[];
}

/**
 * Creates a network with its coordination office and its first person, in one transaction. That
 * person is the office's network_admin and its coordinator: nobody may hand on a role whose rights
 * they lack (mayGrant), so the first person must hold both to invite the network's coordinators.
 */
export async function createNetworkWithAdmin(db: Db, input: NewNetwork) {
  const networkId = newId();
  const passwordHash = await hashPassword(input.adminPassword);
  return withTenant(db, networkId, async (tx) => {
    const slug = await freeSlug(tx, input.slug ?? slugify(input.name));
    await insertNetwork(tx, { id: networkId, name: input.name, slug });
    const actor = systemActor(networkId);
    const office = await createOrganization(tx, actor, {
      kind: input.officeKind ?? 'coordination_office',
      name: input.officeName ?? `Koordinierungsstelle ${input.name}`,
    });
    const adminId = await createUser(tx, actor, {
      email: input.adminEmail,
      name: input.adminName ?? input.adminEmail.split('@')[0] ?? 'Admin',
      passwordHash,
      locale: 'de',
      memberships: (input.adminRoles ?? ['network_admin', 'coordinator']).map((role) => ({ organizationId: office.id, role })),
    });
    return { networkId, slug, officeId: office.id, adminId };
  });
}
