import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, page } from '../../../common/api/shared.js';
import { UpdateUserBody, User, UserListQuery } from '../../../common/api/users.js';
import { inTenant, principalOf } from '../../http/context.js';
import { problems } from '../../http/responses.js';
import { endAllSessions } from '../auth/auth.service.js';
import { getUser, listUsers, updateUser } from './users.service.js';

export function usersRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get('/api/v1/users', {
    config: { access: 'users:read' },
    schema: { tags, summary: 'List the network’s accounts', querystring: UserListQuery, response: { 200: page(User), ...problems(401, 403) } },
    handler: (request) => inTenant(request, (tx, actor) => listUsers(tx, actor.networkId, request.query)),
  });

  r.get('/api/v1/users/:id', {
    config: { access: 'users:read' },
    schema: { tags, summary: 'One account (the read is audited)', params: IdParams, response: { 200: User, ...problems(401, 403, 404) } },
    handler: (request) => inTenant(request, (tx, actor) => getUser(tx, actor, request.params.id)),
  });

  r.patch('/api/v1/users/:id', {
    config: { access: 'users:manage' },
    schema: { tags, summary: 'Change name, status or roles per organisation', params: IdParams, body: UpdateUserBody, response: { 200: User, ...problems(401, 403, 404, 409) } },
    handler: (request) =>
      inTenant(request, (tx, actor) => updateUser(tx, actor, principalOf(request).permissions, request.params.id, request.body, (userId) => endAllSessions(tx, actor.networkId, userId))),
  });
}
