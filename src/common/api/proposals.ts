import { z } from 'zod';
import { AGE_GROUPS, GUIDE_REQUEST_KINDS, LanguageNeed } from './guide-requests.js';
import { PROPOSAL_STATUSES } from './placements.js';
import { Id, Instant, ListQuery, Version } from './shared.js';
import { IsoDate } from './volunteers.js';

export const CreateProposalBody = z
  .object({
    volunteerId: Id,
    /** A personal word to the volunteer, sent with the proposal. */
    message: z.string().trim().max(1000).nullish(),
  })
  .strict();
export type CreateProposalBody = z.infer<typeof CreateProposalBody>;

/** Accepting creates the agreement; a coordinator may set its terms, else they follow from the request. */
export const AcceptProposalBody = z
  .object({
    version: Version,
    agreement: z
      .object({
        startsOn: IsoDate.optional(),
        endsOn: IsoDate.optional(),
        scope: z.string().trim().min(1).max(2000).optional(),
        goals: z.string().trim().max(2000).nullish(),
        counterpart: z.string().trim().max(200).nullish(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type AcceptProposalBody = z.infer<typeof AcceptProposalBody>;

export const DeclineProposalBody = z.object({ version: Version, reason: z.string().trim().min(1).max(1000) }).strict();
export type DeclineProposalBody = z.infer<typeof DeclineProposalBody>;

export const WithdrawProposalBody = z.object({ version: Version, reason: z.string().trim().max(1000).nullish() }).strict();
export type WithdrawProposalBody = z.infer<typeof WithdrawProposalBody>;

export const Proposal = z
  .object({
    id: Id,
    requestId: Id,
    volunteerId: Id,
    volunteerName: z.string(),
    status: z.enum(PROPOSAL_STATUSES),
    score: z.number().nullable(),
    message: z.string().nullable(),
    proposedByName: z.string().nullable(),
    expiresAt: Instant,
    answeredAt: Instant.nullable(),
    /** A coordinator recorded the answer (after a phone call), not the volunteer. */
    answeredOnBehalf: z.boolean(),
    answeredByName: z.string().nullable(),
    declineReason: z.string().nullable(),
    agreementId: Id.nullable(),
    /** What the volunteer needs to decide: the request without the seeker's personal details. */
    request: z.object({
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
      involvesMinors: z.boolean(),
      seekerAgeGroup: z.enum(AGE_GROUPS).nullable(),
      organizationName: z.string().nullable(),
    }),
    version: Version,
    createdAt: Instant,
  })
  .meta({ id: 'Proposal' });
export type Proposal = z.infer<typeof Proposal>;

export const ProposalListQuery = ListQuery.extend({
  status: z.enum(PROPOSAL_STATUSES).optional(),
  requestId: Id.optional(),
  volunteerId: Id.optional(),
});
export type ProposalListQuery = z.infer<typeof ProposalListQuery>;
