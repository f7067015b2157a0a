import type { z } from 'zod';
import type {
  ApiToken as ApiTokenSchema,
  CreatedApiToken as CreatedApiTokenSchema,
  InvitationLookup as InvitationLookupSchema,
  OutboxMail as OutboxMailSchema,
  TotpSetup as TotpSetupSchema,
} from '../../common/api/index.js';

export type {
  AuditEvent,
  Invitation,
  Me,
  Membership,
  Network,
  NetworkSettings,
  Organization,
  Problem,
  User,
} from '../../common/api/index.js';

export type ApiToken = z.infer<typeof ApiTokenSchema>;
export type CreatedApiToken = z.infer<typeof CreatedApiTokenSchema>;
export type InvitationLookup = z.infer<typeof InvitationLookupSchema>;
export type OutboxMail = z.infer<typeof OutboxMailSchema>;
export type TotpSetup = z.infer<typeof TotpSetupSchema>;
