import { foreignKey, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAtColumn, networkIdColumn, updatedAtColumn, versionColumn } from '../../db/columns.js';
import { networks } from '../networks/networks.table.js';

/**
 * Column mappings a network used before, keyed by its spreadsheet's set of column headers
 * (normalised, order-free): the next upload of the same list needs no mapping again.
 */
export const volunteerImportMappings = pgTable(
  'volunteer_import_mappings',
  {
    networkId: networkIdColumn(),
    /** SHA-256 (hex) of the normalised, sorted header set. */
    headerKey: text('header_key').notNull(),
    /** Normalised header → import field, or null for a column that is ignored. */
    mapping: jsonb('mapping').$type<Record<string, string | null>>().notNull(),
    version: versionColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    primaryKey({ name: 'volunteer_import_mappings_pkey', columns: [t.networkId, t.headerKey] }),
    foreignKey({ name: 'volunteer_import_mappings_network_fk', columns: [t.networkId], foreignColumns: [networks.id] }),
  ],
);
