import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isPermission, type RouteAccess } from '../../common/permissions.js';
import { negotiateLocale } from '../../common/locales.js';
import { resolveApiToken, resolveSession } from '../modules/auth/auth.service.js';
import type { Principal } from '../modules/auth/principal.js';
import { DomainError, forbidden, sendProblem, unauthenticated } from './problems.js';

export const SESSION_COOKIE = 'lotse_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    locale: import('../../common/locales.js').Locale;
  }
  interface FastifyContextConfig {
    /** The permission this operation needs, or `public` / `authenticated`. Required on every route. */
    access?: RouteAccess;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves who is calling (session cookie or API token), picks the reader's language, refuses
 * cross-site state changes, and enforces each route's declared permission.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: { publicUrl: string; sessionDays: number }) => {
  const ownOrigin = new URL(opts.publicUrl).origin;

  app.decorateRequest('principal', null);
  app.decorateRequest('locale', 'de');

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access || !(access === 'public' || access === 'authenticated' || isPermission(access))) {
      throw new Error(`Route ${route.method} ${route.url} declares no valid access (config.access)`);
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    request.locale = negotiateLocale(request.headers['accept-language']);
    const access = request.routeOptions.config?.access;
    if (!access) return; // 404 handler: nothing to authorise

    const authorization = request.headers.authorization;
    const cookie = request.cookies[SESSION_COOKIE];
    if (authorization) {
      const [scheme, value] = authorization.split(' ');
      request.principal = scheme?.toLowerCase() === 'bearer' && value ? await resolveApiToken(app.database.db, value) : null;
      if (!request.principal && access !== 'public') return sendProblem(reply, request.locale, unauthenticated());
    } else {
      if (STATE_CHANGING.has(request.method) && !originAllowed(request, ownOrigin, cookie !== undefined)) {
        return sendProblem(reply, request.locale, new DomainError('ORIGIN_MISMATCH', 403, 'origin-mismatch', 'originMismatch'));
      }
      if (cookie) request.principal = await resolveSession(app.database.db, cookie, opts.sessionDays);
    }
    if (!request.headers['accept-language'] && request.principal?.user) request.locale = request.principal.user.locale;

    if (access === 'public') return;
    const principal = request.principal;
    if (!principal) return sendProblem(reply, request.locale, unauthenticated());
    if (access === 'authenticated') return;
    if (principal.totpSetupRequired) {
      return sendProblem(reply, request.locale, new DomainError('TOTP_SETUP_REQUIRED', 403, 'totp-setup-required', 'totpSetupRequired'));
    }
    if (!principal.permissions.has(access)) return sendProblem(reply, request.locale, forbidden());
  });
});

/**
 * A state-changing request that carries a session cookie must come from Lotse's own pages: its
 * Origin must be the configured public URL or the host it was sent to. A present but foreign
 * Origin is refused even without a cookie (no sign-in forgery).
 */
function originAllowed(request: FastifyRequest, ownOrigin: string, hasCookie: boolean): boolean {
  const origin = request.headers.origin;
  if (!origin) return !hasCookie;
  if (origin === ownOrigin) return true;
  const host = request.headers.host;
  return !!host && (origin === `http://${host}` || origin === `https://${host}`);
}
