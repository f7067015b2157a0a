import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PortalOverview } from '../../../common/api/portal.js';
import { inTenant, userIdOf } from '../../http/context.js';
import { problems } from '../../http/responses.js';
import { portalOverview } from './portal.service.js';

export function portalRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/portal/overview', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['me'],
      summary:
        'What waits for the signed-in volunteer: proposals to answer, next appointments, deployments to log, claims not paid yet (portal landing page)',
      response: { 200: PortalOverview, ...problems(401, 404) },
    },
    handler: (request) => {
      const userId = userIdOf(request);
      return inTenant(request, (tx, actor) => portalOverview(tx, actor.networkId, userId, request.locale));
    },
  });
}
