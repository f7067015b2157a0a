import { and, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type {
  CreateOrganizationBody,
  Organization,
  OrganizationListQuery,
  UpdateOrganizationBody,
} from '../../../common/api/organizations.js';
import type { Db } from '../../db/client.js';
import { isForeignKeyViolation } from '../../db/errors.js';
import { newId } from '../../db/ids.js';
import { asDate, decodeCursor, keyset, parseSort, toPage } from '../../http/pagination.js';
import { DomainError, notFound, staleVersion } from '../../http/problems.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { memberships } from '../users/users.table.js';
import { organizations } from './organizations.table.js';

type Row = typeof organizations.$inferSelect;

const memberCount = sql<number>`(select count(*)::int from ${memberships} m where m.network_id = ${organizations.networkId} and m.organization_id = ${organizations.id})`;

function present(row: Row, members: number): Organization {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    shortName: row.shortName,
    email: row.email,
    phone: row.phone,
    address: row.address,
    website: row.website,
    memberCount: members,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const SORT_COLUMNS = { name: organizations.name, createdAt: organizations.createdAt } as const;

export async function listOrganizations(tx: Db, networkId: string, query: OrganizationListQuery) {
  const { field, desc } = parseSort<keyof typeof SORT_COLUMNS>(query.sort);
  const page = keyset(SORT_COLUMNS[field], organizations.id, decodeCursor(query.cursor), desc, (v) => (field === 'createdAt' ? asDate(v) : v));
  const filters = [eq(organizations.networkId, networkId)];
  if (page.where) filters.push(page.where);
  if (query.kind) filters.push(eq(organizations.kind, query.kind));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(or(ilike(organizations.name, like), ilike(organizations.shortName, like))!);
  }
  const rows = await tx
    .select({ row: organizations, members: memberCount })
    .from(organizations)
    .where(and(...filters))
    .orderBy(...page.orderBy)
    .limit(query.limit + 1);
  const result = toPage(rows, query.limit, ({ row }) => ({
    v: field === 'createdAt' ? row.createdAt.toISOString() : row.name,
    id: row.id,
  }));
  return { items: result.items.map(({ row, members }) => present(row, members)), nextCursor: result.nextCursor };
}

export async function getOrganization(tx: Db, networkId: string, id: string): Promise<Organization> {
  const [found] = await tx
    .select({ row: organizations, members: memberCount })
    .from(organizations)
    .where(and(eq(organizations.networkId, networkId), eq(organizations.id, id)));
  if (!found) throw notFound('organization');
  return present(found.row, found.members);
}

/** Ids among `ids` that are not organisations of this network. */
export async function organizationsExist(tx: Db, networkId: string, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.networkId, networkId), inArray(organizations.id, ids)));
  const found = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !found.has(id));
}

export async function createOrganization(tx: Db, actor: Actor, body: CreateOrganizationBody): Promise<Organization> {
  const id = newId();
  const [row] = await tx
    .insert(organizations)
    .values({
      networkId: actor.networkId,
      id,
      kind: body.kind,
      name: body.name,
      shortName: body.shortName ?? null,
      email: body.email ?? null,
      phone: body.phone ?? null,
      address: body.address ?? null,
      website: body.website ?? null,
    })
    .returning();
  await recordAudit(tx, actor, { action: 'create', entity: 'organization', entityId: id, fields: Object.keys(body) });
  return present(row!, 0);
}

export async function updateOrganization(tx: Db, actor: Actor, id: string, body: UpdateOrganizationBody): Promise<Organization> {
  const { version, ...changes } = body;
  const [row] = await tx
    .update(organizations)
    .set({ ...changes, version: sql`${organizations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(organizations.networkId, actor.networkId), eq(organizations.id, id), eq(organizations.version, version)))
    .returning({ id: organizations.id });
  if (!row) {
    await getOrganization(tx, actor.networkId, id); // 404 when it does not exist (here)
    throw staleVersion('organization');
  }
  await recordAudit(tx, actor, { action: 'update', entity: 'organization', entityId: id, fields: Object.keys(changes) });
  return getOrganization(tx, actor.networkId, id);
}

export async function deleteOrganization(tx: Db, actor: Actor, id: string): Promise<void> {
  let deleted: { id: string }[];
  try {
    deleted = await tx
      .delete(organizations)
      .where(and(eq(organizations.networkId, actor.networkId), eq(organizations.id, id)))
      .returning({ id: organizations.id });
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new DomainError('ORGANIZATION_IN_USE', 409, 'organization-in-use', 'organizationInUse');
    }
    throw error;
  }
  if (!deleted.length) throw notFound('organization');
  await recordAudit(tx, actor, { action: 'delete', entity: 'organization', entityId: id });
}

/** The oldest organisation of a kind (e.g. the network's coordination office), if any. */
export async function firstOrganizationOfKind(tx: Db, networkId: string, kind: Organization['kind']): Promise<string | null> {
  const [row] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.networkId, networkId), eq(organizations.kind, kind)))
    .orderBy(organizations.createdAt, organizations.id)
    .limit(1);
  return row?.id ?? null;
}
