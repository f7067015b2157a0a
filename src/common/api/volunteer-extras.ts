import { z } from 'zod';
import { Id, Instant } from './shared.js';
import { VolunteerListQuery } from './volunteers.js';

export const VolunteerDocument = z
  .object({ id: Id, filename: z.string(), contentType: z.string(), size: z.number().int(), uploadedAt: Instant, uploadedByName: z.string().nullable() })
  .meta({ id: 'VolunteerDocument' });
export type VolunteerDocument = z.infer<typeof VolunteerDocument>;
export const DocumentParams = z.object({ id: Id, documentId: Id });

/** A saved filter keeps the list's query without paging. */
export const SavedFilterQuery = VolunteerListQuery.omit({ limit: true, cursor: true }).partial();
export const SavedFilter = z
  .object({ id: Id, name: z.string(), query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), createdAt: Instant })
  .meta({ id: 'SavedFilter' });
export type SavedFilter = z.infer<typeof SavedFilter>;
export const CreateSavedFilterBody = z.object({ name: z.string().trim().min(1).max(100), query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) }).strict();
export type CreateSavedFilterBody = z.infer<typeof CreateSavedFilterBody>;
