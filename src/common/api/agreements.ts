import { z } from 'zod';
import { AGREEMENT_OUTCOMES, AGREEMENT_STATUSES } from './placements.js';
import { Id, Instant, ListQuery, Version } from './shared.js';
import { IsoDate } from './volunteers.js';

const Text = (max: number) => z.string().trim().min(1).max(max);

/** A coordinator records an agreement by hand (e.g. one made before Lotse); most come from an accepted proposal. */
export const CreateAgreementBody = z
  .object({
    volunteerId: Id,
    requestId: Id.nullish(),
    organizationId: Id.nullish(),
    /** Who the volunteer accompanies, in a few words and without sensitive details ("Familie A.", "Klasse 7b"). */
    counterpart: z.string().trim().max(200).nullish(),
    scope: Text(2000),
    goals: z.string().trim().max(2000).nullish(),
    startsOn: IsoDate,
    /** At most the network's longest term after the start (default six months). */
    endsOn: IsoDate,
  })
  .strict()
  .refine((b) => b.startsOn <= b.endsOn, { message: 'dateOrder', path: ['endsOn'] });
export type CreateAgreementBody = z.infer<typeof CreateAgreementBody>;

export const UpdateAgreementBody = z
  .object({
    counterpart: z.string().trim().max(200).nullish(),
    scope: Text(2000).optional(),
    goals: z.string().trim().max(2000).nullish(),
    version: Version,
  })
  .strict();
export type UpdateAgreementBody = z.infer<typeof UpdateAgreementBody>;

export const ExtendAgreementBody = z.object({ endsOn: IsoDate, version: Version }).strict();
export type ExtendAgreementBody = z.infer<typeof ExtendAgreementBody>;

/**
 * Closing: the coordinator records the outcome; feedback comes from both sides (the volunteer's and
 * the institution's words, as told or written). A volunteer or partner may add their own feedback
 * to a closed agreement with `POST …/feedback`.
 */
export const CloseAgreementBody = z
  .object({
    outcome: z.enum(AGREEMENT_OUTCOMES),
    closedOn: IsoDate.optional(),
    volunteerFeedback: z.string().trim().max(2000).nullish(),
    partnerFeedback: z.string().trim().max(2000).nullish(),
    version: Version,
  })
  .strict();
export type CloseAgreementBody = z.infer<typeof CloseAgreementBody>;

export const AgreementFeedbackBody = z.object({ feedback: Text(2000), version: Version }).strict();
export type AgreementFeedbackBody = z.infer<typeof AgreementFeedbackBody>;

export const Agreement = z
  .object({
    id: Id,
    volunteerId: Id,
    volunteerName: z.string(),
    requestId: Id.nullable(),
    requestTitle: z.string().nullable(),
    proposalId: Id.nullable(),
    organizationId: Id.nullable(),
    organizationName: z.string().nullable(),
    counterpart: z.string().nullable(),
    scope: z.string(),
    goals: z.string().nullable(),
    startsOn: IsoDate,
    endsOn: IsoDate,
    status: z.enum(AGREEMENT_STATUSES),
    /** Active and ending within the network's reminder period. */
    endingSoon: z.boolean(),
    extensions: z.number().int(),
    closedOn: IsoDate.nullable(),
    outcome: z.enum(AGREEMENT_OUTCOMES).nullable(),
    volunteerFeedback: z.string().nullable(),
    partnerFeedback: z.string().nullable(),
    /** Deployments logged and their hours. */
    deployments: z.number().int(),
    hours: z.number(),
    version: Version,
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Agreement' });
export type Agreement = z.infer<typeof Agreement>;

export const AgreementListQuery = ListQuery.extend({
  status: z.enum(AGREEMENT_STATUSES).optional(),
  volunteerId: Id.optional(),
  organizationId: Id.optional(),
  requestId: Id.optional(),
  /** Active agreements that end within the network's reminder period. */
  endingSoon: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  sort: z.enum(['endsOn', '-endsOn', 'createdAt', '-createdAt']).default('endsOn'),
});
export type AgreementListQuery = z.infer<typeof AgreementListQuery>;
