import { z } from 'zod';
import { REQUESTABLE_LEVELS } from '../volunteers.js';
import { Email, Id, Instant, ListQuery, Version } from './shared.js';
import { AvailabilitySlot, CountryCode, Key, LanguageCode } from './volunteers.js';

/** What is asked for (Einsatzart). */
export const GUIDE_REQUEST_KINDS = ['accompaniment', 'parents_evening', 'event_appearance', 'mentoring', 'language_help', 'office_help'] as const;
export type GuideRequestKind = (typeof GUIDE_REQUEST_KINDS)[number];
export const GUIDE_REQUEST_STATUSES = ['new', 'needs_info', 'ready', 'proposed', 'agreed', 'closed', 'cancelled'] as const;
export type GuideRequestStatus = (typeof GUIDE_REQUEST_STATUSES)[number];
export const URGENCIES = ['low', 'normal', 'high', 'urgent'] as const;
/** The seeker's age group: child (under 14), youth (14–17), young adult (18–26), adult, senior (65+). */
export const AGE_GROUPS = ['child', 'youth', 'young_adult', 'adult', 'senior'] as const;
export const GENDER_PREFERENCES = ['female', 'male'] as const;
export const GUIDE_REQUEST_SOURCES = ['partner', 'coordinator', 'public'] as const;

export const LanguageNeed = z.object({ code: LanguageCode, minLevel: z.enum(REQUESTABLE_LEVELS) }).strict();
export type LanguageNeed = z.infer<typeof LanguageNeed>;

export const Seeker = z
  .object({
    ageGroup: z.enum(AGE_GROUPS).nullish(),
    /** Languages the seeker speaks. */
    languages: z.array(LanguageCode).max(10).default([]),
    genderPreference: z.enum(GENDER_PREFERENCES).nullish(),
    wantsPeerMatch: z.boolean().default(false),
    /** Countries of origin, only for a peer match; shown to coordinators only. */
    origins: z.array(CountryCode).max(5).default([]),
  })
  .strict();
export type Seeker = z.infer<typeof Seeker>;

export const RequestContact = z
  .object({
    name: z.string().trim().min(1).max(200),
    phone: z.string().trim().max(60).nullish(),
    email: Email.nullish(),
  })
  .strict();

/** Every field of the complete description; all optional while the request is a draft. */
const descriptionFields = {
  kind: z.enum(GUIDE_REQUEST_KINDS).nullish(),
  topic: Key.nullish(),
  description: z.string().trim().max(5000).nullish(),
  languages: z.array(LanguageNeed).max(5),
  districtKey: Key.nullish(),
  place: z.string().trim().max(300).nullish(),
  startsAt: Instant.nullish(),
  endsAt: Instant.nullish(),
  /** A recurring request: weekly slots (Berlin time). */
  schedule: z.array(AvailabilitySlot).max(14),
  expectedHours: z.number().min(0.25).max(500).multipleOf(0.25).nullish(),
  volunteersNeeded: z.number().int().min(1).max(20),
  requiredSpecializations: z.array(Key).max(10),
  involvesMinors: z.boolean(),
  seeker: Seeker,
  requesterOrganizationId: Id.nullish(),
  contact: RequestContact.nullish(),
  urgency: z.enum(URGENCIES),
};

const timeOrder = <T extends { startsAt?: string | null; endsAt?: string | null }>(b: T) => !b.startsAt || !b.endsAt || b.startsAt < b.endsAt;

export const CreateGuideRequestBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    ...descriptionFields,
    languages: descriptionFields.languages.default([]),
    schedule: descriptionFields.schedule.default([]),
    volunteersNeeded: descriptionFields.volunteersNeeded.default(1),
    requiredSpecializations: descriptionFields.requiredSpecializations.default([]),
    involvesMinors: descriptionFields.involvesMinors.default(false),
    seeker: Seeker.default({ languages: [], wantsPeerMatch: false, origins: [] }),
    urgency: descriptionFields.urgency.default('normal'),
  })
  .strict()
  .refine(timeOrder, { message: 'timeOrder', path: ['endsAt'] });
export type CreateGuideRequestBody = z.infer<typeof CreateGuideRequestBody>;

export const UpdateGuideRequestBody = z
  .object(descriptionFields)
  .partial()
  .extend({
    title: z.string().trim().min(1).max(200).optional(),
    status: z.enum(GUIDE_REQUEST_STATUSES).optional(),
    /** With `needs_info`: what is missing, sent to the requester. With `cancelled`: why. */
    statusMessage: z.string().trim().min(1).max(2000).optional(),
    version: Version,
  })
  .strict()
  .refine(timeOrder, { message: 'timeOrder', path: ['endsAt'] });
export type UpdateGuideRequestBody = z.infer<typeof UpdateGuideRequestBody>;

export const GuideRequestStatusChange = z.object({
  from: z.enum(GUIDE_REQUEST_STATUSES).nullable(),
  to: z.enum(GUIDE_REQUEST_STATUSES),
  at: Instant,
  byName: z.string().nullable(),
  message: z.string().nullable(),
});

export const GuideRequest = z
  .object({
    id: Id,
    title: z.string(),
    kind: z.enum(GUIDE_REQUEST_KINDS).nullable(),
    topic: z.string().nullable(),
    description: z.string().nullable(),
    languages: z.array(LanguageNeed),
    districtKey: z.string().nullable(),
    place: z.string().nullable(),
    startsAt: Instant.nullable(),
    endsAt: Instant.nullable(),
    schedule: z.array(z.object({ weekday: z.number(), from: z.string(), to: z.string() })),
    expectedHours: z.number().nullable(),
    volunteersNeeded: z.number().int(),
    requiredSpecializations: z.array(z.string()),
    involvesMinors: z.boolean(),
    seeker: z.object({
      ageGroup: z.enum(AGE_GROUPS).nullable(),
      languages: z.array(z.string()),
      genderPreference: z.enum(GENDER_PREFERENCES).nullable(),
      wantsPeerMatch: z.boolean(),
      /** Left out for readers who may not see origins. */
      origins: z.array(z.string()).optional(),
    }),
    requesterOrganizationId: Id.nullable(),
    contact: z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }).nullable(),
    urgency: z.enum(URGENCIES),
    status: z.enum(GUIDE_REQUEST_STATUSES),
    statusSince: Instant,
    source: z.enum(GUIDE_REQUEST_SOURCES),
    /** Fields the complete description still lacks; empty when the request can go to matching. */
    missingFields: z.array(z.string()),
    /** The topic is one the network leaves to professional services (legal advice, therapy). */
    needsProfessional: z.boolean(),
    version: Version,
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'GuideRequest' });
export type GuideRequest = z.infer<typeof GuideRequest>;

export const GuideRequestDetail = GuideRequest.extend({ statusHistory: z.array(GuideRequestStatusChange) }).meta({ id: 'GuideRequestDetail' });
export type GuideRequestDetail = z.infer<typeof GuideRequestDetail>;

export const GuideRequestListQuery = ListQuery.extend({
  status: z.enum(GUIDE_REQUEST_STATUSES).optional(),
  kind: z.enum(GUIDE_REQUEST_KINDS).optional(),
  topic: Key.optional(),
  district: Key.optional(),
  urgency: z.enum(URGENCIES).optional(),
  requesterOrganizationId: Id.optional(),
  sort: z.enum(['createdAt', '-createdAt', 'startsAt', '-startsAt']).default('-createdAt'),
});
export type GuideRequestListQuery = z.infer<typeof GuideRequestListQuery>;
