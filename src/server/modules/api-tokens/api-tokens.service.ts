import { and, eq, isNull } from 'drizzle-orm';
import type { Membership } from '../../../common/api/users.js';
import type { Permission } from '../../../common/permissions.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { asDate, decodeCursor, keyset, toPage } from '../../http/pagination.js';
import { invalidFields, notFound } from '../../http/problems.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertMayGrant } from '../auth/principal.js';
import { API_TOKEN_PREFIX, newSecret } from '../auth/secrets.js';
import { organizationsExist } from '../organizations/organizations.service.js';
import { apiTokens } from './api-tokens.table.js';

/** A token acts with one role in one organisation; `grantor` is what its creator may do, the most the role may carry. */
export async function createApiToken(tx: Db, actor: Actor, grantor: ReadonlySet<Permission>, body: { name: string } & Membership) {
  assertMayGrant(grantor, body.role);
  if ((await organizationsExist(tx, actor.networkId, [body.organizationId])).length) {
    throw invalidFields([{ path: 'body.organizationId', key: 'unknownOrganization' }]);
  }
  const id = newId();
  const { token, hash } = newSecret(actor.networkId, API_TOKEN_PREFIX);
  await tx.insert(apiTokens).values({
    networkId: actor.networkId,
    id,
    name: body.name,
    role: body.role,
    organizationId: body.organizationId,
    tokenHash: hash,
    createdBy: actor.id,
  });
  await recordAudit(tx, actor, { action: 'create', entity: 'api_token', entityId: id, fields: ['name', 'role', 'organizationId'] });
  return { id, token };
}

export async function listApiTokens(tx: Db, networkId: string, query: { limit: number; cursor?: string }) {
  const cursor = decodeCursor(query.cursor);
  const filters = [eq(apiTokens.networkId, networkId)];
  const page = keyset(apiTokens.createdAt, apiTokens.id, cursor, true, asDate);
  if (page.where) filters.push(page.where);
  const rows = await tx.select().from(apiTokens).where(and(...filters)).orderBy(...page.orderBy).limit(query.limit + 1);
  const result = toPage(rows, query.limit, (r) => ({ v: r.createdAt.toISOString(), id: r.id }));
  return {
    items: result.items.map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role,
      organizationId: r.organizationId,
      createdAt: r.createdAt.toISOString(),
      lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
      revokedAt: r.revokedAt?.toISOString() ?? null,
    })),
    nextCursor: result.nextCursor,
  };
}

export async function revokeApiToken(tx: Db, actor: Actor, id: string) {
  const [row] = await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.networkId, actor.networkId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (!row) throw notFound('apiToken');
  await recordAudit(tx, actor, { action: 'revoke', entity: 'api_token', entityId: id });
}
