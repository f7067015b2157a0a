import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ConfirmDeploymentBody,
  CreateDeploymentBody,
  Deployment,
  DeploymentListQuery,
  Receipt,
  UpdateDeploymentBody,
} from '../../../common/api/deployments.js';
import { IdParams, page } from '../../../common/api/shared.js';
import type { Config } from '../../config.js';
import { inTenant } from '../../http/context.js';
import { NoContent, problems } from '../../http/responses.js';
import { readUpload } from '../../http/uploads.js';
import { placementScopeOf } from '../agreements/scope.js';
import {
  addReceipt,
  confirmDeployment,
  createDeployment,
  deleteDeployment,
  getDeployment,
  listDeployments,
  MAX_RECEIPT_BYTES,
  readReceipt,
  updateDeployment,
} from './deployments.service.js';

export function deploymentsRoutes(app: FastifyInstance, _config: Config) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['deployments'];

  r.get('/api/v1/deployments', {
    config: { access: 'agreements:read' },
    schema: {
      tags,
      summary:
        'Deployments: coordinators all of the network, institutions those under their agreements, volunteers their own (newest first)',
      querystring: DeploymentListQuery,
      response: { 200: page(Deployment), ...problems(401, 403) },
    },
    handler: (request) =>
      inTenant(request, async (tx, actor) => listDeployments(tx, actor.networkId, await placementScopeOf(tx, request), request.query)),
  });

  r.post('/api/v1/deployments', {
    config: { access: 'deployments:log', idempotent: true },
    schema: {
      tags,
      summary:
        'Log a deployment under an agreement (volunteers their own, coordinators anyone’s): date (not in the future, not before the agreement’s start; the agreement active or closed less than 30 days ago), hours in quarter-hours, km with one decimal and the means of transport, a ticket in cents, a short note without sensitive details',
      body: CreateDeploymentBody,
      response: { 201: Deployment, ...problems(401, 403, 404) },
    },
    handler: async (request, reply) => {
      const deployment = await inTenant(request, async (tx, actor) =>
        createDeployment(tx, actor, await placementScopeOf(tx, request), request.body),
      );
      return reply.code(201).send(deployment);
    },
  });

  r.get('/api/v1/deployments/:id', {
    config: { access: 'agreements:read' },
    schema: {
      tags,
      summary: 'One deployment (the read is audited)',
      params: IdParams,
      response: { 200: Deployment, ...problems(401, 403, 404) },
    },
    handler: (request) =>
      inTenant(request, async (tx, actor) => getDeployment(tx, actor, await placementScopeOf(tx, request), request.params.id)),
  });

  r.patch('/api/v1/deployments/:id', {
    config: { access: 'deployments:log' },
    schema: {
      tags,
      summary:
        'Change a deployment while it is not claimed (send the version you read); changing what was confirmed takes the confirmation back',
      params: IdParams,
      body: UpdateDeploymentBody,
      response: { 200: Deployment, ...problems(401, 403, 404, 409) },
    },
    handler: (request) =>
      inTenant(request, async (tx, actor) =>
        updateDeployment(tx, actor, await placementScopeOf(tx, request), request.params.id, request.body),
      ),
  });

  r.delete('/api/v1/deployments/:id', {
    config: { access: 'deployments:log' },
    schema: {
      tags,
      summary: 'Delete a deployment while it is not claimed',
      params: IdParams,
      response: { 204: NoContent, ...problems(401, 403, 404, 409) },
    },
    handler: async (request, reply) => {
      await inTenant(request, async (tx, actor) => deleteDeployment(tx, actor, await placementScopeOf(tx, request), request.params.id));
      return reply.code(204).send(null);
    },
  });

  r.post('/api/v1/deployments/:id/confirm', {
    config: { access: 'deployments:confirm' },
    schema: {
      tags,
      summary:
        'Confirm that the deployment took place as logged (the institution of the agreement, or the coordination); records who and when',
      params: IdParams,
      body: ConfirmDeploymentBody,
      response: { 200: Deployment, ...problems(401, 403, 404, 409) },
    },
    handler: (request) =>
      inTenant(request, async (tx, actor) =>
        confirmDeployment(tx, actor, await placementScopeOf(tx, request), request.params.id, request.body),
      ),
  });

  r.post('/api/v1/deployments/:id/receipt', {
    config: { access: 'deployments:log', idempotent: true },
    schema: {
      tags,
      summary:
        'Upload the ticket receipt (PDF, PNG or JPEG, checked by content; at most 10 MB) as multipart field `file`; replaces an earlier one while the deployment is not claimed',
      params: IdParams,
      consumes: ['multipart/form-data'],
      response: { 201: Receipt, ...problems(401, 403, 404, 409, 413, 415) },
    },
    handler: async (request, reply) => {
      const file = await readUpload(request, MAX_RECEIPT_BYTES);
      const receipt = await inTenant(request, async (tx, actor) =>
        addReceipt(tx, actor, await placementScopeOf(tx, request), request.params.id, file),
      );
      return reply.code(201).send(receipt);
    },
  });

  r.get('/api/v1/deployments/:id/receipt', {
    config: { access: 'deployments:log' },
    schema: {
      tags,
      summary: 'Download the ticket receipt (volunteer and coordination; the read is audited)',
      params: IdParams,
      response: { 200: z.any().describe('The file'), ...problems(401, 403, 404) },
    },
    handler: async (request, reply) => {
      const receipt = await inTenant(request, async (tx, actor) =>
        readReceipt(tx, actor, await placementScopeOf(tx, request), request.params.id),
      );
      return reply
        .type(receipt.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(receipt.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(receipt.content);
    },
  });
}
