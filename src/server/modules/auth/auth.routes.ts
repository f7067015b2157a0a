import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AcceptInvitationBody,
  ChangePasswordBody,
  LoginBody,
  Me,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  TotpCodeBody,
  TotpDisableBody,
  TotpSetup,
  UpdateMeBody,
} from '../../../common/api/users.js';
import type { Config } from '../../config.js';
import { withTenant } from '../../db/tenancy.js';
import { SESSION_COOKIE } from '../../http/auth.js';
import { inTenant, principalOf, userIdOf } from '../../http/context.js';
import { NoContent, problems } from '../../http/responses.js';
import { acceptInvitation } from '../invitations/invitations.service.js';
import { updateOwnProfile } from '../users/users.service.js';
import {
  changePassword,
  confirmPasswordReset,
  createSession,
  disableTotp,
  enableTotp,
  endSession,
  login,
  requestPasswordReset,
  resolveSession,
  startTotpSetup,
  tokenInvalid,
} from './auth.service.js';
import { meOf } from './principal.js';
import { hashPassword, parseSecret } from './secrets.js';

export function authRoutes(app: FastifyInstance, config: Config) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.database.db;

  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      maxAge: config.SESSION_DAYS * 86_400,
    });

  /** Answers the freshly signed-in person, read back through the same path as every request. */
  async function meForToken(token: string) {
    const principal = await resolveSession(db, token, config.SESSION_DAYS);
    if (!principal) throw tokenInvalid();
    return meOf(principal);
  }

  r.post('/api/v1/auth/login', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Sign in with e-mail, password and, where set up, a TOTP code', body: LoginBody, response: { 200: Me, ...problems(401, 403, 429) } },
    handler: async (request, reply) => {
      const { token } = await login(db, {
        ...request.body,
        ip: request.ip ?? null,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: request.id,
        sessionDays: config.SESSION_DAYS,
      });
      setCookie(reply, token);
      return meForToken(token);
    },
  });

  r.post('/api/v1/auth/logout', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Sign out: ends this session', response: { 204: NoContent, ...problems(403) } },
    handler: async (request, reply) => {
      await endSession(db, request.cookies[SESSION_COOKIE], (networkId) => ({ networkId, type: 'user', id: null, requestId: request.id, ip: request.ip ?? null }));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  });

  r.post('/api/v1/auth/password-reset/request', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Mail a password-reset link (answers the same for unknown addresses)', body: PasswordResetRequestBody, response: { 202: NoContent, ...problems(403) } },
    handler: async (request, reply) => {
      await requestPasswordReset(db, request.body.email, config.publicUrl, { requestId: request.id, ip: request.ip ?? null });
      app.mail.kick();
      return reply.code(202).send(null);
    },
  });

  r.post('/api/v1/auth/password-reset/confirm', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Set a new password with a reset link; signs out every session', body: PasswordResetConfirmBody, response: { 204: NoContent, ...problems(403) } },
    handler: async (request, reply) => {
      await confirmPasswordReset(db, request.body.token, request.body.password, { requestId: request.id, ip: request.ip ?? null });
      return reply.code(204).send(null);
    },
  });

  r.post('/api/v1/invitations/accept', {
    config: { access: 'public' },
    schema: { tags: ['invitations'], summary: 'Accept an invitation: creates the account and signs in', body: AcceptInvitationBody, response: { 200: Me, ...problems(403, 409) } },
    handler: async (request, reply) => {
      const parsed = parseSecret(request.body.token);
      if (!parsed) throw tokenInvalid();
      const passwordHash = await hashPassword(request.body.password);
      const token = await withTenant(db, parsed.networkId, async (tx) => {
        const userId = await acceptInvitation(tx, parsed.networkId, parsed.hash, { ...request.body, passwordHash }, { requestId: request.id, ip: request.ip ?? null });
        return createSession(tx, parsed.networkId, userId, { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null, days: config.SESSION_DAYS });
      });
      setCookie(reply, token);
      return meForToken(token);
    },
  });

  r.get('/api/v1/me', {
    config: { access: 'authenticated' },
    schema: { tags: ['me'], summary: 'The signed-in person, their network and roles', response: { 200: Me, ...problems(401) } },
    handler: async (request) => meOf(principalOf(request)),
  });

  r.patch('/api/v1/me', {
    config: { access: 'authenticated' },
    schema: { tags: ['me'], summary: 'Change own name or language', body: UpdateMeBody, response: { 200: Me, ...problems(401, 403, 409) } },
    handler: async (request) => {
      const userId = userIdOf(request);
      await inTenant(request, (tx, actor) => updateOwnProfile(tx, actor, userId, request.body));
      return meForToken(request.cookies[SESSION_COOKIE] ?? '');
    },
  });

  r.post('/api/v1/me/password', {
    config: { access: 'authenticated' },
    schema: { tags: ['me'], summary: 'Change own password; other sessions end', body: ChangePasswordBody, response: { 204: NoContent, ...problems(401, 403) } },
    handler: async (request, reply) => {
      const userId = userIdOf(request);
      const sessionId = principalOf(request).credentialId;
      const { currentPassword, newPassword } = request.body;
      await inTenant(request, (tx, actor) => changePassword(tx, actor, userId, currentPassword, newPassword, sessionId));
      return reply.code(204).send(null);
    },
  });

  r.post('/api/v1/me/totp/setup', {
    config: { access: 'authenticated' },
    schema: { tags: ['me'], summary: 'Start two-factor set-up: a new secret and its QR code', response: { 200: TotpSetup, ...problems(401, 403) } },
    handler: async (request) => {
      userIdOf(request);
      return inTenant(request, (tx) => startTotpSetup(tx, principalOf(request)));
    },
  });

  r.post('/api/v1/me/totp/enable', {
    config: { access: 'authenticated' },
    schema: { tags: ['me'], summary: 'Confirm two-factor set-up with a code from the app', body: TotpCodeBody, response: { 204: NoContent, ...problems(401, 403) } },
    handler: async (request, reply) => {
      const userId = userIdOf(request);
      await inTenant(request, (tx, actor) => enableTotp(tx, actor, userId, request.body.code));
      return reply.code(204).send(null);
    },
  });

  r.post('/api/v1/me/totp/disable', {
    config: { access: 'authenticated' },
    schema: { tags: ['me'], summary: 'Switch two-factor sign-in off (needs the password)', body: TotpDisableBody, response: { 204: NoContent, ...problems(401, 403) } },
    handler: async (request, reply) => {
      const userId = userIdOf(request);
      await inTenant(request, (tx, actor) => disableTotp(tx, actor, userId, request.body.password));
      return reply.code(204).send(null);
    },
  });

}
