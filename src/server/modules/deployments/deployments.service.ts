import { and, eq, gte, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  CreateDeploymentBody,
  Deployment,
  DeploymentListQuery,
  Receipt,
  UpdateDeploymentBody,
  ConfirmDeploymentBody,
} from '../../../common/api/deployments.js';
import type { TransportMode } from '../../../common/api/placements.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { decodeCursor, keyset, parseSort, toPage } from '../../http/pagination.js';
import { DomainError, invalidFields, notFound, staleVersion, type FieldError } from '../../http/problems.js';
import { sniffFileType } from '../../http/uploads.js';
import { agreements } from '../agreements/agreements.table.js';
import { agreementForScope, scopeFilter } from '../agreements/agreements.service.js';
import type { PlacementScope } from '../agreements/scope.js';
import { addDays } from '../../../common/agreement-term.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { expenseClaims } from '../expense-claims/expense-claims.table.js';
import { organizations } from '../organizations/organizations.table.js';
import { users } from '../users/users.table.js';
import { berlinToday } from '../volunteers/profile.js';
import { volunteers } from '../volunteers/volunteers.table.js';
import { deploymentReceipts, deployments } from './deployments.table.js';

type Row = typeof deployments.$inferSelect;
type AgreementRow = typeof agreements.$inferSelect;

export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;
/** A closed agreement still takes deployments logged late for this many days. */
export const LATE_LOGGING_DAYS = 30;

/** A deployment in an expense claim is settled: no change, no new receipt, no second claim. */
export const deploymentClaimed = (errors: FieldError[] = []) =>
  new DomainError('DEPLOYMENT_CLAIMED', 409, 'deployment-claimed', 'deploymentClaimed', {}, errors);
const receiptUnsupported = () => new DomainError('RECEIPT_TYPE_UNSUPPORTED', 415, 'document-type-unsupported', 'documentTypeUnsupported');

/** Writing (logging, changing, receipts): coordination any deployment, a volunteer their own; an institution logs nothing. */
export const logScope = (scope: PlacementScope): PlacementScope => ({ ...scope, organizationIds: [] });
/** Confirming: coordination any, an institution those under its agreements; never a volunteer their own. */
const confirmScope = (scope: PlacementScope): PlacementScope => ({ ...scope, volunteerId: null });

const confirmer = alias(users, 'confirmer');

const selection = {
  row: deployments,
  volunteerName: sql<string>`${volunteers.firstName} || ' ' || ${volunteers.lastName}`,
  organizationId: agreements.organizationId,
  organizationName: organizations.name,
  confirmedByName: confirmer.name,
  claimStatus: expenseClaims.status,
  receiptId: deploymentReceipts.id,
  receiptFilename: deploymentReceipts.filename,
  receiptContentType: deploymentReceipts.contentType,
  receiptSize: deploymentReceipts.size,
  receiptUploadedAt: deploymentReceipts.uploadedAt,
};

/** Deployments with what the reader sees of them; the agreement's scope decides who sees which. */
function baseQuery(tx: Db) {
  return (
    tx
      .select(selection)
      .from(deployments)
      .innerJoin(agreements, and(eq(agreements.networkId, deployments.networkId), eq(agreements.id, deployments.agreementId)))
      .innerJoin(volunteers, and(eq(volunteers.networkId, deployments.networkId), eq(volunteers.id, deployments.volunteerId)))
      .leftJoin(organizations, and(eq(organizations.networkId, agreements.networkId), eq(organizations.id, agreements.organizationId)))
      .leftJoin(confirmer, and(eq(confirmer.networkId, deployments.networkId), eq(confirmer.id, deployments.confirmedByUserId)))
      .leftJoin(expenseClaims, and(eq(expenseClaims.networkId, deployments.networkId), eq(expenseClaims.id, deployments.claimId)))
      // One receipt per deployment: an upload replaces the one before.
      .leftJoin(
        deploymentReceipts,
        and(eq(deploymentReceipts.networkId, deployments.networkId), eq(deploymentReceipts.deploymentId, deployments.id)),
      )
  );
}

type Selected = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function present(r: Selected): Deployment {
  const d = r.row;
  return {
    id: d.id,
    agreementId: d.agreementId,
    volunteerId: d.volunteerId,
    volunteerName: r.volunteerName,
    organizationId: r.organizationId,
    organizationName: r.organizationName,
    date: d.onDate,
    hours: d.minutes / 60,
    km: d.distanceTenths / 10,
    transport: d.transport,
    ticketCents: d.ticketCents,
    note: d.note,
    confirmedAt: d.confirmedAt?.toISOString() ?? null,
    confirmedByName: d.confirmedAt ? r.confirmedByName : null,
    receipt:
      r.receiptId && r.receiptFilename && r.receiptContentType && r.receiptSize !== null && r.receiptUploadedAt
        ? {
            id: r.receiptId,
            filename: r.receiptFilename,
            contentType: r.receiptContentType as Receipt['contentType'],
            size: r.receiptSize,
            uploadedAt: r.receiptUploadedAt.toISOString(),
          }
        : null,
    claimId: d.claimId,
    claimStatus: d.claimId ? r.claimStatus : null,
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

function visible(networkId: string, scope: PlacementScope): SQL[] {
  return [eq(deployments.networkId, networkId), ...scopeFilter(networkId, scope)];
}

async function presentOne(tx: Db, networkId: string, scope: PlacementScope, id: string): Promise<Deployment> {
  const [row] = await baseQuery(tx).where(and(...visible(networkId, scope), eq(deployments.id, id)));
  if (!row) throw notFound('deployment');
  return present(row);
}

/** A deployment with its agreement, if the scope reaches it (another person's answers 404). */
async function findRow(tx: Db, networkId: string, scope: PlacementScope, id: string): Promise<{ row: Row; agreement: AgreementRow }> {
  const [found] = await tx
    .select({ row: deployments, agreement: agreements })
    .from(deployments)
    .innerJoin(agreements, and(eq(agreements.networkId, deployments.networkId), eq(agreements.id, deployments.agreementId)))
    .where(and(...visible(networkId, scope), eq(deployments.id, id)));
  if (!found) throw notFound('deployment');
  return found;
}

interface Entry {
  date: string;
  distanceTenths: number;
  transport: TransportMode | null;
}

/**
 * The date lies neither in the future nor before the agreement's start (nor after its close); the
 * agreement is active or closed less than LATE_LOGGING_DAYS ago; kilometres name their transport.
 */
function checkEntry(agreement: AgreementRow, entry: Entry, today: string) {
  const errors: FieldError[] = [];
  if (agreement.status === 'closed' && agreement.closedOn && agreement.closedOn <= addDays(today, -LATE_LOGGING_DAYS)) {
    errors.push({ path: 'body.agreementId', key: 'agreementClosedForLogging', values: { days: LATE_LOGGING_DAYS } });
  }
  if (entry.date > today) errors.push({ path: 'body.date', key: 'dateInFuture' });
  else if (entry.date < agreement.startsOn)
    errors.push({ path: 'body.date', key: 'beforeAgreementStart', values: { date: agreement.startsOn } });
  else if (agreement.closedOn && entry.date > agreement.closedOn)
    errors.push({ path: 'body.date', key: 'afterAgreementClosed', values: { date: agreement.closedOn } });
  if (entry.distanceTenths > 0 && !entry.transport) errors.push({ path: 'body.transport', key: 'transportRequired' });
  if (errors.length) throw invalidFields(errors);
}

const tenthsOf = (km: number) => Math.round(km * 10);
const minutesOf = (hours: number) => Math.round(hours * 60);

const SORT_COLUMNS = { date: deployments.onDate } as const;

/** A cursor's date, checked: a crafted cursor must not reach the database as a malformed date. */
function cursorDate(v: unknown): string {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))) return v;
  throw invalidFields([{ path: 'querystring.cursor', key: 'invalidCursor' }]);
}

export async function listDeployments(tx: Db, networkId: string, scope: PlacementScope, query: DeploymentListQuery) {
  const { field, desc } = parseSort<keyof typeof SORT_COLUMNS>(query.sort);
  const page = keyset(SORT_COLUMNS[field], deployments.id, decodeCursor(query.cursor), desc, cursorDate);
  const filters = visible(networkId, scope);
  if (query.agreementId) filters.push(eq(deployments.agreementId, query.agreementId));
  if (query.volunteerId) filters.push(eq(deployments.volunteerId, query.volunteerId));
  if (query.from) filters.push(gte(deployments.onDate, query.from));
  if (query.to) filters.push(lte(deployments.onDate, query.to));
  if (query.unclaimed !== undefined) filters.push(query.unclaimed ? isNull(deployments.claimId) : isNotNull(deployments.claimId));
  if (query.confirmed !== undefined) filters.push(query.confirmed ? isNotNull(deployments.confirmedAt) : isNull(deployments.confirmedAt));
  if (page.where) filters.push(page.where);
  const rows = await baseQuery(tx)
    .where(and(...filters))
    .orderBy(...page.orderBy)
    .limit(query.limit + 1);
  const result = toPage(rows, query.limit, (r) => ({ v: r.row.onDate, id: r.row.id }));
  return { items: result.items.map(present), nextCursor: result.nextCursor };
}

/** One deployment; the read is audited (it names the volunteer and their note). */
export async function getDeployment(tx: Db, actor: Actor, scope: PlacementScope, id: string): Promise<Deployment> {
  const deployment = await presentOne(tx, actor.networkId, scope, id);
  await recordAudit(tx, actor, { action: 'read', entity: 'deployment', entityId: id });
  return deployment;
}

export async function createDeployment(tx: Db, actor: Actor, scope: PlacementScope, body: CreateDeploymentBody): Promise<Deployment> {
  const agreement = await agreementForScope(tx, actor.networkId, logScope(scope), body.agreementId);
  const distanceTenths = tenthsOf(body.km);
  const transport = body.transport ?? null;
  checkEntry(agreement, { date: body.date, distanceTenths, transport }, berlinToday());
  const id = newId();
  await tx.insert(deployments).values({
    networkId: actor.networkId,
    id,
    agreementId: agreement.id,
    volunteerId: agreement.volunteerId,
    onDate: body.date,
    minutes: minutesOf(body.hours),
    distanceTenths,
    transport,
    ticketCents: body.ticketCents,
    note: body.note || null,
    createdByUserId: actor.type === 'user' ? actor.id : null,
  });
  await recordAudit(tx, actor, { action: 'create', entity: 'deployment', entityId: id });
  return presentOne(tx, actor.networkId, scope, id);
}

/** Fields whose change takes back an institution's confirmation (the note is the volunteer's own). */
const CONFIRMED_FIELDS = new Set(['date', 'hours', 'km', 'transport', 'ticketCents']);

export async function updateDeployment(
  tx: Db,
  actor: Actor,
  scope: PlacementScope,
  id: string,
  body: UpdateDeploymentBody,
): Promise<Deployment> {
  const { row, agreement } = await findRow(tx, actor.networkId, logScope(scope), id);
  if (row.claimId) throw deploymentClaimed();
  if (row.version !== body.version) throw staleVersion('deployment');
  const set: Partial<typeof deployments.$inferInsert> = {};
  const fields: string[] = [];
  const put = <K extends keyof typeof deployments.$inferInsert>(field: string, column: K, value: (typeof deployments.$inferInsert)[K]) => {
    set[column] = value;
    fields.push(field);
  };
  if (body.date !== undefined) put('date', 'onDate', body.date);
  if (body.hours !== undefined) put('hours', 'minutes', minutesOf(body.hours));
  if (body.km !== undefined) put('km', 'distanceTenths', tenthsOf(body.km));
  if (body.transport !== undefined) put('transport', 'transport', body.transport ?? null);
  if (body.ticketCents !== undefined) put('ticketCents', 'ticketCents', body.ticketCents);
  if (body.note !== undefined) put('note', 'note', body.note || null);
  checkEntry(
    agreement,
    {
      date: set.onDate ?? row.onDate,
      distanceTenths: set.distanceTenths ?? row.distanceTenths,
      transport: set.transport !== undefined ? set.transport : row.transport,
    },
    berlinToday(),
  );
  if (row.confirmedAt && fields.some((f) => CONFIRMED_FIELDS.has(f))) {
    set.confirmedAt = null;
    set.confirmedByUserId = null;
    fields.push('confirmedAt');
  }
  const [updated] = await tx
    .update(deployments)
    .set({ ...set, version: sql`${deployments.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(deployments.networkId, actor.networkId),
        eq(deployments.id, id),
        eq(deployments.version, body.version),
        isNull(deployments.claimId),
      ),
    )
    .returning({ id: deployments.id });
  if (!updated) throw staleVersion('deployment');
  await recordAudit(tx, actor, { action: 'update', entity: 'deployment', entityId: id, fields });
  return presentOne(tx, actor.networkId, scope, id);
}

export async function deleteDeployment(tx: Db, actor: Actor, scope: PlacementScope, id: string): Promise<void> {
  const { row } = await findRow(tx, actor.networkId, logScope(scope), id);
  if (row.claimId) throw deploymentClaimed();
  const deleted = await tx
    .delete(deployments)
    .where(and(eq(deployments.networkId, actor.networkId), eq(deployments.id, id), isNull(deployments.claimId)))
    .returning({ id: deployments.id });
  if (!deleted.length) throw deploymentClaimed();
  await recordAudit(tx, actor, { action: 'delete', entity: 'deployment', entityId: id });
}

/** The institution (or the coordination) confirms that the deployment took place as logged. */
export async function confirmDeployment(
  tx: Db,
  actor: Actor,
  scope: PlacementScope,
  id: string,
  body: ConfirmDeploymentBody,
): Promise<Deployment> {
  const { row } = await findRow(tx, actor.networkId, confirmScope(scope), id);
  if (row.version !== body.version) throw staleVersion('deployment');
  if (!row.confirmedAt) {
    const [updated] = await tx
      .update(deployments)
      .set({
        confirmedAt: new Date(),
        confirmedByUserId: actor.type === 'user' ? actor.id : null,
        version: sql`${deployments.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(deployments.networkId, actor.networkId), eq(deployments.id, id), eq(deployments.version, body.version)))
      .returning({ id: deployments.id });
    if (!updated) throw staleVersion('deployment');
    await recordAudit(tx, actor, { action: 'update', entity: 'deployment', entityId: id, fields: ['confirmedAt'] });
  }
  return presentOne(tx, actor.networkId, scope, id);
}

/** Stores the ticket receipt (PDF, PNG or JPEG by its first bytes), replacing an earlier one. */
export async function addReceipt(
  tx: Db,
  actor: Actor,
  scope: PlacementScope,
  id: string,
  file: { filename: string; content: Buffer },
): Promise<Receipt> {
  const { row } = await findRow(tx, actor.networkId, logScope(scope), id);
  if (row.claimId) throw deploymentClaimed();
  const contentType = sniffFileType(file.content);
  if (!contentType) throw receiptUnsupported();
  // Locks the deployment: two uploads at once leave one receipt, and a claim made meanwhile wins.
  const [locked] = await tx
    .update(deployments)
    .set({ updatedAt: new Date() })
    .where(and(eq(deployments.networkId, actor.networkId), eq(deployments.id, id), isNull(deployments.claimId)))
    .returning({ id: deployments.id });
  if (!locked) throw deploymentClaimed();
  await tx
    .delete(deploymentReceipts)
    .where(and(eq(deploymentReceipts.networkId, actor.networkId), eq(deploymentReceipts.deploymentId, id)));
  const receiptId = newId();
  const filename =
    file.filename
      .replace(/[\\/]/g, '_')
      .replace(/\p{Cc}/gu, '_')
      .slice(0, 200) || 'receipt';
  const [stored] = await tx
    .insert(deploymentReceipts)
    .values({
      networkId: actor.networkId,
      id: receiptId,
      deploymentId: id,
      filename,
      contentType,
      size: file.content.length,
      content: file.content,
      uploadedBy: actor.type === 'user' ? actor.id : null,
    })
    .returning({ uploadedAt: deploymentReceipts.uploadedAt });
  await recordAudit(tx, actor, {
    action: 'create',
    entity: 'deployment_receipt',
    entityId: receiptId,
    fields: ['deploymentId', 'filename', 'contentType'],
  });
  return { id: receiptId, filename, contentType, size: file.content.length, uploadedAt: stored!.uploadedAt.toISOString() };
}

/** The receipt file (volunteer and coordination only); reading it is audited. */
export async function readReceipt(tx: Db, actor: Actor, scope: PlacementScope, id: string) {
  await findRow(tx, actor.networkId, logScope(scope), id);
  const [receipt] = await tx
    .select()
    .from(deploymentReceipts)
    .where(and(eq(deploymentReceipts.networkId, actor.networkId), eq(deploymentReceipts.deploymentId, id)));
  if (!receipt) throw notFound('receipt');
  await recordAudit(tx, actor, { action: 'read', entity: 'deployment_receipt', entityId: receipt.id });
  return receipt;
}

// —— for the expense-claims module ——

export interface ClaimCandidate {
  id: string;
  volunteerId: string;
  date: string;
  minutes: number;
  distanceTenths: number;
  transport: TransportMode | null;
  ticketCents: number;
  claimId: string | null;
  hasReceipt: boolean;
}

/** The given deployments as far as the writer's scope reaches (a volunteer's own; coordination any). */
export async function deploymentsForClaim(tx: Db, networkId: string, scope: PlacementScope, ids: string[]): Promise<ClaimCandidate[]> {
  if (!ids.length) return [];
  const rows = await tx
    .select({
      id: deployments.id,
      volunteerId: deployments.volunteerId,
      date: deployments.onDate,
      minutes: deployments.minutes,
      distanceTenths: deployments.distanceTenths,
      transport: deployments.transport,
      ticketCents: deployments.ticketCents,
      claimId: deployments.claimId,
      hasReceipt: sql<boolean>`exists (select 1 from ${deploymentReceipts} r where r.network_id = ${deployments.networkId} and r.deployment_id = ${deployments.id})`,
    })
    .from(deployments)
    .innerJoin(agreements, and(eq(agreements.networkId, deployments.networkId), eq(agreements.id, deployments.agreementId)))
    .where(and(...visible(networkId, logScope(scope)), inArray(deployments.id, ids)));
  return rows;
}

/**
 * Links deployments to a claim, each only if no other claim has it: answers how many were linked,
 * so that of two claims racing for a deployment only one wins.
 */
export async function linkToClaim(tx: Db, networkId: string, ids: string[], claimId: string): Promise<number> {
  const linked = await tx
    .update(deployments)
    .set({ claimId, version: sql`${deployments.version} + 1`, updatedAt: new Date() })
    .where(and(eq(deployments.networkId, networkId), inArray(deployments.id, ids), isNull(deployments.claimId)))
    .returning({ id: deployments.id });
  return linked.length;
}

/** A rejected claim gives its deployments back: they can be changed and claimed again. */
export async function releaseFromClaim(tx: Db, networkId: string, claimId: string): Promise<void> {
  await tx
    .update(deployments)
    .set({ claimId: null, version: sql`${deployments.version} + 1`, updatedAt: new Date() })
    .where(and(eq(deployments.networkId, networkId), eq(deployments.claimId, claimId)));
}

export async function deploymentsOfClaim(tx: Db, networkId: string, claimId: string): Promise<Deployment[]> {
  const rows = await baseQuery(tx)
    .where(and(eq(deployments.networkId, networkId), eq(deployments.claimId, claimId)))
    .orderBy(deployments.onDate, deployments.id);
  return rows.map(present);
}

/** How many deployments each claim holds, and how many of them are not confirmed. */
export async function claimCounts(
  tx: Db,
  networkId: string,
  claimIds: string[],
): Promise<Map<string, { deployments: number; unconfirmed: number }>> {
  if (!claimIds.length) return new Map();
  const rows = await tx
    .select({
      claimId: deployments.claimId,
      n: sql<number>`count(*)::int`,
      unconfirmed: sql<number>`count(*) filter (where ${deployments.confirmedAt} is null)::int`,
    })
    .from(deployments)
    .where(and(eq(deployments.networkId, networkId), inArray(deployments.claimId, claimIds)))
    .groupBy(deployments.claimId);
  return new Map(rows.map((r) => [r.claimId!, { deployments: r.n, unconfirmed: r.unconfirmed }]));
}
