import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/harness.js';
import type { Database } from '../../db/client.js';
import { DomainError } from '../../http/problems.js';
import { throttleCounters } from './auth.table.js';
import { releaseAttempt, reserveAttempt, type ThrottleRule } from './throttle.js';

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await createTestDatabase());
});
afterAll(() => drop());

const attemptsOf = async (key: string) => (await database.db.select().from(throttleCounters).where(eq(throttleCounters.key, key)))[0]?.attempts ?? 0;
const outcome = (p: Promise<void>) =>
  p.then(
    () => 'ok' as const,
    (e: unknown) => {
      if (e instanceof DomainError && e.status === 429) return e;
      throw e;
    },
  );

describe(`throttle counters (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lets exactly the limit of 20 parallel attempts through and refuses the rest with 429 and Retry-After', async () => {
    const rules: ThrottleRule[] = [{ key: 'form-ip:192.0.2.1', limit: 5, windowMinutes: 60 }];
    const results = await Promise.all(Array.from({ length: 20 }, () => outcome(reserveAttempt(database.db, rules, 'formRateLimited'))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(5);
    const refused = results.filter((r): r is DomainError => r !== 'ok');
    expect(refused).toHaveLength(15);
    expect(refused[0]!.messageKey).toBe('formRateLimited');
    expect(Number(refused[0]!.headers['retry-after'])).toBeGreaterThan(59 * 60);
    expect(refused[0]!.values).toEqual({ minutes: 60 });
    expect(await attemptsOf('form-ip:192.0.2.1')).toBe(5);
  });

  it('counts a refused attempt under none of its rules, so one used-up key cannot feed another', async () => {
    const narrow = { key: 'narrow', limit: 1, windowMinutes: 15 };
    const wide = { key: 'wide', limit: 100, windowMinutes: 60 };
    await reserveAttempt(database.db, [narrow, wide]);
    for (let i = 0; i < 5; i++) expect(await outcome(reserveAttempt(database.db, [narrow, wide]))).toBeInstanceOf(DomainError);
    expect(await attemptsOf('narrow')).toBe(1);
    expect(await attemptsOf('wide')).toBe(1);
  });

  it('opens a fresh window once the old one has passed', async () => {
    const rule = { key: 'window', limit: 1, windowMinutes: 15 };
    await reserveAttempt(database.db, [rule]);
    expect(await outcome(reserveAttempt(database.db, [rule]))).toBeInstanceOf(DomainError);
    await database.db.execute(sql`update throttle_counters set window_start = now() - interval '16 minutes' where key = 'window'`);
    expect(await outcome(reserveAttempt(database.db, [rule]))).toBe('ok');
    expect(await attemptsOf('window')).toBe(1);
  });

  it('gives an attempt back on release, never below zero', async () => {
    const rule = { key: 'release', limit: 2, windowMinutes: 15 };
    await reserveAttempt(database.db, [rule]);
    await reserveAttempt(database.db, [rule]);
    await releaseAttempt(database.db, [rule]);
    expect(await outcome(reserveAttempt(database.db, [rule]))).toBe('ok');
    await releaseAttempt(database.db, [rule]);
    await releaseAttempt(database.db, [rule]);
    await releaseAttempt(database.db, [rule]);
    expect(await attemptsOf('release')).toBe(0);
  });

  it('forgets counters whose window opened more than a day ago', async () => {
    await reserveAttempt(database.db, [{ key: 'stale', limit: 5, windowMinutes: 15 }]);
    await database.db.execute(sql`update throttle_counters set window_start = now() - interval '25 hours' where key = 'stale'`);
    await reserveAttempt(database.db, [{ key: 'fresh', limit: 5, windowMinutes: 15 }]);
    expect((await database.db.select().from(throttleCounters).where(eq(throttleCounters.key, 'stale'))).length).toBe(0);
  });
});
