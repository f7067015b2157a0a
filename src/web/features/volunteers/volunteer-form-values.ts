import type { UseFormReturnType } from '@mantine/form';
import type { VolunteerDetail } from '../../../common/api/volunteers.js';
import type { LanguageLevel, QualificationType, VolunteerStatus } from '../../../common/volunteers.js';
import { formatIban } from './components.js';

export interface FormValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  street: string;
  postalCode: string;
  city: string;
  birthYear: string | number;
  gender: string;
  genderSelfDescribed: string;
  contactLanguage: string;
  languages: { code: string; level: LanguageLevel }[];
  origins: string[];
  /** Consent being recorded now (the one on record shows apart). */
  recordConsent: boolean;
  originConsent: { givenOn: string; textVersion: string };
  withdrawConsent: boolean;
  trade: string;
  tradeFreeText: string;
  professionalPosition: string;
  specializations: string[];
  topics: string[];
  interests: string[];
  competenceLimits: string[];
  homeDistrict: string;
  districts: string[];
  availability: { weekday: string; from: string; to: string }[];
  absences: { from: string; to: string; note: string }[];
  maxActiveAgreements: string | number;
  maxHoursPerMonth: string | number;
  status: VolunteerStatus;
  statusReason: string;
  onboarding: { confidentialitySignedOn: string; dataProtectionConsentOn: string; insuranceNotedOn: string; policeCertificateOn: string };
  lastSupervisionOn: string;
  qualifications: { type: QualificationType; completedOn: string; provider: string; specializationKey: string }[];
  notes: string;
  /** Where payouts go; all three empty means none. */
  bankAccount: { iban: string; bic: string; accountHolder: string };
}

const str = (v: string | null | undefined) => v ?? '';

export function emptyValues(): FormValues {
  return {
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    street: '',
    postalCode: '',
    city: '',
    birthYear: '',
    gender: '',
    genderSelfDescribed: '',
    contactLanguage: '',
    languages: [],
    origins: [],
    recordConsent: false,
    originConsent: { givenOn: '', textVersion: '' },
    withdrawConsent: false,
    trade: '',
    tradeFreeText: '',
    professionalPosition: '',
    specializations: [],
    topics: [],
    interests: [],
    competenceLimits: [],
    homeDistrict: '',
    districts: [],
    availability: [],
    absences: [],
    maxActiveAgreements: 2,
    maxHoursPerMonth: 10,
    status: 'interested',
    statusReason: '',
    onboarding: { confidentialitySignedOn: '', dataProtectionConsentOn: '', insuranceNotedOn: '', policeCertificateOn: '' },
    lastSupervisionOn: '',
    qualifications: [],
    notes: '',
    bankAccount: { iban: '', bic: '', accountHolder: '' },
  };
}

export function valuesOf(v: VolunteerDetail): FormValues {
  return {
    ...emptyValues(),
    firstName: v.firstName,
    lastName: v.lastName,
    email: str(v.email),
    phone: str(v.phone),
    street: str(v.street),
    postalCode: str(v.postalCode),
    city: str(v.city),
    birthYear: v.birthYear ?? '',
    gender: str(v.gender),
    genderSelfDescribed: str(v.genderSelfDescribed),
    contactLanguage: str(v.contactLanguage),
    languages: v.languages.map((l) => ({ ...l })),
    origins: [...(v.origins ?? [])],
    trade: str(v.trade),
    tradeFreeText: str(v.tradeFreeText),
    professionalPosition: str(v.professionalPosition),
    specializations: [...v.specializations],
    topics: [...v.topics],
    interests: [...v.interests],
    competenceLimits: [...v.competenceLimits],
    homeDistrict: str(v.homeDistrict),
    districts: [...v.districts],
    availability: v.availability.map((s) => ({ weekday: String(s.weekday), from: s.from, to: s.to })),
    absences: v.absences.map((a) => ({ from: a.from, to: a.to, note: str(a.note) })),
    maxActiveAgreements: v.maxActiveAgreements,
    maxHoursPerMonth: v.maxHoursPerMonth,
    status: v.status,
    onboarding: {
      confidentialitySignedOn: str(v.onboarding.confidentialitySignedOn),
      dataProtectionConsentOn: str(v.onboarding.dataProtectionConsentOn),
      insuranceNotedOn: str(v.onboarding.insuranceNotedOn),
      policeCertificateOn: str(v.onboarding.policeCertificateOn),
    },
    lastSupervisionOn: str(v.wellbeing.lastSupervisionOn),
    qualifications: v.qualifications.map((q) => ({
      type: q.type,
      completedOn: q.completedOn,
      provider: str(q.provider),
      specializationKey: str(q.specializationKey),
    })),
    notes: str(v.notes),
    bankAccount: {
      iban: v.bankAccount ? formatIban(v.bankAccount.iban) : '',
      bic: str(v.bankAccount?.bic),
      accountHolder: str(v.bankAccount?.accountHolder),
    },
  };
}

export interface Access {
  /** Origins and their consent (coordinators). */
  origins: boolean;
  /** Coordinator-only notes. */
  notes: boolean;
}

const text = (v: string) => (v.trim() === '' ? null : v.trim());
const date = (v: string) => (v === '' ? null : v);
const integer = (v: string | number) => (v === '' ? undefined : Number(v));

/** The request body for the values: every field a coordinator writes, in the API's terms. */
export function bodyOf(v: FormValues, access: Access, current?: VolunteerDetail): Record<string, unknown> {
  const body: Record<string, unknown> = {
    firstName: v.firstName.trim(),
    lastName: v.lastName.trim(),
    email: text(v.email),
    phone: text(v.phone),
    street: text(v.street),
    postalCode: text(v.postalCode),
    city: text(v.city),
    birthYear: v.birthYear === '' ? null : Number(v.birthYear),
    gender: v.gender || null,
    genderSelfDescribed: v.gender === 'self_described' ? text(v.genderSelfDescribed) : null,
    contactLanguage: v.contactLanguage || null,
    languages: v.languages.map((l) => ({ code: l.code, level: l.level })),
    trade: v.trade || null,
    tradeFreeText: text(v.tradeFreeText),
    professionalPosition: v.professionalPosition || null,
    specializations: v.specializations,
    topics: v.topics,
    interests: v.interests,
    competenceLimits: v.competenceLimits,
    homeDistrict: v.homeDistrict || null,
    districts: v.districts,
    availability: v.availability.map((s) => ({ weekday: Number(s.weekday), from: s.from, to: s.to })),
    absences: v.absences.map((a) => ({ from: a.from, to: a.to, note: text(a.note) })),
    maxActiveAgreements: integer(v.maxActiveAgreements),
    maxHoursPerMonth: integer(v.maxHoursPerMonth),
    status: v.status,
    onboarding: {
      confidentialitySignedOn: date(v.onboarding.confidentialitySignedOn),
      dataProtectionConsentOn: date(v.onboarding.dataProtectionConsentOn),
      insuranceNotedOn: date(v.onboarding.insuranceNotedOn),
      policeCertificateOn: date(v.onboarding.policeCertificateOn),
    },
    lastSupervisionOn: date(v.lastSupervisionOn),
    qualifications: v.qualifications.map((q) => ({
      type: q.type,
      completedOn: q.completedOn,
      provider: text(q.provider),
      specializationKey: q.type === 'specialization' ? q.specializationKey || null : null,
    })),
  };
  if (!current || v.status !== current.status) body.statusReason = text(v.statusReason);
  if (access.notes) body.notes = text(v.notes);
  // The bank account is shown to the same people as the notes (volunteers:manage).
  if (access.notes) {
    const b = v.bankAccount;
    body.bankAccount =
      b.iban.trim() === '' && b.bic.trim() === '' && b.accountHolder.trim() === '' ? null : { iban: b.iban.trim(), bic: text(b.bic), accountHolder: b.accountHolder.trim() };
  }
  if (access.origins) {
    const onRecord = !!current?.originConsent;
    if (onRecord && v.withdrawConsent) {
      // Withdrawal erases the origins on the server.
      body.originConsent = null;
    } else if (!onRecord && v.recordConsent) {
      body.originConsent = { givenOn: v.originConsent.givenOn, textVersion: v.originConsent.textVersion.trim() };
      body.origins = v.origins;
    } else if (onRecord) {
      body.origins = v.origins;
    }
  }
  return body;
}

/** Only what changed goes to the server: unchanged lists are not rewritten, and the audit names real changes. */
export function changedFields(body: Record<string, unknown>, before: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(body)) {
    if (k === 'originConsent' || k === 'statusReason' || JSON.stringify(value) !== JSON.stringify(before[k])) out[k] = value;
  }
  if ('status' in out && 'statusReason' in body) out.statusReason = body.statusReason;
  else delete out.statusReason;
  return out;
}

export type VolunteerFormApi = UseFormReturnType<FormValues>;
