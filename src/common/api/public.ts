import { z } from 'zod';
import { LOCALES } from '../locales.js';
import { BirthYear, LanguageSkill, LanguageCode } from './volunteers.js';

/** The text version of the application form's consent; changing the text means a new version. */
export const APPLICATION_CONSENT_VERSION = 'application-2026-11';

export const PublicNetwork = z
  .object({
    name: z.string(),
    slug: z.string(),
    defaultLocale: z.enum(LOCALES),
    /** `name` is German; `label` is the name in the reader's language (Accept-Language), else German. */
    topics: z.array(z.object({ key: z.string(), name: z.string(), label: z.string() })),
    /** Districts (with their quarters) for the public request form. */
    districts: z.array(z.object({ key: z.string(), name: z.string(), label: z.string(), parentKey: z.string().nullable() })),
    consentVersion: z.string(),
    requestConsentVersion: z.string(),
  })
  .meta({ id: 'PublicNetwork' });
export type PublicNetwork = z.infer<typeof PublicNetwork>;

export const NetworkSlugParams = z.object({ networkSlug: z.string().regex(/^[a-z0-9-]{1,60}$/) });

export const VolunteerApplicationBody = z
  .object({
    firstName: z.string().trim().min(1).max(100),
    lastName: z.string().trim().min(1).max(100),
    email: z.email().max(254).transform((e) => e.toLowerCase()),
    phone: z.string().trim().max(60).optional(),
    postalCode: z.string().trim().max(10).optional(),
    city: z.string().trim().max(100).optional(),
    birthYear: BirthYear.optional(),
    contactLanguage: LanguageCode.optional(),
    languages: z.array(LanguageSkill).max(20).default([]),
    interests: z.array(z.string().trim().min(1).max(63)).max(30).default([]),
    message: z.string().trim().max(2000).optional(),
    /** The person agrees to the processing described on the form, in this text version. */
    consent: z.object({ accepted: z.literal(true), textVersion: z.string().min(1).max(40) }).strict(),
    locale: z.enum(LOCALES).optional(),
    /** Honeypot: a field people never see. Anything in it marks a bot. */
    website: z.string().max(500).optional(),
  })
  .strict();
export type VolunteerApplicationBody = z.infer<typeof VolunteerApplicationBody>;

export const ApplicationReceived = z.object({ received: z.literal(true) });

/** The text version of the public request form's consent; changing the text means a new version. */
export const REQUEST_CONSENT_VERSION = 'request-2026-11';

/**
 * "Ask for a guide": the public request form, in plain words. Whoever fills it in (the person
 * seeking help, a relative, a social worker) is the contact; the coordinators complete the rest.
 */
export const PublicGuideRequestBody = z
  .object({
    kind: z.enum(['accompaniment', 'parents_evening', 'mentoring', 'language_help', 'office_help']),
    topic: z.string().trim().min(1).max(63).optional(),
    /** What help is needed, in the person's own words. */
    description: z.string().trim().min(1).max(3000),
    /** Languages the person seeking help speaks. */
    languages: z.array(LanguageCode).min(1).max(5),
    districtKey: z.string().trim().min(1).max(63).optional(),
    place: z.string().trim().max(300).optional(),
    /** A wished date and time, if there is one (an appointment at an authority, a parents' evening). */
    startsAt: z.iso.datetime({ offset: true }).optional(),
    ageGroup: z.enum(['child', 'youth', 'young_adult', 'adult', 'senior']).optional(),
    genderPreference: z.enum(['female', 'male']).optional(),
    /** How soon help is needed, in the words the office uses too; the office may change it. */
    urgency: z.enum(['normal', 'high', 'urgent']).optional(),
    contact: z
      .object({
        name: z.string().trim().min(1).max(200),
        phone: z.string().trim().max(60).optional(),
        email: z.email().max(254).transform((e) => e.toLowerCase()).optional(),
      })
      .strict()
      .refine((c) => !!(c.phone || c.email), { message: 'phoneOrEmail', path: ['phone'] }),
    consent: z.object({ accepted: z.literal(true), textVersion: z.string().min(1).max(40) }).strict(),
    locale: z.enum(LOCALES).optional(),
    /** Honeypot: a field people never see. Anything in it marks a bot. */
    website: z.string().max(500).optional(),
  })
  .strict();
export type PublicGuideRequestBody = z.infer<typeof PublicGuideRequestBody>;
