import { sql } from 'drizzle-orm';
import { check, doublePrecision, foreignKey, index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { CATALOG_KINDS } from '../../../common/api/catalog.js';
import type { Translations } from '../../../common/api/translations.js';
import { createdAtColumn, networkIdColumn, updatedAtColumn, versionColumn } from '../../db/columns.js';
import { networks } from '../networks/networks.table.js';

/**
 * Catalogue entries of one network: specialisations, topics (fields of deployment) and districts
 * with coordinates. Others refer to an entry by (kind, key); a foreign key on that pair keeps an
 * entry in use from being deleted.
 */
export const catalogEntries = pgTable(
  'catalog_entries',
  {
    networkId: networkIdColumn(),
    kind: text('kind', { enum: CATALOG_KINDS }).notNull(),
    key: text('key').notNull(),
    /** The German name (required); `names` holds the other UI languages' names, each optional. */
    name: text('name').notNull(),
    names: jsonb('names').$type<Translations>().notNull().default({}),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    parentKey: text('parent_key'),
    version: versionColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'catalog_entries_pkey', columns: [t.networkId, t.kind, t.key] }),
    foreignKey({ name: 'catalog_entries_network_fk', columns: [t.networkId], foreignColumns: [networks.id] }),
    foreignKey({ name: 'catalog_entries_parent_fk', columns: [t.networkId, t.kind, t.parentKey], foreignColumns: [t.networkId, t.kind, t.key] }),
    check('catalog_entries_kind_check', sql.raw(`kind in (${CATALOG_KINDS.map((k) => `'${k}'`).join(', ')})`)),
    check('catalog_entries_parent_check', sql`parent_key is null or kind = 'districts'`),
    check('catalog_entries_names_check', sql`jsonb_typeof(names) = 'object'`),
    index('catalog_entries_name_idx').on(t.networkId, t.kind, t.name),
  ],
);
