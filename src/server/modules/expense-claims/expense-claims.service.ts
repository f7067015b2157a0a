import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  AllowanceYear,
  ApproveExpenseClaimBody,
  CreateExpenseClaimBody,
  CreatePayoutBody,
  ExpenseClaim,
  ExpenseClaimDetail,
  ExpenseClaimListQuery,
  Payout,
  PayoutDetail,
  PayoutListQuery,
  RejectExpenseClaimBody,
} from '../../../common/api/expense-claims.js';
import type { NetworkSettings } from '../../../common/api/network.js';
import type { ExpenseClaimStatus } from '../../../common/api/placements.js';
import type { Locale } from '../../../common/locales.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { decodeCursor, keyset, parseSort, toPage } from '../../http/pagination.js';
import { DomainError, invalidFields, notFound, staleVersion, type FieldError } from '../../http/problems.js';
import { t } from '../../i18n.js';
import type { PlacementScope } from '../agreements/scope.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  claimCounts,
  deploymentClaimed,
  deploymentsForClaim,
  deploymentsOfClaim,
  linkToClaim,
  releaseFromClaim,
} from '../deployments/deployments.service.js';
import { getNetwork } from '../networks/networks.service.js';
import { users } from '../users/users.table.js';
import { berlinToday } from '../volunteers/profile.js';
import { volunteers } from '../volunteers/volunteers.table.js';
import { approvalExceedsLimit, claimAmounts, taxFreeLimit, yearlyAllowance } from './allowance.js';
import { expenseClaims, payouts } from './expense-claims.table.js';
import { payoutCsv, transfersOf } from './payout-csv.js';
import { creditTransferXml, isValidBic, isValidIban, SepaInputError, toSepaText } from './sepa.js';

type Row = typeof expenseClaims.$inferSelect;

/** Who reads and submits claims: the coordination every claim (and on anyone's behalf), a volunteer their own. */
export interface ClaimScope {
  all: boolean;
  volunteerId: string | null;
  userId: string | null;
}

const claimEmpty = () => new DomainError('EXPENSE_CLAIM_EMPTY', 422, 'claim-empty', 'claimEmpty');
const claimStatusRefused = (status: ExpenseClaimStatus) =>
  new DomainError('EXPENSE_CLAIM_STATUS_REFUSED', 409, 'claim-status-refused', 'claimStatusRefused', {
    statusMessage: `expenseClaims.status.${status}`,
  });
const allowanceNotAcknowledged = (year: number, usedCents: number, limitCents: number) =>
  new DomainError(
    'ALLOWANCE_LIMIT_NOT_ACKNOWLEDGED',
    422,
    'allowance-limit',
    'allowanceLimitNotAcknowledged',
    { year: String(year), used: usedCents / 100, limit: limitCents / 100 },
    [{ path: 'body.acknowledgeAllowanceLimit', key: 'acknowledgeAllowanceLimit' }],
  );
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
const nothingToPayOut = () => new DomainError('NOTHING_TO_PAY_OUT', 422, 'nothing-to-pay-out', 'nothingToPayOut');
const payoutPaid = () => new DomainError('PAYOUT_PAID', 409, 'payout-paid', 'payoutPaid');

const berlinYear = () => Number(berlinToday().slice(0, 4));

/** A cursor's instant, checked: a crafted cursor must not reach the database as an invalid date. */
function cursorInstant(v: unknown): Date {
  const date = typeof v === 'string' ? new Date(v) : null;
  if (date && !Number.isNaN(date.getTime())) return date;
  throw invalidFields([{ path: 'querystring.cursor', key: 'invalidCursor' }]);
}

function scopeFilter(networkId: string, scope: ClaimScope): SQL[] {
  const filters: SQL[] = [eq(expenseClaims.networkId, networkId)];
  if (!scope.all) filters.push(scope.volunteerId ? eq(expenseClaims.volunteerId, scope.volunteerId) : sql`false`);
  return filters;
}

const submitter = alias(users, 'submitter');
const decider = alias(users, 'decider');

function baseQuery(tx: Db) {
  return tx
    .select({
      row: expenseClaims,
      volunteerName: sql<string>`${volunteers.firstName} || ' ' || ${volunteers.lastName}`,
      submittedByName: submitter.name,
      decidedByName: decider.name,
    })
    .from(expenseClaims)
    .innerJoin(volunteers, and(eq(volunteers.networkId, expenseClaims.networkId), eq(volunteers.id, expenseClaims.volunteerId)))
    .leftJoin(submitter, and(eq(submitter.networkId, expenseClaims.networkId), eq(submitter.id, expenseClaims.submittedByUserId)))
    .leftJoin(decider, and(eq(decider.networkId, expenseClaims.networkId), eq(decider.id, expenseClaims.decidedByUserId)));
}

type Selected = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

const yearKey = (volunteerId: string, year: number) => `${volunteerId}:${year}`;

/**
 * The flat allowance of each (volunteer, tax year): approved or paid, and still pending. Rejected
 * claims do not count.
 */
async function allowanceTotals(tx: Db, networkId: string, keys: { volunteerId: string; year: number }[]) {
  const out = new Map<string, { paidOrApproved: number; pending: number }>();
  if (!keys.length) return out;
  const rows = await tx
    .select({
      volunteerId: expenseClaims.volunteerId,
      year: expenseClaims.taxYear,
      decided: sql<number>`coalesce(sum(${expenseClaims.allowanceCents}) filter (where ${expenseClaims.status} in ('approved', 'paid')), 0)::int`,
      pending: sql<number>`coalesce(sum(${expenseClaims.allowanceCents}) filter (where ${expenseClaims.status} = 'submitted'), 0)::int`,
    })
    .from(expenseClaims)
    .where(
      and(
        eq(expenseClaims.networkId, networkId),
        inArray(expenseClaims.volunteerId, [...new Set(keys.map((k) => k.volunteerId))]),
        inArray(expenseClaims.taxYear, [...new Set(keys.map((k) => k.year))]),
        sql`${expenseClaims.status} <> 'rejected'`,
      ),
    )
    .groupBy(expenseClaims.volunteerId, expenseClaims.taxYear);
  for (const r of rows) out.set(yearKey(r.volunteerId, r.year), { paidOrApproved: r.decided, pending: r.pending });
  return out;
}

async function presentAll(tx: Db, networkId: string, rows: Selected[]): Promise<ExpenseClaim[]> {
  if (!rows.length) return [];
  const settings = (await getNetwork(tx, networkId)).settings;
  const totals = await allowanceTotals(
    tx,
    networkId,
    rows.map((r) => ({ volunteerId: r.row.volunteerId, year: r.row.taxYear })),
  );
  const counts = await claimCounts(
    tx,
    networkId,
    rows.map((r) => r.row.id),
  );
  return rows.map((r) => {
    const c = r.row;
    const total = totals.get(yearKey(c.volunteerId, c.taxYear)) ?? { paidOrApproved: 0, pending: 0 };
    const allowanceYear: AllowanceYear = {
      year: c.taxYear,
      ...yearlyAllowance({ ...total, thisClaim: 0, limit: taxFreeLimit(settings, c.taxYear) }),
    };
    const count = counts.get(c.id) ?? { deployments: 0, unconfirmed: 0 };
    return {
      id: c.id,
      volunteerId: c.volunteerId,
      volunteerName: r.volunteerName,
      status: c.status,
      taxYear: c.taxYear,
      deploymentCount: count.deployments,
      unconfirmedCount: count.unconfirmed,
      km: c.distanceTenths / 10,
      mileageRateCents: c.mileageRateCents,
      mileageCents: c.mileageCents,
      ticketCents: c.ticketCents,
      allowanceCents: c.allowanceCents,
      totalCents: c.totalCents,
      submittedByName: r.submittedByName,
      decidedAt: c.decidedAt?.toISOString() ?? null,
      decidedByName: c.decidedAt ? r.decidedByName : null,
      rejectionReason: c.rejectionReason,
      payoutId: c.payoutId,
      paidAt: c.paidAt?.toISOString() ?? null,
      allowanceYear,
      version: c.version,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  });
}

async function detail(tx: Db, networkId: string, scope: ClaimScope, id: string): Promise<ExpenseClaimDetail> {
  const [row] = await baseQuery(tx).where(and(...scopeFilter(networkId, scope), eq(expenseClaims.id, id)));
  if (!row) throw notFound('expenseClaim');
  const [claim] = await presentAll(tx, networkId, [row]);
  return { ...claim!, deployments: await deploymentsOfClaim(tx, networkId, id) };
}

async function findRow(tx: Db, networkId: string, scope: ClaimScope, id: string): Promise<Row> {
  const [row] = await tx
    .select()
    .from(expenseClaims)
    .where(and(...scopeFilter(networkId, scope), eq(expenseClaims.id, id)));
  if (!row) throw notFound('expenseClaim');
  return row;
}

const SORT_COLUMNS = { createdAt: expenseClaims.createdAt } as const;

export async function listExpenseClaims(tx: Db, networkId: string, scope: ClaimScope, query: ExpenseClaimListQuery) {
  const { field, desc } = parseSort<keyof typeof SORT_COLUMNS>(query.sort);
  const page = keyset(SORT_COLUMNS[field], expenseClaims.id, decodeCursor(query.cursor), desc, cursorInstant);
  const filters = scopeFilter(networkId, scope);
  if (query.status) filters.push(eq(expenseClaims.status, query.status));
  if (query.volunteerId) filters.push(eq(expenseClaims.volunteerId, query.volunteerId));
  if (query.taxYear) filters.push(eq(expenseClaims.taxYear, query.taxYear));
  if (page.where) filters.push(page.where);
  const rows = await baseQuery(tx)
    .where(and(...filters))
    .orderBy(...page.orderBy)
    .limit(query.limit + 1);
  const result = toPage(rows, query.limit, (r) => ({ v: r.row.createdAt.toISOString(), id: r.row.id }));
  return { items: await presentAll(tx, networkId, result.items), nextCursor: result.nextCursor };
}

/** One claim with its deployments; the read is audited. */
export async function getExpenseClaim(tx: Db, actor: Actor, scope: ClaimScope, id: string): Promise<ExpenseClaimDetail> {
  const claim = await detail(tx, actor.networkId, scope, id);
  await recordAudit(tx, actor, { action: 'read', entity: 'expense_claim', entityId: id });
  return claim;
}

/**
 * A claim for deployments of one volunteer that no claim has yet. Tickets need their receipt. The
 * answer carries the volunteer's flat allowance of the year against the tax-free limit: a claim
 * beyond it is taken, with the warning.
 */
export async function createExpenseClaim(
  tx: Db,
  actor: Actor,
  scope: ClaimScope,
  body: CreateExpenseClaimBody,
): Promise<ExpenseClaimDetail> {
  const ids = body.deploymentIds;
  const duplicates: FieldError[] = ids.flatMap((id, i) =>
    ids.indexOf(id) !== i ? [{ path: `body.deploymentIds.${i}`, key: 'duplicate' }] : [],
  );
  if (duplicates.length) throw invalidFields(duplicates);

  const placement: PlacementScope = { all: scope.all, organizationIds: [], volunteerId: scope.volunteerId, userId: scope.userId };
  const found = new Map((await deploymentsForClaim(tx, actor.networkId, placement, ids)).map((d) => [d.id, d]));
  const unknown: FieldError[] = ids.flatMap((id, i) =>
    found.has(id) ? [] : [{ path: `body.deploymentIds.${i}`, key: 'unknownDeployment' }],
  );
  if (unknown.length) throw invalidFields(unknown);
  const candidates = ids.map((id) => found.get(id)!);
  if (new Set(candidates.map((d) => d.volunteerId)).size > 1)
    throw invalidFields([{ path: 'body.deploymentIds', key: 'claimOneVolunteer' }]);
  const claimed: FieldError[] = candidates.flatMap((d, i) =>
    d.claimId ? [{ path: `body.deploymentIds.${i}`, key: 'alreadyClaimed', values: { date: d.date } }] : [],
  );
  if (claimed.length) throw deploymentClaimed(claimed);
  const withoutReceipt: FieldError[] = candidates.flatMap((d, i) =>
    d.ticketCents > 0 && !d.hasReceipt ? [{ path: `body.deploymentIds.${i}`, key: 'receiptMissing', values: { date: d.date } }] : [],
  );
  if (withoutReceipt.length) throw invalidFields(withoutReceipt);

  const settings = (await getNetwork(tx, actor.networkId)).settings;
  const amounts = claimAmounts(candidates, settings);
  if (amounts.totalCents <= 0) throw claimEmpty();

  const id = newId();
  await tx.insert(expenseClaims).values({
    networkId: actor.networkId,
    id,
    volunteerId: candidates[0]!.volunteerId,
    taxYear: berlinYear(),
    ...amounts,
    submittedByUserId: actor.type === 'user' ? actor.id : null,
  });
  // The guard against two claims racing for one deployment: the loser links fewer rows, fails,
  // and its transaction (the claim row included) rolls back.
  if ((await linkToClaim(tx, actor.networkId, ids, id)) !== ids.length) throw deploymentClaimed();
  await recordAudit(tx, actor, { action: 'create', entity: 'expense_claim', entityId: id });
  return detail(tx, actor.networkId, scope, id);
}

const MANAGE: ClaimScope = { all: true, volunteerId: null, userId: null };

async function decidable(tx: Db, actor: Actor, id: string, version: number): Promise<Row> {
  const row = await findRow(tx, actor.networkId, MANAGE, id);
  if (row.version !== version) throw staleVersion('expenseClaim');
  if (row.status !== 'submitted') throw claimStatusRefused(row.status);
  return row;
}

async function decide(tx: Db, actor: Actor, row: Row, version: number, set: Partial<typeof expenseClaims.$inferInsert>) {
  const [updated] = await tx
    .update(expenseClaims)
    .set({
      ...set,
      decidedAt: new Date(),
      decidedByUserId: actor.type === 'user' ? actor.id : null,
      version: sql`${expenseClaims.version} + 1`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(expenseClaims.networkId, actor.networkId),
        eq(expenseClaims.id, row.id),
        eq(expenseClaims.version, version),
        eq(expenseClaims.status, 'submitted'),
      ),
    )
    .returning({ id: expenseClaims.id });
  if (!updated) throw staleVersion('expenseClaim');
}

/**
 * Approves a submitted claim. When its flat allowance takes the volunteer's approved and paid total
 * of the tax year beyond the tax-free limit, the coordinator must acknowledge it.
 */
export async function approveExpenseClaim(tx: Db, actor: Actor, id: string, body: ApproveExpenseClaimBody): Promise<ExpenseClaimDetail> {
  const row = await decidable(tx, actor, id, body.version);
  const settings = (await getNetwork(tx, actor.networkId)).settings;
  const limit = taxFreeLimit(settings, row.taxYear);
  const totals = (await allowanceTotals(tx, actor.networkId, [{ volunteerId: row.volunteerId, year: row.taxYear }])).get(
    yearKey(row.volunteerId, row.taxYear),
  );
  const paidOrApproved = totals?.paidOrApproved ?? 0;
  const exceeds = approvalExceedsLimit({ paidOrApproved, thisClaim: row.allowanceCents, limit });
  if (exceeds && body.acknowledgeAllowanceLimit !== true)
    throw allowanceNotAcknowledged(row.taxYear, paidOrApproved + row.allowanceCents, limit!);
  await decide(tx, actor, row, body.version, { status: 'approved' });
  await recordAudit(tx, actor, {
    action: 'update',
    entity: 'expense_claim',
    entityId: id,
    fields: exceeds ? ['status', 'allowanceLimitAcknowledged'] : ['status'],
  });
  return detail(tx, actor.networkId, MANAGE, id);
}

/** Rejects a submitted claim with a reason; its deployments are free to be changed and claimed again. */
export async function rejectExpenseClaim(tx: Db, actor: Actor, id: string, body: RejectExpenseClaimBody): Promise<ExpenseClaimDetail> {
  const row = await decidable(tx, actor, id, body.version);
  await decide(tx, actor, row, body.version, { status: 'rejected', rejectionReason: body.reason });
  await releaseFromClaim(tx, actor.networkId, id);
  await recordAudit(tx, actor, { action: 'update', entity: 'expense_claim', entityId: id, fields: ['status', 'rejectionReason'] });
  return detail(tx, actor.networkId, MANAGE, id);
}

// —— payouts ——

const creator = alias(users, 'creator');
const payer = alias(users, 'payer');

function payoutQuery(tx: Db) {
  return tx
    .select({ row: payouts, createdByName: creator.name, paidByName: payer.name })
    .from(payouts)
    .leftJoin(creator, and(eq(creator.networkId, payouts.networkId), eq(creator.id, payouts.createdByUserId)))
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
  await tx.insert(payouts).values({
    networkId: actor.networkId,
    id,
    messageId,
    executionDate: body.executionDate,
    claimCount: rows.length,
    totalCents,
    sepaXml: xml,
    createdByUserId: actor.type === 'user' ? actor.id : null,
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

/** The stored SEPA file, unchanged; handing it out is audited (it holds bank accounts). */
export async function payoutSepaXml(tx: Db, actor: Actor, id: string): Promise<{ messageId: string; xml: string }> {
  const { row } = await findPayout(tx, actor.networkId, id);
  await recordAudit(tx, actor, { action: 'export', entity: 'payout', entityId: id, fields: ['sepaXml'] });
  return { messageId: row.messageId, xml: row.sepaXml };
}

/** The payout as CSV in the reader's language, read from the stored SEPA file; audited like the file. */
export async function payoutCsvFile(tx: Db, actor: Actor, id: string, locale: Locale): Promise<{ messageId: string; csv: Buffer }> {
  const { row } = await findPayout(tx, actor.networkId, id);
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
  await findPayout(tx, actor.networkId, id);
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
