import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAtColumn, instant, networkIdColumn } from '../../db/columns.js';

/**
 * The answers to create requests that carried an `Idempotency-Key` header, kept 24 hours so a
 * repeat answers the first result instead of creating again (docs/decisions/0010-idempotency.md).
 * Neither the client's key nor the answer is stored readable: the row is found by a hash of the
 * key and its scope, and the answer is encrypted with a key derived from the client's key (an API
 * token's secret is in such an answer). Derived data: left out of backups, swept after a day; no
 * foreign key (like matching_changes), so a restore, which leaves this table alone, can replace the
 * networks.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    networkId: networkIdColumn(),
    /** SHA-256 over who asked (user, API token or anonymous), method, route and the client's key. */
    keyHash: text('key_hash').notNull(),
    /** SHA-256 over the path parameters and the validated body: a different request under the same key is refused. */
    fingerprint: text('fingerprint').notNull(),
    /** Set while the first request runs, so only it completes or releases the claim. */
    claimToken: uuid('claim_token'),
    responseStatus: integer('response_status'),
    responseType: text('response_type'),
    /** AES-256-GCM: 12 bytes IV, 16 bytes tag, then the answer's body. */
    responseBody: bytea('response_body'),
    createdAt: createdAtColumn(),
    completedAt: instant('completed_at'),
  },
  (t) => [
    primaryKey({ name: 'idempotency_keys_pkey', columns: [t.networkId, t.keyHash] }),
    index('idempotency_keys_created_idx').on(t.networkId, t.createdAt),
    check('idempotency_keys_state_check', sql`(claim_token is null) = (response_status is not null)`),
  ],
);
