/**
 * A volunteer's current load, from the agreements and deployments on record: active agreements,
 * hours logged this month (Berlin calendar), and agreements that ended well, by institution. The
 * pool, the profile, the inbox and matching all read it from here, so they agree.
 */
import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { GOOD_OUTCOMES } from '../../../common/api/placements.js';
import { anyId } from '../../db/any-id.js';
import type { Db } from '../../db/client.js';
import { deployments } from '../deployments/deployments.table.js';
import { agreements } from './agreements.table.js';

export interface Workload {
  activeAgreements: number;
  /** Hours logged in the current Berlin month, two decimals. */
  hoursThisMonth: number;
  /** Agreements that ended well, by organisation id. */
  goodAgreementsWith: Record<string, number>;
}

export const NO_WORKLOAD: Workload = Object.freeze({ activeAgreements: 0, hoursThisMonth: 0, goodAgreementsWith: Object.freeze({}) as Record<string, number> });

/** First day of the Berlin month of `today` and of the month after, as ISO dates. */
export function monthOf(today: string): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return { from: `${today.slice(0, 7)}-01`, to: next };
}

/** Load of the given volunteers (all of the network's when `ids` is null). */
export async function workloadOf(tx: Db, networkId: string, ids: string[] | null, today: string): Promise<Map<string, Workload>> {
  const out = new Map<string, Workload>();
  if (ids && ids.length === 0) return out;
  const entry = (id: string) => {
    let w = out.get(id);
    if (!w) out.set(id, (w = { activeAgreements: 0, hoursThisMonth: 0, goodAgreementsWith: {} }));
    return w;
  };
  const { from, to } = monthOf(today);
  const agreementFilter = [eq(agreements.networkId, networkId), ...(ids ? [anyId(agreements.volunteerId, ids)] : [])];
  const [active, good, hours] = await Promise.all([
    tx
      .select({ volunteerId: agreements.volunteerId, n: sql<number>`count(*)::int` })
      .from(agreements)
      .where(and(...agreementFilter, eq(agreements.status, 'active')))
      .groupBy(agreements.volunteerId),
    tx
      .select({ volunteerId: agreements.volunteerId, organizationId: agreements.organizationId, n: sql<number>`count(*)::int` })
      .from(agreements)
      .where(and(...agreementFilter, eq(agreements.status, 'closed'), inArray(agreements.outcome, [...GOOD_OUTCOMES]), sql`${agreements.organizationId} is not null`))
      .groupBy(agreements.volunteerId, agreements.organizationId),
    tx
      .select({ volunteerId: deployments.volunteerId, minutes: sql<number>`sum(${deployments.minutes})::int` })
      .from(deployments)
      .where(and(eq(deployments.networkId, networkId), ...(ids ? [anyId(deployments.volunteerId, ids)] : []), gte(deployments.onDate, from), lt(deployments.onDate, to)))
      .groupBy(deployments.volunteerId),
  ]);
  for (const r of active) entry(r.volunteerId).activeAgreements = r.n;
  for (const r of good) entry(r.volunteerId).goodAgreementsWith[r.organizationId!] = r.n;
  for (const r of hours) entry(r.volunteerId).hoursThisMonth = Math.round((r.minutes / 60) * 100) / 100;
  return out;
}

/** SQL: the volunteer's active agreements. */
export function activeAgreementsSql(networkId: string, volunteerId: AnyPgColumn): SQL {
  return sql`(select count(*) from ${agreements} a where a.network_id = ${networkId} and a.volunteer_id = ${volunteerId} and a.status = 'active')`;
}

/** SQL: agreements that ended well, as a JSON object {organisationId: count} (null when none). */
export function goodAgreementsSql(networkId: string, volunteerId: AnyPgColumn): SQL {
  return sql`(select json_object_agg(g.organization_id, g.n) from (select a.organization_id, count(*)::int as n from ${agreements} a
    where a.network_id = ${networkId} and a.volunteer_id = ${volunteerId} and a.status = 'closed' and a.organization_id is not null
      and a.outcome in (${sql.join(GOOD_OUTCOMES.map((o) => sql`${o}`), sql`, `)}) group by a.organization_id) g)`;
}

/** SQL: minutes the volunteer logged in the Berlin month of `today`. */
export function minutesThisMonthSql(networkId: string, volunteerId: AnyPgColumn, today: string): SQL {
  const { from, to } = monthOf(today);
  return sql`(select coalesce(sum(d.minutes), 0) from ${deployments} d where d.network_id = ${networkId} and d.volunteer_id = ${volunteerId} and d.on_date >= ${from} and d.on_date < ${to})`;
}

/**
 * The one definition of "overloaded": beyond the agreed capacity, in agreements or in hours this
 * month (at capacity is "full": no new proposals, but not yet a warning). Secondary
 * traumatisation is a real risk; coordinators see these volunteers first.
 */
export function isOverloaded(w: Pick<Workload, 'activeAgreements' | 'hoursThisMonth'>, capacity: { maxActiveAgreements: number; maxHoursPerMonth: number }): boolean {
  return w.activeAgreements > capacity.maxActiveAgreements || w.hoursThisMonth > capacity.maxHoursPerMonth;
}

/** SQL twin of `isOverloaded` for list filters. */
export function overloadedSql(networkId: string, v: { id: AnyPgColumn; maxActiveAgreements: AnyPgColumn; maxHoursPerMonth: AnyPgColumn }, today: string): SQL {
  return sql`(${activeAgreementsSql(networkId, v.id)} > ${v.maxActiveAgreements} or ${minutesThisMonthSql(networkId, v.id, today)} > ${v.maxHoursPerMonth} * 60)`;
}

/** SQL: the volunteer has room for another agreement (agreements and this month's hours below the maximum). */
export function hasRoomSql(networkId: string, v: { id: AnyPgColumn; maxActiveAgreements: AnyPgColumn; maxHoursPerMonth: AnyPgColumn }, today: string): SQL {
  return sql`(${activeAgreementsSql(networkId, v.id)} < ${v.maxActiveAgreements} and ${minutesThisMonthSql(networkId, v.id, today)} < ${v.maxHoursPerMonth} * 60)`;
}
