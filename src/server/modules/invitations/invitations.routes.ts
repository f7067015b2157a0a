import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, ListQuery, page } from '../../../common/api/shared.js';
import { CreateInvitationBody, Invitation, InvitationLookup, InvitationStatus } from '../../../common/api/users.js';
import type { Config } from '../../config.js';
import { inTenant, principalOf } from '../../http/context.js';
import { NoContent, problems } from '../../http/responses.js';
import { createInvitation, listInvitations, lookupInvitation, revokeInvitation } from './invitations.service.js';

export function invitationsRoutes(app: FastifyInstance, config: Config) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['invitations'];

  r.get('/api/v1/invitations', {
    config: { access: 'invitations:manage' },
    schema: { tags, summary: 'List invitations', querystring: ListQuery.extend({ status: InvitationStatus.optional() }), response: { 200: page(Invitation), ...problems(401, 403) } },
    handler: (request) => inTenant(request, (tx, actor) => listInvitations(tx, actor.networkId, request.query)),
  });

  r.post('/api/v1/invitations', {
    config: { access: 'invitations:manage', idempotent: true },
    schema: { tags, summary: 'Invite a person by e-mail into an organisation with a role', body: CreateInvitationBody, response: { 201: Invitation, ...problems(401, 403, 409) } },
    handler: async (request, reply) => {
      const invitation = await inTenant(request, (tx, actor) => createInvitation(tx, actor, principalOf(request).permissions, request.body, config.publicUrl));
      app.mail.kick();
      return reply.code(201).send(invitation);
    },
  });

  r.delete('/api/v1/invitations/:id', {
    config: { access: 'invitations:manage' },
    schema: { tags, summary: 'Revoke a pending invitation', params: IdParams, response: { 204: NoContent, ...problems(401, 403, 404) } },
    handler: async (request, reply) => {
      await inTenant(request, (tx, actor) => revokeInvitation(tx, actor, request.params.id));
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/invitations/lookup', {
    config: { access: 'public' },
    schema: { tags, summary: 'What an invitation link offers (for the accept page)', querystring: z.object({ token: z.string().min(10).max(300) }), response: { 200: InvitationLookup, ...problems() } },
    handler: (request) => lookupInvitation(app.database.db, request.query.token),
  });
}
