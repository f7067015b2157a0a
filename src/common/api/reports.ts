import { z } from 'zod';
import { Instant } from './shared.js';

/**
 * Figures for funders and management are aggregates, never people: a count below this threshold
 * could point at someone, so the server leaves it out (the figure is null) and the page says
 * "fewer than 5".
 */
export const SUPPRESSION_THRESHOLD = 5;

/** A count, or null when it is below the threshold (suppressed by the server). */
const Count = z.number().int().nullable();

/** The network's live figures: what the viewer role sees until full reports come. */
export const ReportSummary = z
  .object({
    /** The calendar year (Europe/Berlin) the yearly figures cover. */
    year: z.number().int(),
    threshold: z.number().int(),
    volunteersActive: Count,
    /** Guide requests that led to an agreement starting this year. */
    requestsPlaced: Count,
    agreementsRunning: Count,
    /** Hours of deployments this year; null when fewer volunteers than the threshold logged them. */
    hoursDeployed: z.number().nullable(),
    asOf: Instant,
  })
  .meta({ id: 'ReportSummary' });
export type ReportSummary = z.infer<typeof ReportSummary>;
