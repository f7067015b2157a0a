import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, ListQuery, page } from '../../../common/api/shared.js';
import { ApiToken, CreateApiTokenBody, CreatedApiToken } from '../../../common/api/users.js';
import { inTenant, principalOf } from '../../http/context.js';
import { NoContent, problems } from '../../http/responses.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.service.js';

export function apiTokensRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['api-tokens'];

  r.get('/api/v1/api-tokens', {
    config: { access: 'api-tokens:manage' },
    schema: { tags, summary: 'List API tokens (never their secrets)', querystring: ListQuery, response: { 200: page(ApiToken), ...problems(401, 403) } },
    handler: (request) => inTenant(request, (tx, actor) => listApiTokens(tx, actor.networkId, request.query)),
  });

  r.post('/api/v1/api-tokens', {
    config: { access: 'api-tokens:manage', idempotent: true },
    schema: { tags, summary: 'Create a token acting with one role in one organisation; the secret is shown once', body: CreateApiTokenBody, response: { 201: CreatedApiToken, ...problems(401, 403) } },
    handler: async (request, reply) => reply.code(201).send(await inTenant(request, (tx, actor) => createApiToken(tx, actor, principalOf(request).permissions, request.body))),
  });

  r.delete('/api/v1/api-tokens/:id', {
    config: { access: 'api-tokens:manage' },
    schema: { tags, summary: 'Revoke a token', params: IdParams, response: { 204: NoContent, ...problems(401, 403, 404) } },
    handler: async (request, reply) => {
      await inTenant(request, (tx, actor) => revokeApiToken(tx, actor, request.params.id));
      return reply.code(204).send(null);
    },
  });
}
