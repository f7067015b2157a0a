import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  AllowanceYear,
  ApproveExpenseClaimBody,
  CreateExpenseClaimBody,
  ExpenseClaim,
  ExpenseClaimDetail,
  ExpenseClaimListQuery,
  RejectExpenseClaimBody,
} from '../../../common/api/expense-claims.js';
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
import { bankAccountEnterers } from '../volunteers/bank-account.js';
import { volunteers } from '../volunteers/volunteers.table.js';
import { approvalExceedsLimit, claimAmounts, taxFreeLimit, yearlyAllowance } from './allowance.js';
import { expenseClaims } from './expense-claims.table.js';

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
type FourEyesReason = 'ownClaim' | 'bankAccountEntered';
const fourEyes = (reason: FourEyesReason) =>
  new DomainError('FOUR_EYES', 403, 'four-eyes', 'fourEyes', { reasonMessage: `expenseClaims.fourEyes.${reason}` });

const berlinYear = () => Number(berlinToday().slice(0, 4));

/** A cursor's instant, checked: a crafted cursor must not reach the database as an invalid date. */
export function cursorInstant(v: unknown): Date {
  const date = typeof v === 'string' ? new Date(v) : null;
  if (date && !Number.isNaN(date.getTime())) return date;
  throw invalidFields([{ path: 'querystring.cursor', key: 'invalidCursor' }]);
}

function scopeFilter(networkId: string, scope: ClaimScope): SQL[] {
  const filters: SQL[] = [eq(expenseClaims.networkId, networkId)];
  if (!scope.all) filters.push(scope.volunteerId ? eq(expenseClaims.volunteerId, scope.volunteerId) : sql`false`);
  return filters;
}

/** Who reads a list or a claim: a coordinator is told which claims are not theirs to approve, and why. */
export interface Viewer {
  userId: string | null;
  locale: Locale;
}

/**
 * Four eyes on money: nobody approves a claim they submitted (on the volunteer's behalf), nor one of
 * a volunteer whose bank account (in use or waiting for her confirmation) they entered.
 */
function fourEyesReason(claim: { submittedByUserId: string | null; volunteerId: string }, userId: string | null, enterers: Map<string, Set<string>>): FourEyesReason | null {
  if (!userId) return null;
  if (claim.submittedByUserId === userId) return 'ownClaim';
  return enterers.get(claim.volunteerId)?.has(userId) ? 'bankAccountEntered' : null;
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

async function presentAll(tx: Db, networkId: string, rows: Selected[], viewer?: Viewer): Promise<ExpenseClaim[]> {
  if (!rows.length) return [];
  const submitted = rows.filter((r) => r.row.status === 'submitted');
  const enterers = viewer?.userId && submitted.length ? await bankAccountEnterers(tx, networkId, submitted.map((r) => r.row.volunteerId)) : new Map<string, Set<string>>();
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
      approvalBlockedReason: blockedReason(c, viewer, enterers),
      version: c.version,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  });
}

function blockedReason(c: Row, viewer: Viewer | undefined, enterers: Map<string, Set<string>>): string | null {
  if (!viewer || c.status !== 'submitted') return null;
  const reason = fourEyesReason(c, viewer.userId, enterers);
  return reason ? t(viewer.locale, `expenseClaims.fourEyes.${reason}`) : null;
}

async function detail(tx: Db, networkId: string, scope: ClaimScope, id: string, viewer?: Viewer): Promise<ExpenseClaimDetail> {
  const [row] = await baseQuery(tx).where(and(...scopeFilter(networkId, scope), eq(expenseClaims.id, id)));
  if (!row) throw notFound('expenseClaim');
  const [claim] = await presentAll(tx, networkId, [row], viewer);
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

export async function listExpenseClaims(tx: Db, networkId: string, scope: ClaimScope, query: ExpenseClaimListQuery, viewer?: Viewer) {
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
  return { items: await presentAll(tx, networkId, result.items, scope.all ? viewer : undefined), nextCursor: result.nextCursor };
}

/** One claim with its deployments; the read is audited. */
export async function getExpenseClaim(tx: Db, actor: Actor, scope: ClaimScope, id: string, viewer?: Viewer): Promise<ExpenseClaimDetail> {
  const claim = await detail(tx, actor.networkId, scope, id, scope.all ? viewer : undefined);
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
  const reason = fourEyesReason(row, actor.type === 'user' ? actor.id : null, await bankAccountEnterers(tx, actor.networkId, [row.volunteerId]));
  if (reason) throw fourEyes(reason);
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
