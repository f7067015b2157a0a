import { and, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { NetworkSettings } from '../../../common/api/network.js';
import type {
  CreateVolunteerBody,
  Qualification,
  UpdateOwnVolunteerBody,
  UpdateVolunteerBody,
  Volunteer,
  VolunteerDetail,
  VolunteerListQuery,
  VolunteerSummary,
} from '../../../common/api/volunteers.js';
import { levelRank, type VolunteerStatus } from '../../../common/volunteers.js';
import { anyId } from '../../db/any-id.js';
import { queryRows, type Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { asDate, decodeCursor, keyset, parseSort, toPage } from '../../http/pagination.js';
import { DomainError, forbidden, invalidFields, notFound, staleVersion, type FieldError } from '../../http/problems.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { catalogNames, districtMap, unknownCatalogKeys } from '../catalog/catalog.service.js';
import { isValidBic, isValidIban } from '../expense-claims/sepa.js';
import { ownBankAccountEntered, pendingBankAccount, stageBankAccount } from './bank-account.js';
import type { MatchVolunteer } from '../matching/criteria.js';
import { catalogEntries } from '../catalog/catalog.table.js';
import { consents } from '../consents/consents.table.js';
import { hasRoomSql, isOverloaded, NO_WORKLOAD, overloadedSql, toWorkload, workloadOf, workloadSql, type Workload } from '../agreements/workload.service.js';
import { getNetwork } from '../networks/networks.service.js';
import { users } from '../users/users.table.js';
import { berlinToday, fromMinute, isAbsent, mergeSlots, policeCertificateValid, supervisionCutoff, supervisionDue, toMinute } from './profile.js';
import {
  VOLUNTEER_KEY_RELATIONS,
  volunteerAbsences,
  volunteerAvailability,
  volunteerKeys,
  volunteerLanguages,
  volunteerOrigins,
  volunteerQualifications,
  volunteers,
  volunteerStatusChanges,
  type VolunteerKeyRelation,
} from './volunteers.table.js';

type Row = typeof volunteers.$inferSelect;

/** What the reader may see: origins and notes are for coordinators only. */
export interface Visibility {
  origins: boolean;
  notes: boolean;
  /** The bank account for payouts: coordinators and the volunteer. */
  bank: boolean;
}
export const FULL_VISIBILITY: Visibility = { origins: true, notes: true, bank: true };

/** Profile lists that refer to catalogue entries, by the relation they are stored under. */
const KEY_LISTS = {
  specializations: 'specialization',
  topics: 'topic',
  competenceLimits: 'competence_limit',
  interests: 'interest',
  districts: 'district',
} as const satisfies Record<string, VolunteerKeyRelation>;
type KeyListField = keyof typeof KEY_LISTS;

const SCALARS = [
  'firstName', 'lastName', 'email', 'phone', 'street', 'postalCode', 'city', 'birthYear', 'gender', 'genderSelfDescribed',
  'contactLanguage', 'trade', 'tradeFreeText', 'professionalPosition', 'homeDistrict', 'maxActiveAgreements', 'maxHoursPerMonth',
  'lastSupervisionOn', 'notes',
] as const;

const originConsentRequired = () =>
  invalidFields([{ path: 'body.origins', key: 'originConsentRequired' }]);

// ---------------------------------------------------------------------------------------------
// Reading

interface Children {
  languages: Map<string, Volunteer['languages']>;
  origins: Map<string, string[]>;
  consent: Map<string, { givenOn: string; textVersion: string }>;
  keys: Map<string, Record<VolunteerKeyRelation, string[]>>;
  availability: Map<string, Volunteer['availability']>;
  absences: Map<string, Volunteer['absences']>;
  qualifications: Map<string, Volunteer['qualifications']>;
}

const group = <T, V>(rows: T[], id: (r: T) => string, value: (r: T) => V) => {
  const out = new Map<string, V[]>();
  for (const r of rows) {
    const list = out.get(id(r)) ?? [];
    list.push(value(r));
    out.set(id(r), list);
  }
  return out;
};

async function loadChildren(tx: Db, networkId: string, ids: string[], visibility: Visibility): Promise<Children> {
  const scope = <C extends typeof volunteerLanguages | typeof volunteerOrigins | typeof volunteerKeys | typeof volunteerAvailability | typeof volunteerAbsences | typeof volunteerQualifications>(t: C) =>
    and(eq(t.networkId, networkId), anyId(t.volunteerId, ids));
  if (!ids.length) {
    return { languages: new Map(), origins: new Map(), consent: new Map(), keys: new Map(), availability: new Map(), absences: new Map(), qualifications: new Map() };
  }
  const languages = await tx.select().from(volunteerLanguages).where(scope(volunteerLanguages)).orderBy(sql`${volunteerLanguages.levelRank} desc`, volunteerLanguages.code);
  const keys = await tx.select().from(volunteerKeys).where(scope(volunteerKeys)).orderBy(volunteerKeys.key);
  const availability = await tx.select().from(volunteerAvailability).where(scope(volunteerAvailability)).orderBy(volunteerAvailability.weekday, volunteerAvailability.fromMinute);
  const absences = await tx.select().from(volunteerAbsences).where(scope(volunteerAbsences)).orderBy(volunteerAbsences.fromDate);
  const qualifications = await tx.select().from(volunteerQualifications).where(scope(volunteerQualifications)).orderBy(volunteerQualifications.completedOn);
  const keyMap = new Map<string, Record<VolunteerKeyRelation, string[]>>();
  for (const k of keys) {
    const entry = keyMap.get(k.volunteerId) ?? { specialization: [], topic: [], competence_limit: [], interest: [], district: [] };
    entry[k.relation].push(k.key);
    keyMap.set(k.volunteerId, entry);
  }
  let origins = new Map<string, string[]>();
  const consent = new Map<string, { givenOn: string; textVersion: string }>();
  if (visibility.origins) {
    origins = group(await tx.select().from(volunteerOrigins).where(scope(volunteerOrigins)).orderBy(volunteerOrigins.country), (r) => r.volunteerId, (r) => r.country);
    const active = await tx
      .select()
      .from(consents)
      .where(and(eq(consents.networkId, networkId), eq(consents.subjectKind, 'volunteer'), anyId(consents.subjectId, ids), eq(consents.purpose, 'origin_data'), isNull(consents.withdrawnAt)));
    for (const c of active) consent.set(c.subjectId, { givenOn: c.givenOn, textVersion: c.textVersion });
  }
  return {
    languages: group(languages, (r) => r.volunteerId, (r) => ({ code: r.code, level: r.level })),
    origins,
    consent,
    keys: keyMap,
    availability: group(availability, (r) => r.volunteerId, (r) => ({ weekday: r.weekday, from: fromMinute(r.fromMinute), to: fromMinute(r.toMinute) })),
    absences: group(absences, (r) => r.volunteerId, (r) => ({ from: r.fromDate, to: r.toDate, note: r.note })),
    qualifications: group(qualifications, (r) => r.volunteerId, (r) => ({ type: r.type, completedOn: r.completedOn, completedOnPrecision: r.completedOnPrecision, provider: r.provider, specializationKey: r.specializationKey })),
  };
}

function present(row: Row, c: Children, settings: NetworkSettings, visibility: Visibility, today: string, load: Workload): Volunteer {
  const keys = c.keys.get(row.id) ?? { specialization: [], topic: [], competence_limit: [], interest: [], district: [] };
  const qualifications = c.qualifications.get(row.id) ?? [];
  const absences = c.absences.get(row.id) ?? [];
  const deployable = qualifications.some((q) => q.type === 'basic');
  const volunteer: Volunteer = {
    id: row.id,
    userId: row.userId,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    street: row.street,
    postalCode: row.postalCode,
    city: row.city,
    birthYear: row.birthYear,
    gender: row.gender,
    genderSelfDescribed: row.genderSelfDescribed,
    contactLanguage: row.contactLanguage,
    languages: c.languages.get(row.id) ?? [],
    trade: row.trade,
    tradeFreeText: row.tradeFreeText,
    professionalPosition: row.professionalPosition,
    specializations: keys.specialization,
    topics: keys.topic,
    competenceLimits: keys.competence_limit,
    interests: keys.interest,
    homeDistrict: row.homeDistrict,
    districts: keys.district,
    availability: c.availability.get(row.id) ?? [],
    absences,
    maxActiveAgreements: row.maxActiveAgreements,
    maxHoursPerMonth: row.maxHoursPerMonth,
    status: row.status,
    statusSince: row.statusSince.toISOString(),
    onboarding: {
      confidentialitySignedOn: row.confidentialitySignedOn,
      dataProtectionConsentOn: row.dataProtectionConsentOn,
      insuranceNotedOn: row.insuranceNotedOn,
      policeCertificateOn: row.policeCertificateOn,
      policeCertificateValid: policeCertificateValid(row.policeCertificateOn, settings, today),
    },
    qualifications,
    deployable,
    wellbeing: {
      lastSupervisionOn: row.lastSupervisionOn,
      supervisionDue: supervisionDue(row.lastSupervisionOn, settings, today),
      activeAgreements: load.activeAgreements,
      hoursThisMonth: load.hoursThisMonth,
      overloaded: isOverloaded(load, row),
    },
    freeCapacity:
      row.status === 'active' &&
      deployable &&
      load.activeAgreements < row.maxActiveAgreements &&
      load.hoursThisMonth < row.maxHoursPerMonth &&
      !isAbsent(absences, today),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
  if (visibility.origins) {
    volunteer.origins = c.origins.get(row.id) ?? [];
    volunteer.originConsent = c.consent.get(row.id) ?? null;
  }
  if (visibility.notes) volunteer.notes = row.notes;
  if (visibility.bank) volunteer.bankAccount = row.iban && row.accountHolder ? { iban: row.iban, bic: row.bic, accountHolder: row.accountHolder } : null;
  return volunteer;
}

async function presentRows(tx: Db, networkId: string, rows: Row[], visibility: Visibility): Promise<Volunteer[]> {
  const settings = (await getNetwork(tx, networkId)).settings;
  const children = await loadChildren(tx, networkId, rows.map((r) => r.id), visibility);
  const today = berlinToday();
  const load = await workloadOf(tx, networkId, rows.map((r) => r.id), today);
  return rows.map((r) => present(r, children, settings, visibility, today, load.get(r.id) ?? NO_WORKLOAD));
}

async function findRow(tx: Db, networkId: string, id: string): Promise<Row> {
  const [row] = await tx.select().from(volunteers).where(and(eq(volunteers.networkId, networkId), eq(volunteers.id, id)));
  if (!row) throw notFound('volunteer');
  return row;
}

async function detail(tx: Db, networkId: string, row: Row, visibility: Visibility): Promise<VolunteerDetail> {
  const [volunteer] = await presentRows(tx, networkId, [row], visibility);
  const history = await tx
    .select({ change: volunteerStatusChanges, byName: users.name })
    .from(volunteerStatusChanges)
    .leftJoin(users, and(eq(users.networkId, volunteerStatusChanges.networkId), eq(users.id, volunteerStatusChanges.byUserId)))
    .where(and(eq(volunteerStatusChanges.networkId, networkId), eq(volunteerStatusChanges.volunteerId, row.id)))
    .orderBy(volunteerStatusChanges.at, volunteerStatusChanges.id);
  return {
    ...volunteer!,
    ...(visibility.bank ? { pendingBankAccount: await pendingBankAccount(tx, networkId, row.id) } : {}),
    statusHistory: history.map(({ change, byName }) => ({ status: change.status, at: change.at.toISOString(), reason: change.reason, byName })),
  };
}

/** One volunteer's full record; the read is audited. */
export async function getVolunteer(tx: Db, actor: Actor, id: string, visibility: Visibility): Promise<VolunteerDetail> {
  const row = await findRow(tx, actor.networkId, id);
  await recordAudit(tx, actor, { action: 'read', entity: 'volunteer', entityId: id });
  return detail(tx, actor.networkId, row, visibility);
}

// ---------------------------------------------------------------------------------------------
// Listing and filtering

const SORT_COLUMNS = { lastName: volunteers.lastName, createdAt: volunteers.createdAt, statusSince: volunteers.statusSince } as const;

function hasKey(networkId: string, relation: VolunteerKeyRelation, keys: SQL | string): SQL {
  const match = typeof keys === 'string' ? sql`k.key = ${keys}` : sql`k.key in (${keys})`;
  return sql`exists (select 1 from ${volunteerKeys} k where k.network_id = ${networkId} and k.volunteer_id = ${volunteers.id} and k.relation = ${relation} and ${match})`;
}

/** Search terms as a German prefix query: "begleit famil" finds "Begleitung" and "Familien". */
export function prefixQuery(q: string): string | null {
  const terms = q
    .split(/\s+/)
    .map((t) => t.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter(Boolean)
    .slice(0, 8);
  return terms.length ? terms.map((t) => `${t}:*`).join(' & ') : null;
}

export function volunteerFilters(networkId: string, query: Omit<VolunteerListQuery, 'limit' | 'cursor' | 'sort'>, settings: NetworkSettings): SQL[] {
  const filters: SQL[] = [eq(volunteers.networkId, networkId)];
  if (query.status) filters.push(eq(volunteers.status, query.status));
  if (query.language) {
    const rank = query.minLevel ? levelRank(query.minLevel) : 1;
    filters.push(
      sql`exists (select 1 from ${volunteerLanguages} l where l.network_id = ${networkId} and l.volunteer_id = ${volunteers.id} and l.code = ${query.language} and l.level_rank >= ${rank})`,
    );
  }
  if (query.specialization) filters.push(hasKey(networkId, 'specialization', query.specialization));
  if (query.topic) filters.push(hasKey(networkId, 'topic', query.topic));
  if (query.district) {
    // A district includes its quarters.
    const area = sql`select c.key from ${catalogEntries} c where c.network_id = ${networkId} and c.kind = 'districts' and (c.key = ${query.district} or c.parent_key = ${query.district})`;
    filters.push(or(sql`${volunteers.homeDistrict} in (${area})`, hasKey(networkId, 'district', area))!);
  }
  if (query.weekday) {
    const from = query.from ? toMinute(query.from) : null;
    const to = query.to ? toMinute(query.to) : null;
    filters.push(
      sql`exists (select 1 from ${volunteerAvailability} a where a.network_id = ${networkId} and a.volunteer_id = ${volunteers.id} and a.weekday = ${query.weekday}
            ${from !== null ? sql`and a.from_minute <= ${from}` : sql``} ${to !== null ? sql`and a.to_minute >= ${to}` : sql``})`,
    );
  }
  if (query.q) {
    // Words go to the full-text index (German stemming, prefixes); an e-mail address or a part of
    // one (anything with "@") is looked up in the address itself.
    const ts = query.q.includes('@') ? null : prefixQuery(query.q);
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(ts ? sql`${volunteers.search} @@ to_tsquery('german', ${ts})` : ilike(volunteers.email, like));
  }
  if (query.overloaded !== undefined) {
    const overloaded = overloadedSql(networkId, volunteers, berlinToday());
    filters.push(query.overloaded ? overloaded : sql`not ${overloaded}`);
  }
  if (query.hasCapacity !== undefined) {
    const today = berlinToday();
    const capacity = sql`(${volunteers.status} = 'active' and ${hasRoomSql(networkId, volunteers, today)}
      and exists (select 1 from ${volunteerQualifications} q where q.network_id = ${networkId} and q.volunteer_id = ${volunteers.id} and q.type = 'basic')
      and not exists (select 1 from ${volunteerAbsences} b where b.network_id = ${networkId} and b.volunteer_id = ${volunteers.id} and b.from_date <= ${today} and b.to_date >= ${today}))`;
    filters.push(query.hasCapacity ? capacity : sql`not ${capacity}`);
  }
  if (query.supervisionDue !== undefined) {
    const due = sql`(${volunteers.lastSupervisionOn} is null or ${volunteers.lastSupervisionOn} <= ${supervisionCutoff(settings)})`;
    filters.push(query.supervisionDue ? due : sql`not ${due}`);
  }
  return filters;
}

/**
 * The filters a list read or an export used, by name, and how many people it returned: its audit
 * event. Values stay out: a search term may be a person's name.
 */
function listAuditFields(query: Partial<VolunteerListQuery>, count: number): string[] {
  const used = Object.entries(query).filter(([key, value]) => value !== undefined && key !== 'limit' && key !== 'cursor' && key !== 'sort');
  return [...used.map(([key]) => `filter:${key}`), `count:${count}`];
}

/**
 * One page of the pool as the list shows it (`VolunteerSummary`): only those columns are read, and
 * the read is audited once, with the filters' names and the count.
 */
export async function listVolunteers(tx: Db, actor: Actor, query: VolunteerListQuery): Promise<{ items: VolunteerSummary[]; nextCursor: string | null }> {
  const networkId = actor.networkId;
  const { field, desc } = parseSort<keyof typeof SORT_COLUMNS>(query.sort);
  // A full-text search finds few rows through its own index: sort those rather than walk the sort index.
  const sortOnly = query.q && !query.q.includes('@') ? (field === 'lastName' ? 'text' : 'instant') : null;
  const page = keyset(SORT_COLUMNS[field], volunteers.id, decodeCursor(query.cursor), desc, (v) => (field === 'lastName' ? v : asDate(v)), sortOnly);
  const settings = (await getNetwork(tx, networkId)).settings;
  const filters = volunteerFilters(networkId, query, settings);
  if (page.where) filters.push(page.where);
  const today = berlinToday();
  const v = volunteers;
  const rows = await tx
    .select({
      id: v.id,
      firstName: v.firstName,
      lastName: v.lastName,
      email: v.email,
      phone: v.phone,
      status: v.status,
      homeDistrict: v.homeDistrict,
      maxActiveAgreements: v.maxActiveAgreements,
      maxHoursPerMonth: v.maxHoursPerMonth,
      lastSupervisionOn: v.lastSupervisionOn,
      createdAt: v.createdAt,
      statusSince: v.statusSince,
      // Qualified by the table: drizzle writes a selected column unqualified, which inside the subquery would name the subquery's own `id`.
      deployable: sql<boolean>`exists (select 1 from ${volunteerQualifications} q where q.network_id = ${networkId} and q.volunteer_id = ${v}.id and q.type = 'basic')`,
      absent: sql<boolean>`exists (select 1 from ${volunteerAbsences} b where b.network_id = ${networkId} and b.volunteer_id = ${v}.id and b.from_date <= ${today} and b.to_date >= ${today})`,
    })
    .from(v)
    .where(and(...filters))
    .orderBy(...page.orderBy)
    .limit(query.limit + 1);
  const result = toPage(rows, query.limit, (r) => ({ v: field === 'lastName' ? r.lastName : r[field].toISOString(), id: r.id }));
  const ids = result.items.map((r) => r.id);
  const inPage = <C extends typeof volunteerLanguages | typeof volunteerKeys>(t: C) => and(eq(t.networkId, networkId), anyId(t.volunteerId, ids));
  const languages = ids.length ? await tx.select().from(volunteerLanguages).where(inPage(volunteerLanguages)).orderBy(sql`${volunteerLanguages.levelRank} desc`, volunteerLanguages.code) : [];
  const keys = ids.length
    ? await tx.select().from(volunteerKeys).where(and(inPage(volunteerKeys), inArray(volunteerKeys.relation, ['specialization', 'district']))).orderBy(volunteerKeys.key)
    : [];
  const load = await workloadOf(tx, networkId, ids, today);
  const languagesOf = group(languages, (r) => r.volunteerId, (r) => ({ code: r.code, level: r.level }));
  const keysOf = group(keys, (r) => `${r.volunteerId}:${r.relation}`, (r) => r.key);
  const items = result.items.map((r): VolunteerSummary => {
    const w = load.get(r.id) ?? NO_WORKLOAD;
    return {
      id: r.id,
      firstName: r.firstName,
      lastName: r.lastName,
      email: r.email,
      phone: r.phone,
      status: r.status,
      languages: languagesOf.get(r.id) ?? [],
      specializations: keysOf.get(`${r.id}:specialization`) ?? [],
      homeDistrict: r.homeDistrict,
      districts: keysOf.get(`${r.id}:district`) ?? [],
      maxActiveAgreements: r.maxActiveAgreements,
      maxHoursPerMonth: r.maxHoursPerMonth,
      deployable: r.deployable,
      wellbeing: {
        supervisionDue: supervisionDue(r.lastSupervisionOn, settings, today),
        activeAgreements: w.activeAgreements,
        hoursThisMonth: w.hoursThisMonth,
        overloaded: isOverloaded(w, r),
      },
      freeCapacity: r.status === 'active' && r.deployable && w.activeAgreements < r.maxActiveAgreements && w.hoursThisMonth < r.maxHoursPerMonth && !r.absent,
    };
  });
  await recordAudit(tx, actor, { action: 'list', entity: 'volunteer', fields: listAuditFields(query, items.length) });
  return { items, nextCursor: result.nextCursor };
}

/** Every volunteer matching the filters, for export (bounded by `max`); audited with the format, the filters' names and the count. */
export async function exportVolunteers(tx: Db, actor: Actor, query: Omit<VolunteerListQuery, 'limit' | 'cursor'>, format: 'csv' | 'xlsx', visibility: Visibility, max: number) {
  const settings = (await getNetwork(tx, actor.networkId)).settings;
  const rows = await tx
    .select()
    .from(volunteers)
    .where(and(...volunteerFilters(actor.networkId, query, settings)))
    .orderBy(volunteers.lastName, volunteers.firstName, volunteers.id)
    .limit(max);
  await recordAudit(tx, actor, { action: 'export', entity: 'volunteer', fields: [`format:${format}`, ...listAuditFields(query, rows.length)] });
  return { rows: await presentRows(tx, actor.networkId, rows, visibility), names: await catalogNames(tx, actor.networkId) };
}

// ---------------------------------------------------------------------------------------------
// Writing

type Writable = Partial<CreateVolunteerBody>;

async function validateReferences(tx: Db, networkId: string, body: Writable): Promise<void> {
  const errors: FieldError[] = [];
  for (const [field, relation] of Object.entries(KEY_LISTS) as [KeyListField, VolunteerKeyRelation][]) {
    const keys = body[field];
    if (keys?.length) errors.push(...(await unknownCatalogKeys(tx, networkId, VOLUNTEER_KEY_RELATIONS[relation], keys, `body.${field}`)));
  }
  if (body.homeDistrict) errors.push(...(await unknownCatalogKeys(tx, networkId, 'districts', [body.homeDistrict], 'body.homeDistrict')).map((e) => ({ ...e, path: 'body.homeDistrict' })));
  for (const [i, q] of (body.qualifications ?? []).entries()) {
    if (q.specializationKey) errors.push(...(await unknownCatalogKeys(tx, networkId, 'specializations', [q.specializationKey], `body.qualifications.${i}.specializationKey`)).map((e) => ({ ...e, path: `body.qualifications.${i}.specializationKey` })));
  }
  // The form checks the shape; the check digits and the SEPA country are checked here, where payouts are made from.
  if (body.bankAccount && !isValidIban(body.bankAccount.iban)) errors.push({ path: 'body.bankAccount.iban', key: 'iban' });
  if (body.bankAccount?.bic && !isValidBic(body.bankAccount.bic)) errors.push({ path: 'body.bankAccount.bic', key: 'bic' });
  const languages = body.languages ?? [];
  languages.forEach((l, i) => {
    if (languages.findIndex((o) => o.code === l.code) !== i) errors.push({ path: `body.languages.${i}.code`, key: 'duplicate' });
  });
  if (body.gender !== 'self_described' && body.genderSelfDescribed) errors.push({ path: 'body.genderSelfDescribed', key: 'selfDescribedOnly' });
  if (errors.length) throw invalidFields(errors);
}

async function replaceChildren(tx: Db, networkId: string, volunteerId: string, body: Writable): Promise<string[]> {
  const changed: string[] = [];
  const scope = <C extends typeof volunteerLanguages | typeof volunteerKeys | typeof volunteerAvailability | typeof volunteerAbsences | typeof volunteerOrigins>(t: C) =>
    and(eq(t.networkId, networkId), eq(t.volunteerId, volunteerId));
  if (body.languages) {
    await tx.delete(volunteerLanguages).where(scope(volunteerLanguages));
    if (body.languages.length) await tx.insert(volunteerLanguages).values(body.languages.map((l) => ({ networkId, volunteerId, code: l.code, level: l.level, levelRank: levelRank(l.level) })));
    changed.push('languages');
  }
  for (const [field, relation] of Object.entries(KEY_LISTS) as [KeyListField, VolunteerKeyRelation][]) {
    const keys = body[field];
    if (!keys) continue;
    await tx.delete(volunteerKeys).where(and(scope(volunteerKeys), eq(volunteerKeys.relation, relation)));
    const unique = [...new Set(keys)];
    if (unique.length) await tx.insert(volunteerKeys).values(unique.map((key) => ({ networkId, volunteerId, relation, kind: VOLUNTEER_KEY_RELATIONS[relation], key })));
    changed.push(field);
  }
  if (body.availability) {
    await tx.delete(volunteerAvailability).where(scope(volunteerAvailability));
    const slots = mergeSlots(body.availability);
    if (slots.length) await tx.insert(volunteerAvailability).values(slots.map((s) => ({ networkId, volunteerId, weekday: s.weekday, fromMinute: s.from, toMinute: s.to })));
    changed.push('availability');
  }
  if (body.absences) {
    await tx.delete(volunteerAbsences).where(scope(volunteerAbsences));
    const byStart = new Map(body.absences.map((a) => [a.from, a]));
    if (byStart.size) await tx.insert(volunteerAbsences).values([...byStart.values()].map((a) => ({ networkId, volunteerId, fromDate: a.from, toDate: a.to, note: a.note ?? null })));
    changed.push('absences');
  }
  if (body.qualifications) {
    // Rows that stay keep their ids: a qualification earned in a course run carries the run's
    // enrolment id, which makes recording that completion again a no-op (see addQualification).
    const scopeQ = and(eq(volunteerQualifications.networkId, networkId), eq(volunteerQualifications.volunteerId, volunteerId));
    const existing = await tx.select().from(volunteerQualifications).where(scopeQ);
    const sameAs = (row: (typeof existing)[number], q: Qualification) =>
      row.type === q.type && row.completedOn === q.completedOn && row.provider === (q.provider ?? null) && row.specializationKey === (q.specializationKey ?? null);
    const kept = new Set<string>();
    const fresh: Qualification[] = [];
    for (const q of body.qualifications) {
      const match = existing.find((row) => !kept.has(row.id) && sameAs(row, q));
      if (match) kept.add(match.id);
      else fresh.push(q);
    }
    const gone = existing.filter((row) => !kept.has(row.id)).map((row) => row.id);
    if (gone.length) await tx.delete(volunteerQualifications).where(and(scopeQ, inArray(volunteerQualifications.id, gone)));
    if (fresh.length) {
      await tx.insert(volunteerQualifications).values(
        fresh.map((q) => ({ networkId, id: newId(), volunteerId, type: q.type, completedOn: q.completedOn, provider: q.provider ?? null, specializationKey: q.specializationKey ?? null })),
      );
    }
    changed.push('qualifications');
  }
  return changed;
}

/**
 * Origins are stored only while consent for them is on record: new consent may come with the
 * body; `originConsent: null` withdraws it and erases the origins.
 */
async function writeOrigins(tx: Db, networkId: string, volunteerId: string, body: Writable, canWrite: boolean): Promise<string[]> {
  if (body.origins === undefined && body.originConsent === undefined) return [];
  if (!canWrite) {
    // Only coordinators touch origins; an empty list from anyone else changes nothing.
    if (body.origins?.length || body.originConsent !== undefined) throw forbidden();
    return [];
  }
  const activeConsent = and(eq(consents.networkId, networkId), eq(consents.subjectKind, 'volunteer'), eq(consents.subjectId, volunteerId), eq(consents.purpose, 'origin_data'), isNull(consents.withdrawnAt));
  const changed: string[] = [];
  if (body.originConsent === null) {
    await tx.update(consents).set({ withdrawnAt: new Date() }).where(activeConsent);
    await tx.delete(volunteerOrigins).where(and(eq(volunteerOrigins.networkId, networkId), eq(volunteerOrigins.volunteerId, volunteerId)));
    if (body.origins?.length) throw originConsentRequired();
    return ['originConsent', 'origins'];
  }
  if (body.originConsent) {
    await tx.update(consents).set({ withdrawnAt: new Date() }).where(activeConsent);
    await tx.insert(consents).values({ networkId, id: newId(), subjectKind: 'volunteer', subjectId: volunteerId, purpose: 'origin_data', textVersion: body.originConsent.textVersion, givenOn: body.originConsent.givenOn });
    changed.push('originConsent');
  }
  if (body.origins !== undefined) {
    if (body.origins.length) {
      const [consent] = await tx.select({ id: consents.id }).from(consents).where(activeConsent);
      if (!consent) throw originConsentRequired();
    }
    await tx.delete(volunteerOrigins).where(and(eq(volunteerOrigins.networkId, networkId), eq(volunteerOrigins.volunteerId, volunteerId)));
    const unique = [...new Set(body.origins)];
    if (unique.length) await tx.insert(volunteerOrigins).values(unique.map((country) => ({ networkId, volunteerId, country })));
    changed.push('origins');
  }
  return changed;
}

/** `ownAccount`: the volunteer gives her own bank account, which applies at once (others' entries wait for her, see bank-account.ts). */
function scalarValues(body: Writable, ownAccount = false) {
  const set: Partial<typeof volunteers.$inferInsert> = {};
  const fields: string[] = [];
  for (const f of SCALARS) {
    if (body[f] !== undefined) {
      (set as Record<string, unknown>)[f] = body[f] ?? null;
      fields.push(f);
    }
  }
  if (ownAccount && body.bankAccount !== undefined) {
    set.iban = body.bankAccount?.iban ?? null;
    set.bic = body.bankAccount?.bic ?? null;
    set.accountHolder = body.bankAccount?.accountHolder ?? null;
    set.bankAccountEnteredBy = null;
    fields.push('bankAccount');
  }
  if (body.onboarding) {
    for (const [k, v] of Object.entries(body.onboarding)) {
      (set as Record<string, unknown>)[k] = v ?? null;
      fields.push(`onboarding.${k}`);
    }
  }
  return { set, fields };
}

async function recordStatus(tx: Db, actor: Actor, volunteerId: string, status: VolunteerStatus, reason: string | null | undefined) {
  await tx.insert(volunteerStatusChanges).values({
    networkId: actor.networkId,
    id: newId(),
    volunteerId,
    status,
    reason: reason ?? null,
    byUserId: actor.type === 'user' ? actor.id : null,
  });
}

export async function createVolunteer(tx: Db, actor: Actor, body: CreateVolunteerBody, visibility: Visibility, publicUrl?: string): Promise<VolunteerDetail> {
  await validateReferences(tx, actor.networkId, body);
  const id = newId();
  const { set, fields } = scalarValues(body);
  await tx.insert(volunteers).values({ ...set, networkId: actor.networkId, id, firstName: body.firstName, lastName: body.lastName, status: body.status });
  await recordStatus(tx, actor, id, body.status, body.statusReason);
  const changed = await replaceChildren(tx, actor.networkId, id, body);
  const originFields = await writeOrigins(tx, actor.networkId, id, body, visibility.origins);
  await recordAudit(tx, actor, { action: 'create', entity: 'volunteer', entityId: id, fields: [...fields, 'status', ...changed, ...originFields] });
  if (body.bankAccount) {
    const holder = { id, userId: null, email: body.email ?? null, firstName: body.firstName, iban: null, bic: null, accountHolder: null };
    await stageBankAccount(tx, actor, holder, body.bankAccount, publicUrl);
  }
  return detail(tx, actor.networkId, await findRow(tx, actor.networkId, id), visibility);
}

export async function updateVolunteer(tx: Db, actor: Actor, id: string, body: UpdateVolunteerBody, visibility: Visibility, publicUrl?: string): Promise<VolunteerDetail> {
  const current = await findRow(tx, actor.networkId, id);
  if (!visibility.notes && body.notes !== undefined) throw forbidden();
  await validateReferences(tx, actor.networkId, body);
  const { set, fields } = scalarValues(body);
  const statusChanged = body.status !== undefined && body.status !== current.status;
  if (statusChanged) {
    set.status = body.status;
    set.statusSince = new Date();
    fields.push('status');
  }
  const [updated] = await tx
    .update(volunteers)
    .set({ ...set, version: sql`${volunteers.version} + 1`, updatedAt: new Date() })
    .where(and(eq(volunteers.networkId, actor.networkId), eq(volunteers.id, id), eq(volunteers.version, body.version)))
    .returning({ id: volunteers.id });
  if (!updated) throw staleVersion('volunteer');
  if (statusChanged) await recordStatus(tx, actor, id, body.status!, body.statusReason);
  // Staged against the record as it was before this request (its e-mail address gets the link).
  if (body.bankAccount !== undefined) fields.push(...(await stageBankAccount(tx, actor, current, body.bankAccount, publicUrl)));
  const changed = await replaceChildren(tx, actor.networkId, id, body);
  const originFields = await writeOrigins(tx, actor.networkId, id, body, visibility.origins);
  await recordAudit(tx, actor, { action: 'update', entity: 'volunteer', entityId: id, fields: [...fields, ...changed, ...originFields] });
  return detail(tx, actor.networkId, await findRow(tx, actor.networkId, id), visibility);
}

// ---------------------------------------------------------------------------------------------
// The volunteer's own record (portal)

const OWN: Visibility = { origins: false, notes: false, bank: true };

async function ownRow(tx: Db, networkId: string, userId: string): Promise<Row> {
  const [row] = await tx.select().from(volunteers).where(and(eq(volunteers.networkId, networkId), eq(volunteers.userId, userId)));
  if (!row) throw new DomainError('NO_VOLUNTEER_PROFILE', 404, 'not-found', 'notFound', { entityKey: 'volunteer' });
  return row;
}

export async function getOwnVolunteer(tx: Db, networkId: string, userId: string): Promise<VolunteerDetail> {
  return detail(tx, networkId, await ownRow(tx, networkId, userId), OWN);
}

export async function updateOwnVolunteer(tx: Db, actor: Actor, userId: string, body: UpdateOwnVolunteerBody): Promise<VolunteerDetail> {
  const row = await ownRow(tx, actor.networkId, userId);
  await validateReferences(tx, actor.networkId, body);
  const { set, fields } = scalarValues(body, true);
  if (body.bankAccount !== undefined) await ownBankAccountEntered(tx, actor.networkId, row.id);
  const [updated] = await tx
    .update(volunteers)
    .set({ ...set, version: sql`${volunteers.version} + 1`, updatedAt: new Date() })
    .where(and(eq(volunteers.networkId, actor.networkId), eq(volunteers.id, row.id), eq(volunteers.version, body.version)))
    .returning({ id: volunteers.id });
  if (!updated) throw staleVersion('volunteer');
  const changed = await replaceChildren(tx, actor.networkId, row.id, body);
  await recordAudit(tx, actor, { action: 'update', entity: 'volunteer', entityId: row.id, fields: [...fields, ...changed] });
  return detail(tx, actor.networkId, await findRow(tx, actor.networkId, row.id), OWN);
}

/** Links a portal account to a volunteer record (after an invitation is accepted). */
export async function linkVolunteerAccount(tx: Db, networkId: string, volunteerId: string, userId: string): Promise<void> {
  await tx.update(volunteers).set({ userId, updatedAt: new Date() }).where(and(eq(volunteers.networkId, networkId), eq(volunteers.id, volunteerId)));
}

/**
 * Records a completed course as a qualification (courses module). Idempotent per course run:
 * completing the same run twice records it once. A basic course makes the volunteer deployable.
 */
export async function addQualification(
  tx: Db,
  actor: Actor,
  volunteerId: string,
  q: { type: Qualification['type']; completedOn: string; provider: string | null; specializationKey: string | null; sourceId: string },
): Promise<void> {
  await findRow(tx, actor.networkId, volunteerId);
  const inserted = await tx
    .insert(volunteerQualifications)
    .values({ networkId: actor.networkId, id: q.sourceId, volunteerId, type: q.type, completedOn: q.completedOn, provider: q.provider, specializationKey: q.specializationKey })
    .onConflictDoNothing()
    .returning({ id: volunteerQualifications.id });
  if (inserted.length && q.specializationKey) {
    await tx
      .insert(volunteerKeys)
      .values({ networkId: actor.networkId, volunteerId, relation: 'specialization', kind: 'specializations', key: q.specializationKey })
      .onConflictDoNothing();
  }
  if (inserted.length) {
    await tx.update(volunteers).set({ version: sql`${volunteers.version} + 1`, updatedAt: new Date() }).where(and(eq(volunteers.networkId, actor.networkId), eq(volunteers.id, volunteerId)));
    await recordAudit(tx, actor, { action: 'update', entity: 'volunteer', entityId: volunteerId, fields: ['qualifications'] });
  }
}

/** Names of volunteers for lists elsewhere (courses, matching), without the full profile. */
export async function volunteerNames(tx: Db, networkId: string, ids: string[]): Promise<Map<string, { firstName: string; lastName: string; email: string | null; status: VolunteerStatus }>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select({ id: volunteers.id, firstName: volunteers.firstName, lastName: volunteers.lastName, email: volunteers.email, status: volunteers.status })
    .from(volunteers)
    .where(and(eq(volunteers.networkId, networkId), inArray(volunteers.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}

/** A profile that can get a portal account: it has an e-mail address and no account yet. */
export async function volunteerForPortal(tx: Db, networkId: string, volunteerId: string): Promise<Row & { email: string }> {
  const row = await findRow(tx, networkId, volunteerId);
  if (row.userId) throw new DomainError('PORTAL_ACCOUNT_EXISTS', 409, 'portal-account-exists', 'portalAccountExists');
  if (!row.email) throw invalidFields([{ path: 'email', key: 'volunteerEmailMissing' }]);
  return { ...row, email: row.email };
}

/** The volunteer record of a portal account, or null (staff, partners). */
export async function volunteerIdOfUser(tx: Db, networkId: string, userId: string): Promise<string | null> {
  const [row] = await tx.select({ id: volunteers.id }).from(volunteers).where(and(eq(volunteers.networkId, networkId), eq(volunteers.userId, userId)));
  return row?.id ?? null;
}

export interface MatchPrefilter {
  /** Only active volunteers with the basic qualification (the matching pool). False loads everyone, to explain exclusions. */
  eligibleOnly: boolean;
  ids?: string[];
}

/**
 * Competence profiles in the shape matching reads, with their current load, in one query: the
 * volunteers are chosen first, then each profile list and the load are grouped over their ids, so
 * reading costs one round trip however many volunteers pass. With `eligibleOnly` the database
 * leaves out whom two hard rules exclude for every request (status, basic course): that is the
 * matching pool (matching-pool.ts), which keeps the result in memory; with `ids` it reads only
 * those (the pool's reloads, one volunteer's exclusions).
 */
export async function matchProfiles(tx: Db, networkId: string, filter: MatchPrefilter, today: string): Promise<MatchVolunteer[]> {
  const v = volunteers;
  const where: SQL[] = [eq(v.networkId, networkId)];
  const basic = sql`exists (select 1 from ${volunteerQualifications} q where q.network_id = ${networkId} and q.volunteer_id = ${v.id} and q.type = 'basic')`;
  if (filter.ids) where.push(filter.ids.length ? anyId(v.id, filter.ids) : sql`false`);
  if (filter.eligibleOnly) {
    // `offset 0` keeps the check a per-volunteer index probe: as a semi-join both databases would
    // hash every basic qualification of the network first, which costs more than probing the few
    // volunteers a pool reload reads (a full build, once a day, probes every active one).
    where.push(eq(v.status, 'active'), sql`exists (select 1 from ${volunteerQualifications} q where q.network_id = ${networkId} and q.volunteer_id = ${v.id} and q.type = 'basic' offset 0)`);
  }
  // Every list is grouped once over the chosen volunteers' ids (an index scan per list), rather
  // than probed per volunteer: at a few hundred volunteers this halves the time on PGlite.
  const ids = sql`(select ids from ids)::uuid[]`;
  const rows = await queryRows<{
    id: string;
    first_name: string;
    last_name: string;
    status: VolunteerStatus;
    gender: string | null;
    home_district: string | null;
    max_active_agreements: number;
    max_hours_per_month: number;
    police_certificate_on: string | null;
    has_basic: boolean;
    languages: [string, Volunteer['languages'][number]['level']][] | null;
    keys: [VolunteerKeyRelation, string][] | null;
    slots: [number, number, number][] | null;
    absences: [string, string][] | null;
    origins: string[] | null;
    active: number | null;
    minutes: number | null;
    good: Record<string, number> | null;
  }>(
    tx,
    sql`with c as materialized (
          select ${v.id} as id, ${v.firstName} as first_name, ${v.lastName} as last_name, ${v.status} as status, ${v.gender} as gender,
            ${v.homeDistrict} as home_district, ${v.maxActiveAgreements} as max_active_agreements, ${v.maxHoursPerMonth} as max_hours_per_month,
            ${v.policeCertificateOn}::text as police_certificate_on, ${filter.eligibleOnly ? sql`true` : basic} as has_basic
          from ${v} where ${and(...where)}),
        ids as materialized (select array_agg(id) as ids from c)
        select c.*, l.languages, k.keys, s.slots, b.absences, o.origins, w.active, w.minutes, w.good
        from c
        left join (select volunteer_id, json_agg(json_build_array(code, level)) as languages from ${volunteerLanguages}
          where network_id = ${networkId} and volunteer_id = any(${ids}) group by volunteer_id) l on l.volunteer_id = c.id
        left join (select volunteer_id, json_agg(json_build_array(relation, key)) as keys from ${volunteerKeys}
          where network_id = ${networkId} and volunteer_id = any(${ids}) group by volunteer_id) k on k.volunteer_id = c.id
        left join (select volunteer_id, json_agg(json_build_array(weekday, from_minute, to_minute)) as slots from ${volunteerAvailability}
          where network_id = ${networkId} and volunteer_id = any(${ids}) group by volunteer_id) s on s.volunteer_id = c.id
        left join (select volunteer_id, json_agg(json_build_array(from_date, to_date)) as absences from ${volunteerAbsences}
          where network_id = ${networkId} and volunteer_id = any(${ids}) and to_date >= ${today} group by volunteer_id) b on b.volunteer_id = c.id
        -- Origins only while the consent for them is on record (they are erased on withdrawal; this is the second wall).
        left join (select o.volunteer_id, array_agg(o.country) as origins from ${volunteerOrigins} o
          where o.network_id = ${networkId} and o.volunteer_id = any(${ids})
            and exists (select 1 from ${consents} cs where cs.network_id = ${networkId} and cs.subject_kind = 'volunteer' and cs.subject_id = o.volunteer_id
              and cs.purpose = 'origin_data' and cs.withdrawn_at is null)
          group by o.volunteer_id) o on o.volunteer_id = c.id
        left join ${workloadSql(networkId, ids, today)} w on w.volunteer_id = c.id`,
  );
  if (!rows.length) return [];
  const districts = await districtMap(tx, networkId);
  return rows.map((r) => {
    const keys: Record<VolunteerKeyRelation, string[]> = { specialization: [], topic: [], competence_limit: [], interest: [], district: [] };
    for (const [relation, key] of r.keys ?? []) keys[relation].push(key);
    const served = new Set<string>();
    for (const d of keys.district) for (const k of districts.areaOf(d)) served.add(k);
    return {
      id: r.id,
      name: `${r.first_name} ${r.last_name}`,
      status: r.status,
      hasBasic: r.has_basic,
      languages: (r.languages ?? []).map(([code, level]) => ({ code, level })),
      specializations: keys.specialization,
      topics: keys.topic,
      competenceLimits: keys.competence_limit,
      gender: r.gender,
      origins: r.origins ?? [],
      home: districts.pointOf(r.home_district),
      districts: [...served],
      availability: (r.slots ?? []).map(([weekday, from, to]) => ({ weekday, from: fromMinute(from), to: fromMinute(to) })),
      absences: (r.absences ?? []).map(([from, to]) => ({ from, to })),
      maxActiveAgreements: r.max_active_agreements,
      ...toWorkload({ active: r.active ?? 0, minutes: r.minutes ?? 0, good: r.good }),
      maxHoursPerMonth: r.max_hours_per_month,
      policeCertificateOn: r.police_certificate_on,
    };
  });
}

/** Volunteers beyond their agreed capacity (agreements or this month's hours), most loaded first, for the coordinator's inbox. */
export async function overloadedVolunteers(tx: Db, networkId: string, limit: number) {
  const today = berlinToday();
  const where = and(eq(volunteers.networkId, networkId), inArray(volunteers.status, ['active', 'paused']), overloadedSql(networkId, volunteers, today));
  const rows = await tx
      .select({ id: volunteers.id, firstName: volunteers.firstName, lastName: volunteers.lastName, maxActiveAgreements: volunteers.maxActiveAgreements, maxHoursPerMonth: volunteers.maxHoursPerMonth, lastSupervisionOn: volunteers.lastSupervisionOn })
      .from(volunteers)
      .where(where)
      .orderBy(volunteers.lastName, volunteers.id)
      .limit(limit);
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(volunteers).where(where);
  const settings = (await getNetwork(tx, networkId)).settings;
  const load = await workloadOf(tx, networkId, rows.map((r) => r.id), today);
  return {
    count: count!.n,
    items: rows.map((r) => {
      const w = load.get(r.id) ?? NO_WORKLOAD;
      return {
        volunteerId: r.id,
        name: `${r.firstName} ${r.lastName}`,
        activeAgreements: w.activeAgreements,
        maxActiveAgreements: r.maxActiveAgreements,
        hoursThisMonth: w.hoursThisMonth,
        maxHoursPerMonth: r.maxHoursPerMonth,
        supervisionDue: supervisionDue(r.lastSupervisionOn, settings, today),
      };
    }),
  };
}
