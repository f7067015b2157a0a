import { z } from 'zod';
import { Deployment } from './deployments.js';
import { EXPENSE_CLAIM_STATUSES } from './placements.js';
import { Id, Instant, ListQuery, Version } from './shared.js';
import { IsoDate } from './volunteers.js';

/**
 * A claim for deployments not yet claimed. A volunteer claims their own; a coordinator may claim
 * on a volunteer's behalf (all deployments of one volunteer). The server computes the amounts:
 * kilometres by car at the network's rate, tickets (each needs a receipt), and the network's flat
 * allowance.
 */
export const CreateExpenseClaimBody = z.object({ deploymentIds: z.array(Id).min(1).max(100) }).strict();
export type CreateExpenseClaimBody = z.infer<typeof CreateExpenseClaimBody>;

export const ApproveExpenseClaimBody = z
  .object({
    version: Version,
    /** Required (true) when the flat allowance takes the volunteer's approved total of the year beyond the tax-free limit. */
    acknowledgeAllowanceLimit: z.boolean().optional(),
  })
  .strict();
export type ApproveExpenseClaimBody = z.infer<typeof ApproveExpenseClaimBody>;

export const RejectExpenseClaimBody = z.object({ version: Version, reason: z.string().trim().min(1).max(1000) }).strict();
export type RejectExpenseClaimBody = z.infer<typeof RejectExpenseClaimBody>;

/**
 * The volunteer's flat allowance in the claim's tax year against the tax-free volunteer allowance
 * (§ 3 Nr. 26a EStG; the amount per year is a network setting). Only the flat allowance counts:
 * reimbursed kilometres and tickets are expenses, not income. Claims not rejected are counted
 * (submitted, approved, paid). `near` from 80 % of the limit; `limitCents` is null when the
 * settings name no amount for the year.
 */
export const AllowanceYear = z
  .object({
    year: z.number().int(),
    usedCents: z.number().int(),
    limitCents: z.number().int().nullable(),
    remainingCents: z.number().int().nullable(),
    warning: z.enum(['none', 'near', 'exceeds']),
  })
  .meta({ id: 'AllowanceYear' });
export type AllowanceYear = z.infer<typeof AllowanceYear>;

export const ExpenseClaim = z
  .object({
    id: Id,
    volunteerId: Id,
    volunteerName: z.string(),
    status: z.enum(EXPENSE_CLAIM_STATUSES),
    /** The tax year the flat allowance counts in: the year of submission, the year of payment once paid. */
    taxYear: z.number().int(),
    /** Deployments in the claim; a rejected claim has given them back (0). */
    deploymentCount: z.number().int(),
    /** Deployments the institution has not confirmed (coordinators look at these before approving). */
    unconfirmedCount: z.number().int(),
    /** Kilometres paid (by car), and the rate per kilometre in force when submitted. */
    km: z.number(),
    mileageRateCents: z.number().int(),
    mileageCents: z.number().int(),
    ticketCents: z.number().int(),
    /** The flat allowance: the part that counts against the tax-free volunteer allowance. */
    allowanceCents: z.number().int(),
    totalCents: z.number().int(),
    submittedByName: z.string().nullable(),
    decidedAt: Instant.nullable(),
    decidedByName: z.string().nullable(),
    rejectionReason: z.string().nullable(),
    payoutId: Id.nullable(),
    paidAt: Instant.nullable(),
    allowanceYear: AllowanceYear,
    /** Why the reader may not approve this submitted claim (four eyes: they submitted it, or entered the volunteer's bank account), in the reader's language; null when nothing stands in the way. */
    approvalBlockedReason: z.string().nullable(),
    version: Version,
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'ExpenseClaim' });
export type ExpenseClaim = z.infer<typeof ExpenseClaim>;

export const ExpenseClaimDetail = ExpenseClaim.extend({ deployments: z.array(Deployment) }).meta({ id: 'ExpenseClaimDetail' });
export type ExpenseClaimDetail = z.infer<typeof ExpenseClaimDetail>;

export const ExpenseClaimListQuery = ListQuery.extend({
  status: z.enum(EXPENSE_CLAIM_STATUSES).optional(),
  volunteerId: Id.optional(),
  taxYear: z.coerce.number().int().min(2000).max(2100).optional(),
  sort: z.enum(['createdAt', '-createdAt']).default('-createdAt'),
});
export type ExpenseClaimListQuery = z.infer<typeof ExpenseClaimListQuery>;

/**
 * A payout run: approved claims not yet in a payout (all of them, or those named) become one SEPA
 * credit-transfer file (pain.001.001.09) from the network's payout account, one transfer per claim.
 */
export const CreatePayoutBody = z
  .object({
    claimIds: z.array(Id).min(1).max(1000).optional(),
    /** The day the bank is to execute the transfers; not in the past. */
    executionDate: IsoDate,
  })
  .strict();
export type CreatePayoutBody = z.infer<typeof CreatePayoutBody>;

export const MarkPayoutPaidBody = z.object({}).strict();
export type MarkPayoutPaidBody = z.infer<typeof MarkPayoutPaidBody>;

export const Payout = z
  .object({
    id: Id,
    messageId: z.string(),
    executionDate: IsoDate,
    claimCount: z.number().int(),
    totalCents: z.number().int(),
    createdAt: Instant,
    createdByName: z.string().nullable(),
    /** Released for the bank; null while it waits for a second person (network setting `payoutSecondPersonAboveCents`). */
    releasedAt: Instant.nullable(),
    releasedByName: z.string().nullable(),
    paidAt: Instant.nullable(),
    paidByName: z.string().nullable(),
  })
  .meta({ id: 'Payout' });
export type Payout = z.infer<typeof Payout>;

export const PayoutDetail = Payout.extend({
  claims: z.array(
    z.object({ id: Id, volunteerId: Id, volunteerName: z.string(), totalCents: z.number().int(), status: z.enum(EXPENSE_CLAIM_STATUSES) }),
  ),
}).meta({ id: 'PayoutDetail' });
export type PayoutDetail = z.infer<typeof PayoutDetail>;

export const PayoutListQuery = ListQuery;
export type PayoutListQuery = z.infer<typeof PayoutListQuery>;
