import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Volunteer } from '../../../common/api/volunteers.js';
import type { VolunteerStatus } from '../../../common/volunteers.js';
import { anyId } from '../../db/any-id.js';
import { queryRows, type Db } from '../../db/client.js';
import { districtMap } from '../catalog/catalog.service.js';
import { consents } from '../consents/consents.table.js';
import { toWorkload, workloadSql } from '../agreements/workload.service.js';
import type { MatchVolunteer } from '../matching/criteria.js';
import { fromMinute } from './profile.js';
import { emptyKeys } from './profile-lists.service.js';
import {
  volunteerAbsences,
  volunteerAvailability,
  volunteerKeys,
  volunteerLanguages,
  volunteerOrigins,
  volunteerQualifications,
  volunteers,
  type VolunteerKeyRelation,
} from './volunteers.table.js';

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
    const keys = emptyKeys();
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

