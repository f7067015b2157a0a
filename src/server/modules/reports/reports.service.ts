import { eq, sql } from 'drizzle-orm';
import { SUPPRESSION_THRESHOLD, type ReportSummary } from '../../../common/api/reports.js';
import type { Db } from '../../db/client.js';
import { agreements } from '../agreements/agreements.table.js';
import { deployments } from '../deployments/deployments.table.js';
import { networks } from '../networks/networks.table.js';
import { volunteers } from '../volunteers/volunteers.table.js';
import { berlinToday } from '../volunteers/profile.js';

/** Below the threshold a figure is left out, never rounded or shown: here, on the server. */
const suppressed = (n: number): number | null => (n < SUPPRESSION_THRESHOLD ? null : n);

/**
 * The network's live figures, read in one statement (a report reads across modules by design:
 * aggregates only, each a scalar subquery on an indexed network_id).
 */
export async function reportSummary(tx: Db, networkId: string, now = new Date()): Promise<ReportSummary> {
  const year = Number(berlinToday(now).slice(0, 4));
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const [row] = await tx
    .select({
      volunteersActive: sql<number>`(select count(*)::int from ${volunteers} where ${volunteers.networkId} = ${networkId} and ${volunteers.status} = 'active')`,
      requestsPlaced: sql<number>`(select count(distinct ${agreements.requestId})::int from ${agreements} where ${agreements.networkId} = ${networkId} and ${agreements.requestId} is not null and ${agreements.startsOn} >= ${from} and ${agreements.startsOn} < ${to})`,
      agreementsRunning: sql<number>`(select count(*)::int from ${agreements} where ${agreements.networkId} = ${networkId} and ${agreements.status} = 'active')`,
      minutesDeployed: sql<number>`(select coalesce(sum(${deployments.minutes}), 0)::int from ${deployments} where ${deployments.networkId} = ${networkId} and ${deployments.onDate} >= ${from} and ${deployments.onDate} < ${to})`,
      volunteersDeployed: sql<number>`(select count(distinct ${deployments.volunteerId})::int from ${deployments} where ${deployments.networkId} = ${networkId} and ${deployments.onDate} >= ${from} and ${deployments.onDate} < ${to})`,
    })
    .from(networks)
    .where(eq(networks.id, networkId));
  const r = row ?? { volunteersActive: 0, requestsPlaced: 0, agreementsRunning: 0, minutesDeployed: 0, volunteersDeployed: 0 };
  return {
    year,
    threshold: SUPPRESSION_THRESHOLD,
    volunteersActive: suppressed(Number(r.volunteersActive)),
    requestsPlaced: suppressed(Number(r.requestsPlaced)),
    agreementsRunning: suppressed(Number(r.agreementsRunning)),
    // Hours of fewer than five people could be read back to one of them.
    hoursDeployed: Number(r.volunteersDeployed) < SUPPRESSION_THRESHOLD ? null : Math.round(Number(r.minutesDeployed) / 6) / 10,
    asOf: now.toISOString(),
  };
}
