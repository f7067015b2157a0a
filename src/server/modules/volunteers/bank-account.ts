import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { BankAccount, PendingBankAccount } from '../../../common/api/volunteers.js';
import type { Locale } from '../../../common/locales.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { withTenant } from '../../db/tenancy.js';
import { DomainError } from '../../http/problems.js';
import { formatInstant, t } from '../../i18n.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { tokenInvalid } from '../auth/auth.service.js';
import { newSecret, parseSecret } from '../auth/secrets.js';
import { enqueueMail } from '../mail/mail.service.js';
import { getNetwork } from '../networks/networks.service.js';
import { users } from '../users/users.table.js';
import { bankAccountChanges, volunteers } from './volunteers.table.js';

/** A change nobody confirms lapses: payouts keep using the account confirmed before. */
export const PENDING_DAYS = 14;

type Change = typeof bankAccountChanges.$inferSelect;
type Decision = 'confirmed' | 'rejected';

/** Whose account: the fields of the volunteer row that staging reads, as they were before the request. */
interface Holder {
  id: string;
  userId: string | null;
  email: string | null;
  firstName: string;
  iban: string | null;
  bic: string | null;
  accountHolder: string | null;
}

export const maskIban = (iban: string) => `•••• ${iban.slice(-4)}`;

const open = (networkId: string) =>
  and(eq(bankAccountChanges.networkId, networkId), isNull(bankAccountChanges.decidedAt), gt(bankAccountChanges.expiresAt, sql`now()`))!;

const noPendingChange = () => new DomainError('BANK_CHANGE_NOT_PENDING', 404, 'bank-change-not-pending', 'bankChangeNotPending');

const sameAccount = (a: { iban: string | null; bic: string | null; accountHolder: string | null }, b: BankAccount) =>
  a.iban === b.iban && (a.bic ?? null) === (b.bic ?? null) && a.accountHolder === b.accountHolder;

async function supersede(tx: Db, networkId: string, volunteerId: string) {
  await tx
    .update(bankAccountChanges)
    .set({ decision: 'superseded', decidedAt: new Date() })
    .where(
      and(
        eq(bankAccountChanges.networkId, networkId),
        eq(bankAccountChanges.volunteerId, volunteerId),
        isNull(bankAccountChanges.decidedAt),
      ),
    );
}

/**
 * A bank account given by someone other than the volunteer (a coordinator, an import, an API key).
 * Removing the account applies at once: no money can go anywhere by it. A new account waits for
 * her confirmation; the account confirmed before stays in use. The link goes to her portal
 * account's address, else to the address on record before this request, so that whoever changes
 * the account cannot send the link to themselves in the same breath. Returns the audit fields.
 */
export async function stageBankAccount(
  tx: Db,
  actor: Actor,
  holder: Holder,
  account: BankAccount | null,
  publicUrl: string | undefined,
): Promise<string[]> {
  if (account === null) {
    if (holder.iban === null) return [];
    await tx
      .update(volunteers)
      .set({ iban: null, bic: null, accountHolder: null, bankAccountEnteredBy: null })
      .where(and(eq(volunteers.networkId, actor.networkId), eq(volunteers.id, holder.id)));
    return ['bankAccount'];
  }
  // Forms send the account back unchanged with every save: that is no change.
  if (sameAccount(holder, account)) return [];
  const [pending] = await tx
    .select()
    .from(bankAccountChanges)
    .where(and(open(actor.networkId), eq(bankAccountChanges.volunteerId, holder.id)));
  if (pending && sameAccount(pending, account)) return [];

  await supersede(tx, actor.networkId, holder.id);
  const { token, hash } = newSecret(actor.networkId);
  const id = newId();
  const expiresAt = new Date(Date.now() + PENDING_DAYS * 86_400_000);
  await tx.insert(bankAccountChanges).values({
    networkId: actor.networkId,
    id,
    volunteerId: holder.id,
    iban: account.iban,
    bic: account.bic ?? null,
    accountHolder: account.accountHolder,
    requestedBy: actor.type === 'user' ? actor.id : null,
    tokenHash: hash,
    expiresAt,
  });
  await recordAudit(tx, actor, { action: 'update', entity: 'volunteer', entityId: holder.id, fields: ['bankAccount:pending'] });

  const network = await getNetwork(tx, actor.networkId);
  const [portalAccount] = holder.userId
    ? await tx
        .select({ email: users.email, locale: users.locale })
        .from(users)
        .where(and(eq(users.networkId, actor.networkId), eq(users.id, holder.userId)))
    : [];
  const to = portalAccount?.email ?? holder.email;
  if (!to || !publicUrl) return [];
  const locale: Locale = portalAccount?.locale ?? network.settings.defaultLocale;
  const requester =
    actor.type === 'user' && actor.id
      ? (
          await tx
            .select({ name: users.name })
            .from(users)
            .where(and(eq(users.networkId, actor.networkId), eq(users.id, actor.id)))
        )[0]
      : undefined;
  await enqueueMail(tx, actor.networkId, {
    to,
    subject: t(locale, 'mail.bankAccountChange.subject', { network: network.name }),
    text: t(locale, 'mail.bankAccountChange.body', {
      name: holder.firstName,
      requester: requester?.name ?? network.name,
      network: network.name,
      last4: account.iban.slice(-4),
      expires: formatInstant(locale, expiresAt),
      link: `${publicUrl}/bank-confirmation?token=${encodeURIComponent(token)}`,
    }),
  });
  return [];
}

/** The volunteer enters her own account: it applies at once and ends any change waiting for her. */
export async function ownBankAccountEntered(tx: Db, networkId: string, volunteerId: string): Promise<void> {
  await supersede(tx, networkId, volunteerId);
}

async function present(tx: Db, row: Change): Promise<PendingBankAccount> {
  const [by] = row.requestedBy
    ? await tx
        .select({ name: users.name })
        .from(users)
        .where(and(eq(users.networkId, row.networkId), eq(users.id, row.requestedBy)))
    : [];
  return {
    id: row.id,
    ibanMasked: maskIban(row.iban),
    bic: row.bic,
    accountHolder: row.accountHolder,
    requestedAt: row.requestedAt.toISOString(),
    requestedByName: by?.name ?? null,
    expiresAt: row.expiresAt.toISOString(),
  };
}

/** The change waiting for the volunteer's confirmation, if any. */
export async function pendingBankAccount(tx: Db, networkId: string, volunteerId: string): Promise<PendingBankAccount | null> {
  const [row] = await tx
    .select()
    .from(bankAccountChanges)
    .where(and(open(networkId), eq(bankAccountChanges.volunteerId, volunteerId)));
  return row ? present(tx, row) : null;
}

/**
 * Spends the open change in one statement, so that of parallel decisions exactly one wins; a
 * confirmed account replaces the one in use, remembering who entered it.
 */
async function decide(tx: Db, actor: Actor, where: ReturnType<typeof and>, decision: Decision): Promise<Change | null> {
  const [row] = await tx.update(bankAccountChanges).set({ decision, decidedAt: new Date() }).where(where).returning();
  if (!row) return null;
  if (decision === 'confirmed') {
    await tx
      .update(volunteers)
      .set({
        iban: row.iban,
        bic: row.bic,
        accountHolder: row.accountHolder,
        bankAccountEnteredBy: row.requestedBy,
        version: sql`${volunteers.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(volunteers.networkId, row.networkId), eq(volunteers.id, row.volunteerId)));
  }
  await recordAudit(tx, actor, { action: 'update', entity: 'volunteer', entityId: row.volunteerId, fields: [`bankAccount:${decision}`] });
  return row;
}

/** The volunteer decides in the portal. */
export async function decideOwnBankChange(tx: Db, actor: Actor, volunteerId: string, changeId: string, decision: Decision): Promise<void> {
  const row = await decide(
    tx,
    actor,
    and(open(actor.networkId), eq(bankAccountChanges.volunteerId, volunteerId), eq(bankAccountChanges.id, changeId)),
    decision,
  );
  if (!row) throw noPendingChange();
}

/** What the mailed link's page shows before she decides. */
export async function lookupBankChange(db: Db, token: string): Promise<PendingBankAccount & { networkName: string }> {
  const parsed = parseSecret(token);
  if (!parsed) throw tokenInvalid();
  return withTenant(db, parsed.networkId, async (tx) => {
    const [row] = await tx
      .select()
      .from(bankAccountChanges)
      .where(and(open(parsed.networkId), eq(bankAccountChanges.tokenHash, parsed.hash)));
    if (!row) throw tokenInvalid();
    return { ...(await present(tx, row)), networkName: (await getNetwork(tx, parsed.networkId)).name };
  });
}

/** She decides by the mailed link: the token is good for one decision. */
export async function decideBankChangeByToken(
  db: Db,
  token: string,
  decision: Decision,
  meta: { requestId: string; ip: string | null },
): Promise<void> {
  const parsed = parseSecret(token);
  if (!parsed) throw tokenInvalid();
  await withTenant(db, parsed.networkId, async (tx) => {
    const actor: Actor = { networkId: parsed.networkId, type: 'anonymous', id: null, requestId: meta.requestId, ip: meta.ip };
    const row = await decide(tx, actor, and(open(parsed.networkId), eq(bankAccountChanges.tokenHash, parsed.hash)), decision);
    if (!row) throw tokenInvalid();
  });
}

/**
 * Per volunteer, who besides herself entered the account in use or the one waiting: they neither
 * approve her claims nor pay her out.
 */
export async function bankAccountEnterers(tx: Db, networkId: string, volunteerIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (!volunteerIds.length) return out;
  const add = (v: string, u: string | null) => {
    if (u) out.set(v, (out.get(v) ?? new Set()).add(u));
  };
  const ids = [...new Set(volunteerIds)];
  const current = await tx
    .select({ id: volunteers.id, by: volunteers.bankAccountEnteredBy })
    .from(volunteers)
    .where(and(eq(volunteers.networkId, networkId), inArray(volunteers.id, ids)));
  for (const r of current) add(r.id, r.by);
  const waiting = await tx
    .select({ id: bankAccountChanges.volunteerId, by: bankAccountChanges.requestedBy })
    .from(bankAccountChanges)
    .where(and(open(networkId), inArray(bankAccountChanges.volunteerId, ids)));
  for (const r of waiting) add(r.id, r.by);
  return out;
}

/** The volunteers among these with a change waiting for their confirmation. */
export async function volunteersAwaitingConfirmation(tx: Db, networkId: string, volunteerIds: string[]): Promise<Set<string>> {
  if (!volunteerIds.length) return new Set();
  const rows = await tx
    .select({ id: bankAccountChanges.volunteerId })
    .from(bankAccountChanges)
    .where(and(open(networkId), inArray(bankAccountChanges.volunteerId, [...new Set(volunteerIds)])));
  return new Set(rows.map((r) => r.id));
}
