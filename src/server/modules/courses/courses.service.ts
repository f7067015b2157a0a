import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  BASIC_COURSE_HOURS,
  SPECIALIZATION_MAX_HOURS,
  type Course,
  type CourseKind,
  type CourseListQuery,
  type CreateCourseBody,
  type TopicDemand,
  type UpdateCourseBody,
} from '../../../common/api/courses.js';
import { labelOf } from '../../../common/api/translations.js';
import { DEFAULT_LOCALE, type Locale } from '../../../common/locales.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { asDate, decodeCursor, keyset, parseSort, toPage } from '../../http/pagination.js';
import { invalidFields, notFound, staleVersion, type FieldError } from '../../http/problems.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { unknownCatalogKeys } from '../catalog/catalog.service.js';
import { catalogEntries } from '../catalog/catalog.table.js';
import { volunteerKeys, volunteers } from '../volunteers/volunteers.table.js';
import { courses } from './courses.table.js';

/** The course catalogue, and the demand for training that volunteers' interests show. */

export type CourseRow = typeof courses.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Courses

const presentCourse = (r: CourseRow, locale: Locale): Course => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  titles: r.titles,
  label: labelOf(r.title, r.titles, locale),
  description: r.description,
  teachingHours: r.teachingHours,
  specializationKey: r.specializationKey,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const COURSE_SORT = { title: courses.title, createdAt: courses.createdAt } as const;

export async function listCourses(tx: Db, networkId: string, query: CourseListQuery, locale: Locale = DEFAULT_LOCALE) {
  const { field, desc: descending } = parseSort<keyof typeof COURSE_SORT>(query.sort);
  const page = keyset(COURSE_SORT[field], courses.id, decodeCursor(query.cursor), descending, (v) => (field === 'createdAt' ? asDate(v) : v));
  const filters = [eq(courses.networkId, networkId)];
  if (page.where) filters.push(page.where);
  if (query.kind) filters.push(eq(courses.kind, query.kind));
  const rows = await tx.select().from(courses).where(and(...filters)).orderBy(...page.orderBy).limit(query.limit + 1);
  const result = toPage(rows, query.limit, (r) => ({ v: field === 'createdAt' ? r.createdAt.toISOString() : r.title, id: r.id }));
  return { items: result.items.map((r) => presentCourse(r, locale)), nextCursor: result.nextCursor };
}

export async function courseRow(tx: Db, networkId: string, id: string): Promise<CourseRow> {
  const [row] = await tx.select().from(courses).where(and(eq(courses.networkId, networkId), eq(courses.id, id)));
  if (!row) throw notFound('course');
  return row;
}

export async function getCourse(tx: Db, networkId: string, id: string, locale: Locale = DEFAULT_LOCALE): Promise<Course> {
  return presentCourse(await courseRow(tx, networkId, id), locale);
}

interface CourseShape {
  kind: CourseKind;
  teachingHours: number | undefined;
  specializationKey: string | null;
}

/** The rules between kind, hours and specialisation, checked on the course as it will be. */
async function checkCourse(tx: Db, networkId: string, c: CourseShape): Promise<number> {
  const errors: FieldError[] = [];
  const hours = c.teachingHours ?? (c.kind === 'basic' ? BASIC_COURSE_HOURS : undefined);
  if (hours === undefined) errors.push({ path: 'body.teachingHours', key: 'required' });
  if (c.kind === 'specialization') {
    if (!c.specializationKey) errors.push({ path: 'body.specializationKey', key: 'required' });
    else errors.push(...(await unknownCatalogKeys(tx, networkId, 'specializations', [c.specializationKey], 'body.specializationKey')).map((e) => ({ ...e, path: 'body.specializationKey' })));
    if (hours !== undefined && hours > SPECIALIZATION_MAX_HOURS) errors.push({ path: 'body.teachingHours', key: 'tooBig', values: { maximum: SPECIALIZATION_MAX_HOURS } });
  } else if (c.specializationKey) {
    errors.push({ path: 'body.specializationKey', key: 'specializationOnly' });
  }
  if (errors.length) throw invalidFields(errors);
  return hours!;
}

export async function createCourse(tx: Db, actor: Actor, body: CreateCourseBody, locale: Locale = DEFAULT_LOCALE): Promise<Course> {
  const specializationKey = body.specializationKey ?? null;
  const teachingHours = await checkCourse(tx, actor.networkId, { kind: body.kind, teachingHours: body.teachingHours, specializationKey });
  const id = newId();
  const [row] = await tx
    .insert(courses)
    .values({ networkId: actor.networkId, id, kind: body.kind, title: body.title, titles: body.titles ?? {}, description: body.description ?? null, teachingHours, specializationKey })
    .returning();
  await recordAudit(tx, actor, { action: 'create', entity: 'course', entityId: id, fields: Object.keys(body) });
  return presentCourse(row!, locale);
}

export async function updateCourse(tx: Db, actor: Actor, id: string, body: UpdateCourseBody, locale: Locale = DEFAULT_LOCALE): Promise<Course> {
  const { version, ...changes } = body;
  const current = await courseRow(tx, actor.networkId, id);
  const kind = changes.kind ?? current.kind;
  // Leaving the specialisation kind drops its key unless the body names one (and is refused then).
  const specializationKey = changes.specializationKey !== undefined ? changes.specializationKey : kind === 'specialization' ? current.specializationKey : null;
  const teachingHours = await checkCourse(tx, actor.networkId, { kind, teachingHours: changes.teachingHours ?? current.teachingHours, specializationKey });
  const [row] = await tx
    .update(courses)
    .set({
      kind,
      title: changes.title ?? current.title,
      titles: changes.titles ?? current.titles,
      description: changes.description !== undefined ? changes.description : current.description,
      teachingHours,
      specializationKey,
      version: sql`${courses.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(courses.networkId, actor.networkId), eq(courses.id, id), eq(courses.version, version)))
    .returning();
  if (!row) throw staleVersion('course');
  await recordAudit(tx, actor, { action: 'update', entity: 'course', entityId: id, fields: Object.keys(changes) });
  return presentCourse(row, locale);
}

// ---------------------------------------------------------------------------------------------
// Qualification interests

/** Statuses of volunteers whose interests count as demand for training. */
const DEMAND_STATUSES = ['onboarding', 'in_training', 'active'] as const;

/**
 * Volunteers per interest topic, most wanted first. Reads the volunteers module's tables
 * directly (read-only, one aggregate): the volunteers service offers no count by interest, and
 * this query must stay one round trip at 100,000 volunteers.
 */
export async function courseDemand(tx: Db, networkId: string, locale: Locale = DEFAULT_LOCALE): Promise<TopicDemand[]> {
  const volunteersCount = sql<number>`count(distinct ${volunteerKeys.volunteerId})::int`;
  const rows = await tx
    .select({ topicKey: volunteerKeys.key, topicName: catalogEntries.name, topicNames: catalogEntries.names, volunteers: volunteersCount })
    .from(volunteerKeys)
    .innerJoin(volunteers, and(eq(volunteers.networkId, volunteerKeys.networkId), eq(volunteers.id, volunteerKeys.volunteerId)))
    .innerJoin(
      catalogEntries,
      and(eq(catalogEntries.networkId, volunteerKeys.networkId), eq(catalogEntries.kind, volunteerKeys.kind), eq(catalogEntries.key, volunteerKeys.key)),
    )
    .where(and(eq(volunteerKeys.networkId, networkId), eq(volunteerKeys.relation, 'interest'), inArray(volunteers.status, [...DEMAND_STATUSES])))
    .groupBy(volunteerKeys.key, catalogEntries.name, catalogEntries.names)
    .orderBy(desc(volunteersCount), asc(catalogEntries.name));
  return rows.map(({ topicNames, ...r }) => ({ ...r, topicLabel: labelOf(r.topicName, topicNames, locale) }));
}
