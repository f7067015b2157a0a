import type { OrganizationKind } from '../../../common/organizations.js';
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
}

/** Creates a network with its coordination office and first network_admin, in one transaction. */
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
      memberships: [{ organizationId: office.id, role: 'network_admin' }],
    });
    return { networkId, slug, officeId: office.id, adminId };
  });
}
