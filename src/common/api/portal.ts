import { z } from 'zod';
import { Id, Instant } from './shared.js';
import { IsoDate, PendingBankAccount } from './volunteers.js';

const section = <T extends z.ZodType>(item: T) => z.object({ count: z.number().int(), items: z.array(item) });

/** An agreement as the landing page names it: the request's title, else its task. */
const AgreementRef = z.object({
  agreementId: Id,
  title: z.string(),
  organizationName: z.string().nullable(),
  startsOn: IsoDate,
  endsOn: IsoDate,
});

export const PortalAppointment = z.discriminatedUnion('kind', [
  /** A session of a course run she is enrolled in. */
  z.object({
    kind: z.literal('courseSession'),
    id: Id,
    enrollmentId: Id,
    courseTitle: z.string(),
    runTitle: z.string(),
    startsAt: Instant,
    endsAt: Instant,
    room: z.string().nullable(),
    topic: z.string().nullable(),
  }),
  /** An agreement that begins later: her first deployments under it. */
  AgreementRef.extend({ kind: z.literal('agreementStart') }),
]);
export type PortalAppointment = z.infer<typeof PortalAppointment>;

/**
 * What waits for the signed-in volunteer, in one read: proposals to answer, her next appointments,
 * agreements under which a deployment is due to be logged, and claims not paid yet. Each section
 * has its full count and the first items.
 */
export const PortalOverview = z
  .object({
    proposals: section(
      z.object({
        id: Id,
        requestTitle: z.string(),
        organizationName: z.string().nullable(),
        expiresAt: Instant,
        startsAt: Instant.nullable(),
      }),
    ),
    agreements: section(AgreementRef.extend({ endingSoon: z.boolean(), deployments: z.number().int() })),
    appointments: section(PortalAppointment),
    /** Active agreements that have begun and have no deployment logged in the last `loggingDueDays` days. */
    toLog: section(AgreementRef.extend({ lastDeploymentOn: IsoDate.nullable() })),
    /** Claims submitted or approved and not paid yet. */
    claims: section(
      z.object({
        id: Id,
        status: z.enum(['submitted', 'approved']),
        totalCents: z.number().int(),
        deploymentCount: z.number().int(),
        submittedAt: Instant,
      }),
    ),
    /** Her deployments that are in no claim yet. */
    unclaimedDeployments: z.number().int(),
    loggingDueDays: z.number().int(),
  })
  .meta({ id: 'PortalOverview' });
export type PortalOverview = z.infer<typeof PortalOverview>;

/** The bank account change waiting for the volunteer's confirmation (GET /api/v1/portal/bank-account-change), or null. */
export const PortalBankAccountChange = z.object({ pending: PendingBankAccount.nullable() }).meta({ id: 'PortalBankAccountChange' });
export type PortalBankAccountChange = z.infer<typeof PortalBankAccountChange>;

export const BankChangeDecision = z.enum(['confirmed', 'rejected']);

/** What the mailed link's page shows before she decides. */
export const BankChangeLookup = PendingBankAccount.extend({ networkName: z.string() }).meta({ id: 'BankChangeLookup' });
export type BankChangeLookup = z.infer<typeof BankChangeLookup>;

export const BankChangeTokenBody = z.object({ token: z.string().min(10).max(300), decision: BankChangeDecision }).strict();
export type BankChangeTokenBody = z.infer<typeof BankChangeTokenBody>;
