import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { ROLES } from '../../../common/permissions.js';
import { createdAtColumn, instant, networkIdColumn } from '../../db/columns.js';
import { organizations } from '../organizations/organizations.table.js';
import { volunteers } from '../volunteers/volunteers.table.js';

export const invitations = pgTable(
  'invitations',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    name: text('name'),
    organizationId: uuid('organization_id').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by'),
    /** For the volunteer portal: the profile the new account will be linked to. */
    volunteerId: uuid('volunteer_id'),
    createdAt: createdAtColumn(),
    expiresAt: instant('expires_at').notNull(),
    acceptedAt: instant('accepted_at'),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    primaryKey({ name: 'invitations_pkey', columns: [t.networkId, t.id] }),
    unique('invitations_token_key').on(t.networkId, t.tokenHash),
    foreignKey({
      name: 'invitations_organization_fk',
      columns: [t.networkId, t.organizationId],
      foreignColumns: [organizations.networkId, organizations.id],
    }),
    foreignKey({
      name: 'invitations_volunteer_fk',
      columns: [t.networkId, t.volunteerId],
      foreignColumns: [volunteers.networkId, volunteers.id],
    }).onDelete('cascade'),
    check('invitations_role_check', sql.raw(`role in (${ROLES.map((r) => `'${r}'`).join(', ')})`)),
    index('invitations_created_idx').on(t.networkId, t.createdAt, t.id),
  ],
);
