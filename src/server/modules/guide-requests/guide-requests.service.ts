import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  CreateGuideRequestBody,
  type GuideRequest,
  type GuideRequestDetail,
  type GuideRequestListQuery,
  type GuideRequestStatus,
  type UpdateGuideRequestBody,
} from '../../../common/api/guide-requests.js';
import { REQUEST_CONSENT_VERSION, type PublicGuideRequestBody } from '../../../common/api/public.js';
import { withTenant } from '../../db/tenancy.js';
import { reserveAttempt } from '../auth/throttle.js';
import { consents } from '../consents/consents.table.js';
import { activeUsersWithRole } from '../users/users.service.js';
import { berlinToday } from '../volunteers/profile.js';
import type { Locale } from '../../../common/locales.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { asDate, decodeCursor, keyset, parseSort, toPage } from '../../http/pagination.js';
import { DomainError, forbidden, invalidFields, notFound, staleVersion, type FieldError } from '../../http/problems.js';
import { t } from '../../i18n.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { catalogEntries } from '../catalog/catalog.table.js';
import { districtMap, unknownCatalogKeys, type DistrictMap } from '../catalog/catalog.service.js';
import type { MatchRequest } from '../matching/criteria.js';
import { enqueueMail } from '../mail/mail.service.js';
import { getNetwork, networkIdBySlug } from '../networks/networks.service.js';
import { organizations } from '../organizations/organizations.table.js';
import { users } from '../users/users.table.js';
import { canMove, isEditable, missingFields } from './description.js';
import { guideRequests, guideRequestStatusChanges } from './guide-requests.table.js';

type Row = typeof guideRequests.$inferSelect;

/** What the reader may see and do, worked out from their roles by the route. */
export interface RequestScope {
  /** Reads every request of the network (coordination); otherwise only those of `organizationIds`. */
  all: boolean;
  organizationIds: string[];
  /** May complete, release, send back and match (coordinators). */
  manage: boolean;
  /** May read seekers' origins (special category). */
  origins: boolean;
}

const SORT_COLUMNS = { createdAt: guideRequests.createdAt, startsAt: guideRequests.startsAt } as const;

function scopeFilter(networkId: string, scope: RequestScope): SQL[] {
  const filters: SQL[] = [eq(guideRequests.networkId, networkId)];
  if (!scope.all) {
    filters.push(scope.organizationIds.length ? inArray(guideRequests.requesterOrganizationId, scope.organizationIds) : sql`false`);
  }
  return filters;
}

function present(row: Row, scope: RequestScope, professionalTopics: readonly string[]): GuideRequest {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    topic: row.topic,
    description: row.description,
    languages: row.languages,
    districtKey: row.districtKey,
    place: row.place,
    startsAt: row.startsAt?.toISOString() ?? null,
    endsAt: row.endsAt?.toISOString() ?? null,
    schedule: row.schedule,
    expectedHours: row.expectedMinutes === null ? null : row.expectedMinutes / 60,
    volunteersNeeded: row.volunteersNeeded,
    requiredSpecializations: row.requiredSpecializations,
    involvesMinors: row.involvesMinors,
    seeker: {
      ageGroup: row.seekerAgeGroup,
      languages: row.seekerLanguages,
      genderPreference: row.seekerGenderPreference,
      wantsPeerMatch: row.seekerWantsPeerMatch,
      ...(scope.origins ? { origins: row.seekerOrigins } : {}),
    },
    requesterOrganizationId: row.requesterOrganizationId,
    contact: row.contactName ? { name: row.contactName, phone: row.contactPhone, email: row.contactEmail } : null,
    urgency: row.urgency,
    status: row.status,
    statusSince: row.statusSince.toISOString(),
    source: row.source,
    missingFields: missingOf(row),
    needsProfessional: row.topic !== null && professionalTopics.includes(row.topic),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function missingOf(row: Row): string[] {
  return missingFields({
    kind: row.kind,
    topic: row.topic,
    description: row.description,
    languages: row.languages,
    districtKey: row.districtKey,
    place: row.place,
    startsAt: row.startsAt,
    schedule: row.schedule,
    expectedHours: row.expectedMinutes,
    seeker: { ageGroup: row.seekerAgeGroup },
    contact: row.contactName ? { name: row.contactName, phone: row.contactPhone, email: row.contactEmail } : null,
  });
}

async function findRow(tx: Db, networkId: string, scope: RequestScope, id: string): Promise<Row> {
  const [row] = await tx
    .select()
    .from(guideRequests)
    .where(and(...scopeFilter(networkId, scope), eq(guideRequests.id, id)));
  // Another organisation's request is as unknown as another network's.
  if (!row) throw notFound('guideRequest');
  return row;
}

async function professionalTopicsOf(tx: Db, networkId: string) {
  return (await getNetwork(tx, networkId)).settings.professionalTopics;
}

export async function listGuideRequests(tx: Db, networkId: string, scope: RequestScope, query: GuideRequestListQuery) {
  const { field, desc } = parseSort<keyof typeof SORT_COLUMNS>(query.sort);
  const column = SORT_COLUMNS[field];
  const page = keyset(column, guideRequests.id, decodeCursor(query.cursor), desc, (v) => asDate(v));
  const filters = scopeFilter(networkId, scope);
  if (query.status) filters.push(eq(guideRequests.status, query.status));
  if (query.kind) filters.push(eq(guideRequests.kind, query.kind));
  if (query.topic) filters.push(eq(guideRequests.topic, query.topic));
  if (query.urgency) filters.push(eq(guideRequests.urgency, query.urgency));
  if (query.requesterOrganizationId) filters.push(eq(guideRequests.requesterOrganizationId, query.requesterOrganizationId));
  if (query.district) {
    // A district includes its quarters.
    filters.push(
      sql`${guideRequests.districtKey} in (select c.key from ${catalogEntries} c where c.network_id = ${networkId} and c.kind = 'districts' and (c.key = ${query.district} or c.parent_key = ${query.district}))`,
    );
  }
  if (field === 'startsAt') filters.push(sql`${guideRequests.startsAt} is not null`);
  if (page.where) filters.push(page.where);
  const rows = await tx
    .select()
    .from(guideRequests)
    .where(and(...filters))
    .orderBy(...page.orderBy)
    .limit(query.limit + 1);
  const professional = await professionalTopicsOf(tx, networkId);
  const result = toPage(rows, query.limit, (r) => ({ v: r[field]!.toISOString(), id: r.id }));
  return { items: result.items.map((r) => present(r, scope, professional)), nextCursor: result.nextCursor };
}

async function history(tx: Db, networkId: string, requestId: string): Promise<GuideRequestDetail['statusHistory']> {
  const rows = await tx
    .select({ from: guideRequestStatusChanges.fromStatus, to: guideRequestStatusChanges.toStatus, at: guideRequestStatusChanges.at, byName: users.name, message: guideRequestStatusChanges.message })
    .from(guideRequestStatusChanges)
    .leftJoin(users, and(eq(users.networkId, guideRequestStatusChanges.networkId), eq(users.id, guideRequestStatusChanges.byUserId)))
    .where(and(eq(guideRequestStatusChanges.networkId, networkId), eq(guideRequestStatusChanges.requestId, requestId)))
    .orderBy(asc(guideRequestStatusChanges.at), asc(guideRequestStatusChanges.id));
  return rows.map((r) => ({ ...r, at: r.at.toISOString(), byName: r.byName ?? null }));
}

async function detail(tx: Db, networkId: string, scope: RequestScope, row: Row): Promise<GuideRequestDetail> {
  return { ...present(row, scope, await professionalTopicsOf(tx, networkId)), statusHistory: await history(tx, networkId, row.id) };
}

/** Reading a request shows a seeker's data: the read is audited. */
export async function getGuideRequest(tx: Db, actor: Actor, scope: RequestScope, id: string): Promise<GuideRequestDetail> {
  const row = await findRow(tx, actor.networkId, scope, id);
  await recordAudit(tx, actor, { action: 'read', entity: 'guide_request', entityId: id });
  return detail(tx, actor.networkId, scope, row);
}

type Writable = Partial<CreateGuideRequestBody>;

async function validateReferences(tx: Db, networkId: string, scope: RequestScope, body: Writable): Promise<void> {
  const errors: FieldError[] = [];
  const key = (kind: 'topics' | 'districts', value: string, path: string) =>
    unknownCatalogKeys(tx, networkId, kind, [value], path).then((e) => e.map((x) => ({ ...x, path })));
  if (body.topic) errors.push(...(await key('topics', body.topic, 'body.topic')));
  if (body.districtKey) errors.push(...(await key('districts', body.districtKey, 'body.districtKey')));
  if (body.requiredSpecializations?.length) errors.push(...(await unknownCatalogKeys(tx, networkId, 'specializations', body.requiredSpecializations, 'body.requiredSpecializations')));
  if (body.requesterOrganizationId) {
    const [org] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.networkId, networkId), eq(organizations.id, body.requesterOrganizationId)));
    if (!org || (!scope.all && !scope.organizationIds.includes(org.id))) errors.push({ path: 'body.requesterOrganizationId', key: 'unknownOrganization' });
  }
  const languages = body.languages ?? [];
  languages.forEach((l, i) => {
    if (languages.findIndex((o) => o.code === l.code) !== i) errors.push({ path: `body.languages.${i}.code`, key: 'duplicate' });
  });
  if (body.seeker?.origins?.length && !body.seeker.wantsPeerMatch) errors.push({ path: 'body.seeker.origins', key: 'originsOnlyForPeerMatch' });
  if (errors.length) throw invalidFields(errors);
}

/** Column values of the writable fields present in `body`, and the names of the fields changed. */
function columnsOf(body: Writable): { set: Partial<typeof guideRequests.$inferInsert>; fields: string[] } {
  const set: Partial<typeof guideRequests.$inferInsert> = {};
  const fields: string[] = [];
  const put = <K extends keyof typeof guideRequests.$inferInsert>(field: string, column: K, value: (typeof guideRequests.$inferInsert)[K]) => {
    set[column] = value;
    fields.push(field);
  };
  if (body.title !== undefined) put('title', 'title', body.title);
  if (body.kind !== undefined) put('kind', 'kind', body.kind ?? null);
  if (body.topic !== undefined) put('topic', 'topic', body.topic ?? null);
  if (body.description !== undefined) put('description', 'description', body.description ?? null);
  if (body.languages !== undefined) put('languages', 'languages', body.languages);
  if (body.districtKey !== undefined) put('districtKey', 'districtKey', body.districtKey ?? null);
  if (body.place !== undefined) put('place', 'place', body.place ?? null);
  if (body.startsAt !== undefined) put('startsAt', 'startsAt', body.startsAt ? new Date(body.startsAt) : null);
  if (body.endsAt !== undefined) put('endsAt', 'endsAt', body.endsAt ? new Date(body.endsAt) : null);
  if (body.schedule !== undefined) put('schedule', 'schedule', body.schedule);
  if (body.expectedHours !== undefined) put('expectedHours', 'expectedMinutes', body.expectedHours ? Math.round(body.expectedHours * 60) : null);
  if (body.volunteersNeeded !== undefined) put('volunteersNeeded', 'volunteersNeeded', body.volunteersNeeded);
  if (body.requiredSpecializations !== undefined) put('requiredSpecializations', 'requiredSpecializations', [...new Set(body.requiredSpecializations)]);
  if (body.involvesMinors !== undefined) put('involvesMinors', 'involvesMinors', body.involvesMinors);
  if (body.seeker !== undefined) {
    set.seekerAgeGroup = body.seeker.ageGroup ?? null;
    set.seekerLanguages = [...new Set(body.seeker.languages)];
    set.seekerGenderPreference = body.seeker.genderPreference ?? null;
    set.seekerWantsPeerMatch = body.seeker.wantsPeerMatch;
    set.seekerOrigins = body.seeker.wantsPeerMatch ? [...new Set(body.seeker.origins)] : [];
    fields.push('seeker');
  }
  if (body.requesterOrganizationId !== undefined) put('requesterOrganizationId', 'requesterOrganizationId', body.requesterOrganizationId ?? null);
  if (body.contact !== undefined) {
    set.contactName = body.contact?.name ?? null;
    set.contactPhone = body.contact?.phone ?? null;
    set.contactEmail = body.contact?.email ?? null;
    fields.push('contact');
  }
  if (body.urgency !== undefined) put('urgency', 'urgency', body.urgency);
  return { set, fields };
}

async function recordStatus(tx: Db, actor: Actor, requestId: string, from: GuideRequestStatus | null, to: GuideRequestStatus, message: string | null) {
  await tx.insert(guideRequestStatusChanges).values({
    networkId: actor.networkId,
    id: newId(),
    requestId,
    fromStatus: from,
    toStatus: to,
    byUserId: actor.type === 'user' ? actor.id : null,
    message,
  });
}

export interface CreateContext {
  source: 'partner' | 'coordinator' | 'public';
  /** The organisation a requester submits for when the body names none. */
  defaultOrganizationId: string | null;
}

export async function createGuideRequest(tx: Db, actor: Actor, scope: RequestScope, body: CreateGuideRequestBody, context: CreateContext): Promise<GuideRequestDetail> {
  const withOrg = { ...body, requesterOrganizationId: body.requesterOrganizationId ?? (scope.all ? null : context.defaultOrganizationId) };
  if (!scope.all && !withOrg.requesterOrganizationId) throw invalidFields([{ path: 'body.requesterOrganizationId', key: 'required' }]);
  await validateReferences(tx, actor.networkId, scope, withOrg);
  const { set } = columnsOf(withOrg);
  const id = newId();
  const [row] = await tx
    .insert(guideRequests)
    .values({ ...set, title: body.title, networkId: actor.networkId, id, source: context.source, createdByUserId: actor.type === 'user' ? actor.id : null })
    .returning();
  await recordStatus(tx, actor, id, null, 'new', null);
  await recordAudit(tx, actor, { action: 'create', entity: 'guide_request', entityId: id });
  return detail(tx, actor.networkId, scope, row!);
}

const requestIncomplete = (missing: string[]) =>
  new DomainError(
    'GUIDE_REQUEST_INCOMPLETE',
    422,
    'request-incomplete',
    'requestIncomplete',
    { count: missing.length },
    missing.map((field) => ({ path: `body.${field}`, key: 'requiredForMatching' })),
  );
const needsProfessional = () =>
  new DomainError('GUIDE_REQUEST_NEEDS_PROFESSIONAL', 422, 'needs-professional', 'requestNeedsProfessional', {}, [{ path: 'body.topic', key: 'topicForProfessionals' }]);
const statusChangeRefused = (from: GuideRequestStatus, to: GuideRequestStatus) =>
  new DomainError('GUIDE_REQUEST_STATUS_CHANGE_REFUSED', 409, 'status-change-refused', 'statusChangeRefused', {
    fromMessage: `guideRequests.status.${from}`,
    toMessage: `guideRequests.status.${to}`,
  });

export interface UpdateMeta {
  publicUrl: string;
  /** Language of mail to the requester's contact when no account says otherwise. */
  defaultLocale: Locale;
}

export async function updateGuideRequest(tx: Db, actor: Actor, scope: RequestScope, id: string, body: UpdateGuideRequestBody, meta: UpdateMeta): Promise<GuideRequestDetail> {
  const current = await findRow(tx, actor.networkId, scope, id);
  if (current.version !== body.version) throw staleVersion('guideRequest');
  const { status: wanted, statusMessage, version: _version, ...changes } = body;
  const { set, fields } = columnsOf(changes);
  if (fields.length && !isEditable(current.status, scope.manage)) throw statusChangeRefused(current.status, current.status);
  if (set.seekerOrigins?.length && !scope.origins) throw forbidden();
  // A coordinator who may not read origins keeps them as they are when sending the seeker back.
  if (body.seeker && !scope.origins) delete set.seekerOrigins;
  await validateReferences(tx, actor.networkId, scope, { ...changes, seeker: body.seeker ? { ...body.seeker, origins: scope.origins ? body.seeker.origins : [] } : undefined });

  let next: GuideRequestStatus = current.status;
  if (wanted && wanted !== current.status) {
    if (!canMove(current.status, wanted, scope.manage)) throw statusChangeRefused(current.status, wanted);
    next = wanted;
  } else if (fields.length && current.status === 'needs_info' && !scope.manage) {
    // The requester answered: the request is back in the coordinators' queue.
    next = 'new';
  }
  if (next === 'needs_info' && next !== current.status && !statusMessage) throw invalidFields([{ path: 'body.statusMessage', key: 'required' }]);

  const statusChanged = next !== current.status;
  const [updated] = await tx
    .update(guideRequests)
    .set({ ...set, ...(statusChanged ? { status: next, statusSince: new Date() } : {}), version: sql`${guideRequests.version} + 1`, updatedAt: new Date() })
    .where(and(eq(guideRequests.networkId, actor.networkId), eq(guideRequests.id, id), eq(guideRequests.version, body.version)))
    .returning();
  if (!updated) throw staleVersion('guideRequest');
  if (next === 'ready') {
    // Checked on the stored result, so that a change and the release in one request are judged together.
    const missing = missingOf(updated);
    if (missing.length) throw requestIncomplete(missing);
    if (updated.topic && (await professionalTopicsOf(tx, actor.networkId)).includes(updated.topic)) throw needsProfessional();
  }
  if (statusChanged) {
    await recordStatus(tx, actor, id, current.status, next, statusMessage ?? null);
    if (next === 'needs_info') await askRequester(tx, actor.networkId, updated, statusMessage!, meta);
  }
  await recordAudit(tx, actor, { action: 'update', entity: 'guide_request', entityId: id, fields: statusChanged ? [...fields, 'status'] : fields });
  return detail(tx, actor.networkId, scope, updated);
}

/** Sends the coordinator's question to the requester: the submitting account, else the contact's e-mail. */
async function askRequester(tx: Db, networkId: string, row: Row, message: string, meta: UpdateMeta) {
  let to: { email: string; locale: Locale; name: string } | null = null;
  if (row.createdByUserId) {
    const [user] = await tx
      .select({ email: users.email, locale: users.locale, name: users.name, status: users.status })
      .from(users)
      .where(and(eq(users.networkId, networkId), eq(users.id, row.createdByUserId)));
    if (user && user.status === 'active') to = { email: user.email, locale: user.locale, name: user.name };
  }
  if (!to && row.contactEmail) to = { email: row.contactEmail, locale: meta.defaultLocale, name: row.contactName ?? '' };
  if (!to) return;
  const network = await getNetwork(tx, networkId);
  await enqueueMail(tx, networkId, {
    to: to.email,
    subject: t(to.locale, 'mail.requestNeedsInfo.subject', { title: row.title }),
    text: t(to.locale, 'mail.requestNeedsInfo.body', { name: to.name, title: row.title, network: network.name, message, link: `${meta.publicUrl}/requests/${row.id}` }),
  });
}

/**
 * Status moves that follow the placement (proposals and agreements), not a person's hand:
 * ready → proposed when a volunteer is proposed, → agreed when all places are agreed, back to
 * ready when every proposal was declined or expired, agreed → closed when the last agreement closed.
 */
export async function followPlacement(tx: Db, actor: Actor, requestId: string, to: GuideRequestStatus, allowedFrom: readonly GuideRequestStatus[]): Promise<void> {
  const [row] = await tx
    .select({ status: guideRequests.status })
    .from(guideRequests)
    .where(and(eq(guideRequests.networkId, actor.networkId), eq(guideRequests.id, requestId)));
  if (!row || row.status === to || !allowedFrom.includes(row.status)) return;
  await tx
    .update(guideRequests)
    .set({ status: to, statusSince: new Date(), version: sql`${guideRequests.version} + 1`, updatedAt: new Date() })
    .where(and(eq(guideRequests.networkId, actor.networkId), eq(guideRequests.id, requestId)));
  await recordStatus(tx, actor, requestId, row.status, to, null);
  await recordAudit(tx, actor, { action: 'update', entity: 'guide_request', entityId: requestId, fields: ['status'] });
}

/** What matching needs of a request: its description as plain data, its places and its state. */
export interface RequestForMatching {
  id: string;
  title: string;
  status: GuideRequestStatus;
  volunteersNeeded: number;
  missingFields: string[];
  needsProfessional: boolean;
  requesterOrganizationId: string | null;
  startsAt: Date | null;
  match: MatchRequest;
}

function forMatching(row: Row, professional: readonly string[], districts: DistrictMap): RequestForMatching {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    volunteersNeeded: row.volunteersNeeded,
    missingFields: missingOf(row),
    needsProfessional: row.topic !== null && professional.includes(row.topic),
    requesterOrganizationId: row.requesterOrganizationId,
    startsAt: row.startsAt,
    match: {
      topic: row.topic,
      languages: row.languages,
      requiredSpecializations: row.requiredSpecializations,
      involvesMinors: row.involvesMinors,
      districtKey: row.districtKey,
      place: districts.pointOf(row.districtKey),
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      schedule: row.schedule,
      expectedHours: row.expectedMinutes === null ? null : row.expectedMinutes / 60,
      seeker: { genderPreference: row.seekerGenderPreference, wantsPeerMatch: row.seekerWantsPeerMatch, origins: row.seekerOrigins },
      requesterOrganizationId: row.requesterOrganizationId,
    },
  };
}

/** One request for matching (coordination reads every request of the network). */
export async function requestForMatching(tx: Db, networkId: string, id: string): Promise<RequestForMatching> {
  const [row] = await tx.select().from(guideRequests).where(and(eq(guideRequests.networkId, networkId), eq(guideRequests.id, id)));
  if (!row) throw notFound('guideRequest');
  return forMatching(row, await professionalTopicsOf(tx, networkId), await districtMap(tx, networkId));
}

/** Requests waiting for volunteers (ready or proposed), or the given ones, for the plan. */
export async function requestsForPlan(tx: Db, networkId: string, ids: string[] | null): Promise<RequestForMatching[]> {
  const filters = [eq(guideRequests.networkId, networkId)];
  filters.push(ids ? (ids.length ? inArray(guideRequests.id, ids) : sql`false`) : inArray(guideRequests.status, ['ready', 'proposed']));
  const rows = await tx.select().from(guideRequests).where(and(...filters)).orderBy(asc(guideRequests.createdAt), asc(guideRequests.id));
  const professional = await professionalTopicsOf(tx, networkId);
  const districts = await districtMap(tx, networkId);
  return rows.map((r) => forMatching(r, professional, districts));
}

export { requestIncomplete, needsProfessional };

/** Requests in the given statuses, most urgent and oldest first, with their full count (the inbox). */
export async function requestsWaiting(tx: Db, networkId: string, statuses: GuideRequestStatus[], limit: number) {
  const where = and(eq(guideRequests.networkId, networkId), inArray(guideRequests.status, statuses));
  const urgencyRank = sql`case ${guideRequests.urgency} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;
  const rows = await tx.select().from(guideRequests).where(where).orderBy(urgencyRank, asc(guideRequests.statusSince), asc(guideRequests.id)).limit(limit);
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(guideRequests).where(where);
  return { count: count!.n, rows: rows.map((r) => ({ ...r, missing: missingOf(r) })) };
}

/**
 * The public request form: no account, consent required, throttled per address. The request
 * starts as `new` without a requesting organisation; the coordinators are told and complete it.
 * A filled honeypot is answered like a success and writes nothing.
 */
export async function submitPublicRequest(db: Db, slug: string, body: PublicGuideRequestBody, meta: { ip: string | null; requestId: string; publicUrl: string }): Promise<void> {
  const networkId = await networkIdBySlug(db, slug);
  const rules = [
    { key: `request-ip:${meta.ip ?? 'unknown'}`, limit: 5, windowMinutes: 60 },
    { key: `request-network:${networkId}`, limit: 300, windowMinutes: 60 },
  ];
  await reserveAttempt(db, rules, 'formRateLimited');
  if (body.website) return;
  if (body.consent.textVersion !== REQUEST_CONSENT_VERSION) throw invalidFields([{ path: 'body.consent.textVersion', key: 'consentOutdated' }]);
  await withTenant(db, networkId, async (tx) => {
    const actor: Actor = { networkId, type: 'anonymous', id: null, requestId: meta.requestId, ip: meta.ip };
    const network = await getNetwork(tx, networkId);
    const locale = body.locale ?? network.settings.defaultLocale;
    const scope: RequestScope = { all: true, organizationIds: [], manage: false, origins: false };
    const created = await createGuideRequest(
      tx,
      actor,
      scope,
      CreateGuideRequestBody.parse({
        title: t(locale, 'guideRequests.publicTitle', { kind: t(locale, `guideRequests.kind.${body.kind}`) }),
        kind: body.kind,
        topic: body.topic ?? null,
        description: body.description,
        // The guide should speak the person's language well; a coordinator adjusts the level.
        languages: body.languages.map((code) => ({ code, minLevel: 'B1' })),
        districtKey: body.districtKey ?? null,
        place: body.place ?? null,
        startsAt: body.startsAt ?? null,
        seeker: { ageGroup: body.ageGroup ?? null, languages: body.languages, genderPreference: body.genderPreference ?? null, wantsPeerMatch: false, origins: [] },
        contact: { name: body.contact.name, phone: body.contact.phone ?? null, email: body.contact.email ?? null },
        urgency: body.urgency,
      }),
      { source: 'public', defaultOrganizationId: null },
    );
    await tx.insert(consents).values({ networkId, id: newId(), subjectKind: 'seeker', subjectId: created.id, purpose: 'data_processing', textVersion: body.consent.textVersion, givenOn: berlinToday() });
    for (const coordinator of await activeUsersWithRole(tx, networkId, 'coordinator')) {
      await enqueueMail(tx, networkId, {
        to: coordinator.email,
        subject: t(coordinator.locale, 'mail.publicRequest.subject', { title: created.title }),
        text: t(coordinator.locale, 'mail.publicRequest.body', { coordinator: coordinator.name, title: created.title, network: network.name, link: `${meta.publicUrl}/requests/${created.id}` }),
      });
    }
  });
}
