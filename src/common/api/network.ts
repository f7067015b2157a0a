import { z } from 'zod';
import { LOCALES } from '../locales.js';
import { ALLOWANCE_UNITS } from './placements.js';
import { Id, Instant, ListQuery, Version } from './shared.js';

export const NetworkSettings = z
  .object({
    /** Staff roles (network_admin, coordinator, counsellor) must sign in with a TOTP code. */
    requireTotpForStaff: z.boolean(),
    defaultLocale: z.enum(LOCALES),
    /** A police certificate (Führungszeugnis) older than this counts as missing. */
    policeCertificateValidYears: z.number().int().min(1).max(10),
    /** A supervision talk is due when the last one is older than this. */
    supervisionIntervalMonths: z.number().int().min(1).max(24),
    /** A course participant completes with at least this share of the run's teaching hours attended. */
    courseCompletionPercent: z.number().int().min(1).max(100),
    /** Topics the network leaves to professional services (legal advice, therapy): such requests are flagged for referral. */
    professionalTopics: z.array(z.string().trim().min(1).max(63)).max(50),
    /** Matching: weight of each soft criterion (0 switches it off). */
    matchingWeights: z
      .object({
        distance: z.number().min(0).max(10),
        availability: z.number().min(0).max(10),
        load: z.number().min(0).max(10),
        peer: z.number().min(0).max(10),
        gender: z.number().min(0).max(10),
        interests: z.number().min(0).max(10),
        history: z.number().min(0).max(10),
      })
      .strict(),
    /** Matching: beyond this distance (km) from home district to place, distance scores nothing. */
    matchingRadiusKm: z.number().min(1).max(200),
    /** An unanswered proposal expires after this many hours; the coordinator is offered the next candidate. */
    proposalExpiryHours: z.number().int().min(1).max(720),
    /** The longest term of an agreement, in months (agreements are time-limited). */
    agreementMaxMonths: z.number().int().min(1).max(36),
    /** Volunteer and coordinators are reminded this many days before an agreement ends. */
    agreementReminderDays: z.number().int().min(1).max(90),
    /** Travel by car or motorbike: cents per kilometre (Fahrtkosten). */
    mileageRateCents: z.number().int().min(0).max(100),
    /** The network's flat allowance (Aufwandsentschädigung): per deployment, per hour, or none. */
    allowanceUnit: z.enum(ALLOWANCE_UNITS),
    allowanceCents: z.number().int().min(0).max(100_000),
    /** The tax-free volunteer allowance (§ 3 Nr. 26a EStG) in cents, by calendar year; a year not named takes the latest earlier one. */
    taxFreeAllowanceCents: z.record(z.string().regex(/^\d{4}$/, { message: 'year' }), z.number().int().min(0).max(10_000_000)),
    /** The account payouts are made from (the debtor of the SEPA file). */
    payoutAccount: z
      .object({ name: z.string().trim().min(1).max(70), iban: z.string().trim().min(15).max(42), bic: z.string().trim().min(8).max(11).nullish() })
      .strict()
      .nullable(),
    /** A payout of more than this (cents) is released for the bank by a second person, not by whoever created it; null: no second person. */
    payoutSecondPersonAboveCents: z.number().int().min(0).max(100_000_000).nullable(),
  })
  .meta({ id: 'NetworkSettings' });
export type NetworkSettings = z.infer<typeof NetworkSettings>;
export const DEFAULT_NETWORK_SETTINGS: NetworkSettings = {
  requireTotpForStaff: false,
  defaultLocale: 'de',
  policeCertificateValidYears: 5,
  supervisionIntervalMonths: 6,
  courseCompletionPercent: 80,
  professionalTopics: [],
  matchingWeights: { distance: 3, availability: 3, load: 2, peer: 2, gender: 2, interests: 1, history: 1 },
  matchingRadiusKm: 15,
  proposalExpiryHours: 72,
  agreementMaxMonths: 6,
  agreementReminderDays: 14,
  mileageRateCents: 30,
  allowanceUnit: 'none',
  allowanceCents: 0,
  taxFreeAllowanceCents: { '2025': 84_000, '2026': 96_000 },
  payoutAccount: null,
  payoutSecondPersonAboveCents: null,
};

export const Network = z.object({ id: Id, name: z.string(), slug: z.string(), settings: NetworkSettings, version: Version, createdAt: Instant });
export type Network = z.infer<typeof Network>;
/** The network as the API shows it: `payoutAccount` only to those who manage payouts (expense-claims:manage). */
export const NetworkView = Network.extend({ settings: NetworkSettings.partial({ payoutAccount: true }) }).meta({ id: 'Network' });
export type NetworkView = z.infer<typeof NetworkView>;

export const UpdateNetworkBody = z
  .object({ name: z.string().trim().min(1).max(200).optional(), settings: NetworkSettings.partial().strict().optional(), version: Version })
  .strict();
export type UpdateNetworkBody = z.infer<typeof UpdateNetworkBody>;

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'read', 'login', 'login_failed', 'logout', 'revoke', 'accept', 'export', 'list'] as const;

export const AuditEvent = z
  .object({
    id: Id,
    at: Instant,
    actorType: z.enum(['user', 'api_token', 'system', 'anonymous']),
    actorId: Id.nullable(),
    /** The person's or API key's name; null for the system, the anonymous, or an account deleted since. */
    actorName: z.string().nullable(),
    action: z.enum(AUDIT_ACTIONS),
    entity: z.string(),
    entityId: z.string().nullable(),
    /** What the record is called (a person's name, a title, a date); never a sensitive value. */
    entityName: z.string().nullable(),
    /** The event names a record that no longer exists. */
    entityDeleted: z.boolean(),
    fields: z.array(z.string()),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditListQuery = ListQuery.extend({
  action: z.enum(AUDIT_ACTIONS).optional(),
  entity: z.string().max(60).optional(),
  entityId: z.string().max(100).optional(),
  actorId: Id.optional(),
  /** Part of a name: events whose actor or whose record is called so (a person, a title). */
  q: z.string().trim().min(1).max(100).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export const OutboxMail = z
  .object({
    id: Id,
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    status: z.enum(['queued', 'sent', 'failed', 'logged']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: Instant,
    sentAt: Instant.nullable(),
  })
  .meta({ id: 'OutboxMail' });
export type OutboxMail = z.infer<typeof OutboxMail>;
export const OutboxListQuery = ListQuery;
