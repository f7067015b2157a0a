import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { CreateVolunteerBody, Qualification, Volunteer } from '../../../common/api/volunteers.js';
import { levelRank } from '../../../common/volunteers.js';
import { anyId } from '../../db/any-id.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { forbidden, invalidFields, type FieldError } from '../../http/problems.js';
import { unknownCatalogKeys } from '../catalog/catalog.service.js';
import { consents } from '../consents/consents.table.js';
import { isValidBic, isValidIban } from '../expense-claims/sepa.js';
import { fromMinute, mergeSlots } from './profile.js';
import {
  VOLUNTEER_KEY_RELATIONS,
  volunteerAbsences,
  volunteerAvailability,
  volunteerKeys,
  volunteerLanguages,
  volunteerOrigins,
  volunteerQualifications,
  type VolunteerKeyRelation,
} from './volunteers.table.js';

/**
 * The lists a profile holds beside its own columns: languages, catalogue keys, availability,
 * absences, qualifications, and origins with the consent they need. Read for many volunteers at
 * once, written as whole lists.
 */

/** Profile lists that refer to catalogue entries, by the relation they are stored under. */
export const KEY_LISTS = {
  specializations: 'specialization',
  topics: 'topic',
  competenceLimits: 'competence_limit',
  interests: 'interest',
  districts: 'district',
} as const satisfies Record<string, VolunteerKeyRelation>;
type KeyListField = keyof typeof KEY_LISTS;

const originConsentRequired = () =>
  invalidFields([{ path: 'body.origins', key: 'originConsentRequired' }]);

// ---------------------------------------------------------------------------------------------
// Reading

export interface Children {
  languages: Map<string, Volunteer['languages']>;
  origins: Map<string, string[]>;
  consent: Map<string, { givenOn: string; textVersion: string }>;
  keys: Map<string, Record<VolunteerKeyRelation, string[]>>;
  availability: Map<string, Volunteer['availability']>;
  absences: Map<string, Volunteer['absences']>;
  qualifications: Map<string, Volunteer['qualifications']>;
}

export const group = <T, V>(rows: T[], id: (r: T) => string, value: (r: T) => V) => {
  const out = new Map<string, V[]>();
  for (const r of rows) {
    const list = out.get(id(r)) ?? [];
    list.push(value(r));
    out.set(id(r), list);
  }
  return out;
};

/** A volunteer without catalogue keys, in every relation. */
export const emptyKeys = (): Record<VolunteerKeyRelation, string[]> => ({ specialization: [], topic: [], competence_limit: [], interest: [], district: [] });

/** The lists of these volunteers; origins and their consent only `withOrigins`. */
export async function loadChildren(tx: Db, networkId: string, ids: string[], withOrigins: boolean): Promise<Children> {
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
    const entry = keyMap.get(k.volunteerId) ?? emptyKeys();
    entry[k.relation].push(k.key);
    keyMap.set(k.volunteerId, entry);
  }
  let origins = new Map<string, string[]>();
  const consent = new Map<string, { givenOn: string; textVersion: string }>();
  if (withOrigins) {
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

// ---------------------------------------------------------------------------------------------
// Writing

/** The body of any write: created, updated by a coordinator or by the volunteer. */
export type Writable = Partial<CreateVolunteerBody>;

/** Catalogue keys, bank account and languages of a body, checked against the network. */
export async function validateReferences(tx: Db, networkId: string, body: Writable): Promise<void> {
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

/** Replaces the lists the body names; answers the fields changed, for the audit event. */
export async function replaceChildren(tx: Db, networkId: string, volunteerId: string, body: Writable): Promise<string[]> {
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
export async function writeOrigins(tx: Db, networkId: string, volunteerId: string, body: Writable, canWrite: boolean): Promise<string[]> {
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

