import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApplicationReceived, NetworkSlugParams, PublicGuideRequestBody, PublicNetwork, VolunteerApplicationBody } from '../../../common/api/public.js';
import { submitPublicRequest } from '../guide-requests/guide-requests.service.js';
import type { Config } from '../../config.js';
import { problems } from '../../http/responses.js';
import { applyAsVolunteer, publicNetwork } from './volunteer-applications.service.js';

export function volunteerApplicationsRoutes(app: FastifyInstance, config: Config) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['public'];

  r.get('/api/v1/public/:networkSlug', {
    config: { access: 'public' },
    schema: { tags, summary: 'A network’s public face: name, topics to choose, consent version', params: NetworkSlugParams, response: { 200: PublicNetwork, ...problems(404) } },
    handler: (request) => publicNetwork(app.database.db, request.params.networkSlug, request.locale),
  });

  r.post('/api/v1/public/:networkSlug/volunteer-applications', {
    config: { access: 'public', idempotent: true },
    schema: {
      tags,
      summary: 'Apply to become a volunteer guide (no account; consent required; throttled per IP address)',
      params: NetworkSlugParams,
      body: VolunteerApplicationBody,
      response: { 202: ApplicationReceived, ...problems(403, 404, 429) },
    },
    handler: async (request, reply) => {
      await applyAsVolunteer(app.database.db, request.params.networkSlug, request.body, { ip: request.ip ?? null, requestId: request.id, publicUrl: config.publicUrl });
      app.mail.kick();
      return reply.code(202).send({ received: true as const });
    },
  });

  r.post('/api/v1/public/:networkSlug/guide-requests', {
    config: { access: 'public', idempotent: true },
    schema: {
      tags,
      summary: 'Ask for a guide (no account; consent required; throttled per IP address). The coordination office completes the request.',
      params: NetworkSlugParams,
      body: PublicGuideRequestBody,
      response: { 202: ApplicationReceived, ...problems(403, 404, 429) },
    },
    handler: async (request, reply) => {
      await submitPublicRequest(app.database.db, request.params.networkSlug, request.body, { ip: request.ip ?? null, requestId: request.id, publicUrl: config.publicUrl });
      app.mail.kick();
      return reply.code(202).send({ received: true as const });
    },
  });
}
