import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Inbox } from '../../../common/api/inbox.js';
import { inTenant } from '../../http/context.js';
import { problems } from '../../http/responses.js';
import { inboxOf } from './inbox.service.js';

export function inboxRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/inbox', {
    config: { access: 'guide-requests:manage' },
    schema: {
      tags: ['inbox'],
      summary: 'What waits for the coordination office: new and ready requests, proposals waiting or to follow up, agreements ending soon, claims to approve, overloaded volunteers',
      response: { 200: Inbox, ...problems(401, 403) },
    },
    handler: (request) => inTenant(request, (tx, actor) => inboxOf(tx, actor.networkId)),
  });
}
