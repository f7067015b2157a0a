import { z } from 'zod';
import { BIRTH_YEAR_MAX, BIRTH_YEAR_MIN, GENDERS, LANGUAGE_LEVELS, PROFESSIONAL_POSITIONS, QUALIFICATION_DATE_PRECISIONS, QUALIFICATION_TYPES, TRADES, VOLUNTEER_STATUSES } from '../volunteers.js';
import { Id, Instant, ListQuery, Version } from './shared.js';

export const IsoDate = z.iso.date();
/** A wall-clock time, HH:MM (Europe/Berlin). */
export const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time' });
/** ISO 639-1 (two letters) or 639-3 (three letters), lower case. */
export const LanguageCode = z.string().trim().toLowerCase().regex(/^[a-z]{2,3}$/, { message: 'languageCode' });
/** ISO 3166-1 alpha-2, upper case. */
export const CountryCode = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, { message: 'countryCode' });
/** A year of birth within the shared limits; out of range answers with its own message, on server and web alike. */
export const BirthYear = z
  .number()
  .int()
  .min(BIRTH_YEAR_MIN, { message: 'birthYearTooEarly' })
  .max(BIRTH_YEAR_MAX, { message: 'birthYearTooLate' });
/** A catalogue entry's key. */
export const Key = z.string().trim().min(1).max(63);

export const LanguageSkill = z.object({ code: LanguageCode, level: z.enum(LANGUAGE_LEVELS) }).strict();
export const AvailabilitySlot = z
  .object({ weekday: z.number().int().min(1).max(7), from: Time, to: Time })
  .strict()
  .refine((s) => s.from < s.to, { message: 'timeOrder', path: ['to'] });
export const Absence = z
  .object({ from: IsoDate, to: IsoDate, note: z.string().trim().max(200).nullish() })
  .strict()
  .refine((a) => a.from <= a.to, { message: 'dateOrder', path: ['to'] });
export const Qualification = z
  .object({ type: z.enum(QUALIFICATION_TYPES), completedOn: IsoDate, provider: z.string().trim().max(200).nullish(), specializationKey: Key.nullish() })
  .strict();
export type Qualification = z.infer<typeof Qualification>;

export const Onboarding = z
  .object({
    confidentialitySignedOn: IsoDate.nullish(),
    dataProtectionConsentOn: IsoDate.nullish(),
    insuranceNotedOn: IsoDate.nullish(),
    policeCertificateOn: IsoDate.nullish(),
  })
  .strict();

export const BankAccount = z
  .object({
    iban: z.string().trim().transform((v) => v.replace(/\s+/g, '').toUpperCase()).pipe(z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/, { message: 'iban' })),
    bic: z.string().trim().transform((v) => v.replace(/\s+/g, '').toUpperCase()).pipe(z.string().regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, { message: 'bic' })).nullish(),
    accountHolder: z.string().trim().min(1).max(70),
  })
  .strict();
export type BankAccount = z.infer<typeof BankAccount>;

/** A bank account change waiting for the volunteer's confirmation; the IBAN shows only its last four characters. */
export const PendingBankAccount = z
  .object({
    id: Id,
    ibanMasked: z.string(),
    bic: z.string().nullable(),
    accountHolder: z.string(),
    requestedAt: Instant,
    requestedByName: z.string().nullable(),
    expiresAt: Instant,
  })
  .meta({ id: 'PendingBankAccount' });
export type PendingBankAccount = z.infer<typeof PendingBankAccount>;

/** Fields a volunteer may change about themselves in the portal. */
export const VolunteerSelfFields = z.object({
  phone: z.string().trim().max(60).nullish(),
  street: z.string().trim().max(200).nullish(),
  postalCode: z.string().trim().max(10).nullish(),
  city: z.string().trim().max(100).nullish(),
  contactLanguage: LanguageCode.nullish(),
  languages: z.array(LanguageSkill).max(30),
  availability: z.array(AvailabilitySlot).max(50),
  absences: z.array(Absence).max(100),
  interests: z.array(Key).max(50),
  /** Where expense payouts go (SEPA). The IBAN is checked (structure and check digits). */
  bankAccount: BankAccount.nullish(),
});

/** Every profile field a coordinator writes; `status` and `qualifications` included (records moved from elsewhere). */
export const VolunteerFields = VolunteerSelfFields.extend({
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  email: z.email().max(254).transform((e) => e.toLowerCase()).nullish(),
  birthYear: BirthYear.nullish(),
  gender: z.enum(GENDERS).nullish(),
  genderSelfDescribed: z.string().trim().max(60).nullish(),
  origins: z.array(CountryCode).max(10),
  originConsent: z.object({ givenOn: IsoDate, textVersion: z.string().trim().min(1).max(40) }).strict().nullish(),
  trade: z.enum(TRADES).nullish(),
  tradeFreeText: z.string().trim().max(200).nullish(),
  professionalPosition: z.enum(PROFESSIONAL_POSITIONS).nullish(),
  specializations: z.array(Key).max(30),
  topics: z.array(Key).max(50),
  competenceLimits: z.array(Key).max(50),
  homeDistrict: Key.nullish(),
  districts: z.array(Key).max(100),
  maxActiveAgreements: z.number().int().min(0).max(50),
  maxHoursPerMonth: z.number().int().min(0).max(300),
  status: z.enum(VOLUNTEER_STATUSES),
  statusReason: z.string().trim().max(300).nullish(),
  onboarding: Onboarding,
  lastSupervisionOn: IsoDate.nullish(),
  qualifications: z.array(Qualification).max(100),
  notes: z.string().max(10_000).nullish(),
});

const DEFAULTS: {
  languages: [];
  availability: [];
  absences: [];
  interests: [];
  origins: [];
  specializations: [];
  topics: [];
  competenceLimits: [];
  districts: [];
  qualifications: [];
  onboarding: Record<string, never>;
  maxActiveAgreements: number;
  maxHoursPerMonth: number;
  status: 'interested';
} = {
  languages: [],
  availability: [],
  absences: [],
  interests: [],
  origins: [],
  specializations: [],
  topics: [],
  competenceLimits: [],
  districts: [],
  qualifications: [],
  onboarding: {},
  maxActiveAgreements: 2,
  maxHoursPerMonth: 10,
  status: 'interested',
};

export const CreateVolunteerBody = VolunteerFields.partial()
  .required({ firstName: true, lastName: true })
  .strict()
  .transform((b) => ({ ...DEFAULTS, ...b }));
export type CreateVolunteerBody = z.output<typeof CreateVolunteerBody>;

export const UpdateVolunteerBody = VolunteerFields.partial().extend({ version: Version }).strict();
export type UpdateVolunteerBody = z.infer<typeof UpdateVolunteerBody>;

export const UpdateOwnVolunteerBody = VolunteerSelfFields.partial().extend({ version: Version }).strict();
export type UpdateOwnVolunteerBody = z.infer<typeof UpdateOwnVolunteerBody>;

const out = {
  date: IsoDate.nullable(),
};

export const StatusChange = z.object({ status: z.enum(VOLUNTEER_STATUSES), at: Instant, reason: z.string().nullable(), byName: z.string().nullable() });

export const Volunteer = z
  .object({
    id: Id,
    userId: Id.nullable(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    street: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    birthYear: z.number().nullable(),
    gender: z.enum(GENDERS).nullable(),
    genderSelfDescribed: z.string().nullable(),
    contactLanguage: z.string().nullable(),
    languages: z.array(z.object({ code: z.string(), level: z.enum(LANGUAGE_LEVELS) })),
    /** Only for coordinators, and only while consent is on record. */
    origins: z.array(z.string()).optional(),
    originConsent: z.object({ givenOn: IsoDate, textVersion: z.string() }).nullable().optional(),
    trade: z.enum(TRADES).nullable(),
    tradeFreeText: z.string().nullable(),
    professionalPosition: z.enum(PROFESSIONAL_POSITIONS).nullable(),
    specializations: z.array(z.string()),
    topics: z.array(z.string()),
    competenceLimits: z.array(z.string()),
    interests: z.array(z.string()),
    homeDistrict: z.string().nullable(),
    districts: z.array(z.string()),
    availability: z.array(z.object({ weekday: z.number(), from: z.string(), to: z.string() })),
    absences: z.array(z.object({ from: IsoDate, to: IsoDate, note: z.string().nullable() })),
    maxActiveAgreements: z.number(),
    maxHoursPerMonth: z.number(),
    status: z.enum(VOLUNTEER_STATUSES),
    statusSince: Instant,
    onboarding: z.object({
      confidentialitySignedOn: out.date,
      dataProtectionConsentOn: out.date,
      insuranceNotedOn: out.date,
      policeCertificateOn: out.date,
      /** Older than the network's limit (default five years), or missing. */
      policeCertificateValid: z.boolean(),
    }),
    qualifications: z.array(
      z.object({
        type: z.enum(QUALIFICATION_TYPES),
        completedOn: IsoDate,
        /** How much of `completedOn` is known: an imported "2016" is stored as 2016-01-01 with `year`; "ja" as the import day with `unknown`. */
        completedOnPrecision: z.enum(QUALIFICATION_DATE_PRECISIONS),
        provider: z.string().nullable(),
        specializationKey: z.string().nullable(),
      }),
    ),
    /** Has the basic qualification: may be proposed for deployments. */
    deployable: z.boolean(),
    wellbeing: z.object({
      lastSupervisionOn: out.date,
      /** No supervision talk on record in the network's interval (default six months). */
      supervisionDue: z.boolean(),
      /** Agreements now active. */
      activeAgreements: z.number().int(),
      /** Hours logged in the current month (Berlin calendar). */
      hoursThisMonth: z.number(),
      /** Beyond the agreed capacity in agreements or in this month's hours. */
      overloaded: z.boolean(),
    }),
    /** Active, deployable, not absent today, and below the maximum of agreements and of this month's hours. */
    freeCapacity: z.boolean(),
    notes: z.string().nullable().optional(),
    /** Only for coordinators and the volunteer. */
    bankAccount: z.object({ iban: z.string(), bic: z.string().nullable(), accountHolder: z.string() }).nullable().optional(),
    /** A bank account someone else entered, waiting for the volunteer's confirmation; payouts use `bankAccount` until then. Only for coordinators. */
    pendingBankAccount: PendingBankAccount.nullable().optional(),
    version: Version,
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Volunteer' });
export type Volunteer = z.infer<typeof Volunteer>;

/**
 * A volunteer as the pool list and the pickers show them: name, the contact line, status, languages,
 * districts, specialisations and load. No address, birth year, gender, origins, notes or bank
 * account: the full record only comes from reading the one person, which is audited.
 */
export const VolunteerSummary = z
  .object({
    id: Id,
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    status: z.enum(VOLUNTEER_STATUSES),
    languages: z.array(z.object({ code: z.string(), level: z.enum(LANGUAGE_LEVELS) })),
    specializations: z.array(z.string()),
    homeDistrict: z.string().nullable(),
    districts: z.array(z.string()),
    maxActiveAgreements: z.number(),
    maxHoursPerMonth: z.number(),
    deployable: z.boolean(),
    wellbeing: z.object({ supervisionDue: z.boolean(), activeAgreements: z.number().int(), hoursThisMonth: z.number(), overloaded: z.boolean() }),
    freeCapacity: z.boolean(),
  })
  .meta({ id: 'VolunteerSummary' });
export type VolunteerSummary = z.infer<typeof VolunteerSummary>;

export const VolunteerDetail = Volunteer.extend({ statusHistory: z.array(StatusChange) }).meta({ id: 'VolunteerDetail' });
export type VolunteerDetail = z.infer<typeof VolunteerDetail>;

export const VolunteerListQuery = ListQuery.extend({
  q: z.string().trim().max(200).optional(),
  language: LanguageCode.optional(),
  minLevel: z.enum(LANGUAGE_LEVELS).optional(),
  district: Key.optional(),
  specialization: Key.optional(),
  topic: Key.optional(),
  status: z.enum(VOLUNTEER_STATUSES).optional(),
  weekday: z.coerce.number().int().min(1).max(7).optional(),
  from: Time.optional(),
  to: Time.optional(),
  hasCapacity: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  supervisionDue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  overloaded: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  sort: z.enum(['lastName', '-lastName', 'createdAt', '-createdAt', 'statusSince', '-statusSince']).default('lastName'),
});
export type VolunteerListQuery = z.infer<typeof VolunteerListQuery>;
