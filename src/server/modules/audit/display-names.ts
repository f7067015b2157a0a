import { sql, type SQL } from 'drizzle-orm';
import { auditEvents } from './audit.table.js';

/**
 * What the audit trail shows instead of a record's id: a name a person recognises, read in the
 * same query as the events (one scalar lookup by primary key per event and kind of record).
 *
 * Only names, titles and dates go into these labels — never a value of a sensitive field (origin,
 * notes, feedback, file names of documents, counterparts of agreements). Each lookup is bound to
 * the event's own network (besides row-level security), so another network's names never appear.
 */

/** The event's record id as a uuid, or null where the trail holds something else. */
const entityUuid = sql`(case when ${auditEvents.entityId} ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then ${auditEvents.entityId}::uuid end)`;
const net = sql`${auditEvents.networkId}`;
const person = (alias: string) => sql.raw(`(${alias}.first_name || ' ' || ${alias}.last_name)`);
const isoDate = (expr: string) => sql.raw(`to_char(${expr}, 'YYYY-MM-DD')`);

/** Per kind of record (the trail's `entity`), the lookup of its label. */
const LOOKUPS: Record<string, SQL> = {
  user: sql`(select u.name from users u where u.network_id = ${net} and u.id = ${entityUuid})`,
  api_token: sql`(select k.name from api_tokens k where k.network_id = ${net} and k.id = ${entityUuid})`,
  organization: sql`(select o.name from organizations o where o.network_id = ${net} and o.id = ${entityUuid})`,
  invitation: sql`(select coalesce(i.name, i.email) from invitations i where i.network_id = ${net} and i.id = ${entityUuid})`,
  network: sql`(select n.name from networks n where n.id = ${net} and n.id = ${entityUuid})`,
  volunteer: sql`(select ${person('v')} from volunteers v where v.network_id = ${net} and v.id = ${entityUuid})`,
  volunteer_document: sql`(select ${person('v')} from volunteer_documents d join volunteers v on v.network_id = d.network_id and v.id = d.volunteer_id where d.network_id = ${net} and d.id = ${entityUuid})`,
  course: sql`(select c.title from courses c where c.network_id = ${net} and c.id = ${entityUuid})`,
  course_run: sql`(select r.title from course_runs r where r.network_id = ${net} and r.id = ${entityUuid})`,
  course_session: sql`(select r.title || ' · ' || ${isoDate("s.starts_at at time zone 'Europe/Berlin'")} from course_sessions s join course_runs r on r.network_id = s.network_id and r.id = s.run_id where s.network_id = ${net} and s.id = ${entityUuid})`,
  enrollment: sql`(select ${person('v')} || ' · ' || r.title from enrollments e join volunteers v on v.network_id = e.network_id and v.id = e.volunteer_id join course_runs r on r.network_id = e.network_id and r.id = e.run_id where e.network_id = ${net} and e.id = ${entityUuid})`,
  guide_request: sql`(select g.title from guide_requests g where g.network_id = ${net} and g.id = ${entityUuid})`,
  proposal: sql`(select ${person('v')} || ' · ' || g.title from proposals p join volunteers v on v.network_id = p.network_id and v.id = p.volunteer_id join guide_requests g on g.network_id = p.network_id and g.id = p.request_id where p.network_id = ${net} and p.id = ${entityUuid})`,
  agreement: sql`(select ${person('v')} || coalesce(' · ' || o.name, '') from agreements a join volunteers v on v.network_id = a.network_id and v.id = a.volunteer_id left join organizations o on o.network_id = a.network_id and o.id = a.organization_id where a.network_id = ${net} and a.id = ${entityUuid})`,
  deployment: sql`(select ${person('v')} || ' · ' || ${isoDate('d.on_date')} from deployments d join volunteers v on v.network_id = d.network_id and v.id = d.volunteer_id where d.network_id = ${net} and d.id = ${entityUuid})`,
  deployment_receipt: sql`(select ${person('v')} || ' · ' || ${isoDate('d.on_date')} from deployment_receipts x join deployments d on d.network_id = x.network_id and d.id = x.deployment_id join volunteers v on v.network_id = d.network_id and v.id = d.volunteer_id where x.network_id = ${net} and x.id = ${entityUuid})`,
  expense_claim: sql`(select ${person('v')} from expense_claims c join volunteers v on v.network_id = c.network_id and v.id = c.volunteer_id where c.network_id = ${net} and c.id = ${entityUuid})`,
  payout: sql`(select ${isoDate('p.execution_date')} from payouts p where p.network_id = ${net} and p.id = ${entityUuid})`,
};
/** Kinds whose id points at another kind's record. */
const SAME_AS: Record<string, string> = {
  password_reset: 'user',
  membership: 'user',
  attendance: 'course_session',
  certificate: 'enrollment',
  guide_request_candidates: 'guide_request',
};

/** Kinds of record the trail can name; an event about one of these whose lookup finds nothing is about a deleted record. */
export const NAMED_ENTITIES: readonly string[] = [...Object.keys(LOOKUPS), ...Object.keys(SAME_AS)];

/** The label of each event's record (null when it has none, or the record is gone). */
export const entityName: SQL<string | null> = sql<string | null>`(case ${auditEvents.entity} ${sql.join(
  NAMED_ENTITIES.map((kind) => sql`when ${sql.raw(`'${kind}'`)} then ${LOOKUPS[SAME_AS[kind] ?? kind]}`),
  sql` `,
)} end)`;
