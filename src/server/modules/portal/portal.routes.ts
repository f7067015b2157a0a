import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BankChangeDecision, BankChangeLookup, BankChangeTokenBody, PortalBankAccountChange, PortalOverview } from '../../../common/api/portal.js';
import { IdParams } from '../../../common/api/shared.js';
import { inTenant, userIdOf } from '../../http/context.js';
import { NoContent, problems } from '../../http/responses.js';
import { decideBankChangeByToken, lookupBankChange } from '../volunteers/bank-account.js';
import { decideOwnPendingBankAccount, ownPendingBankAccount, portalOverview } from './portal.service.js';

export function portalRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/portal/overview', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['me'],
      summary:
        'What waits for the signed-in volunteer: proposals to answer, next appointments, deployments to log, claims not paid yet (portal landing page)',
      response: { 200: PortalOverview, ...problems(401, 404) },
    },
    handler: (request) => {
      const userId = userIdOf(request);
      return inTenant(request, (tx, actor) => portalOverview(tx, actor.networkId, userId, request.locale));
    },
  });

  r.get('/api/v1/portal/bank-account-change', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['me'],
      summary: 'A bank account someone else entered for the signed-in volunteer, waiting for her confirmation (the IBAN masked but for its last four characters)',
      response: { 200: PortalBankAccountChange, ...problems(401, 404) },
    },
    handler: (request) => {
      const userId = userIdOf(request);
      return inTenant(request, async (tx, actor) => ({ pending: await ownPendingBankAccount(tx, actor.networkId, userId) }));
    },
  });

  r.post('/api/v1/portal/bank-account-change/:id/decision', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['me'],
      summary: 'Confirm or reject the bank account someone else entered; a confirmed one is used for payouts from then on',
      params: IdParams,
      body: z.object({ decision: BankChangeDecision }).strict(),
      response: { 204: NoContent, ...problems(401, 404) },
    },
    handler: async (request, reply) => {
      const userId = userIdOf(request);
      await inTenant(request, (tx, actor) => decideOwnPendingBankAccount(tx, actor, userId, request.params.id, request.body.decision));
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/bank-account-confirmations/lookup', {
    config: { access: 'public' },
    schema: {
      tags: ['me'],
      summary: 'What a mailed bank-account confirmation link asks about (for its page)',
      querystring: z.object({ token: z.string().min(10).max(300) }),
      response: { 200: BankChangeLookup, ...problems() },
    },
    handler: (request) => lookupBankChange(app.database.db, request.query.token),
  });

  r.post('/api/v1/bank-account-confirmations', {
    config: { access: 'public' },
    schema: {
      tags: ['me'],
      summary: 'Confirm or reject a bank account change by the mailed link; the link is good for one decision',
      body: BankChangeTokenBody,
      response: { 204: NoContent, ...problems() },
    },
    handler: async (request, reply) => {
      await decideBankChangeByToken(app.database.db, request.body.token, request.body.decision, { requestId: request.id, ip: request.ip ?? null });
      return reply.code(204).send(null);
    },
  });
}
