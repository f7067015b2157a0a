import { sql } from 'drizzle-orm';
import { check, foreignKey, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { ROLES } from '../../../common/permissions.js';
import { createdAtColumn, instant, networkIdColumn } from '../../db/columns.js';
import { organizations } from '../organizations/organizations.table.js';

/** Tokens for integrations: each acts with exactly one role in one organisation. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    organizationId: uuid('organization_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAtColumn(),
    lastUsedAt: instant('last_used_at'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    primaryKey({ name: 'api_tokens_pkey', columns: [t.networkId, t.id] }),
    unique('api_tokens_token_key').on(t.networkId, t.tokenHash),
    foreignKey({
      name: 'api_tokens_organization_fk',
      columns: [t.networkId, t.organizationId],
      foreignColumns: [organizations.networkId, organizations.id],
    }),
    check('api_tokens_role_check', sql.raw(`role in (${ROLES.map((r) => `'${r}'`).join(', ')})`)),
  ],
);
