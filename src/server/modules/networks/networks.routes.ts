import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditEvent, AuditListQuery, type Network, NetworkView, OutboxListQuery, OutboxMail, UpdateNetworkBody } from '../../../common/api/network.js';
import { page } from '../../../common/api/shared.js';
import { inTenant, principalOf } from '../../http/context.js';
import { problems } from '../../http/responses.js';
import { listAuditEvents } from '../audit/audit.service.js';
import { listOutbox } from '../mail/mail.service.js';
import { getNetwork, updateNetwork, withoutPayoutAccount } from './networks.service.js';

/** The network itself, its settings, its audit trail and its outbox. */
export function networksRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The network's bank account is for those who pay out; every member may read the rest.
  const shown = (request: FastifyRequest, network: Network): NetworkView =>
    principalOf(request).permissions.has('expense-claims:manage') ? network : withoutPayoutAccount(network);

  r.get('/api/v1/network', {
    config: { access: 'network:read' },
    schema: { tags: ['network'], summary: 'The caller’s network and its settings', response: { 200: NetworkView, ...problems(401, 403) } },
    handler: async (request) => shown(request, await inTenant(request, (tx, actor) => getNetwork(tx, actor.networkId))),
  });

  r.patch('/api/v1/network', {
    config: { access: 'network:manage' },
    schema: { tags: ['network'], summary: 'Change the network’s name or settings', body: UpdateNetworkBody, response: { 200: NetworkView, ...problems(401, 403, 409) } },
    handler: async (request) => shown(request, await inTenant(request, (tx, actor) => updateNetwork(tx, actor, request.body))),
  });

  r.get('/api/v1/audit-events', {
    config: { access: 'audit:read' },
    schema: { tags: ['audit'], summary: 'The audit trail, newest first', querystring: AuditListQuery, response: { 200: page(AuditEvent), ...problems(401, 403) } },
    handler: (request) => inTenant(request, (tx, actor) => listAuditEvents(tx, actor.networkId, request.query)),
  });

  r.get('/api/v1/outbox', {
    config: { access: 'outbox:read' },
    schema: { tags: ['mail'], summary: 'Mail sent or, without SMTP, kept here to be read', querystring: OutboxListQuery, response: { 200: page(OutboxMail), ...problems(401, 403) } },
    handler: (request) => inTenant(request, (tx, actor) => listOutbox(tx, actor, request.query)),
  });
}
