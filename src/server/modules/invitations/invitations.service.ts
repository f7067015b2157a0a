import { and, eq, gt, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { CreateInvitationBody, Invitation } from '../../../common/api/users.js';
import type { Locale } from '../../../common/locales.js';
import type { Permission } from '../../../common/permissions.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { withTenant } from '../../db/tenancy.js';
import { asDate, decodeCursor, keyset, toPage } from '../../http/pagination.js';
import { invalidFields, notFound } from '../../http/problems.js';
import { formatInstant, t } from '../../i18n.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { tokenInvalid } from '../auth/auth.service.js';
import { assertMayGrant } from '../auth/principal.js';
import { newSecret, parseSecret } from '../auth/secrets.js';
import { enqueueMail } from '../mail/mail.service.js';
import { getNetwork } from '../networks/networks.service.js';
import { firstOrganizationOfKind, getOrganization, organizationsExist } from '../organizations/organizations.service.js';
import { createUser, emailTaken, getUserRow, isEmailTaken } from '../users/users.service.js';
import { linkVolunteerAccount, volunteerForPortal } from '../volunteers/volunteers.service.js';
import { invitations } from './invitations.table.js';

const VALID_DAYS = 7;
type Row = typeof invitations.$inferSelect;

function statusOf(row: Row, now = Date.now()): Invitation['status'] {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt.getTime() <= now ? 'expired' : 'pending';
}

const present = (row: Row): Invitation => ({
  id: row.id,
  email: row.email,
  name: row.name,
  organizationId: row.organizationId,
  role: row.role,
  status: statusOf(row),
  expiresAt: row.expiresAt.toISOString(),
  createdAt: row.createdAt.toISOString(),
});

const STATUS_FILTERS: Record<Invitation['status'], () => SQL> = {
  accepted: () => sql`${invitations.acceptedAt} is not null`,
  revoked: () => and(isNull(invitations.acceptedAt), sql`${invitations.revokedAt} is not null`)!,
  expired: () => and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), lt(invitations.expiresAt, new Date()))!,
  pending: () => and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date()))!,
};

export async function listInvitations(tx: Db, networkId: string, query: { limit: number; cursor?: string; status?: Invitation['status'] }) {
  const cursor = decodeCursor(query.cursor);
  const filters = [eq(invitations.networkId, networkId)];
  if (query.status) filters.push(STATUS_FILTERS[query.status]());
  const page = keyset(invitations.createdAt, invitations.id, cursor, true, asDate);
  if (page.where) filters.push(page.where);
  const rows = await tx.select().from(invitations).where(and(...filters)).orderBy(...page.orderBy).limit(query.limit + 1);
  const result = toPage(rows, query.limit, (r) => ({ v: r.createdAt.toISOString(), id: r.id }));
  return { items: result.items.map(present), nextCursor: result.nextCursor };
}

/**
 * Invites a person by e-mail into one organisation with one role; the link is valid seven days.
 * `grantor` is what the inviting person may do: the most the invited role may carry.
 */
export async function createInvitation(tx: Db, actor: Actor, grantor: ReadonlySet<Permission>, body: CreateInvitationBody, publicUrl: string): Promise<Invitation> {
  assertMayGrant(grantor, body.role);
  return insertInvitation(tx, actor, body, publicUrl, null);
}

async function insertInvitation(tx: Db, actor: Actor, body: CreateInvitationBody, publicUrl: string, volunteerId: string | null): Promise<Invitation> {
  if ((await organizationsExist(tx, actor.networkId, [body.organizationId])).length) {
    throw invalidFields([{ path: 'body.organizationId', key: 'unknownOrganization' }]);
  }
  if (await isEmailTaken(tx, body.email)) throw emailTaken();
  const { token, hash } = newSecret(actor.networkId);
  const [row] = await tx
    .insert(invitations)
    .values({
      networkId: actor.networkId,
      id: newId(),
      email: body.email,
      name: body.name ?? null,
      organizationId: body.organizationId,
      role: body.role,
      tokenHash: hash,
      invitedBy: actor.id,
      volunteerId,
      expiresAt: new Date(Date.now() + VALID_DAYS * 86_400_000),
    })
    .returning();
  const network = await getNetwork(tx, actor.networkId);
  const organization = await getOrganization(tx, actor.networkId, body.organizationId);
  const inviter = actor.type === 'user' && actor.id ? await getUserRow(tx, actor.networkId, actor.id) : null;
  const locale: Locale = inviter?.locale ?? network.settings.defaultLocale;
  await enqueueMail(tx, actor.networkId, {
    to: body.email,
    subject: t(locale, 'mail.invitation.subject', { network: network.name }),
    text: t(locale, 'mail.invitation.body', {
      inviter: inviter?.name ?? network.name,
      network: network.name,
      role: t(locale, `roles.${body.role}`),
      organization: organization.name,
      expires: formatInstant(locale, row!.expiresAt),
      link: `${publicUrl}/invitation?token=${encodeURIComponent(token)}`,
    }),
  });
  await recordAudit(tx, actor, { action: 'create', entity: 'invitation', entityId: row!.id, fields: ['email', 'organizationId', 'role'] });
  return present(row!);
}

export async function revokeInvitation(tx: Db, actor: Actor, id: string): Promise<void> {
  const [row] = await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.networkId, actor.networkId), eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  if (!row) throw notFound('invitation');
  await recordAudit(tx, actor, { action: 'revoke', entity: 'invitation', entityId: id });
}

async function findUsable(tx: Db, networkId: string, hash: string): Promise<Row> {
  const [row] = await tx.select().from(invitations).where(and(eq(invitations.networkId, networkId), eq(invitations.tokenHash, hash)));
  if (!row || statusOf(row) !== 'pending') throw tokenInvalid();
  return row;
}

/** What the invitation page shows before the person sets a password. */
export async function lookupInvitation(db: Db, token: string) {
  const parsed = parseSecret(token);
  if (!parsed) throw tokenInvalid();
  return withTenant(db, parsed.networkId, async (tx) => {
    const row = await findUsable(tx, parsed.networkId, parsed.hash);
    const network = await getNetwork(tx, parsed.networkId);
    const organization = await getOrganization(tx, parsed.networkId, row.organizationId);
    return { email: row.email, name: row.name, networkName: network.name, organizationName: organization.name, role: row.role, expiresAt: row.expiresAt.toISOString() };
  });
}

/** Accepting creates the account with the invited role; the caller then opens a session. */
export async function acceptInvitation(
  tx: Db,
  networkId: string,
  tokenHash: string,
  input: { name: string; passwordHash: string; locale?: Locale },
  meta: { requestId: string; ip: string | null },
): Promise<string> {
  const row = await findUsable(tx, networkId, tokenHash);
  const network = await getNetwork(tx, networkId);
  const actor: Actor = { networkId, type: 'anonymous', id: null, requestId: meta.requestId, ip: meta.ip };
  const userId = await createUser(tx, actor, {
    email: row.email,
    name: input.name,
    passwordHash: input.passwordHash,
    locale: input.locale ?? network.settings.defaultLocale,
    memberships: [{ organizationId: row.organizationId, role: row.role }],
  });
  await tx.update(invitations).set({ acceptedAt: new Date() }).where(and(eq(invitations.networkId, networkId), eq(invitations.id, row.id)));
  if (row.volunteerId) await linkVolunteerAccount(tx, networkId, row.volunteerId, userId);
  await recordAudit(tx, { ...actor, type: 'user', id: userId }, { action: 'accept', entity: 'invitation', entityId: row.id });
  return userId;
}

/**
 * Invites a volunteer to the portal: an invitation with the volunteer role, linked to the profile,
 * so the account that accepts it sees and edits that profile.
 */
export async function invitePortalAccount(tx: Db, actor: Actor, volunteerId: string, organizationId: string | undefined, publicUrl: string): Promise<Invitation> {
  const volunteer = await volunteerForPortal(tx, actor.networkId, volunteerId);
  const pending = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.networkId, actor.networkId), eq(invitations.volunteerId, volunteerId), STATUS_FILTERS.pending()));
  for (const p of pending) await revokeInvitation(tx, actor, p.id);
  const office = organizationId ?? (await firstOrganizationOfKind(tx, actor.networkId, 'coordination_office'));
  if (!office) throw invalidFields([{ path: 'body.organizationId', key: 'required' }]);
  // Always the volunteer role, and every role allowed to manage volunteers holds all of its
  // permissions (asserted in invitations.test.ts), so no grantor check is needed here.
  return insertInvitation(tx, actor, { email: volunteer.email, name: `${volunteer.firstName} ${volunteer.lastName}`, organizationId: office, role: 'volunteer' }, publicUrl, volunteerId);
}
