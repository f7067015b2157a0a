import { z } from 'zod';

export const Id = z.uuid();
export const Version = z.number().int().min(1);
export const Instant = z.iso.datetime({ offset: true });
export const Email = z.email().max(254).transform((e) => e.trim().toLowerCase());
export const Password = z.string().min(10, { message: 'passwordWeak' }).max(200);
/** A web address to open: http or https only — `z.url()` alone takes `javascript:` and `data:` too. */
export const HttpUrl = z.url({ protocol: /^https?$/, message: 'httpUrl' }).max(500);

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const IdParams = z.object({ id: Id });
