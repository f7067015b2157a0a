import { and, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { NetworkSettings } from '../../../common/api/network.js';
import type { VolunteerListQuery, VolunteerSummary } from '../../../common/api/volunteers.js';
import { levelRank } from '../../../common/volunteers.js';
import { anyId } from '../../db/any-id.js';
import type { Db } from '../../db/client.js';
import { asDate, decodeCursor, keyset, parseSort, toPage } from '../../http/pagination.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { catalogNames } from '../catalog/catalog.service.js';
import { catalogEntries } from '../catalog/catalog.table.js';
import { hasRoomSql, NO_WORKLOAD, overloadedSql, workloadOf } from '../agreements/workload.service.js';
import { getNetwork } from '../networks/networks.service.js';
import { berlinToday, supervisionCutoff, supervisionDue, toMinute } from './profile.js';
import { group } from './profile-lists.service.js';
import { hasFreeCapacity, presentRows, wellbeingOf, type Visibility } from './volunteers.service.js';
import { volunteerAbsences, volunteerAvailability, volunteerKeys, volunteerLanguages, volunteerQualifications, volunteers, type VolunteerKeyRelation } from './volunteers.table.js';

/** The pool as lists read it: filters, one page of summaries, the export, the overloaded. */

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
      wellbeing: wellbeingOf(r, settings, today, w),
      freeCapacity: hasFreeCapacity(r, r.deployable, r.absent, w),
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
