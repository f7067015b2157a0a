import { z } from 'zod';
import { ORGANIZATION_KINDS } from '../organizations.js';
import { HttpUrl, Id, Instant, ListQuery, Version } from './shared.js';

const text = (max: number) => z.string().trim().max(max);

export const Organization = z
  .object({
    id: Id,
    kind: z.enum(ORGANIZATION_KINDS),
    name: z.string(),
    shortName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    website: z.string().nullable(),
    memberCount: z.number().int(),
    version: Version,
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Organization' });
export type Organization = z.infer<typeof Organization>;

export const CreateOrganizationBody = z
  .object({
    kind: z.enum(ORGANIZATION_KINDS),
    name: text(200).min(1),
    shortName: text(40).nullish(),
    email: z.email().max(254).nullish(),
    phone: text(60).nullish(),
    address: text(500).nullish(),
    website: HttpUrl.nullish(),
  })
  .strict();
export type CreateOrganizationBody = z.infer<typeof CreateOrganizationBody>;

export const UpdateOrganizationBody = CreateOrganizationBody.partial().extend({ version: Version }).strict();
export type UpdateOrganizationBody = z.infer<typeof UpdateOrganizationBody>;

export const OrganizationListQuery = ListQuery.extend({
  kind: z.enum(ORGANIZATION_KINDS).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(['name', '-name', 'createdAt', '-createdAt']).default('name'),
});
export type OrganizationListQuery = z.infer<typeof OrganizationListQuery>;
