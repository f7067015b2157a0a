import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ORGANIZATION_KINDS } from '../../../common/organizations.js';
import { createdAtColumn, networkIdColumn, updatedAtColumn, versionColumn } from '../../db/columns.js';
import { networks } from '../networks/networks.table.js';

export const organizations = pgTable(
  'organizations',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    kind: text('kind', { enum: ORGANIZATION_KINDS }).notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    website: text('website'),
    version: versionColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'organizations_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'organizations_network_fk', columns: [t.networkId], foreignColumns: [networks.id] }),
    check(
      'organizations_kind_check',
      sql.raw(`kind in (${ORGANIZATION_KINDS.map((k) => `'${k}'`).join(', ')})`),
    ),
    index('organizations_name_idx').on(t.networkId, t.name, t.id),
  ],
);
