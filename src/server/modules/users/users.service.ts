import { and, eq, ilike, inArray, isNotNull, like, notLike, or, sql } from 'drizzle-orm';
import type { Membership, UpdateUserBody, User, UserListQuery } from '../../../common/api/users.js';
import type { Locale } from '../../../common/locales.js';
import { STAFF_ROLES, type Permission } from '../../../common/permissions.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { openSecret, sealSecret } from '../../db/secret-box.js';
import { withMaintenance } from '../../db/tenancy.js';
import { asDate, decodeCursor, keyset, parseSort, toPage } from '../../http/pagination.js';
import { DomainError, invalidFields, notFound, staleVersion } from '../../http/problems.js';
import type { Actor } from '../audit/actor.js';
import { assertMayGrant } from '../auth/principal.js';
import { recordAudit } from '../audit/audit.service.js';
import { organizationsExist } from '../organizations/organizations.service.js';
import { accountEmails, memberships, users } from './users.table.js';

type UserRow = typeof users.$inferSelect;

export const emailTaken = () => new DomainError('EMAIL_TAKEN', 409, 'email-taken', 'emailTaken');
const lastAdmin = () => new DomainError('LAST_ADMIN', 409, 'last-admin', 'lastAdmin');

/** Which network an address signs in to. Global lookup, outside any tenant. */
export async function findAccount(db: Db, email: string) {
  const [row] = await db.select().from(accountEmails).where(eq(accountEmails.email, email.toLowerCase()));
  return row ?? null;
}

export async function isEmailTaken(db: Db, email: string): Promise<boolean> {
  return (await findAccount(db, email)) !== null;
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string | null;
  locale: Locale;
  memberships: Membership[];
}

/** Creates a person with their roles and claims the address in the global sign-in directory. */
export async function createUser(tx: Db, actor: Actor, input: NewUser): Promise<string> {
  const email = input.email.toLowerCase();
  if (await isEmailTaken(tx, email)) throw emailTaken();
  const id = newId();
  await tx.insert(users).values({
    networkId: actor.networkId,
    id,
    email,
    name: input.name,
    passwordHash: input.passwordHash,
    locale: input.locale,
  });
  // The primary key on the address closes the race between two invitations of the same address.
  const claimed = await tx
    .insert(accountEmails)
    .values({ email, networkId: actor.networkId, userId: id })
    .onConflictDoNothing()
    .returning({ email: accountEmails.email });
  if (claimed.length === 0) throw emailTaken();
  await replaceMemberships(tx, actor.networkId, id, input.memberships);
  await recordAudit(tx, actor, { action: 'create', entity: 'user', entityId: id, fields: ['email', 'name', 'locale', 'memberships'] });
  return id;
}

async function replaceMemberships(tx: Db, networkId: string, userId: string, list: Membership[]) {
  const unique = new Map(list.map((m) => [`${m.organizationId} ${m.role}`, m]));
  const missing = await organizationsExist(tx, networkId, [...new Set(list.map((m) => m.organizationId))]);
  if (missing.length) {
    throw invalidFields(
      list.flatMap((m, i) => (missing.includes(m.organizationId) ? [{ path: `body.memberships.${i}.organizationId`, key: 'unknownOrganization' }] : [])),
    );
  }
  await tx.delete(memberships).where(and(eq(memberships.networkId, networkId), eq(memberships.userId, userId)));
  if (unique.size) {
    await tx.insert(memberships).values([...unique.values()].map((m) => ({ networkId, userId, organizationId: m.organizationId, role: m.role })));
  }
}

export async function membershipsOf(tx: Db, networkId: string, userIds: string[]): Promise<Map<string, Membership[]>> {
  const out = new Map<string, Membership[]>(userIds.map((id) => [id, []]));
  if (!userIds.length) return out;
  const rows = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.networkId, networkId), inArray(memberships.userId, userIds)));
  for (const r of rows) out.get(r.userId)?.push({ organizationId: r.organizationId, role: r.role });
  return out;
}

/** The row with its TOTP secret opened; the only reader of `totp_secret` besides the start-up pass. */
export async function getUserRow(tx: Db, networkId: string, id: string): Promise<UserRow | null> {
  const [row] = await tx.select().from(users).where(and(eq(users.networkId, networkId), eq(users.id, id)));
  if (!row) return null;
  return row.totpSecret ? { ...row, totpSecret: openSecret(row.totpSecret, totpContext(networkId, id)) } : row;
}

function present(row: UserRow, list: Membership[]): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale,
    status: row.status,
    totpEnabled: row.totpEnabled,
    memberships: list,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

/** One person's full record; a read of it is audited. */
export async function getUser(tx: Db, actor: Actor, id: string): Promise<User> {
  const row = await getUserRow(tx, actor.networkId, id);
  if (!row) throw notFound('user');
  const list = (await membershipsOf(tx, actor.networkId, [id])).get(id) ?? [];
  await recordAudit(tx, actor, { action: 'read', entity: 'user', entityId: id });
  return present(row, list);
}

const SORT_COLUMNS = { name: users.name, email: users.email, createdAt: users.createdAt } as const;

export async function listUsers(tx: Db, networkId: string, query: UserListQuery) {
  const { field, desc } = parseSort<keyof typeof SORT_COLUMNS>(query.sort);
  const column = SORT_COLUMNS[field];
  const cursor = decodeCursor(query.cursor);
  const page = keyset(column, users.id, cursor, desc, (v) => (field === 'createdAt' ? asDate(v) : v));
  const filters = [eq(users.networkId, networkId)];
  if (page.where) filters.push(page.where);
  if (query.status) filters.push(eq(users.status, query.status));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(or(ilike(users.name, like), ilike(users.email, like))!);
  }
  if (query.role || query.organizationId) {
    const m = [eq(memberships.networkId, networkId), eq(memberships.userId, users.id)];
    if (query.role) m.push(eq(memberships.role, query.role));
    if (query.organizationId) m.push(eq(memberships.organizationId, query.organizationId));
    filters.push(sql`exists (select 1 from ${memberships} where ${and(...m)})`);
  }
  const rows = await tx.select().from(users).where(and(...filters)).orderBy(...page.orderBy).limit(query.limit + 1);
  const result = toPage(rows, query.limit, (r) => ({
    v: field === 'createdAt' ? r.createdAt.toISOString() : r[field],
    id: r.id,
  }));
  const lists = await membershipsOf(tx, networkId, result.items.map((r) => r.id));
  return { items: result.items.map((r) => present(r, lists.get(r.id) ?? [])), nextCursor: result.nextCursor };
}

async function assertAnAdminRemains(tx: Db, networkId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(
      and(
        eq(users.networkId, networkId),
        eq(users.status, 'active'),
        sql`exists (select 1 from ${memberships} m where m.network_id = ${users.networkId} and m.user_id = ${users.id} and m.role = 'network_admin')`,
      ),
    );
  if (!row || row.n < 1) throw lastAdmin();
}

/** An admin edits a person: name, status, roles per organisation. Stale versions answer 409. */
export async function updateUser(
  tx: Db,
  actor: Actor,
  grantor: ReadonlySet<Permission>,
  id: string,
  body: UpdateUserBody,
  onDisable: (userId: string) => Promise<void>,
): Promise<User> {
  const current = await getUserRow(tx, actor.networkId, id);
  if (!current) throw notFound('user');
  if (body.memberships) {
    // A role the person already holds in that organisation stays; a new one may carry no more than the editor holds.
    const held = new Set(((await membershipsOf(tx, actor.networkId, [id])).get(id) ?? []).map((m) => `${m.organizationId} ${m.role}`));
    for (const m of body.memberships) if (!held.has(`${m.organizationId} ${m.role}`)) assertMayGrant(grantor, m.role);
  }
  const fields: string[] = [];
  const set: Partial<typeof users.$inferInsert> = {};
  if (body.name !== undefined && body.name !== current.name) {
    set.name = body.name;
    fields.push('name');
  }
  if (body.status !== undefined && body.status !== current.status) {
    set.status = body.status;
    fields.push('status');
  }
  const [updated] = await tx
    .update(users)
    .set({ ...set, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(and(eq(users.networkId, actor.networkId), eq(users.id, id), eq(users.version, body.version)))
    .returning();
  if (!updated) throw staleVersion('user');
  if (body.memberships) {
    await replaceMemberships(tx, actor.networkId, id, body.memberships);
    fields.push('memberships');
  }
  if (fields.includes('status') || fields.includes('memberships')) await assertAnAdminRemains(tx, actor.networkId);
  if (updated.status === 'disabled' && current.status !== 'disabled') await onDisable(id);
  await recordAudit(tx, actor, { action: 'update', entity: 'user', entityId: id, fields });
  return present(updated, (await membershipsOf(tx, actor.networkId, [id])).get(id) ?? []);
}

export async function updateOwnProfile(tx: Db, actor: Actor, userId: string, body: { name?: string; locale?: Locale; version: number }) {
  const set: Partial<typeof users.$inferInsert> = {};
  const fields: string[] = [];
  if (body.name !== undefined) {
    set.name = body.name;
    fields.push('name');
  }
  if (body.locale !== undefined) {
    set.locale = body.locale;
    fields.push('locale');
  }
  const [updated] = await tx
    .update(users)
    .set({ ...set, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(and(eq(users.networkId, actor.networkId), eq(users.id, userId), eq(users.version, body.version)))
    .returning();
  if (!updated) throw staleVersion('user');
  await recordAudit(tx, actor, { action: 'update', entity: 'user', entityId: userId, fields });
}

export async function setPasswordHash(tx: Db, networkId: string, userId: string, passwordHash: string) {
  await tx
    .update(users)
    .set({ passwordHash, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(and(eq(users.networkId, networkId), eq(users.id, userId)));
}

/** Bound to its row: a sealed secret copied onto another person does not open there. */
const totpContext = (networkId: string, userId: string) => `users.totp_secret\n${networkId}\n${userId}`;

export async function setTotp(tx: Db, networkId: string, userId: string, values: { totpSecret: string | null; totpEnabled: boolean; totpLastStep?: string | null }) {
  const totpSecret = values.totpSecret === null ? null : sealSecret(values.totpSecret, totpContext(networkId, userId));
  await tx
    .update(users)
    .set({ ...values, totpSecret, version: sql`${users.version} + 1`, updatedAt: new Date() })
    .where(and(eq(users.networkId, networkId), eq(users.id, userId)));
}

/**
 * Start-up pass over every network: seals TOTP secrets still stored in clear (written before
 * encryption, or restored from such a backup), and checks that the installed key opens the sealed
 * ones, so a wrong LOTSE_SECRET_KEY stops the start instead of failing every TOTP sign-in. Rows
 * are locked and the clear-text condition is checked again under the lock, so two instances
 * starting together never seal a secret twice.
 */
export async function sealStoredTotpSecrets(db: Db): Promise<{ sealed: number }> {
  return withMaintenance(db, async (tx) => {
    const [probe] = await tx
      .select({ networkId: users.networkId, id: users.id, totpSecret: users.totpSecret })
      .from(users)
      .where(like(users.totpSecret, 'v1:%'))
      .limit(1);
    if (probe?.totpSecret) {
      try {
        openSecret(probe.totpSecret, totpContext(probe.networkId, probe.id));
      } catch {
        throw new Error('The secret key does not open the stored TOTP secrets: start with the LOTSE_SECRET_KEY (or DATA_DIR/secret.key) they were sealed with.');
      }
    }
    const clear = await tx
      .select({ networkId: users.networkId, id: users.id, totpSecret: users.totpSecret })
      .from(users)
      .where(and(isNotNull(users.totpSecret), notLike(users.totpSecret, 'v1:%')))
      .for('update');
    for (const row of clear) {
      await tx
        .update(users)
        .set({ totpSecret: sealSecret(row.totpSecret!, totpContext(row.networkId, row.id)) })
        .where(and(eq(users.networkId, row.networkId), eq(users.id, row.id), notLike(users.totpSecret, 'v1:%')));
    }
    return { sealed: clear.length };
  });
}

export async function markLogin(tx: Db, networkId: string, userId: string, totpLastStep?: string) {
  await tx
    .update(users)
    .set({ lastLoginAt: new Date(), ...(totpLastStep ? { totpLastStep } : {}) })
    .where(and(eq(users.networkId, networkId), eq(users.id, userId)));
}

export function hasStaffRole(list: Membership[]): boolean {
  return list.some((m) => STAFF_ROLES.includes(m.role));
}

/** Active people with a role anywhere in the network, for notifications. */
export async function activeUsersWithRole(tx: Db, networkId: string, role: Membership['role']) {
  return tx
    .selectDistinct({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.networkId, users.networkId), eq(memberships.userId, users.id)))
    .where(and(eq(users.networkId, networkId), eq(users.status, 'active'), eq(memberships.role, role)));
}
