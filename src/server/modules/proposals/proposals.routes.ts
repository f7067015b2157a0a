import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AcceptProposalBody, CreateProposalBody, DeclineProposalBody, Proposal, ProposalListQuery, WithdrawProposalBody } from '../../../common/api/proposals.js';
import { IdParams, page } from '../../../common/api/shared.js';
import type { Config } from '../../config.js';
import { inTenant } from '../../http/context.js';
import { problems } from '../../http/responses.js';
import { placementScopeOf } from '../agreements/scope.js';
import { acceptProposal, createProposal, declineProposal, getProposal, listProposals, withdrawProposal } from './proposals.service.js';

export function proposalsRoutes(app: FastifyInstance, config: Config) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['proposals'];
  const meta = (request: FastifyRequest) => ({ publicUrl: config.publicUrl, locale: request.locale });

  r.post('/api/v1/guide-requests/:id/proposals', {
    config: { access: 'guide-requests:manage', idempotent: true },
    schema: {
      tags,
      summary: 'Propose a volunteer for a request; the hard rules must let them through. The volunteer is told by e-mail and in the portal.',
      params: IdParams,
      body: CreateProposalBody,
      response: { 201: Proposal, ...problems(401, 403, 404, 409) },
    },
    handler: async (request, reply) => {
      const proposal = await inTenant(request, async (tx, actor) => createProposal(tx, actor, await placementScopeOf(tx, request), request.params.id, request.body, meta(request)));
      return reply.code(201).send(proposal);
    },
  });

  r.get('/api/v1/proposals', {
    config: { access: 'proposals:answer' },
    schema: { tags, summary: 'Proposals: a volunteer’s own; coordinators every one of the network', querystring: ProposalListQuery, response: { 200: page(Proposal), ...problems(401, 403) } },
    handler: (request) => inTenant(request, async (tx, actor) => listProposals(tx, actor.networkId, await placementScopeOf(tx, request), request.query)),
  });

  r.get('/api/v1/proposals/:id', {
    config: { access: 'proposals:answer' },
    schema: { tags, summary: 'One proposal with what the volunteer needs to decide', params: IdParams, response: { 200: Proposal, ...problems(401, 403, 404) } },
    handler: (request) => inTenant(request, async (tx, actor) => getProposal(tx, actor, await placementScopeOf(tx, request), request.params.id)),
  });

  r.post('/api/v1/proposals/:id/accept', {
    config: { access: 'proposals:answer' },
    schema: {
      tags,
      summary: 'Accept: creates the time-limited agreement. A coordinator may answer for the volunteer after a phone call; the record says so.',
      params: IdParams,
      body: AcceptProposalBody,
      response: { 200: Proposal, ...problems(401, 403, 404, 409) },
    },
    handler: (request) => inTenant(request, async (tx, actor) => acceptProposal(tx, actor, await placementScopeOf(tx, request), request.params.id, request.body, meta(request))),
  });

  r.post('/api/v1/proposals/:id/decline', {
    config: { access: 'proposals:answer' },
    schema: { tags, summary: 'Decline with a reason (the volunteer, or a coordinator on their behalf)', params: IdParams, body: DeclineProposalBody, response: { 200: Proposal, ...problems(401, 403, 404, 409) } },
    handler: (request) => inTenant(request, async (tx, actor) => declineProposal(tx, actor, await placementScopeOf(tx, request), request.params.id, request.body, meta(request))),
  });

  r.post('/api/v1/proposals/:id/withdraw', {
    config: { access: 'guide-requests:manage' },
    schema: { tags, summary: 'Withdraw a proposal still waiting for an answer', params: IdParams, body: WithdrawProposalBody, response: { 200: Proposal, ...problems(401, 403, 404, 409) } },
    handler: (request) => inTenant(request, async (tx, actor) => withdrawProposal(tx, actor, await placementScopeOf(tx, request), request.params.id, request.body)),
  });
}
