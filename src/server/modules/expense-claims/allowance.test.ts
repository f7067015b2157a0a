import { describe, expect, it } from 'vitest';
import { approvalExceedsLimit, claimAmounts, taxFreeLimit, yearlyAllowance, type ClaimableDeployment } from './allowance.js';

const settings = { taxFreeAllowanceCents: { '2025': 84_000, '2026': 96_000 } };

describe('taxFreeLimit', () => {
  it('takes the amount named for the year', () => {
    expect(taxFreeLimit(settings, 2025)).toBe(84_000);
    expect(taxFreeLimit(settings, 2026)).toBe(96_000);
  });

  it('takes the latest earlier year for a year not named', () => {
    expect(taxFreeLimit(settings, 2027)).toBe(96_000);
    expect(taxFreeLimit({ taxFreeAllowanceCents: { '2026': 96_000, '2021': 84_000 } }, 2024)).toBe(84_000);
  });

  it('knows no limit before the first year named', () => {
    expect(taxFreeLimit(settings, 2024)).toBeNull();
    expect(taxFreeLimit({ taxFreeAllowanceCents: {} }, 2026)).toBeNull();
  });
});

describe('yearlyAllowance', () => {
  it('adds approved, pending and this claim and shows what remains', () => {
    expect(yearlyAllowance({ paidOrApproved: 30_000, pending: 10_000, thisClaim: 5_000, limit: 96_000 })).toEqual({
      usedCents: 45_000,
      limitCents: 96_000,
      remainingCents: 51_000,
      warning: 'none',
    });
  });

  it('warns from 80 % of the limit on, up to the limit itself', () => {
    expect(yearlyAllowance({ paidOrApproved: 76_799, pending: 0, thisClaim: 0, limit: 96_000 }).warning).toBe('none');
    expect(yearlyAllowance({ paidOrApproved: 76_800, pending: 0, thisClaim: 0, limit: 96_000 }).warning).toBe('near');
    expect(yearlyAllowance({ paidOrApproved: 90_000, pending: 0, thisClaim: 6_000, limit: 96_000 })).toMatchObject({
      warning: 'near',
      remainingCents: 0,
    });
  });

  it('says when the limit is exceeded and never shows a negative remainder', () => {
    expect(yearlyAllowance({ paidOrApproved: 90_000, pending: 5_000, thisClaim: 1_001, limit: 96_000 })).toEqual({
      usedCents: 96_001,
      limitCents: 96_000,
      remainingCents: 0,
      warning: 'exceeds',
    });
  });

  it('does not warn without a limit, nor about nothing under a zero limit', () => {
    expect(yearlyAllowance({ paidOrApproved: 500_000, pending: 0, thisClaim: 0, limit: null })).toEqual({
      usedCents: 500_000,
      limitCents: null,
      remainingCents: null,
      warning: 'none',
    });
    expect(yearlyAllowance({ paidOrApproved: 0, pending: 0, thisClaim: 0, limit: 0 }).warning).toBe('none');
    expect(yearlyAllowance({ paidOrApproved: 0, pending: 0, thisClaim: 1, limit: 0 }).warning).toBe('exceeds');
  });
});

describe('approvalExceedsLimit', () => {
  it('asks for acknowledgement only when this claim’s allowance takes the decided total beyond the limit', () => {
    expect(approvalExceedsLimit({ paidOrApproved: 95_000, thisClaim: 1_000, limit: 96_000 })).toBe(false);
    expect(approvalExceedsLimit({ paidOrApproved: 95_000, thisClaim: 1_001, limit: 96_000 })).toBe(true);
    // A claim of travel costs alone adds no income.
    expect(approvalExceedsLimit({ paidOrApproved: 120_000, thisClaim: 0, limit: 96_000 })).toBe(false);
    expect(approvalExceedsLimit({ paidOrApproved: 120_000, thisClaim: 500, limit: null })).toBe(false);
  });
});

describe('claimAmounts', () => {
  const d = (over: Partial<ClaimableDeployment>): ClaimableDeployment => ({
    minutes: 60,
    distanceTenths: 0,
    transport: null,
    ticketCents: 0,
    ...over,
  });

  it('pays kilometres by car at the rate, tickets as spent and the allowance per deployment', () => {
    const rows = [d({ distanceTenths: 125, transport: 'car' }), d({ transport: 'public_transport', ticketCents: 480 })];
    expect(claimAmounts(rows, { mileageRateCents: 30, allowanceUnit: 'deployment', allowanceCents: 500 })).toEqual({
      distanceTenths: 125,
      mileageRateCents: 30,
      mileageCents: 375,
      ticketCents: 480,
      allowanceCents: 1_000,
      totalCents: 1_855,
    });
  });

  it('pays no mileage for a bicycle, on foot or other means', () => {
    const rows = [
      d({ distanceTenths: 80, transport: 'bicycle' }),
      d({ distanceTenths: 20, transport: 'on_foot' }),
      d({ distanceTenths: 50, transport: 'other' }),
    ];
    expect(claimAmounts(rows, { mileageRateCents: 30, allowanceUnit: 'none', allowanceCents: 0 })).toMatchObject({
      distanceTenths: 0,
      mileageCents: 0,
      totalCents: 0,
    });
  });

  it('rounds the mileage once on the total, half up', () => {
    // 0.5 km + 0.6 km at 33 ct = 36.3 ct → 36; 1.5 km at 33 ct = 49.5 → 50.
    expect(
      claimAmounts([d({ distanceTenths: 5, transport: 'car' }), d({ distanceTenths: 6, transport: 'car' })], {
        mileageRateCents: 33,
        allowanceUnit: 'none',
        allowanceCents: 0,
      }).mileageCents,
    ).toBe(36);
    expect(
      claimAmounts([d({ distanceTenths: 15, transport: 'car' })], { mileageRateCents: 33, allowanceUnit: 'none', allowanceCents: 0 })
        .mileageCents,
    ).toBe(50);
  });

  it('pays an hourly allowance per started quarter-hour', () => {
    // 1 h 15 min + 10 min (a started quarter) = 6 quarters at 7.50 €/h = 11.25 €.
    const rows = [d({ minutes: 75 }), d({ minutes: 10 })];
    expect(claimAmounts(rows, { mileageRateCents: 30, allowanceUnit: 'hour', allowanceCents: 750 }).allowanceCents).toBe(1_125);
    // 3 quarters at 3.33 €/h = 2.4975 € → 2.50 €.
    expect(claimAmounts([d({ minutes: 45 })], { mileageRateCents: 30, allowanceUnit: 'hour', allowanceCents: 333 }).allowanceCents).toBe(
      250,
    );
  });
});
