import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { expenseClaims } from './expense-claims.table.js';

const IN_PROGRESS = ['submitted', 'approved'] as const;

/** A volunteer's claims on their way (submitted or approved, not paid), newest first, with their full count (the portal's landing page). */
export async function claimsInProgressOf(tx: Db, networkId: string, volunteerId: string, limit: number) {
  const rows = await tx
    .select({
      id: expenseClaims.id,
      status: expenseClaims.status,
      totalCents: expenseClaims.totalCents,
      submittedAt: expenseClaims.createdAt,
      count: sql<number>`(count(*) over ())::int`,
    })
    .from(expenseClaims)
    .where(
      and(eq(expenseClaims.networkId, networkId), eq(expenseClaims.volunteerId, volunteerId), inArray(expenseClaims.status, IN_PROGRESS)),
    )
    .orderBy(desc(expenseClaims.createdAt), desc(expenseClaims.id))
    .limit(limit);
  return {
    count: rows[0]?.count ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      status: r.status as (typeof IN_PROGRESS)[number],
      totalCents: r.totalCents,
      submittedAt: r.submittedAt.toISOString(),
    })),
  };
}
