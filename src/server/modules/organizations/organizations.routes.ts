import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateOrganizationBody,
  Organization,
  OrganizationListQuery,
  UpdateOrganizationBody,
} from '../../../common/api/organizations.js';
import { IdParams, page } from '../../../common/api/shared.js';
import { inTenant } from '../../http/context.js';
import { NoContent, problems } from '../../http/responses.js';
import { createOrganization, deleteOrganization, getOrganization, listOrganizations, updateOrganization } from './organizations.service.js';

export function organizationsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['organizations'];

  r.get('/api/v1/organizations', {
    config: { access: 'organizations:read' },
    schema: { tags, summary: 'List the network’s organisations', querystring: OrganizationListQuery, response: { 200: page(Organization), ...problems(401, 403) } },
    handler: (request) => inTenant(request, (tx, actor) => listOrganizations(tx, actor.networkId, request.query)),
  });

  r.post('/api/v1/organizations', {
    config: { access: 'organizations:manage', idempotent: true },
    schema: { tags, summary: 'Create an organisation', body: CreateOrganizationBody, response: { 201: Organization, ...problems(401, 403) } },
    handler: async (request, reply) => reply.code(201).send(await inTenant(request, (tx, actor) => createOrganization(tx, actor, request.body))),
  });

  r.get('/api/v1/organizations/:id', {
    config: { access: 'organizations:read' },
    schema: { tags, summary: 'One organisation', params: IdParams, response: { 200: Organization, ...problems(401, 403, 404) } },
    handler: (request) => inTenant(request, (tx, actor) => getOrganization(tx, actor.networkId, request.params.id)),
  });

  r.patch('/api/v1/organizations/:id', {
    config: { access: 'organizations:manage' },
    schema: { tags, summary: 'Change an organisation (send the version you read)', params: IdParams, body: UpdateOrganizationBody, response: { 200: Organization, ...problems(401, 403, 404, 409) } },
    handler: (request) => inTenant(request, (tx, actor) => updateOrganization(tx, actor, request.params.id, request.body)),
  });

  r.delete('/api/v1/organizations/:id', {
    config: { access: 'organizations:manage' },
    schema: { tags, summary: 'Delete an organisation without members or invitations', params: IdParams, response: { 204: NoContent, ...problems(401, 403, 404, 409) } },
    handler: async (request, reply) => {
      await inTenant(request, (tx, actor) => deleteOrganization(tx, actor, request.params.id));
      return reply.code(204).send(null);
    },
  });
}
