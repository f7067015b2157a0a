import { and, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { AcceptProposalBody, CreateProposalBody, DeclineProposalBody, Proposal, ProposalListQuery, WithdrawProposalBody } from '../../../common/api/proposals.js';
import type { ProposalStatus } from '../../../common/api/placements.js';
import type { Locale } from '../../../common/locales.js';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { newId } from '../../db/ids.js';
import { asDate, decodeCursor, keyset, toPage } from '../../http/pagination.js';
import { DomainError, forbidden, notFound, staleVersion } from '../../http/problems.js';
import { t } from '../../i18n.js';
import { insertAgreement } from '../agreements/agreements.service.js';
import { agreements } from '../agreements/agreements.table.js';
import type { PlacementScope } from '../agreements/scope.js';
import { latestEnd } from '../../../common/agreement-term.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { toBerlin } from '../courses/berlin.js';
import { followPlacement, requestForMatching } from '../guide-requests/guide-requests.service.js';
import { guideRequests } from '../guide-requests/guide-requests.table.js';
import { enqueueMail } from '../mail/mail.service.js';
import { assertMatchable, exclusionsFor } from '../matching/matching.service.js';
import { getNetwork } from '../networks/networks.service.js';
import { organizations } from '../organizations/organizations.table.js';
import { users } from '../users/users.table.js';
import { berlinToday } from '../volunteers/profile.js';
import { volunteers } from '../volunteers/volunteers.table.js';
import { openProposalsOf, placesTaken } from './open-proposals.js';
import { proposals } from './proposals.table.js';

type Row = typeof proposals.$inferSelect;

export interface MailMeta {
  publicUrl: string;
  /** The reader's language, for the words of refusals. */
  locale: Locale;
}

const alreadyProposed = () => new DomainError('ALREADY_PROPOSED', 409, 'already-proposed', 'alreadyProposed');
const noOpenPlace = () => new DomainError('NO_OPEN_PLACE', 409, 'no-open-place', 'noOpenPlace');
const notPending = (statusMessage: string) => new DomainError('PROPOSAL_NOT_PENDING', 409, 'proposal-not-pending', 'proposalNotPending', { statusMessage });
const capacityReached = () => new DomainError('VOLUNTEER_CAPACITY_REACHED', 409, 'capacity-reached', 'capacityReached');
const volunteerExcluded = (reasons: { rule: string; reason: string }[]) =>
  new DomainError('VOLUNTEER_EXCLUDED', 422, 'volunteer-excluded', 'volunteerExcluded', { count: reasons.length }, reasons.map((r) => ({ path: `rules.${r.rule}`, key: 'ruleReason', values: { reason: r.reason } })));

// ---------------------------------------------------------------------------------------------
// Reading

function scopeFilter(networkId: string, scope: PlacementScope): SQL[] {
  const filters: SQL[] = [eq(proposals.networkId, networkId)];
  if (!scope.all) filters.push(scope.volunteerId ? eq(proposals.volunteerId, scope.volunteerId) : sql`false`);
  return filters;
}

const proposedBy = sql<string | null>`(select u.name from ${users} u where u.network_id = ${proposals.networkId} and u.id = ${proposals.proposedByUserId})`;
const answeredBy = sql<string | null>`(select u.name from ${users} u where u.network_id = ${proposals.networkId} and u.id = ${proposals.answeredByUserId})`;
const agreementOf = sql<string | null>`(select a.id from ${agreements} a where a.network_id = ${proposals.networkId} and a.proposal_id = ${proposals.id} limit 1)`;

function baseQuery(tx: Db) {
  return tx
    .select({
      row: proposals,
      volunteerName: sql<string>`${volunteers.firstName} || ' ' || ${volunteers.lastName}`,
      request: guideRequests,
      organizationName: organizations.name,
      proposedByName: proposedBy,
      answeredByName: answeredBy,
      agreementId: agreementOf,
    })
    .from(proposals)
    .innerJoin(volunteers, and(eq(volunteers.networkId, proposals.networkId), eq(volunteers.id, proposals.volunteerId)))
    .innerJoin(guideRequests, and(eq(guideRequests.networkId, proposals.networkId), eq(guideRequests.id, proposals.requestId)))
    .leftJoin(organizations, and(eq(organizations.networkId, guideRequests.networkId), eq(organizations.id, guideRequests.requesterOrganizationId)));
}
type Selected = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function present(s: Selected): Proposal {
  const p = s.row;
  const r = s.request;
  return {
    id: p.id,
    requestId: p.requestId,
    volunteerId: p.volunteerId,
    volunteerName: s.volunteerName,
    status: p.status,
    score: p.score,
    message: p.message,
    proposedByName: s.proposedByName,
    expiresAt: p.expiresAt.toISOString(),
    answeredAt: p.answeredAt?.toISOString() ?? null,
    answeredOnBehalf: p.answeredOnBehalf,
    answeredByName: s.answeredByName,
    declineReason: p.declineReason,
    agreementId: s.agreementId,
    request: {
      title: r.title,
      kind: r.kind,
      topic: r.topic,
      description: r.description,
      languages: r.languages,
      districtKey: r.districtKey,
      place: r.place,
      startsAt: r.startsAt?.toISOString() ?? null,
      endsAt: r.endsAt?.toISOString() ?? null,
      schedule: r.schedule,
      expectedHours: r.expectedMinutes === null ? null : r.expectedMinutes / 60,
      involvesMinors: r.involvesMinors,
      seekerAgeGroup: r.seekerAgeGroup,
      organizationName: s.organizationName,
    },
    version: p.version,
    createdAt: p.createdAt.toISOString(),
  };
}

export async function listProposals(tx: Db, networkId: string, scope: PlacementScope, query: ProposalListQuery) {
  const page = keyset(proposals.createdAt, proposals.id, decodeCursor(query.cursor), true, asDate);
  const filters = scopeFilter(networkId, scope);
  if (query.status) filters.push(eq(proposals.status, query.status));
  if (query.requestId) filters.push(eq(proposals.requestId, query.requestId));
  if (query.volunteerId) filters.push(eq(proposals.volunteerId, query.volunteerId));
  if (page.where) filters.push(page.where);
  const rows = await baseQuery(tx).where(and(...filters)).orderBy(...page.orderBy).limit(query.limit + 1);
  const result = toPage(rows, query.limit, (r) => ({ v: r.row.createdAt.toISOString(), id: r.row.id }));
  return { items: result.items.map(present), nextCursor: result.nextCursor };
}

async function findSelected(tx: Db, networkId: string, scope: PlacementScope, id: string): Promise<Selected> {
  const [row] = await baseQuery(tx).where(and(...scopeFilter(networkId, scope), eq(proposals.id, id)));
  if (!row) throw notFound('proposal');
  return row;
}

export async function getProposal(tx: Db, actor: Actor, scope: PlacementScope, id: string): Promise<Proposal> {
  const s = await findSelected(tx, actor.networkId, scope, id);
  await recordAudit(tx, actor, { action: 'read', entity: 'proposal', entityId: id });
  return present(s);
}

// ---------------------------------------------------------------------------------------------
// Proposing

interface Recipient {
  email: string;
  locale: Locale;
  name: string;
}

async function volunteerRecipient(tx: Db, networkId: string, volunteerId: string, fallback: Locale): Promise<Recipient | null> {
  const [v] = await tx
    .select({ firstName: volunteers.firstName, email: volunteers.email, contactLanguage: volunteers.contactLanguage, accountEmail: users.email, accountLocale: users.locale })
    .from(volunteers)
    .leftJoin(users, and(eq(users.networkId, volunteers.networkId), eq(users.id, volunteers.userId)))
    .where(and(eq(volunteers.networkId, networkId), eq(volunteers.id, volunteerId)));
  const email = v?.accountEmail ?? v?.email;
  if (!v || !email) return null;
  const language = v.contactLanguage;
  const locale: Locale = v.accountLocale ?? (language === 'de' || language === 'en' || language === 'ar' ? language : fallback);
  return { email, locale, name: v.firstName };
}

async function userRecipient(tx: Db, networkId: string, userId: string | null): Promise<Recipient | null> {
  if (!userId) return null;
  const [u] = await tx.select({ email: users.email, locale: users.locale, name: users.name, status: users.status }).from(users).where(and(eq(users.networkId, networkId), eq(users.id, userId)));
  return u && u.status === 'active' ? { email: u.email, locale: u.locale, name: u.name } : null;
}

function formatInstant(at: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(at);
}

/** Proposes a volunteer for a request: the hard rules must let them through; they are told by e-mail and in the portal. */
export async function createProposal(tx: Db, actor: Actor, scope: PlacementScope, requestId: string, body: CreateProposalBody, meta: MailMeta): Promise<Proposal> {
  const request = await requestForMatching(tx, actor.networkId, requestId);
  assertMatchable(request);
  const open = await openProposalsOf(tx, actor.networkId, requestId);
  if (open.some((p) => p.volunteerId === body.volunteerId)) throw alreadyProposed();
  if (open.length >= request.volunteersNeeded) throw noOpenPlace();
  const check = await exclusionsFor(tx, actor.networkId, request, body.volunteerId, { locale: meta.locale, origins: false });
  if (!check) throw notFound('volunteer');
  if (check.reasons.length) throw volunteerExcluded(check.reasons);
  const network = await getNetwork(tx, actor.networkId);
  const id = newId();
  const expiresAt = new Date(Date.now() + network.settings.proposalExpiryHours * 3_600_000);
  try {
    await tx.insert(proposals).values({
      networkId: actor.networkId,
      id,
      requestId,
      volunteerId: body.volunteerId,
      score: check.score,
      message: body.message ?? null,
      proposedByUserId: actor.type === 'user' ? actor.id : null,
      expiresAt,
    });
  } catch (err) {
    // Two coordinators proposing the same person at once: the index lets one through.
    if (isUniqueViolation(err)) throw alreadyProposed();
    throw err;
  }
  await recordAudit(tx, actor, { action: 'create', entity: 'proposal', entityId: id, fields: ['requestId', 'volunteerId'] });
  await followPlacement(tx, actor, requestId, 'proposed', ['ready']);
  const to = await volunteerRecipient(tx, actor.networkId, body.volunteerId, network.settings.defaultLocale);
  if (to) {
    await enqueueMail(tx, actor.networkId, {
      to: to.email,
      subject: t(to.locale, 'mail.proposal.subject', { title: request.title }),
      text: t(to.locale, 'mail.proposal.body', {
        name: to.name,
        title: request.title,
        network: network.name,
        message: body.message ?? '',
        expires: formatInstant(expiresAt, to.locale),
        link: `${meta.publicUrl}/portal/proposals/${id}`,
      }),
    });
  }
  return present(await findSelected(tx, actor.networkId, scope, id));
}

// ---------------------------------------------------------------------------------------------
// Answering

async function pendingRow(tx: Db, actor: Actor, scope: PlacementScope, id: string, version: number): Promise<Row> {
  const s = await findSelected(tx, actor.networkId, scope, id);
  if (s.row.version !== version) throw staleVersion('proposal');
  if (s.row.status !== 'pending') throw notPending(`proposals.status.${s.row.status}`);
  return s.row;
}

/** Answers for the volunteer: the volunteer in the portal, or a coordinator after a phone call (the record says so). */
function answerer(actor: Actor, scope: PlacementScope, row: Row) {
  const own = scope.volunteerId === row.volunteerId;
  if (!own && !scope.all) throw forbidden();
  return { answeredAt: new Date(), answeredByUserId: actor.type === 'user' ? actor.id : null, answeredOnBehalf: !own };
}

async function settle(tx: Db, actor: Actor, row: Row, set: Partial<typeof proposals.$inferInsert>, fields: string[]) {
  const [updated] = await tx
    .update(proposals)
    .set({ ...set, version: sql`${proposals.version} + 1`, updatedAt: new Date() })
    .where(and(eq(proposals.networkId, actor.networkId), eq(proposals.id, row.id), eq(proposals.version, row.version), eq(proposals.status, 'pending')))
    .returning();
  if (!updated) throw staleVersion('proposal');
  await recordAudit(tx, actor, { action: 'update', entity: 'proposal', entityId: row.id, fields });
  return updated;
}

/** The agreement's default terms: from the request's first day (or today) for the network's longest term, one-off requests until their day. */
function defaultTerm(request: { startsAt: Date | null; endsAt: Date | null; schedule: unknown[] }, maxMonths: number, today: string) {
  const first = request.startsAt ? toBerlin(request.startsAt).date : today;
  const startsOn = first < today ? today : first;
  const longest = latestEnd(startsOn, maxMonths);
  if (request.schedule.length === 0 && request.startsAt) {
    const last = toBerlin(request.endsAt ?? request.startsAt).date;
    return { startsOn, endsOn: last < startsOn ? startsOn : last > longest ? longest : last };
  }
  return { startsOn, endsOn: longest };
}

export async function acceptProposal(tx: Db, actor: Actor, scope: PlacementScope, id: string, body: AcceptProposalBody, meta: MailMeta): Promise<Proposal> {
  const row = await pendingRow(tx, actor, scope, id, body.version);
  const who = answerer(actor, scope, row);
  const request = await requestForMatching(tx, actor.networkId, row.requestId);
  const network = await getNetwork(tx, actor.networkId);
  const [load] = await tx
    .select({ max: volunteers.maxActiveAgreements, active: sql<number>`(select count(*)::int from ${agreements} a where a.network_id = ${volunteers.networkId} and a.volunteer_id = ${volunteers.id} and a.status = 'active')` })
    .from(volunteers)
    .where(and(eq(volunteers.networkId, actor.networkId), eq(volunteers.id, row.volunteerId)));
  if (load && load.active >= load.max) throw capacityReached();
  await settle(tx, actor, row, { status: 'accepted', ...who }, ['status']);
  const [raw] = await tx.select().from(guideRequests).where(and(eq(guideRequests.networkId, actor.networkId), eq(guideRequests.id, row.requestId)));
  const term = defaultTerm(raw!, network.settings.agreementMaxMonths, berlinToday());
  await insertAgreement(tx, actor, {
    volunteerId: row.volunteerId,
    requestId: row.requestId,
    proposalId: row.id,
    organizationId: request.requesterOrganizationId,
    counterpart: body.agreement?.counterpart ?? null,
    scope: body.agreement?.scope ?? request.title,
    goals: body.agreement?.goals ?? null,
    startsOn: body.agreement?.startsOn ?? term.startsOn,
    endsOn: body.agreement?.endsOn ?? (body.agreement?.startsOn ? latestEnd(body.agreement.startsOn, network.settings.agreementMaxMonths) : term.endsOn),
  });
  // All places agreed: the request is placed, and proposals still waiting are withdrawn.
  if ((await placesTaken(tx, actor.networkId, row.requestId)) >= request.volunteersNeeded) {
    await followPlacement(tx, actor, row.requestId, 'agreed', ['ready', 'proposed']);
    const waiting = await tx
      .update(proposals)
      .set({ status: 'withdrawn', version: sql`${proposals.version} + 1`, updatedAt: new Date() })
      .where(and(eq(proposals.networkId, actor.networkId), eq(proposals.requestId, row.requestId), eq(proposals.status, 'pending')))
      .returning({ id: proposals.id, volunteerId: proposals.volunteerId });
    for (const w of waiting) {
      await recordAudit(tx, actor, { action: 'update', entity: 'proposal', entityId: w.id, fields: ['status'] });
      const to = await volunteerRecipient(tx, actor.networkId, w.volunteerId, network.settings.defaultLocale);
      if (to) await enqueueMail(tx, actor.networkId, { to: to.email, subject: t(to.locale, 'mail.proposalWithdrawn.subject', { title: request.title }), text: t(to.locale, 'mail.proposalWithdrawn.body', { name: to.name, title: request.title, network: network.name }) });
    }
  }
  await tellCoordinator(tx, actor.networkId, row, 'accepted', request.title, meta);
  return present(await findSelected(tx, actor.networkId, scope, id));
}

export async function declineProposal(tx: Db, actor: Actor, scope: PlacementScope, id: string, body: DeclineProposalBody, meta: MailMeta): Promise<Proposal> {
  const row = await pendingRow(tx, actor, scope, id, body.version);
  const who = answerer(actor, scope, row);
  await settle(tx, actor, row, { status: 'declined', declineReason: body.reason, ...who }, ['status', 'declineReason']);
  await afterClosed(tx, actor, row);
  const request = await requestForMatching(tx, actor.networkId, row.requestId);
  await tellCoordinator(tx, actor.networkId, row, 'declined', request.title, meta);
  return present(await findSelected(tx, actor.networkId, scope, id));
}

export async function withdrawProposal(tx: Db, actor: Actor, scope: PlacementScope, id: string, body: WithdrawProposalBody): Promise<Proposal> {
  const row = await pendingRow(tx, actor, scope, id, body.version);
  if (!scope.all) throw forbidden();
  await settle(tx, actor, row, { status: 'withdrawn', declineReason: body.reason ?? null }, ['status']);
  await afterClosed(tx, actor, row);
  return present(await findSelected(tx, actor.networkId, scope, id));
}

/** With no proposal left open, a proposed request waits for volunteers again. */
async function afterClosed(tx: Db, actor: Actor, row: Row) {
  const open = await openProposalsOf(tx, actor.networkId, row.requestId);
  if (open.length === 0) await followPlacement(tx, actor, row.requestId, 'ready', ['proposed']);
}

async function tellCoordinator(tx: Db, networkId: string, row: Row, outcome: ProposalStatus, title: string, meta: Pick<MailMeta, 'publicUrl'>, next?: { name: string } | null) {
  const to = await userRecipient(tx, networkId, row.proposedByUserId);
  if (!to) return;
  const [v] = await tx.select({ firstName: volunteers.firstName, lastName: volunteers.lastName }).from(volunteers).where(and(eq(volunteers.networkId, networkId), eq(volunteers.id, row.volunteerId)));
  const volunteer = v ? `${v.firstName} ${v.lastName}` : '';
  const nextLine = next ? t(to.locale, 'mail.proposalAnswered.next', { next: next.name }) : '';
  await enqueueMail(tx, networkId, {
    to: to.email,
    subject: t(to.locale, 'mail.proposalAnswered.subject', { outcome, volunteer, title }),
    text: t(to.locale, 'mail.proposalAnswered.body', { name: to.name, outcome, volunteer, title, next: nextLine, link: `${meta.publicUrl}/requests/${row.requestId}` }),
  });
}

/**
 * Background job: proposals left unanswered past their time expire; the request waits for
 * volunteers again and the coordinator who proposed is offered the next candidate. The update
 * claims the rows, so two app instances never expire one twice.
 */
export async function expireProposals(tx: Db, networkId: string, now: Date, meta: Pick<MailMeta, 'publicUrl'>, next: (requestId: string) => Promise<{ name: string } | null>): Promise<number> {
  const expired = await tx
    .update(proposals)
    .set({ status: 'expired', version: sql`${proposals.version} + 1`, updatedAt: now })
    .where(and(eq(proposals.networkId, networkId), eq(proposals.status, 'pending'), lte(proposals.expiresAt, now)))
    .returning();
  const system: Actor = { networkId, type: 'system', id: null, requestId: null, ip: null };
  for (const row of expired) {
    await recordAudit(tx, system, { action: 'update', entity: 'proposal', entityId: row.id, fields: ['status'] });
    await afterClosed(tx, system, row);
    const [request] = await tx.select({ title: guideRequests.title }).from(guideRequests).where(and(eq(guideRequests.networkId, networkId), eq(guideRequests.id, row.requestId)));
    await tellCoordinator(tx, networkId, row, 'expired', request?.title ?? '', meta, await next(row.requestId));
  }
  return expired.length;
}

/** Proposals that expired or were declined on requests still waiting, newest first (the inbox). */
export async function answeredWithoutPlacement(tx: Db, networkId: string, limit: number) {
  const where = and(eq(proposals.networkId, networkId), inArray(proposals.status, ['declined', 'expired']), eq(guideRequests.status, 'ready'));
  const rows = await tx
      .select({ id: proposals.id, requestId: proposals.requestId, status: proposals.status, at: proposals.updatedAt, requestTitle: guideRequests.title, volunteerName: sql<string>`${volunteers.firstName} || ' ' || ${volunteers.lastName}` })
      .from(proposals)
      .innerJoin(guideRequests, and(eq(guideRequests.networkId, proposals.networkId), eq(guideRequests.id, proposals.requestId)))
      .innerJoin(volunteers, and(eq(volunteers.networkId, proposals.networkId), eq(volunteers.id, proposals.volunteerId)))
      .where(where)
      .orderBy(desc(proposals.updatedAt))
      .limit(limit);
  const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(proposals)
      .innerJoin(guideRequests, and(eq(guideRequests.networkId, proposals.networkId), eq(guideRequests.id, proposals.requestId)))
      .where(where);
  return { count: count!.n, items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
}

/** Proposals waiting for the volunteer's answer, those expiring first on top (the inbox). */
export async function pendingProposals(tx: Db, networkId: string, limit: number) {
  const where = and(eq(proposals.networkId, networkId), eq(proposals.status, 'pending'));
  const rows = await tx
      .select({ id: proposals.id, requestId: proposals.requestId, expiresAt: proposals.expiresAt, requestTitle: guideRequests.title, volunteerName: sql<string>`${volunteers.firstName} || ' ' || ${volunteers.lastName}` })
      .from(proposals)
      .innerJoin(guideRequests, and(eq(guideRequests.networkId, proposals.networkId), eq(guideRequests.id, proposals.requestId)))
      .innerJoin(volunteers, and(eq(volunteers.networkId, proposals.networkId), eq(volunteers.id, proposals.volunteerId)))
      .where(where)
      .orderBy(proposals.expiresAt, proposals.id)
      .limit(limit);
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(proposals).where(where);
  return { count: count!.n, items: rows.map((r) => ({ ...r, expiresAt: r.expiresAt.toISOString() })) };
}
