import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { volunteers } from '../volunteers/volunteers.table.js';
import { expenseClaims } from './expense-claims.table.js';

/** Claims submitted and not yet decided, oldest first, with their full count (the coordinator's inbox). */
export async function claimsAwaitingApproval(tx: Db, networkId: string, limit: number) {
  const where = and(eq(expenseClaims.networkId, networkId), eq(expenseClaims.status, 'submitted'));
  const rows = await tx
      .select({ id: expenseClaims.id, totalCents: expenseClaims.totalCents, submittedAt: expenseClaims.createdAt, volunteerName: sql<string>`${volunteers.firstName} || ' ' || ${volunteers.lastName}` })
      .from(expenseClaims)
      .innerJoin(volunteers, and(eq(volunteers.networkId, expenseClaims.networkId), eq(volunteers.id, expenseClaims.volunteerId)))
      .where(where)
      .orderBy(expenseClaims.createdAt, expenseClaims.id)
      .limit(limit);
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(expenseClaims).where(where);
  return { count: count!.n, items: rows.map((r) => ({ ...r, submittedAt: r.submittedAt.toISOString() })) };
}
