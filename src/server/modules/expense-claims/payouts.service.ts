// Payouts: a batch of approved claims paid by one SEPA credit transfer (or a bank's CSV), released
// by a second person where the network asks for it. The claims themselves are expense-claims.service.ts.
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { CreatePayoutBody, Payout, PayoutDetail, PayoutListQuery } from '../../../common/api/expense-claims.js';
import type { NetworkSettings } from '../../../common/api/network.js';
import type { Locale } from '../../../common/locales.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { decodeCursor, keyset, toPage } from '../../http/pagination.js';
import { DomainError, invalidFields, notFound, staleVersion, type FieldError } from '../../http/problems.js';
import { t } from '../../i18n.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { getNetwork } from '../networks/networks.service.js';
import { users } from '../users/users.table.js';
import { berlinToday } from '../volunteers/profile.js';
import { bankAccountEnterers, volunteersAwaitingConfirmation } from '../volunteers/bank-account.js';
import { volunteers } from '../volunteers/volunteers.table.js';
import { expenseClaims, payouts } from './expense-claims.table.js';
import { payoutCsv, transfersOf } from './payout-csv.js';
import { cursorInstant } from './expense-claims.service.js';
import { creditTransferXml, isValidBic, isValidIban, SepaInputError, toSepaText } from './sepa.js';

const payoutAccountMissing = () => new DomainError('PAYOUT_ACCOUNT_MISSING', 422, 'payout-account-missing', 'payoutAccountMissing');
const bankAccountsMissing = (errors: FieldError[]) =>
  new DomainError(
    'PAYOUT_BANK_ACCOUNTS_MISSING',
    422,
    'bank-account-missing',
    'payoutBankAccountsMissing',
    { count: errors.length },
    errors,
  );
const bankConfirmationPending = (errors: FieldError[]) =>
  new DomainError(
    'PAYOUT_BANK_CONFIRMATION_PENDING',
    422,
    'bank-confirmation-pending',
    'payoutBankConfirmationPending',
    { count: errors.length },
    errors,
  );
const fourEyesPayout = (errors: FieldError[]) => new DomainError('FOUR_EYES_PAYOUT', 403, 'four-eyes', 'fourEyesPayout', { count: errors.length }, errors);
const secondPersonNeeded = () => new DomainError('PAYOUT_SECOND_PERSON', 403, 'four-eyes', 'payoutSecondPerson');
const payoutNotReleased = () => new DomainError('PAYOUT_NOT_RELEASED', 409, 'payout-not-released', 'payoutNotReleased');
const payoutReleased = () => new DomainError('PAYOUT_RELEASED', 409, 'payout-released', 'payoutReleased');
const nothingToPayOut = () => new DomainError('NOTHING_TO_PAY_OUT', 422, 'nothing-to-pay-out', 'nothingToPayOut');
const payoutPaid = () => new DomainError('PAYOUT_PAID', 409, 'payout-paid', 'payoutPaid');


const creator = alias(users, 'creator');
const releaser = alias(users, 'releaser');
const payer = alias(users, 'payer');

function payoutQuery(tx: Db) {
  return tx
    .select({ row: payouts, createdByName: creator.name, releasedByName: releaser.name, paidByName: payer.name })
    .from(payouts)
    .leftJoin(creator, and(eq(creator.networkId, payouts.networkId), eq(creator.id, payouts.createdByUserId)))
    .leftJoin(releaser, and(eq(releaser.networkId, payouts.networkId), eq(releaser.id, payouts.releasedByUserId)))
    .leftJoin(payer, and(eq(payer.networkId, payouts.networkId), eq(payer.id, payouts.paidByUserId)));
}

type SelectedPayout = Awaited<ReturnType<ReturnType<typeof payoutQuery>['execute']>>[number];

function presentPayout(r: SelectedPayout): Payout {
  const p = r.row;
  return {
    id: p.id,
    messageId: p.messageId,
    executionDate: p.executionDate,
    claimCount: p.claimCount,
    totalCents: p.totalCents,
    createdAt: p.createdAt.toISOString(),
    createdByName: r.createdByName,
    releasedAt: p.releasedAt?.toISOString() ?? null,
    releasedByName: p.releasedAt ? r.releasedByName : null,
    paidAt: p.paidAt?.toISOString() ?? null,
    paidByName: p.paidAt ? r.paidByName : null,
  };
}

async function findPayout(tx: Db, networkId: string, id: string): Promise<SelectedPayout> {
  const [row] = await payoutQuery(tx).where(and(eq(payouts.networkId, networkId), eq(payouts.id, id)));
  if (!row) throw notFound('payout');
  return row;
}

async function claimsOfPayout(tx: Db, networkId: string, payoutId: string) {
  return tx
    .select({
      id: expenseClaims.id,
      volunteerId: expenseClaims.volunteerId,
      volunteerName: sql<string>`${volunteers.firstName} || ' ' || ${volunteers.lastName}`,
      totalCents: expenseClaims.totalCents,
      status: expenseClaims.status,
    })
    .from(expenseClaims)
    .innerJoin(volunteers, and(eq(volunteers.networkId, expenseClaims.networkId), eq(volunteers.id, expenseClaims.volunteerId)))
    .where(and(eq(expenseClaims.networkId, networkId), eq(expenseClaims.payoutId, payoutId)))
    .orderBy(asc(volunteers.lastName), asc(volunteers.firstName), asc(expenseClaims.createdAt), asc(expenseClaims.id));
}

export async function listPayouts(tx: Db, networkId: string, query: PayoutListQuery) {
  const page = keyset(payouts.createdAt, payouts.id, decodeCursor(query.cursor), true, cursorInstant);
  const rows = await payoutQuery(tx)
    .where(and(eq(payouts.networkId, networkId), ...(page.where ? [page.where] : [])))
    .orderBy(...page.orderBy)
    .limit(query.limit + 1);
  const result = toPage(rows, query.limit, (r) => ({ v: r.row.createdAt.toISOString(), id: r.row.id }));
  return { items: result.items.map(presentPayout), nextCursor: result.nextCursor };
}

export async function getPayout(tx: Db, networkId: string, id: string): Promise<PayoutDetail> {
  const payout = await findPayout(tx, networkId, id);
  return { ...presentPayout(payout), claims: await claimsOfPayout(tx, networkId, id) };
}

/** SEPA identifiers (≤ 35 characters): the id's 32 hexadecimal digits. */
const sepaId = (uuid: string) => uuid.replace(/-/g, '').toUpperCase();

function validDebtor(account: NetworkSettings['payoutAccount']) {
  return (
    !!account && isValidIban(account.iban) && (!account.bic || isValidBic(account.bic)) && /[A-Za-z0-9]/.test(toSepaText(account.name, 70))
  );
}

interface BankAccount {
  iban: string | null;
  bic: string | null;
  accountHolder: string | null;
}

function validCreditor(v: BankAccount): v is { iban: string; bic: string | null; accountHolder: string } {
  return (
    !!v.iban &&
    !!v.accountHolder &&
    isValidIban(v.iban) &&
    (!v.bic || isValidBic(v.bic)) &&
    /[A-Za-z0-9]/.test(toSepaText(v.accountHolder, 70))
  );
}

/** The remittance text is Latin-only (SEPA): an Arabic-speaking network's volunteers read it in English. */
const remittanceLocale = (locale: Locale): Locale => (locale === 'ar' ? 'en' : locale);

/**
 * Pays out approved claims not yet in a payout (those named, or all): one SEPA credit-transfer file
 * from the network's payout account, one transfer per claim (its id is the end-to-end id, so a
 * returned transfer names its claim). Refused, writing nothing, when the network has no valid
 * payout account or any volunteer lacks a valid bank account.
 */
export async function createPayout(tx: Db, actor: Actor, body: CreatePayoutBody): Promise<PayoutDetail> {
  const today = berlinToday();
  if (body.executionDate < today) throw invalidFields([{ path: 'body.executionDate', key: 'executionDateInPast' }]);
  const payable = and(eq(expenseClaims.status, 'approved'), isNull(expenseClaims.payoutId))!;
  const selection = {
    id: expenseClaims.id,
    volunteerId: expenseClaims.volunteerId,
    totalCents: expenseClaims.totalCents,
    createdAt: expenseClaims.createdAt,
    payable: sql<boolean>`(${payable})`,
    firstName: volunteers.firstName,
    lastName: volunteers.lastName,
    iban: volunteers.iban,
    bic: volunteers.bic,
    accountHolder: volunteers.accountHolder,
  };
  const filters: SQL[] = [eq(expenseClaims.networkId, actor.networkId)];
  if (body.claimIds) filters.push(inArray(expenseClaims.id, body.claimIds));
  else filters.push(payable);
  const rows = await tx
    .select(selection)
    .from(expenseClaims)
    .innerJoin(volunteers, and(eq(volunteers.networkId, expenseClaims.networkId), eq(volunteers.id, expenseClaims.volunteerId)))
    .where(and(...filters))
    .orderBy(asc(volunteers.lastName), asc(volunteers.firstName), asc(expenseClaims.createdAt), asc(expenseClaims.id));
  if (body.claimIds) {
    const ids = body.claimIds;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const errors: FieldError[] = ids.flatMap((id, i) => {
      if (ids.indexOf(id) !== i) return [{ path: `body.claimIds.${i}`, key: 'duplicate' }];
      const claim = byId.get(id);
      if (!claim) return [{ path: `body.claimIds.${i}`, key: 'unknownClaim' }];
      return claim.payable ? [] : [{ path: `body.claimIds.${i}`, key: 'claimNotPayable' }];
    });
    if (errors.length) throw invalidFields(errors);
  }
  if (!rows.length) throw nothingToPayOut();
  const network = await getNetwork(tx, actor.networkId);
  const account = network.settings.payoutAccount;
  if (!account || !validDebtor(account)) throw payoutAccountMissing();

  const nameOf = new Map(rows.map((r) => [r.volunteerId, `${r.firstName} ${r.lastName}`]));
  const named = (ids: Iterable<string>, key: string): FieldError[] =>
    [...new Set(ids)].map((volunteerId) => ({ path: `volunteers.${volunteerId}`, key, values: { name: nameOf.get(volunteerId)! } }));
  // An account entered by someone else is used only once she confirmed it: until then nobody knows which account is hers.
  const awaiting = await volunteersAwaitingConfirmation(tx, actor.networkId, [...nameOf.keys()]);
  if (awaiting.size) throw bankConfirmationPending(named(awaiting, 'bankConfirmationPending'));
  await assertNotEnteredBy(tx, actor, [...nameOf.keys()], named);

  // Every volunteer without a usable account is named at once, so the office can fix them all.
  const missing = new Map<string, string>();
  for (const r of rows) if (!validCreditor(r)) missing.set(r.volunteerId, `${r.firstName} ${r.lastName}`);
  const missingError = () =>
    bankAccountsMissing(
      [...missing].map(([volunteerId, name]) => ({ path: `volunteers.${volunteerId}`, key: 'bankAccountMissing', values: { name } })),
    );
  if (missing.size) throw missingError();

  const id = newId();
  const messageId = sepaId(id);
  const createdAt = new Date();
  const locale = remittanceLocale(network.settings.defaultLocale);
  let xml: string;
  try {
    xml = creditTransferXml({
      messageId,
      createdAt,
      executionDate: body.executionDate,
      debtor: { name: account.name, iban: account.iban, bic: account.bic ?? null },
      transfers: rows.map((r) => ({
        endToEndId: sepaId(r.id),
        creditor: { name: r.accountHolder!, iban: r.iban!, bic: r.bic },
        amountCents: r.totalCents,
        remittance: t(locale, 'expenseClaims.remittance', { network: network.name, date: berlinToday(r.createdAt) }),
      })),
    });
  } catch (error) {
    if (!(error instanceof SepaInputError)) throw error;
    // The checks above mirror the writer's; what still slips through (an IBAN of a country outside SEPA) is named the same way.
    const index = /^transfers\[(\d+)\]/.exec(error.path)?.[1];
    const row = index === undefined ? undefined : rows[Number(index)];
    if (!row) throw payoutAccountMissing();
    missing.set(row.volunteerId, `${row.firstName} ${row.lastName}`);
    throw missingError();
  }

  const totalCents = rows.reduce((sum, r) => sum + r.totalCents, 0);
  const threshold = network.settings.payoutSecondPersonAboveCents;
  const released = threshold === null || totalCents <= threshold;
  await tx.insert(payouts).values({
    networkId: actor.networkId,
    id,
    messageId,
    executionDate: body.executionDate,
    claimCount: rows.length,
    totalCents,
    sepaXml: xml,
    createdByUserId: actor.type === 'user' ? actor.id : null,
    releasedAt: released ? createdAt : null,
    releasedByUserId: released && actor.type === 'user' ? actor.id : null,
    createdAt,
  });
  const claimIds = rows.map((r) => r.id);
  // A claim goes into one payout only: a payout made meanwhile by someone else wins, this one rolls back.
  const linked = await tx
    .update(expenseClaims)
    .set({ payoutId: id, version: sql`${expenseClaims.version} + 1`, updatedAt: new Date() })
    .where(and(eq(expenseClaims.networkId, actor.networkId), inArray(expenseClaims.id, claimIds), payable))
    .returning({ id: expenseClaims.id });
  if (linked.length !== claimIds.length) throw staleVersion('expenseClaim');
  await recordAudit(tx, actor, { action: 'create', entity: 'payout', entityId: id, fields: ['claims'] });
  return getPayout(tx, actor.networkId, id);
}

/** Whoever entered a volunteer's bank account (in use or waiting) does not pay her out. */
async function assertNotEnteredBy(tx: Db, actor: Actor, volunteerIds: string[], named: (ids: Iterable<string>, key: string) => FieldError[]) {
  if (actor.type !== 'user' || !actor.id) return;
  const enterers = await bankAccountEnterers(tx, actor.networkId, volunteerIds);
  const own = volunteerIds.filter((v) => enterers.get(v)?.has(actor.id!));
  if (own.length) throw fourEyesPayout(named(own, 'bankAccountEnteredBySelf'));
}

/**
 * A payout above the network's threshold goes to the bank only once a second person released it:
 * someone other than its creator (a person, not an API key), who entered none of its accounts.
 */
export async function releasePayout(tx: Db, actor: Actor, id: string): Promise<PayoutDetail> {
  const { row } = await findPayout(tx, actor.networkId, id);
  if (row.releasedAt) throw payoutReleased();
  if (actor.type !== 'user' || !actor.id || actor.id === row.createdByUserId) throw secondPersonNeeded();
  const claims = await claimsOfPayout(tx, actor.networkId, id);
  const nameOf = new Map(claims.map((c) => [c.volunteerId, c.volunteerName]));
  await assertNotEnteredBy(tx, actor, [...nameOf.keys()], (ids, key) =>
    [...ids].map((volunteerId) => ({ path: `volunteers.${volunteerId}`, key, values: { name: nameOf.get(volunteerId)! } })),
  );
  const awaiting = await volunteersAwaitingConfirmation(tx, actor.networkId, [...nameOf.keys()]);
  if (awaiting.size)
    throw bankConfirmationPending([...awaiting].map((v) => ({ path: `volunteers.${v}`, key: 'bankConfirmationPending', values: { name: nameOf.get(v)! } })));
  const [updated] = await tx
    .update(payouts)
    .set({ releasedAt: new Date(), releasedByUserId: actor.id })
    .where(and(eq(payouts.networkId, actor.networkId), eq(payouts.id, id), isNull(payouts.releasedAt)))
    .returning({ id: payouts.id });
  if (!updated) throw payoutReleased();
  await recordAudit(tx, actor, { action: 'update', entity: 'payout', entityId: id, fields: ['releasedAt'] });
  return getPayout(tx, actor.networkId, id);
}

async function releasedPayout(tx: Db, networkId: string, id: string) {
  const found = await findPayout(tx, networkId, id);
  if (!found.row.releasedAt) throw payoutNotReleased();
  return found;
}

/** The stored SEPA file, unchanged; handing it out is audited (it holds bank accounts). */
export async function payoutSepaXml(tx: Db, actor: Actor, id: string): Promise<{ messageId: string; xml: string }> {
  const { row } = await releasedPayout(tx, actor.networkId, id);
  await recordAudit(tx, actor, { action: 'export', entity: 'payout', entityId: id, fields: ['sepaXml'] });
  return { messageId: row.messageId, xml: row.sepaXml };
}

/** The payout as CSV in the reader's language, read from the stored SEPA file; audited like the file. */
export async function payoutCsvFile(tx: Db, actor: Actor, id: string, locale: Locale): Promise<{ messageId: string; csv: Buffer }> {
  const { row } = await releasedPayout(tx, actor.networkId, id);
  const names = new Map((await claimsOfPayout(tx, actor.networkId, id)).map((c) => [sepaId(c.id), c.volunteerName]));
  const lines = transfersOf(row.sepaXml).map((l) => ({ ...l, volunteerName: names.get(l.endToEndId) ?? null }));
  await recordAudit(tx, actor, { action: 'export', entity: 'payout', entityId: id, fields: ['csv'] });
  return { messageId: row.messageId, csv: payoutCsv(lines, locale) };
}

/**
 * The bank has executed the file: the payout and its claims are paid. The claims' allowance now
 * counts in the year it was paid (§ 3 Nr. 26a EStG follows the year of payment).
 */
export async function markPayoutPaid(tx: Db, actor: Actor, id: string): Promise<PayoutDetail> {
  await releasedPayout(tx, actor.networkId, id);
  const now = new Date();
  const byUser = actor.type === 'user' ? actor.id : null;
  const [updated] = await tx
    .update(payouts)
    .set({ paidAt: now, paidByUserId: byUser })
    .where(and(eq(payouts.networkId, actor.networkId), eq(payouts.id, id), isNull(payouts.paidAt)))
    .returning({ id: payouts.id });
  if (!updated) throw payoutPaid();
  const paid = await tx
    .update(expenseClaims)
    .set({
      status: 'paid',
      paidAt: now,
      taxYear: Number(berlinToday(now).slice(0, 4)),
      version: sql`${expenseClaims.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(expenseClaims.networkId, actor.networkId), eq(expenseClaims.payoutId, id), eq(expenseClaims.status, 'approved')))
    .returning({ id: expenseClaims.id });
  await recordAudit(tx, actor, { action: 'update', entity: 'payout', entityId: id, fields: ['paidAt'] });
  for (const c of paid)
    await recordAudit(tx, actor, { action: 'update', entity: 'expense_claim', entityId: c.id, fields: ['status', 'paidAt', 'taxYear'] });
  return getPayout(tx, actor.networkId, id);
}

/** A payout not paid yet can be withdrawn (the bank refused the file, an account was wrong): its claims wait for the next one. */
export async function deletePayout(tx: Db, actor: Actor, id: string): Promise<void> {
  const { row } = await findPayout(tx, actor.networkId, id);
  if (row.paidAt) throw payoutPaid();
  await tx
    .update(expenseClaims)
    .set({ payoutId: null, version: sql`${expenseClaims.version} + 1`, updatedAt: new Date() })
    .where(and(eq(expenseClaims.networkId, actor.networkId), eq(expenseClaims.payoutId, id), eq(expenseClaims.status, 'approved')));
  const deleted = await tx
    .delete(payouts)
    .where(and(eq(payouts.networkId, actor.networkId), eq(payouts.id, id), isNull(payouts.paidAt)))
    .returning({ id: payouts.id });
  if (!deleted.length) throw payoutPaid();
  await recordAudit(tx, actor, { action: 'delete', entity: 'payout', entityId: id });
}
