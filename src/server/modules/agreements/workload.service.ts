/**
 * A volunteer's current load, from the agreements and deployments on record: active agreements,
 * hours logged this month (Berlin calendar), and agreements that ended well, by institution. The
 * pool, the profile, the inbox and matching all read it from here, so they agree.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { GOOD_OUTCOMES } from '../../../common/api/placements.js';
import { queryRows, type Db } from '../../db/client.js';
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

/**
 * SQL: a derived table of load per volunteer — `(volunteer_id, active, minutes, good)` — for the
 * volunteers whose id passes `ids` (an SQL uuid array; all of the network's when null). Grouped
 * once over agreements and deployments rather than probed per volunteer, so that reading the load
 * of hundreds of volunteers costs three index scans. Volunteers without load have no row.
 */
export function workloadSql(networkId: string, ids: SQL | null, today: string): SQL {
  const { from, to } = monthOf(today);
  const of = (column: SQL) => (ids ? sql`and ${column} = any(${ids})` : sql``);
  const good = sql.join(GOOD_OUTCOMES.map((o) => sql`${o}`), sql`, `);
  return sql`(select w.volunteer_id, coalesce(sum(w.active), 0)::int as active, coalesce(sum(w.minutes), 0)::int as minutes,
      json_object_agg(w.organization_id, w.good) filter (where w.good is not null) as good
    from (
      select a.volunteer_id, count(*) as active, null::bigint as minutes, null::uuid as organization_id, null::int as good
        from ${agreements} a where a.network_id = ${networkId} and a.status = 'active' ${of(sql`a.volunteer_id`)} group by a.volunteer_id
      union all
      select a.volunteer_id, null, null, a.organization_id, count(*)::int
        from ${agreements} a where a.network_id = ${networkId} and a.status = 'closed' and a.organization_id is not null and a.outcome in (${good})
          ${of(sql`a.volunteer_id`)} group by a.volunteer_id, a.organization_id
      union all
      select d.volunteer_id, null, sum(d.minutes), null, null
        from ${deployments} d where d.network_id = ${networkId} and d.on_date >= ${from} and d.on_date < ${to} ${of(sql`d.volunteer_id`)} group by d.volunteer_id
    ) w group by w.volunteer_id)`;
}

/** The load as read from `workloadSql`. */
export function toWorkload(row: { active: number; minutes: number; good: Record<string, number> | null }): Workload {
  return { activeAgreements: row.active, hoursThisMonth: Math.round((row.minutes / 60) * 100) / 100, goodAgreementsWith: row.good ?? {} };
}

/** Load of the given volunteers (all of the network's when `ids` is null). */
export async function workloadOf(tx: Db, networkId: string, ids: string[] | null, today: string): Promise<Map<string, Workload>> {
  if (ids && ids.length === 0) return new Map();
  const rows = await queryRows<{ volunteer_id: string; active: number; minutes: number; good: Record<string, number> | null }>(
    tx,
    sql`select * from ${workloadSql(networkId, ids ? sql`${`{${ids.join(',')}}`}::uuid[]` : null, today)} w`,
  );
  return new Map(rows.map((r) => [r.volunteer_id, toWorkload(r)]));
}

/** SQL: the volunteer's active agreements. */
export function activeAgreementsSql(networkId: string, volunteerId: AnyPgColumn): SQL {
  return sql`(select count(*) from ${agreements} a where a.network_id = ${networkId} and a.volunteer_id = ${volunteerId} and a.status = 'active')`;
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
