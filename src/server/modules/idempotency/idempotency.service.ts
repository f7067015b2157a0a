import { and, eq, lt } from 'drizzle-orm';
import { createHash, hkdfSync, randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { open, seal } from '../../db/secret-box.js';
import { idempotencyKeys } from './idempotency.table.js';

/** How long a key answers the first result (IETF draft "The Idempotency-Key HTTP Header Field": a day is customary). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Who a key belongs to and for which operation; the same key of another scope is another key. */
export interface IdempotencyScope {
  networkId: string;
  /** `user:<id>`, `api_token:<id>` or `anonymous`. */
  principal: string;
  method: string;
  /** The route as registered, e.g. `/api/v1/courses/:id/runs`. */
  route: string;
  key: string;
}

export interface StoredAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

export type Claim =
  | { kind: 'claimed'; claimToken: string }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'in-progress' }
  | { kind: 'reused' };

const scopeText = (s: IdempotencyScope) => [s.networkId, s.principal, s.method, s.route].join('\n');

export function keyHashOf(scope: IdempotencyScope): string {
  return createHash('sha256').update(`lotse-idempotency-key\n${scopeText(scope)}\n${scope.key}`).digest('hex');
}

/** SHA-256 over path parameters and the validated body, with object keys sorted so field order does not matter. */
export function fingerprintOf(params: unknown, body: unknown): string {
  return createHash('sha256').update(canonicalJson({ params: params ?? null, body: body ?? null })).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The answer's key: only who holds the client's key can read what was stored under it. */
function cipherKey(scope: IdempotencyScope): Buffer {
  return Buffer.from(hkdfSync('sha256', scope.key, scopeText(scope), 'lotse idempotent answer', 32));
}

/**
 * Claims the key for this request, or says what became of an earlier request under it. The insert
 * is the claim: of two requests at the same moment exactly one inserts, the other sees its row
 * (on PostgreSQL the second insert waits for the first's transaction and then conflicts). An
 * expired row is deleted first, so an old key starts afresh.
 */
export async function claimKey(tx: Db, scope: IdempotencyScope, fingerprint: string, now: Date): Promise<Claim> {
  const keyHash = keyHashOf(scope);
  const mine = and(eq(idempotencyKeys.networkId, scope.networkId), eq(idempotencyKeys.keyHash, keyHash));
  await tx.delete(idempotencyKeys).where(and(mine, lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS))));
  const claimToken = randomUUID();
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ networkId: scope.networkId, keyHash, fingerprint, claimToken, createdAt: now })
    .onConflictDoNothing()
    .returning({ claimToken: idempotencyKeys.claimToken });
  if (inserted.length) return { kind: 'claimed', claimToken };

  const [row] = await tx.select().from(idempotencyKeys).where(mine);
  // Released between our insert and this read: the caller asks again.
  if (!row) return { kind: 'in-progress' };
  if (row.fingerprint !== fingerprint) return { kind: 'reused' };
  if (row.responseStatus === null || !row.responseBody) return { kind: 'in-progress' };
  return { kind: 'replay', answer: { status: row.responseStatus, contentType: row.responseType ?? 'application/json', body: open(cipherKey(scope), row.responseBody) } };
}

/** Keeps the first request's successful answer for the repeats. */
export async function completeKey(tx: Db, scope: IdempotencyScope, claimToken: string, answer: StoredAnswer, now: Date): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ claimToken: null, responseStatus: answer.status, responseType: answer.contentType, responseBody: seal(cipherKey(scope), answer.body), completedAt: now })
    .where(and(eq(idempotencyKeys.networkId, scope.networkId), eq(idempotencyKeys.keyHash, keyHashOf(scope)), eq(idempotencyKeys.claimToken, claimToken)));
}

/** The first request failed and created nothing: the key is free for a corrected retry. */
export async function releaseKey(tx: Db, scope: IdempotencyScope, claimToken: string): Promise<void> {
  await tx
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.networkId, scope.networkId), eq(idempotencyKeys.keyHash, keyHashOf(scope)), eq(idempotencyKeys.claimToken, claimToken)));
}

/** Background job: forgets one network's keys older than a day (they no longer answer anyway). */
export async function forgetExpiredKeys(tx: Db, networkId: string, now: Date): Promise<number> {
  const gone = await tx
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.networkId, networkId), lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS))))
    .returning({ keyHash: idempotencyKeys.keyHash });
  return gone.length;
}

