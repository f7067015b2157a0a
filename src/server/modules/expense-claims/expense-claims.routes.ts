import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApproveExpenseClaimBody,
  CreateExpenseClaimBody,
  CreatePayoutBody,
  ExpenseClaim,
  ExpenseClaimDetail,
  ExpenseClaimListQuery,
  MarkPayoutPaidBody,
  Payout,
  PayoutDetail,
  PayoutListQuery,
  RejectExpenseClaimBody,
} from '../../../common/api/expense-claims.js';
import { IdParams, page } from '../../../common/api/shared.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { inTenant, principalOf } from '../../http/context.js';
import { NoContent, problems } from '../../http/responses.js';
import { placementScopeOf } from '../agreements/scope.js';
import {
  approveExpenseClaim,
  createExpenseClaim,
  getExpenseClaim,
  listExpenseClaims,
  rejectExpenseClaim,
  type ClaimScope,
  type Viewer,
} from './expense-claims.service.js';
import {
  createPayout,
  deletePayout,
  getPayout,
  listPayouts,
  markPayoutPaid,
  payoutCsvFile,
  payoutSepaXml,
  releasePayout,
} from './payouts.service.js';

async function claimScopeOf(tx: Db, request: FastifyRequest): Promise<ClaimScope> {
  const placement = await placementScopeOf(tx, request);
  return {
    all: principalOf(request).permissions.has('expense-claims:manage'),
    volunteerId: placement.volunteerId,
    userId: placement.userId,
  };
}

const viewerOf = (request: FastifyRequest): Viewer => ({ userId: principalOf(request).user?.id ?? null, locale: request.locale });

const FOUR_EYES_NOTE =
  'Four eyes on money: nobody approves a claim they submitted on a volunteer’s behalf, nor a claim of a volunteer whose bank account (in use, or waiting for her confirmation) they entered (403 FOUR_EYES). `approvalBlockedReason` tells the reader beforehand.';

const ALLOWANCE_NOTE =
  'Each claim carries `allowanceYear`: the volunteer’s flat allowance in the tax year (claims not rejected) against the tax-free volunteer allowance of § 3 Nr. 26a EStG (960 € a year from 2026; the amount per year is a network setting), with a warning from 80 % on. Only the flat allowance counts: reimbursed kilometres and tickets are expenses, not income.';

export function expenseClaimsRoutes(app: FastifyInstance, _config: Config) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['expense-claims'];

  r.get('/api/v1/expense-claims', {
    config: { access: 'expense-claims:submit' },
    schema: {
      tags,
      summary: 'Expense claims: coordinators all of the network, volunteers their own (newest first)',
      description: ALLOWANCE_NOTE,
      querystring: ExpenseClaimListQuery,
      response: { 200: page(ExpenseClaim), ...problems(401, 403) },
    },
    handler: (request) =>
      inTenant(request, async (tx, actor) => listExpenseClaims(tx, actor.networkId, await claimScopeOf(tx, request), request.query, viewerOf(request))),
  });

  r.post('/api/v1/expense-claims', {
    config: { access: 'expense-claims:submit', idempotent: true },
    schema: {
      tags,
      summary: 'Claim deployments not yet claimed (volunteers their own; coordinators on behalf of one volunteer)',
      description: `The server computes the amounts: kilometres by car at the network’s rate per kilometre (bicycle, on foot and other means get no mileage; public transport is paid through its tickets), tickets (each needs its receipt uploaded), and the network’s flat allowance per deployment or per started quarter-hour. A claim of nothing is refused. A claim beyond the tax-free limit is taken; the answer carries the warning. ${ALLOWANCE_NOTE}`,
      body: CreateExpenseClaimBody,
      response: { 201: ExpenseClaimDetail, ...problems(401, 403, 409) },
    },
    handler: async (request, reply) => {
      const claim = await inTenant(request, async (tx, actor) =>
        createExpenseClaim(tx, actor, await claimScopeOf(tx, request), request.body),
      );
      return reply.code(201).send(claim);
    },
  });

  r.get('/api/v1/expense-claims/payouts', {
    config: { access: 'expense-claims:manage' },
    schema: {
      tags,
      summary: 'Payout runs, newest first',
      querystring: PayoutListQuery,
      response: { 200: page(Payout), ...problems(401, 403) },
    },
    handler: (request) => inTenant(request, (tx, actor) => listPayouts(tx, actor.networkId, request.query)),
  });

  r.post('/api/v1/expense-claims/payouts', {
    config: { access: 'expense-claims:manage', idempotent: true },
    schema: {
      tags,
      summary:
        'Pay out approved claims (those named, or all not yet paid out) as one SEPA credit-transfer file (pain.001.001.09) from the network’s payout account',
      description:
        'One transfer per claim; the claim id is the end-to-end id. Refused with 422, writing nothing, when the network has no valid payout account, when a volunteer has no valid bank account, or when a bank account someone else entered still waits for the volunteer’s confirmation (each is named); with 403 when the caller entered one of the bank accounts. A claim goes into one payout only. A payout above the network’s `payoutSecondPersonAboveCents` waits for a second person to release it (`releasedAt` null) before its file can be downloaded or it is marked paid.',
      body: CreatePayoutBody,
      response: { 201: PayoutDetail, ...problems(401, 403, 409) },
    },
    handler: async (request, reply) => reply.code(201).send(await inTenant(request, (tx, actor) => createPayout(tx, actor, request.body))),
  });

  r.get('/api/v1/expense-claims/payouts/:id', {
    config: { access: 'expense-claims:manage' },
    schema: {
      tags,
      summary: 'One payout run with its claims',
      params: IdParams,
      response: { 200: PayoutDetail, ...problems(401, 403, 404) },
    },
    handler: (request) => inTenant(request, (tx, actor) => getPayout(tx, actor.networkId, request.params.id)),
  });

  r.get('/api/v1/expense-claims/payouts/:id/sepa.xml', {
    config: { access: 'expense-claims:manage' },
    schema: {
      tags,
      summary: 'The SEPA credit-transfer file (pain.001.001.09) as created, unchanged (the download is audited)',
      params: IdParams,
      produces: ['application/xml'],
      response: { 200: z.any().describe('The file'), ...problems(401, 403, 404, 409) },
    },
    handler: async (request, reply) => {
      const file = await inTenant(request, (tx, actor) => payoutSepaXml(tx, actor, request.params.id));
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="lotse-payout-${file.messageId}.xml"`)
        .header('cache-control', 'private, no-store')
        .send(file.xml);
    },
  });

  r.get('/api/v1/expense-claims/payouts/:id/payouts.csv', {
    config: { access: 'expense-claims:manage' },
    schema: {
      tags,
      summary: 'The payout as CSV in the reader’s language (German: decimal comma, `;` between fields); the download is audited',
      params: IdParams,
      produces: ['text/csv'],
      response: { 200: z.any().describe('The file'), ...problems(401, 403, 404, 409) },
    },
    handler: async (request, reply) => {
      const file = await inTenant(request, (tx, actor) => payoutCsvFile(tx, actor, request.params.id, request.locale));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="lotse-payout-${file.messageId}.csv"`)
        .header('cache-control', 'private, no-store')
        .send(file.csv);
    },
  });

  r.post('/api/v1/expense-claims/payouts/:id/release', {
    config: { access: 'expense-claims:manage' },
    schema: {
      tags,
      summary: 'Release a payout above the network’s threshold for the bank: a second person, not its creator, and not whoever entered one of its bank accounts',
      params: IdParams,
      body: MarkPayoutPaidBody,
      response: { 200: PayoutDetail, ...problems(401, 403, 404, 409) },
    },
    handler: (request) => inTenant(request, (tx, actor) => releasePayout(tx, actor, request.params.id)),
  });

  r.post('/api/v1/expense-claims/payouts/:id/paid', {
    config: { access: 'expense-claims:manage' },
    schema: {
      tags,
      summary: 'Mark the payout and its claims paid (after the bank executed the file); the allowance then counts in the year of payment',
      params: IdParams,
      body: MarkPayoutPaidBody,
      response: { 200: PayoutDetail, ...problems(401, 403, 404, 409) },
    },
    handler: (request) => inTenant(request, (tx, actor) => markPayoutPaid(tx, actor, request.params.id)),
  });

  r.delete('/api/v1/expense-claims/payouts/:id', {
    config: { access: 'expense-claims:manage' },
    schema: {
      tags,
      summary: 'Withdraw a payout not marked paid (the bank refused the file, an account was wrong); its claims wait for the next payout',
      params: IdParams,
      response: { 204: NoContent, ...problems(401, 403, 404, 409) },
    },
    handler: async (request, reply) => {
      await inTenant(request, (tx, actor) => deletePayout(tx, actor, request.params.id));
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/expense-claims/:id', {
    config: { access: 'expense-claims:submit' },
    schema: {
      tags,
      summary: 'One expense claim with its deployments (the read is audited)',
      description: ALLOWANCE_NOTE,
      params: IdParams,
      response: { 200: ExpenseClaimDetail, ...problems(401, 403, 404) },
    },
    handler: (request) =>
      inTenant(request, async (tx, actor) => getExpenseClaim(tx, actor, await claimScopeOf(tx, request), request.params.id, viewerOf(request))),
  });

  r.post('/api/v1/expense-claims/:id/approve', {
    config: { access: 'expense-claims:manage' },
    schema: {
      tags,
      summary: 'Approve a submitted claim (send the version you read)',
      description:
        `When the claim’s flat allowance takes the volunteer’s approved and paid total of the tax year beyond the tax-free limit, \`acknowledgeAllowanceLimit: true\` is required (else 422). ${FOUR_EYES_NOTE}`,
      params: IdParams,
      body: ApproveExpenseClaimBody,
      response: { 200: ExpenseClaimDetail, ...problems(401, 403, 404, 409) },
    },
    handler: (request) => inTenant(request, (tx, actor) => approveExpenseClaim(tx, actor, request.params.id, request.body)),
  });

  r.post('/api/v1/expense-claims/:id/reject', {
    config: { access: 'expense-claims:manage' },
    schema: {
      tags,
      summary: 'Reject a submitted claim with a reason the volunteer reads; its deployments can be changed and claimed again',
      params: IdParams,
      body: RejectExpenseClaimBody,
      response: { 200: ExpenseClaimDetail, ...problems(401, 403, 404, 409) },
    },
    handler: (request) => inTenant(request, (tx, actor) => rejectExpenseClaim(tx, actor, request.params.id, request.body)),
  });
}
