import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CreateGuideRequestBody, GuideRequest, GuideRequestDetail, GuideRequestListQuery, UpdateGuideRequestBody } from '../../../common/api/guide-requests.js';
import { IdParams, page } from '../../../common/api/shared.js';
import type { Config } from '../../config.js';
import { inTenant, principalOf } from '../../http/context.js';
import { problems } from '../../http/responses.js';
import { createGuideRequest, getGuideRequest, listGuideRequests, updateGuideRequest, type RequestScope } from './guide-requests.service.js';

/** Roles that submit for their own organisation. */
const REQUESTER_ROLES = new Set(['partner', 'counsellor', 'coordinator', 'network_admin']);

export function scopeOf(request: FastifyRequest): RequestScope {
  const p = principalOf(request);
  return {
    all: p.permissions.has('guide-requests:read'),
    organizationIds: [...new Set(p.memberships.filter((m) => REQUESTER_ROLES.has(m.role)).map((m) => m.organizationId))],
    manage: p.permissions.has('guide-requests:manage'),
    origins: p.permissions.has('volunteers:origins'),
  };
}

export function guideRequestsRoutes(app: FastifyInstance, config: Config) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['guide-requests'];

  r.get('/api/v1/guide-requests', {
    config: { access: 'guide-requests:submit' },
    schema: {
      tags,
      summary: 'List guide requests (coordinators: all of the network; requesters: their organisations’)',
      querystring: GuideRequestListQuery,
      response: { 200: page(GuideRequest), ...problems(401, 403) },
    },
    handler: (request) => inTenant(request, (tx, actor) => listGuideRequests(tx, actor.networkId, scopeOf(request), request.query)),
  });

  r.post('/api/v1/guide-requests', {
    config: { access: 'guide-requests:submit', idempotent: true },
    schema: {
      tags,
      summary: 'Submit a guide request; it may start incomplete and is completed before matching',
      body: CreateGuideRequestBody,
      response: { 201: GuideRequestDetail, ...problems(401, 403, 422) },
    },
    handler: async (request, reply) => {
      const scope = scopeOf(request);
      const detail = await inTenant(request, (tx, actor) =>
        createGuideRequest(tx, actor, scope, request.body, {
          source: scope.manage ? 'coordinator' : 'partner',
          defaultOrganizationId: scope.organizationIds[0] ?? null,
        }),
      );
      return reply.code(201).send(detail);
    },
  });

  r.get('/api/v1/guide-requests/:id', {
    config: { access: 'guide-requests:submit' },
    schema: { tags, summary: 'One guide request with its status history', params: IdParams, response: { 200: GuideRequestDetail, ...problems(401, 403, 404) } },
    handler: (request) => inTenant(request, (tx, actor) => getGuideRequest(tx, actor, scopeOf(request), request.params.id)),
  });

  r.patch('/api/v1/guide-requests/:id', {
    config: { access: 'guide-requests:submit' },
    schema: {
      tags,
      summary: 'Complete or change a request, or move its status (`ready` only when the description is complete; send the version you read)',
      params: IdParams,
      body: UpdateGuideRequestBody,
      response: { 200: GuideRequestDetail, ...problems(401, 403, 404, 409, 422) },
    },
    handler: (request) =>
      inTenant(request, (tx, actor) =>
        updateGuideRequest(tx, actor, scopeOf(request), request.params.id, request.body, {
          publicUrl: config.publicUrl,
          defaultLocale: principalOf(request).network.settings.defaultLocale,
        }),
      ),
  });
}
