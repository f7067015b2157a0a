import { z } from 'zod';
import { ALREADY_PROPOSED, CRITERIA, EXCLUSION_RULES } from '../matching.js';
import { PROPOSAL_STATUSES } from './placements.js';
import { Id } from './shared.js';

export const CandidatesQuery = z.object({
  /** `excluded` also lists every volunteer the hard rules leave out, with the rules ("why not Amira?"). */
  explain: z.enum(['excluded']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type CandidatesQuery = z.infer<typeof CandidatesQuery>;

export const CriterionResult = z.object({
  key: z.enum(CRITERIA),
  /** 0 … 1 */
  score: z.number(),
  weight: z.number(),
  /** In plain words, in the reader's language. */
  reason: z.string(),
});

export const Candidate = z
  .object({
    volunteerId: Id,
    name: z.string(),
    /** 0 … 100 */
    score: z.number(),
    criteria: z.array(CriterionResult),
  })
  .meta({ id: 'Candidate' });
export type Candidate = z.infer<typeof Candidate>;

export const ExcludedVolunteer = z.object({
  volunteerId: Id,
  name: z.string(),
  reasons: z.array(z.object({ rule: z.enum([...EXCLUSION_RULES, ALREADY_PROPOSED]), reason: z.string() })),
});

export const Candidates = z
  .object({
    items: z.array(Candidate),
    /** Eligible volunteers in all; `items` holds the best `limit` of them. */
    total: z.number().int(),
    /** Only with `?explain=excluded`. */
    excluded: z.array(ExcludedVolunteer),
    /** Volunteers already proposed for this request, with their proposal. */
    proposed: z.array(z.object({ volunteerId: Id, name: z.string(), proposalId: Id, status: z.enum(PROPOSAL_STATUSES) })),
    openPlaces: z.number().int(),
  })
  .meta({ id: 'Candidates' });
export type Candidates = z.infer<typeof Candidates>;

export const PlanBody = z
  .object({
    /** The requests to plan; without it, every request that is ready or proposed and has open places. */
    requestIds: z.array(Id).min(1).max(5000).optional(),
  })
  .strict();
export type PlanBody = z.infer<typeof PlanBody>;

export const PlanResult = z
  .object({
    assignments: z.array(z.object({ requestId: Id, requestTitle: z.string(), volunteerId: Id, volunteerName: z.string(), score: z.number() })),
    unassigned: z.array(z.object({ requestId: Id, requestTitle: z.string(), openPlaces: z.number().int(), eligible: z.number().int() })),
    /** Sum of the assignments' scores (0 … 100 each). */
    totalScore: z.number(),
    filledPlaces: z.number().int(),
    openPlaces: z.number().int(),
    /** Requests left out because they are incomplete, for professionals, or not waiting for volunteers. */
    skipped: z.array(z.object({ requestId: Id, requestTitle: z.string(), reason: z.string() })),
  })
  .meta({ id: 'PlanResult' });
export type PlanResult = z.infer<typeof PlanResult>;
