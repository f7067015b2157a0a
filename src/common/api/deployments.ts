import { z } from 'zod';
import { EXPENSE_CLAIM_STATUSES, TRANSPORT_MODES } from './placements.js';
import { Id, Instant, ListQuery, Version } from './shared.js';
import { IsoDate } from './volunteers.js';

/** Hours in quarter-hour steps, more than nothing and at most a day. */
const Hours = z.number().positive().max(24).multipleOf(0.25, { message: 'quarterHours' });
/** Kilometres with one decimal (stored in tenths). */
const Km = z.number().min(0).max(2000).multipleOf(0.1, { message: 'oneDecimal' });
/** Money is integer cents, always. */
const TicketCents = z.number().int().min(0).max(100_000);
/** A short note; the form reminds the volunteer not to write sensitive details (health, residence, origin). */
const Note = z.string().trim().max(500);

/**
 * One deployment (Einsatz) under an agreement. The date may not lie in the future nor before the
 * agreement's start; the agreement must be active or closed less than 30 days ago (late logging).
 * `transport` is required when kilometres are given.
 */
export const CreateDeploymentBody = z
  .object({
    agreementId: Id,
    date: IsoDate,
    hours: Hours,
    km: Km.default(0),
    transport: z.enum(TRANSPORT_MODES).nullish(),
    /** Public-transport ticket in cents; a ticket needs a receipt upload before it can be claimed. */
    ticketCents: TicketCents.default(0),
    note: Note.nullish(),
  })
  .strict();
export type CreateDeploymentBody = z.infer<typeof CreateDeploymentBody>;

/** Changes while the deployment is not claimed; a change clears an institution's confirmation. */
export const UpdateDeploymentBody = z
  .object({
    date: IsoDate.optional(),
    hours: Hours.optional(),
    km: Km.optional(),
    transport: z.enum(TRANSPORT_MODES).nullish(),
    ticketCents: TicketCents.optional(),
    note: Note.nullish(),
    version: Version,
  })
  .strict();
export type UpdateDeploymentBody = z.infer<typeof UpdateDeploymentBody>;

export const ConfirmDeploymentBody = z.object({ version: Version }).strict();
export type ConfirmDeploymentBody = z.infer<typeof ConfirmDeploymentBody>;

export const Receipt = z
  .object({
    id: Id,
    filename: z.string(),
    contentType: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
    size: z.number().int(),
    uploadedAt: Instant,
  })
  .meta({ id: 'Receipt' });
export type Receipt = z.infer<typeof Receipt>;

export const Deployment = z
  .object({
    id: Id,
    agreementId: Id,
    volunteerId: Id,
    volunteerName: z.string(),
    /** The institution of the agreement (it may confirm the deployment), if any. */
    organizationId: Id.nullable(),
    organizationName: z.string().nullable(),
    date: IsoDate,
    hours: z.number(),
    km: z.number(),
    transport: z.enum(TRANSPORT_MODES).nullable(),
    ticketCents: z.number().int(),
    note: z.string().nullable(),
    confirmedAt: Instant.nullable(),
    confirmedByName: z.string().nullable(),
    /** The ticket receipt, without its content (`GET …/receipt` downloads it). */
    receipt: Receipt.nullable(),
    /** The expense claim it belongs to; a claimed deployment can no longer be changed. */
    claimId: Id.nullable(),
    claimStatus: z.enum(EXPENSE_CLAIM_STATUSES).nullable(),
    version: Version,
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Deployment' });
export type Deployment = z.infer<typeof Deployment>;

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const DeploymentListQuery = ListQuery.extend({
  agreementId: Id.optional(),
  volunteerId: Id.optional(),
  /** Deployments on or after this date. */
  from: IsoDate.optional(),
  /** Deployments on or before this date. */
  to: IsoDate.optional(),
  /** `true`: not yet in an expense claim (what can be claimed); `false`: claimed. */
  unclaimed: Flag.optional(),
  confirmed: Flag.optional(),
  sort: z.enum(['date', '-date']).default('-date'),
});
export type DeploymentListQuery = z.infer<typeof DeploymentListQuery>;
