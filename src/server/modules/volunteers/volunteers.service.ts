import { and, eq, inArray, sql } from 'drizzle-orm';
import type { NetworkSettings } from '../../../common/api/network.js';
import type { CreateVolunteerBody, Qualification, UpdateOwnVolunteerBody, UpdateVolunteerBody, Volunteer, VolunteerDetail } from '../../../common/api/volunteers.js';
import type { VolunteerStatus } from '../../../common/volunteers.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { DomainError, forbidden, invalidFields, notFound, staleVersion } from '../../http/problems.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { isOverloaded, NO_WORKLOAD, workloadOf, type Workload } from '../agreements/workload.service.js';
import { getNetwork } from '../networks/networks.service.js';
import { users } from '../users/users.table.js';
import { ownBankAccountEntered, pendingBankAccount, stageBankAccount } from './bank-account.js';
import { berlinToday, isAbsent, policeCertificateValid, supervisionDue } from './profile.js';
import { emptyKeys, loadChildren, replaceChildren, validateReferences, writeOrigins, type Children, type Writable } from './profile-lists.service.js';
import { volunteerKeys, volunteerQualifications, volunteers, volunteerStatusChanges } from './volunteers.table.js';

type Row = typeof volunteers.$inferSelect;

/** What the reader may see: origins and notes are for coordinators only. */
export interface Visibility {
  origins: boolean;
  notes: boolean;
  /** The bank account for payouts: coordinators and the volunteer. */
  bank: boolean;
}
export const FULL_VISIBILITY: Visibility = { origins: true, notes: true, bank: true };

/** The profile's own columns that a body sets as given. */
export const PROFILE_SCALARS = [
  'firstName', 'lastName', 'email', 'phone', 'street', 'postalCode', 'city', 'birthYear', 'gender', 'genderSelfDescribed',
  'contactLanguage', 'trade', 'tradeFreeText', 'professionalPosition', 'homeDistrict', 'maxActiveAgreements', 'maxHoursPerMonth',
  'lastSupervisionOn', 'notes',
] as const satisfies readonly (keyof CreateVolunteerBody & keyof typeof volunteers.$inferInsert)[];

/** How the volunteer is doing against the agreed capacity, for the record and the list. */
export function wellbeingOf(
  row: { lastSupervisionOn: string | null; maxActiveAgreements: number; maxHoursPerMonth: number },
  settings: NetworkSettings,
  today: string,
  load: Workload,
) {
  return {
    supervisionDue: supervisionDue(row.lastSupervisionOn, settings, today),
    activeAgreements: load.activeAgreements,
    hoursThisMonth: load.hoursThisMonth,
    overloaded: isOverloaded(load, row),
  };
}

/** Free for another agreement: active, deployable, below both limits and not away today. */
export function hasFreeCapacity(
  row: { status: VolunteerStatus; maxActiveAgreements: number; maxHoursPerMonth: number },
  deployable: boolean,
  absent: boolean,
  load: Workload,
): boolean {
  return row.status === 'active' && deployable && load.activeAgreements < row.maxActiveAgreements && load.hoursThisMonth < row.maxHoursPerMonth && !absent;
}

// ---------------------------------------------------------------------------------------------
// Reading

function present(row: Row, c: Children, settings: NetworkSettings, visibility: Visibility, today: string, load: Workload): Volunteer {
  const keys = c.keys.get(row.id) ?? emptyKeys();
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
    wellbeing: { lastSupervisionOn: row.lastSupervisionOn, ...wellbeingOf(row, settings, today, load) },
    freeCapacity: hasFreeCapacity(row, deployable, isAbsent(absences, today), load),
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

/** Full records of these rows, as the reader may see them. */
export async function presentRows(tx: Db, networkId: string, rows: Row[], visibility: Visibility): Promise<Volunteer[]> {
  const settings = (await getNetwork(tx, networkId)).settings;
  const children = await loadChildren(tx, networkId, rows.map((r) => r.id), visibility.origins);
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
// Writing

/** `ownAccount`: the volunteer gives her own bank account, which applies at once (others' entries wait for her, see bank-account.ts). */
function scalarValues(body: Writable, ownAccount = false) {
  const set: Partial<typeof volunteers.$inferInsert> = {};
  const fields: string[] = [];
  for (const f of PROFILE_SCALARS) {
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
