import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Agreement, AgreementFeedbackBody, AgreementListQuery, CloseAgreementBody, CreateAgreementBody, ExtendAgreementBody, UpdateAgreementBody } from '../../../common/api/agreements.js';
import { IdParams, page } from '../../../common/api/shared.js';
import { inTenant } from '../../http/context.js';
import { problems } from '../../http/responses.js';
import { followPlacement } from '../guide-requests/guide-requests.service.js';
import { closeAgreement, createAgreement, extendAgreement, getAgreement, giveFeedback, listAgreements, updateAgreement } from './agreements.service.js';
import { placementScopeOf } from './scope.js';

export function agreementsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['agreements'];

  r.get('/api/v1/agreements', {
    config: { access: 'agreements:read' },
    schema: {
      tags,
      summary: 'Agreements: coordinators all, partner institutions their organisations’, volunteers their own',
      querystring: AgreementListQuery,
      response: { 200: page(Agreement), ...problems(401, 403) },
    },
    handler: (request) => inTenant(request, async (tx, actor) => listAgreements(tx, actor.networkId, await placementScopeOf(tx, request), request.query)),
  });

  r.post('/api/v1/agreements', {
    config: { access: 'agreements:manage', idempotent: true },
    schema: {
      tags,
      summary: 'Record an agreement by hand (most come from an accepted proposal); the term is limited by the network’s longest term',
      body: CreateAgreementBody,
      response: { 201: Agreement, ...problems(401, 403, 422) },
    },
    handler: async (request, reply) => {
      const agreement = await inTenant(request, async (tx, actor) => createAgreement(tx, actor, await placementScopeOf(tx, request), request.body));
      return reply.code(201).send(agreement);
    },
  });

  r.get('/api/v1/agreements/:id', {
    config: { access: 'agreements:read' },
    schema: { tags, summary: 'One agreement with its deployments counted', params: IdParams, response: { 200: Agreement, ...problems(401, 403, 404) } },
    handler: (request) => inTenant(request, async (tx, actor) => getAgreement(tx, actor, await placementScopeOf(tx, request), request.params.id)),
  });

  r.patch('/api/v1/agreements/:id', {
    config: { access: 'agreements:manage' },
    schema: { tags, summary: 'Change scope, goals or counterpart of an active agreement', params: IdParams, body: UpdateAgreementBody, response: { 200: Agreement, ...problems(401, 403, 404, 409) } },
    handler: (request) => inTenant(request, async (tx, actor) => updateAgreement(tx, actor, await placementScopeOf(tx, request), request.params.id, request.body)),
  });

  r.post('/api/v1/agreements/:id/extend', {
    config: { access: 'agreements:manage' },
    schema: { tags, summary: 'Extend to a later end (at most the longest term beyond the current end)', params: IdParams, body: ExtendAgreementBody, response: { 200: Agreement, ...problems(401, 403, 404, 409) } },
    handler: (request) => inTenant(request, async (tx, actor) => extendAgreement(tx, actor, await placementScopeOf(tx, request), request.params.id, request.body)),
  });

  r.post('/api/v1/agreements/:id/close', {
    config: { access: 'agreements:manage' },
    schema: {
      tags,
      summary: 'Close with an outcome and both sides’ feedback; the request closes when its last agreement does',
      params: IdParams,
      body: CloseAgreementBody,
      response: { 200: Agreement, ...problems(401, 403, 404, 409) },
    },
    handler: (request) =>
      inTenant(request, async (tx, actor) =>
        closeAgreement(tx, actor, await placementScopeOf(tx, request), request.params.id, request.body, (requestId) => followPlacement(tx, actor, requestId, 'closed', ['agreed'])),
      ),
  });

  r.post('/api/v1/agreements/:id/feedback', {
    config: { access: 'agreements:read' },
    schema: { tags, summary: 'The volunteer’s or the institution’s own feedback', params: IdParams, body: AgreementFeedbackBody, response: { 200: Agreement, ...problems(401, 403, 404, 409) } },
    handler: (request) => inTenant(request, async (tx, actor) => giveFeedback(tx, actor, await placementScopeOf(tx, request), request.params.id, request.body)),
  });
}
