/** Enumerations of the placement path (proposal → agreement → deployment → expense claim), shared by server and web. */
export const PROPOSAL_STATUSES = ['pending', 'accepted', 'declined', 'expired', 'withdrawn'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const AGREEMENT_STATUSES = ['active', 'closed'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
/** How an agreement ended: the good ones count for "earlier good agreements" in matching. */
export const AGREEMENT_OUTCOMES = ['achieved', 'partly_achieved', 'not_achieved', 'ended_early'] as const;
export type AgreementOutcome = (typeof AGREEMENT_OUTCOMES)[number];
export const GOOD_OUTCOMES: readonly AgreementOutcome[] = ['achieved', 'partly_achieved'];

export const TRANSPORT_MODES = ['car', 'bicycle', 'public_transport', 'on_foot', 'other'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

export const EXPENSE_CLAIM_STATUSES = ['submitted', 'approved', 'rejected', 'paid'] as const;
export type ExpenseClaimStatus = (typeof EXPENSE_CLAIM_STATUSES)[number];

export const ALLOWANCE_UNITS = ['none', 'deployment', 'hour'] as const;
export type AllowanceUnit = (typeof ALLOWANCE_UNITS)[number];
