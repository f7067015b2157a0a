import { z } from 'zod';
import { Version } from './shared.js';
import { TranslationsOut, translationsIn } from './translations.js';

/** The per-network catalogues that profiles and requests refer to by `key`. */
export const CATALOG_KINDS = ['specializations', 'topics', 'districts'] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

export const CatalogKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, { message: 'catalogKey' });

export const CatalogEntry = z
  .object({
    key: z.string(),
    /** The German name, the one every reader can fall back on. */
    name: z.string(),
    /** Names in the other UI languages, where the network gave one. */
    names: TranslationsOut,
    /** The name in the reader's language (Accept-Language, else the account's), else German. */
    label: z.string(),
    /** Districts only: WGS 84 coordinates and the district a quarter belongs to. */
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    parentKey: z.string().nullable(),
    version: Version,
  })
  .meta({ id: 'CatalogEntry' });
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const CreateCatalogEntryBody = z
  .object({
    key: CatalogKey,
    name: z.string().trim().min(1).max(200),
    /** Names in other UI languages, e.g. `{ "en": "Schools", "ar": "المدارس" }`; an empty one means "use the German". Replaced as a whole. */
    names: translationsIn(200).optional(),
    lat: z.number().min(-90).max(90).nullish(),
    lon: z.number().min(-180).max(180).nullish(),
    parentKey: CatalogKey.nullish(),
  })
  .strict();
export type CreateCatalogEntryBody = z.infer<typeof CreateCatalogEntryBody>;

export const UpdateCatalogEntryBody = CreateCatalogEntryBody.omit({ key: true }).partial().extend({ version: Version }).strict();
export type UpdateCatalogEntryBody = z.infer<typeof UpdateCatalogEntryBody>;

export const CatalogParams = z.object({ kind: z.enum(CATALOG_KINDS) });
export const CatalogEntryParams = CatalogParams.extend({ key: z.string().max(63) });
