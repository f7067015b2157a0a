/**
 * The flat allowance (Aufwandsentschädigung) a claim pays, and a volunteer's yearly total of it
 * against the tax-free volunteer allowance (§ 3 Nr. 26a EStG, the "Ehrenamtspauschale": 840 € a
 * year until 2025, 960 € from 2026; the amount per year is a network setting). Only the flat
 * allowance counts: reimbursed travel costs and tickets are expenses, not income. Pure, integer
 * cents throughout.
 */
import type { NetworkSettings } from '../../../common/api/network.js';
import type { AllowanceUnit, TransportMode } from '../../../common/api/placements.js';

export type AllowanceWarning = 'none' | 'near' | 'exceeds';

export interface AllowanceYear {
  usedCents: number;
  /** Null when the settings name no amount for this year or an earlier one. */
  limitCents: number | null;
  remainingCents: number | null;
  warning: AllowanceWarning;
}

/** From this share of the limit on, the answer warns that it is near. */
export const NEAR_PERCENT = 80;

/** The limit of `year`: the amount named for it, else the latest earlier year's, else none. */
export function taxFreeLimit(settings: Pick<NetworkSettings, 'taxFreeAllowanceCents'>, year: number): number | null {
  let best: { year: number; cents: number } | null = null;
  for (const [key, cents] of Object.entries(settings.taxFreeAllowanceCents)) {
    const y = Number(key);
    if (Number.isInteger(y) && y <= year && (!best || y > best.year)) best = { year: y, cents };
  }
  return best ? best.cents : null;
}

/**
 * A volunteer's flat allowance of one tax year against the limit: what is approved or paid, what
 * waits for a decision, and the claim at hand (each in cents, rejected claims not counted).
 */
export function yearlyAllowance(input: {
  paidOrApproved: number;
  pending: number;
  thisClaim: number;
  limit: number | null;
}): AllowanceYear {
  const usedCents = input.paidOrApproved + input.pending + input.thisClaim;
  if (input.limit === null) return { usedCents, limitCents: null, remainingCents: null, warning: 'none' };
  const limit = input.limit;
  let warning: AllowanceWarning = 'none';
  if (usedCents > limit) warning = 'exceeds';
  else if (usedCents > 0 && usedCents * 100 >= limit * NEAR_PERCENT) warning = 'near';
  return { usedCents, limitCents: limit, remainingCents: Math.max(0, limit - usedCents), warning };
}

/**
 * Approving a claim needs the coordinator's explicit acknowledgement when its flat allowance takes
 * the approved and paid total of the year beyond the limit (pending claims are not decided yet).
 */
export function approvalExceedsLimit(input: { paidOrApproved: number; thisClaim: number; limit: number | null }): boolean {
  return input.limit !== null && input.thisClaim > 0 && input.paidOrApproved + input.thisClaim > input.limit;
}

export interface ClaimableDeployment {
  minutes: number;
  distanceTenths: number;
  transport: TransportMode | null;
  ticketCents: number;
}

export interface ClaimAmounts {
  /** Kilometres that are paid (by car), in tenths. */
  distanceTenths: number;
  mileageRateCents: number;
  mileageCents: number;
  ticketCents: number;
  allowanceCents: number;
  totalCents: number;
}

/**
 * Kilometres are paid for `car` only (own vehicle: the mileage rate covers fuel and wear); a
 * bicycle, on foot or `other` gets no mileage, public transport is paid through its tickets. The
 * flat allowance is per deployment, or per hour counted in started quarter-hours. Each part is
 * rounded once, on the claim's total, half away from zero.
 */
export function claimAmounts(
  rows: readonly ClaimableDeployment[],
  settings: Pick<NetworkSettings, 'mileageRateCents' | 'allowanceUnit' | 'allowanceCents'>,
): ClaimAmounts {
  const carTenths = rows.filter((r) => r.transport === 'car').reduce((sum, r) => sum + r.distanceTenths, 0);
  const mileageCents = Math.round((carTenths * settings.mileageRateCents) / 10);
  const ticketCents = rows.reduce((sum, r) => sum + r.ticketCents, 0);
  const allowanceCents = allowanceOf(rows, settings.allowanceUnit, settings.allowanceCents);
  return {
    distanceTenths: carTenths,
    mileageRateCents: settings.mileageRateCents,
    mileageCents,
    ticketCents,
    allowanceCents,
    totalCents: mileageCents + ticketCents + allowanceCents,
  };
}

function allowanceOf(rows: readonly ClaimableDeployment[], unit: AllowanceUnit, cents: number): number {
  if (unit === 'deployment') return rows.length * cents;
  if (unit === 'hour') {
    const quarters = rows.reduce((sum, r) => sum + Math.ceil(r.minutes / 15), 0);
    return Math.round((quarters * cents) / 4);
  }
  return 0;
}
