import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { DomainError } from '../../http/problems.js';

/**
 * Throttling kept in the database, so it holds across app instances: attempts per key (an account
 * at an address, an account, an address, a form) in a fixed window that opens with the key's
 * first attempt. An attempt is reserved before the work it guards (a password or TOTP check, a
 * form submission) by one atomic upsert per key, so parallel requests cannot all slip past a
 * count they read before any of them was written.
 */
export interface ThrottleRule {
  key: string;
  limit: number;
  windowMinutes: number;
}

/** Windows never last longer than this; counters whose window opened before it are pruned. */
const LONGEST_WINDOW_MINUTES = 24 * 60;

/**
 * Counts one attempt under every rule, or refuses with 429 and Retry-After while one of them is
 * used up. A refused attempt counts under none of the rules: otherwise an address refused for one
 * account would still feed that account's global back-off and the address's own limit.
 * `messageKey` words the refusal for the situation (sign-in, a form).
 */
export async function reserveAttempt(db: Db, rules: ThrottleRule[], messageKey: 'rateLimited' | 'formRateLimited' = 'rateLimited'): Promise<void> {
  // One lock order for every caller, so two requests sharing keys cannot deadlock.
  const ordered = [...rules].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  await db.transaction(async (tx) => {
    for (const rule of ordered) {
      const window = sql`make_interval(mins => ${rule.windowMinutes}::int)`;
      const [row] = await queryRows<{ attempts: number; seconds_left: number }>(
        tx as unknown as Db,
        sql`insert into throttle_counters as c (key, attempts, window_start) values (${rule.key}, 1, now())
            on conflict (key) do update set
              attempts = case when c.window_start <= now() - ${window} then 1 else c.attempts + 1 end,
              window_start = case when c.window_start <= now() - ${window} then now() else c.window_start end
            returning c.attempts, ceil(extract(epoch from c.window_start + ${window} - now()))::int as seconds_left`,
      );
      if (row && row.attempts > rule.limit) {
        const seconds = Math.max(1, row.seconds_left);
        // Thrown inside the transaction: it rolls back, so this attempt is counted nowhere.
        throw new DomainError('RATE_LIMITED', 429, 'rate-limited', messageKey, { minutes: Math.ceil(seconds / 60) }, [], { 'retry-after': String(seconds) });
      }
    }
  });
  await pruneThrottle(db);
}

/** Gives back an attempt that turned out not to be a failure (the right password), so it does not count. */
export async function releaseAttempt(db: Db, rules: ThrottleRule[]): Promise<void> {
  for (const rule of rules) {
    await db.execute(sql`update throttle_counters set attempts = greatest(attempts - 1, 0) where key = ${rule.key}`);
  }
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.execute(sql`delete from throttle_counters where key = ${key}`);
}

/**
 * Forgets counters of long-closed windows. Rows another request holds are skipped rather than
 * waited for, so pruning never blocks or deadlocks an attempt; a later call takes them.
 */
async function pruneThrottle(db: Db): Promise<void> {
  await db.execute(sql`
    delete from throttle_counters where key in (
      select key from throttle_counters
       where window_start < now() - make_interval(mins => ${LONGEST_WINDOW_MINUTES}::int)
       limit 100 for update skip locked)`);
}
