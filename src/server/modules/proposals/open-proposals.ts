import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { volunteers } from '../volunteers/volunteers.table.js';
import { proposals } from './proposals.table.js';

// What matching reads of proposals: queries only, so that matching depends on proposals and
// proposals.service (which asks matching whether a volunteer is eligible) on matching, never round.

/** Open (pending or accepted) proposals of a request; with `closed`, the declined, expired and withdrawn ones. */
export async function openProposalsOf(tx: Db, networkId: string, requestId: string, closed = false) {
  return tx
    .select({ id: proposals.id, volunteerId: proposals.volunteerId, status: proposals.status, volunteerName: sql<string>`${volunteers.firstName} || ' ' || ${volunteers.lastName}` })
    .from(proposals)
    .innerJoin(volunteers, and(eq(volunteers.networkId, proposals.networkId), eq(volunteers.id, proposals.volunteerId)))
    .where(and(eq(proposals.networkId, networkId), eq(proposals.requestId, requestId), inArray(proposals.status, closed ? ['declined', 'expired', 'withdrawn'] : ['pending', 'accepted'])));
}

/** Places of a request already agreed. */
export async function placesTaken(tx: Db, networkId: string, requestId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(proposals)
    .where(and(eq(proposals.networkId, networkId), eq(proposals.requestId, requestId), eq(proposals.status, 'accepted')));
  return row!.n;
}

/** Pending proposals per volunteer: each holds a place in the volunteer's capacity until answered. */
export async function pendingByVolunteer(tx: Db, networkId: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ volunteerId: proposals.volunteerId, n: sql<number>`count(*)::int` })
    .from(proposals)
    .where(and(eq(proposals.networkId, networkId), eq(proposals.status, 'pending')))
    .groupBy(proposals.volunteerId);
  return new Map(rows.map((r) => [r.volunteerId, r.n]));
}

/** Open (pending or accepted) proposals of every request, by request: the plan reads them at once. */
export async function openProposalsByRequest(tx: Db, networkId: string): Promise<Map<string, string[]>> {
  const rows = await tx
    .select({ requestId: proposals.requestId, volunteerId: proposals.volunteerId })
    .from(proposals)
    .where(and(eq(proposals.networkId, networkId), inArray(proposals.status, ['pending', 'accepted'])));
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.requestId, [...(out.get(r.requestId) ?? []), r.volunteerId]);
  return out;
}
