import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { LOCALES } from '../../../common/locales.js';
import { ROLES } from '../../../common/permissions.js';
import { createdAtColumn, instant, networkIdColumn, updatedAtColumn, versionColumn } from '../../db/columns.js';
import { networks } from '../networks/networks.table.js';
import { organizations } from '../organizations/organizations.table.js';

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

export const users = pgTable(
  'users',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    locale: text('locale', { enum: LOCALES }).notNull().default('de'),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** Last accepted TOTP time step, so a code cannot be replayed. */
    totpLastStep: text('totp_last_step'),
    lastLoginAt: instant('last_login_at'),
    version: versionColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'users_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'users_network_fk', columns: [t.networkId], foreignColumns: [networks.id] }),
    unique('users_email_key').on(t.networkId, t.email),
    check('users_locale_check', inList('locale', LOCALES)),
    check('users_status_check', inList('status', ['active', 'disabled'])),
    index('users_name_idx').on(t.networkId, t.name, t.id),
  ],
);

/** A role a person holds in one organisation of the network (one row per role: an office's coordinator may also be its admin). */
export const memberships = pgTable(
  'memberships',
  {
    networkId: networkIdColumn(),
    userId: uuid('user_id').notNull(),
    organizationId: uuid('organization_id').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'memberships_pkey', columns: [t.networkId, t.userId, t.organizationId, t.role] }),
    foreignKey({
      name: 'memberships_user_fk',
      columns: [t.networkId, t.userId],
      foreignColumns: [users.networkId, users.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'memberships_organization_fk',
      columns: [t.networkId, t.organizationId],
      foreignColumns: [organizations.networkId, organizations.id],
    }),
    check('memberships_role_check', inList('role', ROLES)),
    index('memberships_organization_idx').on(t.networkId, t.organizationId),
  ],
);

/**
 * The one global lookup Lotse keeps: which network an e-mail address signs in to. Sign-in names
 * no network, so an address belongs to one account in all of Lotse. No personal data beyond the
 * address; not under row-level security (listed in lotse_apply_tenancy's exceptions).
 */
export const accountEmails = pgTable(
  'account_emails',
  {
    email: text('email').primaryKey(),
    networkId: uuid('network_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [
    foreignKey({
      name: 'account_emails_user_fk',
      columns: [t.networkId, t.userId],
      foreignColumns: [users.networkId, users.id],
    }).onDelete('cascade'),
  ],
);
