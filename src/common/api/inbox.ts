import { z } from 'zod';
import { GUIDE_REQUEST_STATUSES, URGENCIES } from './guide-requests.js';
import { PROPOSAL_STATUSES } from './placements.js';
import { Id, Instant } from './shared.js';
import { IsoDate } from './volunteers.js';

const section = <T extends z.ZodType>(item: T) => z.object({ count: z.number().int(), items: z.array(item) });

/** The coordinator's day at a glance: what waits for them, each list with its full count and the first items. */
export const Inbox = z
  .object({
    newRequests: section(z.object({ id: Id, title: z.string(), status: z.enum(GUIDE_REQUEST_STATUSES), urgency: z.enum(URGENCIES), missingFields: z.number().int(), createdAt: Instant })),
    readyRequests: section(z.object({ id: Id, title: z.string(), urgency: z.enum(URGENCIES), startsAt: Instant.nullable(), statusSince: Instant })),
    proposalsWaiting: section(z.object({ id: Id, requestId: Id, requestTitle: z.string(), volunteerName: z.string(), expiresAt: Instant })),
    /** Declined or expired proposals on requests that still wait: offer the next candidate. */
    proposalsToFollowUp: section(z.object({ id: Id, requestId: Id, requestTitle: z.string(), volunteerName: z.string(), status: z.enum(PROPOSAL_STATUSES), at: Instant })),
    agreementsEndingSoon: section(z.object({ id: Id, volunteerName: z.string(), scope: z.string(), endsOn: IsoDate })),
    claimsToApprove: section(z.object({ id: Id, volunteerName: z.string(), totalCents: z.number().int(), submittedAt: Instant })),
    overloadedVolunteers: section(
      z.object({
        volunteerId: Id,
        name: z.string(),
        activeAgreements: z.number().int(),
        maxActiveAgreements: z.number().int(),
        hoursThisMonth: z.number(),
        maxHoursPerMonth: z.number().int(),
        supervisionDue: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'Inbox' });
export type Inbox = z.infer<typeof Inbox>;
