import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { authPlugin } from './http/auth.js';
import { idempotencyPlugin } from './http/idempotency.js';
import { transformDocument, transformOperation } from './http/openapi.js';
import { DomainError, frameworkError, registerProblemHandling, sendProblem } from './http/problems.js';
import { webRoutes } from './http/web.js';
import { queryGuardPlugin } from './http/query-guard.js';
import { securityHeadersPlugin, setSecurityHeaders } from './http/security-headers.js';
import { apiTokensRoutes } from './modules/api-tokens/api-tokens.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { catalogRoutes } from './modules/catalog/catalog.routes.js';
import { coursesRoutes } from './modules/courses/courses.routes.js';
import { guideRequestsRoutes } from './modules/guide-requests/guide-requests.routes.js';
import { Scheduler } from './jobs/scheduler.js';
import { remindEndingAgreements } from './modules/agreements/agreements.service.js';
import { agreementsRoutes } from './modules/agreements/agreements.routes.js';
import { inboxRoutes } from './modules/inbox/inbox.routes.js';
import { reportsRoutes } from './modules/reports/reports.routes.js';
import { deploymentsRoutes } from './modules/deployments/deployments.routes.js';
import { expenseClaimsRoutes } from './modules/expense-claims/expense-claims.routes.js';
import { MatchingPools } from './modules/matching/matching-pool.js';
import { nextCandidate } from './modules/matching/matching.service.js';
import { matchingRoutes } from './modules/matching/matching.routes.js';
import { expireProposals } from './modules/proposals/proposals.service.js';
import { forgetExpiredKeys } from './modules/idempotency/idempotency.service.js';
import { proposalsRoutes } from './modules/proposals/proposals.routes.js';
import { berlinToday } from './modules/volunteers/profile.js';
import { invitationsRoutes } from './modules/invitations/invitations.routes.js';
import { MailDelivery } from './modules/mail/mail.service.js';
import { networksRoutes } from './modules/networks/networks.routes.js';
import { organizationsRoutes } from './modules/organizations/organizations.routes.js';
import { portalRoutes } from './modules/portal/portal.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { volunteerApplicationsRoutes } from './modules/volunteer-applications/volunteer-applications.routes.js';
import { volunteersRoutes } from './modules/volunteers/volunteers.routes.js';
import { volunteerImportsRoutes } from './modules/volunteer-imports/volunteer-imports.routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    /** Each network's eligible volunteers in memory, kept current by the database's change notes. */
    matchingPools: MatchingPools;
    mail: { kick(): void; deliverDue(): Promise<number> };
    /** Background jobs (proposal expiry, agreement reminders); tests call `app.jobs.runDue(now)`. */
    jobs: { runDue(now?: Date): Promise<Record<string, number>> };
    /** Every route as registered, with its declared access: the contract tests walk it. */
    routeTable: { method: string; url: string; access: unknown }[];
  }
}

export interface AppDeps {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions['logger'];
  /** Deliver mail and run background jobs (the server does; tests call `app.mail.deliverDue()` and `app.jobs.runDue()`). */
  mailWorker?: boolean;
}

export async function buildApp({ config, database, logger = false, mailWorker = false }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    // A union the overloads cannot pick from: the value is one of the forms Fastify documents.
    trustProxy: config.TRUST_PROXY as NonNullable<FastifyServerOptions['trustProxy']> & (boolean | number | string),
    bodyLimit: 1_048_576,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
    routerOptions: { maxParamLength: 200 },
    // Router errors skip every hook: the security headers are set here instead.
    frameworkErrors: (error, request, reply) => frameworkError(error, request, setSecurityHeaders(request, reply, config.publicUrl)),
    ajv: { customOptions: { coerceTypes: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', database);
  const matchingPools = new MatchingPools();
  app.decorate('matchingPools', matchingPools);

  const delivery = new MailDelivery(database.db, config.SMTP_URL, config.MAIL_FROM, app.log);
  app.decorate('mail', {
    kick: () => void delivery.deliverDue().catch((err) => app.log.error({ err }, 'mail delivery failed')),
    deliverDue: () => delivery.deliverDue(),
  });
  if (mailWorker) delivery.start();
  app.addHook('onClose', () => delivery.stop());

  const scheduler = new Scheduler(
    database.db,
    [
      {
        name: 'expireProposals',
        run: (tx, networkId, now) => expireProposals(tx, networkId, now, { publicUrl: config.publicUrl }, (requestId) => nextCandidate(tx, matchingPools, networkId, requestId)),
      },
      { name: 'remindEndingAgreements', run: (tx, networkId, now) => remindEndingAgreements(tx, networkId, berlinToday(now), { publicUrl: config.publicUrl }) },
      { name: 'forgetIdempotencyKeys', run: forgetExpiredKeys },
    ],
    app.log,
  );
  app.decorate('jobs', { runDue: (now?: Date) => scheduler.runDue(now) });
  if (mailWorker) scheduler.start();
  app.addHook('onClose', () => scheduler.stop());

  registerProblemHandling(app);

  // Every operation names what it needs; the OpenAPI document shows it as x-permission.
  app.decorate('routeTable', []);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, access: 'public' };
    const access = route.config?.access;
    if (access && route.schema) (route.schema as Record<string, unknown>)['x-permission'] = access;
    for (const method of [route.method].flat()) app.routeTable.push({ method, url: route.url, access });
  });

  await app.register(securityHeadersPlugin, { publicUrl: config.publicUrl });
  await app.register(queryGuardPlugin);
  await app.register(fastifyCookie);
  // Uploads (spreadsheet imports, documents): one file per request, 20 MB at most.
  await app.register(fastifyMultipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 20 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lotse API',
        version: '1',
        description: 'Regional integration networks: volunteers, requests, matching, clearing and referral.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      // Relative: the API is where the document was fetched from, behind whatever proxy.
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lotse_session' },
          apiToken: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiToken: [] }],
    },
    transform: transformOperation,
    transformObject: transformDocument,
  });
  // No validator badge: it would load an image from validator.swagger.io, which the CSP forbids.
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { validatorUrl: null } });
  await app.register(authPlugin, { publicUrl: config.publicUrl, sessionDays: config.SESSION_DAYS });
  // Create operations accept an Idempotency-Key (routes opt in with config.idempotent).
  await app.register(idempotencyPlugin);

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/healthz', {
    config: { access: 'public' },
    schema: { tags: ['health'], summary: 'The process is alive', response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });
  r.get('/readyz', {
    config: { access: 'public' },
    schema: { tags: ['health'], summary: 'The database answers', response: { 200: z.object({ status: z.literal('ready') }), 503: z.unknown() } },
    handler: async (request, reply) => {
      try {
        await database.db.execute(sql`select 1`);
        return { status: 'ready' as const };
      } catch (err) {
        request.log.warn({ err }, 'database not reachable');
        return sendProblem(reply, request.locale, new DomainError('UNAVAILABLE', 503, 'unavailable', 'unavailable'));
      }
    },
  });
  r.get('/api/openapi.json', {
    config: { access: 'public' },
    schema: { hide: true },
    handler: async () => app.swagger(),
  });

  authRoutes(app, config);
  organizationsRoutes(app);
  usersRoutes(app);
  invitationsRoutes(app, config);
  apiTokensRoutes(app);
  networksRoutes(app);
  catalogRoutes(app);
  volunteersRoutes(app, config);
  volunteerImportsRoutes(app);
  volunteerApplicationsRoutes(app, config);
  coursesRoutes(app, config);
  guideRequestsRoutes(app, config);
  matchingRoutes(app);
  proposalsRoutes(app, config);
  agreementsRoutes(app);
  inboxRoutes(app);
  reportsRoutes(app);
  deploymentsRoutes(app, config);
  expenseClaimsRoutes(app, config);
  portalRoutes(app);

  webRoutes(app, config.WEB_DIR);
  return app;
}
