import { z } from 'zod';
import { LOCALES } from '../locales.js';
import { ROLES } from '../permissions.js';
import { Email, Id, Instant, ListQuery, Password, Version } from './shared.js';

export const Membership = z.object({ organizationId: Id, role: z.enum(ROLES) }).meta({ id: 'Membership' });
export type Membership = z.infer<typeof Membership>;

export const USER_STATUSES = ['active', 'disabled'] as const;

export const User = z
  .object({
    id: Id,
    email: z.string(),
    name: z.string(),
    locale: z.enum(LOCALES),
    status: z.enum(USER_STATUSES),
    totpEnabled: z.boolean(),
    memberships: z.array(Membership),
    lastLoginAt: Instant.nullable(),
    createdAt: Instant,
    version: Version,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export const UserListQuery = ListQuery.extend({
  q: z.string().trim().max(200).optional(),
  role: z.enum(ROLES).optional(),
  organizationId: Id.optional(),
  status: z.enum(USER_STATUSES).optional(),
  sort: z.enum(['name', '-name', 'email', '-email', 'createdAt', '-createdAt']).default('name'),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

/** A network_admin changes another person's name, status or roles per organisation. */
export const UpdateUserBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    status: z.enum(USER_STATUSES).optional(),
    memberships: z.array(Membership).max(50).optional(),
    version: Version,
  })
  .strict();
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const MeNetwork = z.object({ id: Id, name: z.string(), slug: z.string() });

export const Me = z
  .object({
    user: z.object({
      id: Id,
      email: z.string(),
      name: z.string(),
      locale: z.enum(LOCALES),
      totpEnabled: z.boolean(),
      version: Version,
    }),
    network: MeNetwork,
    memberships: z.array(Membership),
    permissions: z.array(z.string()),
    /** The network requires two-factor sign-in for this person's role and it is not set up yet. */
    totpSetupRequired: z.boolean(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const UpdateMeBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    locale: z.enum(LOCALES).optional(),
    version: Version,
  })
  .strict();
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

export const ChangePasswordBody = z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password }).strict();

export const LoginBody = z
  .object({
    email: Email,
    password: z.string().min(1).max(200),
    totp: z.string().regex(/^\d{6}$/).optional(),
  })
  .strict();
export type LoginBody = z.infer<typeof LoginBody>;

export const PasswordResetRequestBody = z.object({ email: Email }).strict();
export const PasswordResetConfirmBody = z.object({ token: z.string().min(10).max(300), password: Password }).strict();

export const TotpSetup = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
export type TotpSetup = z.infer<typeof TotpSetup>;
export const TotpCodeBody = z.object({ code: z.string().regex(/^\d{6}$/) }).strict();
export const TotpDisableBody = z.object({ password: z.string().min(1).max(200) }).strict();

export const InvitationStatus = z.enum(['pending', 'accepted', 'revoked', 'expired']);
export const Invitation = z
  .object({
    id: Id,
    email: z.string(),
    name: z.string().nullable(),
    organizationId: Id,
    role: z.enum(ROLES),
    status: InvitationStatus,
    expiresAt: Instant,
    createdAt: Instant,
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof Invitation>;

export const CreateInvitationBody = z
  .object({
    email: Email,
    name: z.string().trim().max(200).optional(),
    organizationId: Id,
    role: z.enum(ROLES),
  })
  .strict();
export type CreateInvitationBody = z.infer<typeof CreateInvitationBody>;

export const InvitationLookup = z.object({
  email: z.string(),
  name: z.string().nullable(),
  networkName: z.string(),
  organizationName: z.string(),
  role: z.enum(ROLES),
  expiresAt: Instant,
});
export type InvitationLookup = z.infer<typeof InvitationLookup>;
export const AcceptInvitationBody = z
  .object({ token: z.string().min(10).max(300), name: z.string().trim().min(1).max(200), password: Password, locale: z.enum(LOCALES).optional() })
  .strict();

export const ApiToken = z
  .object({
    id: Id,
    name: z.string(),
    role: z.enum(ROLES),
    organizationId: Id,
    createdAt: Instant,
    lastUsedAt: Instant.nullable(),
    revokedAt: Instant.nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;
export const CreateApiTokenBody = z
  .object({ name: z.string().trim().min(1).max(200), role: z.enum(ROLES), organizationId: Id })
  .strict();
export const CreatedApiToken = z.object({ id: Id, token: z.string() });
