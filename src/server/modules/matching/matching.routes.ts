import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Candidates, CandidatesQuery, PlanBody, PlanResult } from '../../../common/api/matching.js';
import { IdParams } from '../../../common/api/shared.js';
import { inTenant, principalOf } from '../../http/context.js';
import { problems } from '../../http/responses.js';
import { candidatesFor, planFor } from './matching.service.js';

export function matchingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['matching'];

  r.get('/api/v1/guide-requests/:id/candidates', {
    config: { access: 'guide-requests:manage' },
    schema: {
      tags,
      summary: 'Ranked volunteers for a request, every criterion with its score, weight and reason; `?explain=excluded` also says why the others are out',
      params: IdParams,
      querystring: CandidatesQuery,
      response: { 200: Candidates, ...problems(401, 403, 404, 409) },
    },
    handler: (request) =>
      inTenant(request, (tx, actor) =>
        candidatesFor(tx, request.server.matchingPools, actor, request.params.id, request.query, { locale: request.locale, origins: principalOf(request).permissions.has('volunteers:origins') }),
      ),
  });

  r.post('/api/v1/matching/plan', {
    config: { access: 'guide-requests:manage' },
    schema: {
      tags,
      summary: 'An exact plan for many requests at once: fills as many places as possible, then maximises the total score, within every volunteer’s free capacity. Proposes nothing by itself.',
      body: PlanBody,
      response: { 200: PlanResult, ...problems(401, 403) },
    },
    handler: (request) => inTenant(request, (tx, actor) => planFor(tx, request.server.matchingPools, actor, request.body, request.locale)),
  });
}
