import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { AuditEvent, AuditListQuery } from '../../../common/api/network.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { asDate, decodeCursor, keyset, toPage } from '../../http/pagination.js';
import { apiTokens } from '../api-tokens/api-tokens.table.js';
import { users } from '../users/users.table.js';
import type { Actor } from './actor.js';
import { auditEvents } from './audit.table.js';
import { entityName, NAMED_ENTITIES } from './display-names.js';

export type AuditAction = AuditEvent['action'];

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId?: string | null;
  /** Names of changed fields, never their values. */
  fields?: string[];
}

/** Writes one audit event in the caller's transaction: no change without its trail. */
export async function recordAudit(tx: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    networkId: actor.networkId,
    id: newId(),
    actorType: actor.type,
    actorId: actor.id,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    fields: entry.fields ?? [],
    requestId: actor.requestId,
    ip: actor.ip,
  });
}

const actorName = sql<string | null>`coalesce(${users.name}, ${apiTokens.name})`;

/** The trail, newest first, each event with the names of its actor and its record (one query). */
export async function listAuditEvents(tx: Db, networkId: string, query: AuditListQuery) {
  const cursor = decodeCursor(query.cursor);
  const filters = [eq(auditEvents.networkId, networkId)];
  if (query.action) filters.push(eq(auditEvents.action, query.action));
  if (query.entity) filters.push(eq(auditEvents.entity, query.entity));
  if (query.entityId) filters.push(eq(auditEvents.entityId, query.entityId));
  if (query.actorId) filters.push(eq(auditEvents.actorId, query.actorId));
  if (query.from) filters.push(gte(auditEvents.at, new Date(query.from)));
  if (query.to) filters.push(lte(auditEvents.at, new Date(query.to)));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(sql`(${actorName} ilike ${like} or ${entityName} ilike ${like})`);
  }
  const page = keyset(auditEvents.at, auditEvents.id, cursor, true, asDate);
  if (page.where) filters.push(page.where);
  const rows = await tx
    .select({
      event: auditEvents,
      actorName,
      entityName,
    })
    .from(auditEvents)
    .leftJoin(users, and(eq(users.networkId, auditEvents.networkId), eq(users.id, auditEvents.actorId)))
    .leftJoin(apiTokens, and(eq(apiTokens.networkId, auditEvents.networkId), eq(apiTokens.id, auditEvents.actorId)))
    .where(and(...filters))
    .orderBy(...page.orderBy)
    .limit(query.limit + 1);
  const result = toPage(rows, query.limit, ({ event }) => ({ v: event.at.toISOString(), id: event.id }));
  const items = result.items.map(({ event: e, actorName, entityName }) => ({
    id: e.id,
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorName,
    action: e.action as AuditAction,
    entity: e.entity,
    entityId: e.entityId,
    entityName,
    entityDeleted: entityName === null && e.entityId !== null && NAMED_ENTITIES.includes(e.entity),
    fields: e.fields,
    requestId: e.requestId,
    ip: e.ip,
  }));
  return { items, nextCursor: result.nextCursor };
}
