import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { DomainError } from '../../http/problems.js';
import { loginFailures } from './auth.table.js';

/**
 * Throttling kept in the database, so it holds across app instances: events per key (an account,
 * an IP address, a form) in a sliding window. Failed sign-ins and public form submissions use it.
 */
export interface ThrottleRule {
  key: string;
  limit: number;
  windowMinutes: number;
}

/** Refuses with 429 while a rule's limit is reached; `messageKey` words it for the situation (sign-in, a form). */
export async function assertNotThrottled(db: Db, rules: ThrottleRule[], messageKey: 'rateLimited' | 'formRateLimited' = 'rateLimited'): Promise<void> {
  for (const rule of rules) {
    const since = new Date(Date.now() - rule.windowMinutes * 60_000);
    const [row] = await db
      .select({ n: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${loginFailures.at})` })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, rule.key), gt(loginFailures.at, since)));
    if (row && row.n >= rule.limit && row.oldest) {
      const freeAt = new Date(row.oldest).getTime() + rule.windowMinutes * 60_000;
      const minutes = Math.max(1, Math.ceil((freeAt - Date.now()) / 60_000));
      throw new DomainError('RATE_LIMITED', 429, 'rate-limited', messageKey, { minutes }, [], { 'retry-after': String(minutes * 60) });
    }
  }
}

/** Counts one event for each rule's key and forgets events older than the rule's window. */
export async function recordThrottled(db: Db, rules: ThrottleRule[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(loginFailures).values(rules.map((r) => ({ id: newId(), key: r.key })));
    for (const r of rules) await tx.delete(loginFailures).where(and(eq(loginFailures.key, r.key), lt(loginFailures.at, new Date(Date.now() - r.windowMinutes * 60_000))));
  });
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}
