import { and, eq, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Agreement, AgreementFeedbackBody, AgreementListQuery, CloseAgreementBody, CreateAgreementBody, ExtendAgreementBody, UpdateAgreementBody } from '../../../common/api/agreements.js';
import type { NetworkSettings } from '../../../common/api/network.js';
import type { Locale } from '../../../common/locales.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { decodeCursor, keyset, parseSort, toPage } from '../../http/pagination.js';
import { DomainError, forbidden, invalidFields, notFound, staleVersion } from '../../http/problems.js';
import { t } from '../../i18n.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { deployments } from '../deployments/deployments.table.js';
import { guideRequests } from '../guide-requests/guide-requests.table.js';
import { enqueueMail } from '../mail/mail.service.js';
import { getNetwork } from '../networks/networks.service.js';
import { organizations } from '../organizations/organizations.table.js';
import { users } from '../users/users.table.js';
import { berlinToday } from '../volunteers/profile.js';
import { volunteers } from '../volunteers/volunteers.table.js';
import { agreements } from './agreements.table.js';
import type { PlacementScope } from './scope.js';
import { addDays, latestEnd } from '../../../common/agreement-term.js';

type Row = typeof agreements.$inferSelect;

const SORT_COLUMNS = { endsOn: agreements.endsOn, createdAt: agreements.createdAt } as const;

export const agreementNotActive = () => new DomainError('AGREEMENT_NOT_ACTIVE', 409, 'agreement-not-active', 'agreementNotActive');
const termTooLong = (months: number, path: string) => invalidFields([{ path, key: 'agreementTermTooLong', values: { months } }]);

/** Which agreements the reader sees: coordination all; partners their organisations'; volunteers their own. */
export function scopeFilter(networkId: string, scope: PlacementScope): SQL[] {
  const filters: SQL[] = [eq(agreements.networkId, networkId)];
  if (!scope.all) {
    const mine: SQL[] = [];
    if (scope.volunteerId) mine.push(eq(agreements.volunteerId, scope.volunteerId));
    if (scope.organizationIds.length) mine.push(inArray(agreements.organizationId, scope.organizationIds));
    filters.push(mine.length ? or(...mine)! : sql`false`);
  }
  return filters;
}

const selection = {
  row: agreements,
  volunteerName: sql<string>`${volunteers.firstName} || ' ' || ${volunteers.lastName}`,
  requestTitle: guideRequests.title,
  organizationName: organizations.name,
  deployments: sql<number>`(select count(*)::int from ${deployments} d where d.network_id = ${agreements.networkId} and d.agreement_id = ${agreements.id})`,
  minutes: sql<number>`(select coalesce(sum(d.minutes), 0)::int from ${deployments} d where d.network_id = ${agreements.networkId} and d.agreement_id = ${agreements.id})`,
};

function baseQuery(tx: Db) {
  return tx
    .select(selection)
    .from(agreements)
    .innerJoin(volunteers, and(eq(volunteers.networkId, agreements.networkId), eq(volunteers.id, agreements.volunteerId)))
    .leftJoin(guideRequests, and(eq(guideRequests.networkId, agreements.networkId), eq(guideRequests.id, agreements.requestId)))
    .leftJoin(organizations, and(eq(organizations.networkId, agreements.networkId), eq(organizations.id, agreements.organizationId)));
}

type Selected = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function present(r: Selected, settings: NetworkSettings, today: string): Agreement {
  const a = r.row;
  return {
    id: a.id,
    volunteerId: a.volunteerId,
    volunteerName: r.volunteerName,
    requestId: a.requestId,
    requestTitle: r.requestTitle,
    proposalId: a.proposalId,
    organizationId: a.organizationId,
    organizationName: r.organizationName,
    counterpart: a.counterpart,
    scope: a.scope,
    goals: a.goals,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    status: a.status,
    endingSoon: a.status === 'active' && a.endsOn <= addDays(today, settings.agreementReminderDays),
    extensions: a.extensions,
    closedOn: a.closedOn,
    outcome: a.outcome,
    volunteerFeedback: a.volunteerFeedback,
    partnerFeedback: a.partnerFeedback,
    deployments: r.deployments,
    hours: Math.round((r.minutes / 60) * 100) / 100,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export async function listAgreements(tx: Db, networkId: string, scope: PlacementScope, query: AgreementListQuery) {
  const settings = (await getNetwork(tx, networkId)).settings;
  const today = berlinToday();
  const { field, desc } = parseSort<keyof typeof SORT_COLUMNS>(query.sort);
  const page = keyset(SORT_COLUMNS[field], agreements.id, decodeCursor(query.cursor), desc, (v) => (field === 'createdAt' ? new Date(String(v)) : v));
  const filters = scopeFilter(networkId, scope);
  if (query.status) filters.push(eq(agreements.status, query.status));
  if (query.volunteerId) filters.push(eq(agreements.volunteerId, query.volunteerId));
  if (query.organizationId) filters.push(eq(agreements.organizationId, query.organizationId));
  if (query.requestId) filters.push(eq(agreements.requestId, query.requestId));
  if (query.endingSoon !== undefined) {
    const soon = and(eq(agreements.status, 'active'), lte(agreements.endsOn, addDays(today, settings.agreementReminderDays)))!;
    filters.push(query.endingSoon ? soon : sql`not (${soon})`);
  }
  if (page.where) filters.push(page.where);
  const rows = await baseQuery(tx).where(and(...filters)).orderBy(...page.orderBy).limit(query.limit + 1);
  const result = toPage(rows, query.limit, (r) => ({ v: field === 'createdAt' ? r.row.createdAt.toISOString() : r.row.endsOn, id: r.row.id }));
  return { items: result.items.map((r) => present(r, settings, today)), nextCursor: result.nextCursor };
}

async function findSelected(tx: Db, networkId: string, scope: PlacementScope, id: string): Promise<Selected> {
  const [row] = await baseQuery(tx).where(and(...scopeFilter(networkId, scope), eq(agreements.id, id)));
  if (!row) throw notFound('agreement');
  return row;
}

async function presentOne(tx: Db, networkId: string, scope: PlacementScope, id: string): Promise<Agreement> {
  const settings = (await getNetwork(tx, networkId)).settings;
  return present(await findSelected(tx, networkId, scope, id), settings, berlinToday());
}

/** One agreement; the read is audited (it names a volunteer and whom they accompany). */
export async function getAgreement(tx: Db, actor: Actor, scope: PlacementScope, id: string): Promise<Agreement> {
  const agreement = await presentOne(tx, actor.networkId, scope, id);
  await recordAudit(tx, actor, { action: 'read', entity: 'agreement', entityId: id });
  return agreement;
}

/** The agreement a deployment is logged under, if the reader may log or see it. */
export async function agreementForScope(tx: Db, networkId: string, scope: PlacementScope, id: string): Promise<Row> {
  const [row] = await tx.select().from(agreements).where(and(...scopeFilter(networkId, scope), eq(agreements.id, id)));
  if (!row) throw notFound('agreement');
  return row;
}

export interface NewAgreement extends CreateAgreementBody {
  proposalId?: string | null;
}

/**
 * Records an agreement: from an accepted proposal (proposals module) or by a coordinator. The term
 * is time-limited by the network's longest term.
 */
export async function insertAgreement(tx: Db, actor: Actor, body: NewAgreement): Promise<string> {
  const settings = (await getNetwork(tx, actor.networkId)).settings;
  if (body.endsOn > latestEnd(body.startsOn, settings.agreementMaxMonths)) throw termTooLong(settings.agreementMaxMonths, 'body.endsOn');
  const errors = [];
  const [volunteer] = await tx.select({ id: volunteers.id }).from(volunteers).where(and(eq(volunteers.networkId, actor.networkId), eq(volunteers.id, body.volunteerId)));
  if (!volunteer) errors.push({ path: 'body.volunteerId', key: 'unknownVolunteer' });
  let organizationId = body.organizationId ?? null;
  if (body.requestId) {
    const [request] = await tx
      .select({ org: guideRequests.requesterOrganizationId })
      .from(guideRequests)
      .where(and(eq(guideRequests.networkId, actor.networkId), eq(guideRequests.id, body.requestId)));
    if (!request) errors.push({ path: 'body.requestId', key: 'unknownRequest' });
    else organizationId ??= request.org;
  }
  if (organizationId) {
    const [org] = await tx.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.networkId, actor.networkId), eq(organizations.id, organizationId)));
    if (!org) errors.push({ path: 'body.organizationId', key: 'unknownOrganization' });
  }
  if (errors.length) throw invalidFields(errors);
  const id = newId();
  await tx.insert(agreements).values({
    networkId: actor.networkId,
    id,
    volunteerId: body.volunteerId,
    requestId: body.requestId ?? null,
    proposalId: body.proposalId ?? null,
    organizationId,
    counterpart: body.counterpart ?? null,
    scope: body.scope,
    goals: body.goals ?? null,
    startsOn: body.startsOn,
    endsOn: body.endsOn,
    createdByUserId: actor.type === 'user' ? actor.id : null,
  });
  await recordAudit(tx, actor, { action: 'create', entity: 'agreement', entityId: id });
  return id;
}

export async function createAgreement(tx: Db, actor: Actor, scope: PlacementScope, body: CreateAgreementBody): Promise<Agreement> {
  const id = await insertAgreement(tx, actor, body);
  return presentOne(tx, actor.networkId, scope, id);
}

async function change(tx: Db, actor: Actor, current: Row, version: number, set: Partial<typeof agreements.$inferInsert>, fields: string[]) {
  const [updated] = await tx
    .update(agreements)
    .set({ ...set, version: sql`${agreements.version} + 1`, updatedAt: new Date() })
    .where(and(eq(agreements.networkId, actor.networkId), eq(agreements.id, current.id), eq(agreements.version, version)))
    .returning();
  if (!updated) throw staleVersion('agreement');
  await recordAudit(tx, actor, { action: 'update', entity: 'agreement', entityId: current.id, fields });
  return updated;
}

async function current(tx: Db, actor: Actor, scope: PlacementScope, id: string, version: number) {
  const row = await agreementForScope(tx, actor.networkId, scope, id);
  if (row.version !== version) throw staleVersion('agreement');
  return row;
}

export async function updateAgreement(tx: Db, actor: Actor, scope: PlacementScope, id: string, body: UpdateAgreementBody): Promise<Agreement> {
  const row = await current(tx, actor, scope, id, body.version);
  if (row.status !== 'active') throw agreementNotActive();
  const set: Partial<typeof agreements.$inferInsert> = {};
  if (body.counterpart !== undefined) set.counterpart = body.counterpart ?? null;
  if (body.scope !== undefined) set.scope = body.scope;
  if (body.goals !== undefined) set.goals = body.goals ?? null;
  await change(tx, actor, row, body.version, set, Object.keys(set));
  return presentOne(tx, actor.networkId, scope, id);
}

/** A later end; each extension may add at most the network's longest term to the current end. */
export async function extendAgreement(tx: Db, actor: Actor, scope: PlacementScope, id: string, body: ExtendAgreementBody): Promise<Agreement> {
  const row = await current(tx, actor, scope, id, body.version);
  if (row.status !== 'active') throw agreementNotActive();
  if (body.endsOn <= row.endsOn) throw invalidFields([{ path: 'body.endsOn', key: 'extensionNotLater', values: { date: row.endsOn } }]);
  const settings = (await getNetwork(tx, actor.networkId)).settings;
  if (body.endsOn > latestEnd(addDays(row.endsOn, 1), settings.agreementMaxMonths)) throw termTooLong(settings.agreementMaxMonths, 'body.endsOn');
  await change(tx, actor, row, body.version, { endsOn: body.endsOn, extensions: row.extensions + 1 }, ['endsOn', 'extensions']);
  return presentOne(tx, actor.networkId, scope, id);
}

/** Closing with an outcome; when the request has no active agreement left, it is closed too. */
export async function closeAgreement(tx: Db, actor: Actor, scope: PlacementScope, id: string, body: CloseAgreementBody, onRequestDone: (requestId: string) => Promise<void>): Promise<Agreement> {
  const row = await current(tx, actor, scope, id, body.version);
  if (row.status !== 'active') throw agreementNotActive();
  const closedOn = body.closedOn ?? berlinToday();
  if (closedOn < row.startsOn) throw invalidFields([{ path: 'body.closedOn', key: 'closedBeforeStart', values: { date: row.startsOn } }]);
  await change(
    tx,
    actor,
    row,
    body.version,
    {
      status: 'closed',
      closedOn,
      outcome: body.outcome,
      volunteerFeedback: body.volunteerFeedback ?? row.volunteerFeedback,
      partnerFeedback: body.partnerFeedback ?? row.partnerFeedback,
      closedByUserId: actor.type === 'user' ? actor.id : null,
    },
    ['status', 'closedOn', 'outcome', 'volunteerFeedback', 'partnerFeedback'],
  );
  if (row.requestId) {
    const [open] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(agreements)
      .where(and(eq(agreements.networkId, actor.networkId), eq(agreements.requestId, row.requestId), eq(agreements.status, 'active')));
    if (open!.n === 0) await onRequestDone(row.requestId);
  }
  return presentOne(tx, actor.networkId, scope, id);
}

/** The volunteer's or the institution's own words about how it went (coordinators write either side when closing). */
export async function giveFeedback(tx: Db, actor: Actor, scope: PlacementScope, id: string, body: AgreementFeedbackBody): Promise<Agreement> {
  const row = await current(tx, actor, scope, id, body.version);
  if (scope.volunteerId && row.volunteerId === scope.volunteerId) {
    await change(tx, actor, row, body.version, { volunteerFeedback: body.feedback }, ['volunteerFeedback']);
  } else if (row.organizationId && scope.organizationIds.includes(row.organizationId)) {
    await change(tx, actor, row, body.version, { partnerFeedback: body.feedback }, ['partnerFeedback']);
  } else {
    throw forbidden();
  }
  return presentOne(tx, actor.networkId, scope, id);
}

export interface ReminderMeta {
  publicUrl: string;
}

/**
 * Background job: reminds the volunteer (portal account or e-mail) and the coordinator who made
 * the agreement, once per end date, when an active agreement ends within the reminder period.
 * Claims its rows with a conditional update, so two app instances never remind twice.
 */
export async function remindEndingAgreements(tx: Db, networkId: string, today: string, meta: ReminderMeta): Promise<number> {
  const network = await getNetwork(tx, networkId);
  const horizon = addDays(today, network.settings.agreementReminderDays);
  const due = await tx
    .update(agreements)
    .set({ remindedForEndOn: sql`${agreements.endsOn}` })
    .where(
      and(
        eq(agreements.networkId, networkId),
        eq(agreements.status, 'active'),
        lte(agreements.endsOn, horizon),
        sql`${agreements.remindedForEndOn} is distinct from ${agreements.endsOn}`,
      ),
    )
    .returning();
  for (const a of due) {
    const [v] = await tx
      .select({ firstName: volunteers.firstName, email: volunteers.email, contactLanguage: volunteers.contactLanguage, accountEmail: users.email, accountLocale: users.locale })
      .from(volunteers)
      .leftJoin(users, and(eq(users.networkId, volunteers.networkId), eq(users.id, volunteers.userId)))
      .where(and(eq(volunteers.networkId, networkId), eq(volunteers.id, a.volunteerId)));
    const recipients: { email: string; locale: Locale; name: string }[] = [];
    const volunteerEmail = v?.accountEmail ?? v?.email;
    if (v && volunteerEmail) recipients.push({ email: volunteerEmail, locale: v.accountLocale ?? localeOf(v.contactLanguage, network.settings.defaultLocale), name: v.firstName });
    if (a.createdByUserId) {
      const [c] = await tx.select({ email: users.email, locale: users.locale, name: users.name, status: users.status }).from(users).where(and(eq(users.networkId, networkId), eq(users.id, a.createdByUserId)));
      if (c && c.status === 'active' && c.email !== volunteerEmail) recipients.push({ email: c.email, locale: c.locale, name: c.name });
    }
    for (const r of recipients) {
      await enqueueMail(tx, networkId, {
        to: r.email,
        subject: t(r.locale, 'mail.agreementEnding.subject', { date: formatDate(a.endsOn, r.locale) }),
        text: t(r.locale, 'mail.agreementEnding.body', { name: r.name, date: formatDate(a.endsOn, r.locale), scope: a.scope, network: network.name, link: `${meta.publicUrl}/agreements/${a.id}` }),
      });
    }
  }
  return due.length;
}

const localeOf = (language: string | null, fallback: Locale): Locale => (language === 'de' || language === 'en' || language === 'ar' ? language : fallback);

export function formatDate(isoDate: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'ar' ? 'ar' : locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** Active agreements ending within the network's reminder period, soonest first (the inbox). */
export async function agreementsEndingSoon(tx: Db, networkId: string, limit: number) {
  const settings = (await getNetwork(tx, networkId)).settings;
  const where = and(eq(agreements.networkId, networkId), eq(agreements.status, 'active'), lte(agreements.endsOn, addDays(berlinToday(), settings.agreementReminderDays)));
  const rows = await tx
      .select({ id: agreements.id, scope: agreements.scope, endsOn: agreements.endsOn, volunteerName: sql<string>`${volunteers.firstName} || ' ' || ${volunteers.lastName}` })
      .from(agreements)
      .innerJoin(volunteers, and(eq(volunteers.networkId, agreements.networkId), eq(volunteers.id, agreements.volunteerId)))
      .where(where)
      .orderBy(agreements.endsOn, agreements.id)
      .limit(limit);
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(agreements).where(where);
  return { count: count!.n, items: rows };
}
