import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { principalOf } from '../../http/context.js';
import { volunteerIdOfUser } from '../volunteers/volunteers.service.js';

/**
 * What a reader of the placement path (agreements, deployments, expense claims) may see: the
 * coordination office everything, a partner institution its own organisations' records, a
 * volunteer their own. Worked out once per request by the route, handed to the service.
 */
export interface PlacementScope {
  /** Coordination: every record of the network. */
  all: boolean;
  /** Partner institutions: records whose organisation is one of these. */
  organizationIds: string[];
  /** The reader's own volunteer record (portal accounts). */
  volunteerId: string | null;
  /** The signed-in person, for "recorded by". */
  userId: string | null;
}

const PARTNER_ROLES = new Set(['partner', 'counsellor']);

export async function placementScopeOf(tx: Db, request: FastifyRequest): Promise<PlacementScope> {
  const p = principalOf(request);
  return {
    all: p.permissions.has('agreements:manage'),
    organizationIds: [...new Set(p.memberships.filter((m) => PARTNER_ROLES.has(m.role)).map((m) => m.organizationId))],
    volunteerId: p.user ? await volunteerIdOfUser(tx, p.networkId, p.user.id) : null,
    userId: p.user?.id ?? null,
  };
}
