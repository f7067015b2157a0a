import { z } from 'zod';
import { LOCALES } from '../locales.js';
import { LanguageSkill, LanguageCode } from './volunteers.js';

/** The text version of the application form's consent; changing the text means a new version. */
export const APPLICATION_CONSENT_VERSION = 'application-2026-11';

export const PublicNetwork = z
  .object({
    name: z.string(),
    slug: z.string(),
    defaultLocale: z.enum(LOCALES),
    topics: z.array(z.object({ key: z.string(), name: z.string() })),
    consentVersion: z.string(),
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
    birthYear: z.number().int().min(1900).max(2100).optional(),
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
