import { jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { NetworkSettings } from '../../../common/api/network.js';
import { createdAtColumn, updatedAtColumn, versionColumn } from '../../db/columns.js';

/** The tenant registry. Holds no personal data; a Citus reference table when distributed. */
export const networks = pgTable(
  'networks',
  {
    id: uuid('id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    settings: jsonb('settings').$type<NetworkSettings>().notNull(),
    version: versionColumn(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [uniqueIndex('networks_slug_key').on(t.slug)],
);
