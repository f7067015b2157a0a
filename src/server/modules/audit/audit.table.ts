import { foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant, networkIdColumn } from '../../db/columns.js';
import { networks } from '../networks/networks.table.js';

/**
 * Who did what, when. Holds names of changed fields, never their values. Actors are not foreign
 * keys: the trail outlives deleted accounts.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    networkId: networkIdColumn(),
    id: uuid('id').notNull(),
    at: instant('at').notNull().defaultNow(),
    actorType: text('actor_type', { enum: ['user', 'api_token', 'system', 'anonymous'] }).notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    fields: text('fields').array().notNull().default([]),
    requestId: text('request_id'),
    ip: text('ip'),
  },
  (t) => [
    primaryKey({ name: 'audit_events_pkey', columns: [t.networkId, t.id] }),
    foreignKey({ name: 'audit_events_network_fk', columns: [t.networkId], foreignColumns: [networks.id] }),
    index('audit_events_entity_idx').on(t.networkId, t.entity, t.entityId),
    index('audit_events_actor_idx').on(t.networkId, t.actorId),
  ],
);
