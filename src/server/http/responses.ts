import { z } from 'zod';
import { Problem } from '../../common/api/shared.js';

/** Problem responses an operation can answer, for its schema and the OpenAPI document. */
export function problems(...statuses: number[]) {
  return Object.fromEntries([400, 422, ...statuses].map((s) => [s, Problem])) as Record<number, typeof Problem>;
}

export const NoContent = z.null().describe('No content');
