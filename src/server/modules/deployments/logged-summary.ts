import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { deployments } from './deployments.table.js';

/**
 * One volunteer's logging at a glance (the portal's landing page): the last deployment date of
 * each agreement, and how many of her deployments are in no expense claim yet. One round trip.
 */
export async function loggedSummaryOf(
  tx: Db,
  networkId: string,
  volunteerId: string,
): Promise<{ lastOn: Map<string, string>; unclaimed: number }> {
  const rows = await tx
    .select({
      agreementId: deployments.agreementId,
      lastOn: sql<string>`max(${deployments.onDate})::text`,
      unclaimed: sql<number>`count(*) filter (where ${deployments.claimId} is null)::int`,
    })
    .from(deployments)
    .where(and(eq(deployments.networkId, networkId), eq(deployments.volunteerId, volunteerId)))
    .groupBy(deployments.agreementId);
  return { lastOn: new Map(rows.map((r) => [r.agreementId, r.lastOn])), unclaimed: rows.reduce((sum, r) => sum + r.unclaimed, 0) };
}
