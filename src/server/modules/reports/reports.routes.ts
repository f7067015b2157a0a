import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ReportSummary } from '../../../common/api/reports.js';
import { inTenant } from '../../http/context.js';
import { problems } from '../../http/responses.js';
import { reportSummary } from './reports.service.js';

export function reportsRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/reports/summary', {
    config: { access: 'reports:read' },
    schema: {
      tags: ['reports'],
      summary: 'The network’s live figures (active volunteers, requests placed and hours deployed this year, agreements running); counts below 5 are left out',
      response: { 200: ReportSummary, ...problems(401, 403) },
    },
    handler: (request) => inTenant(request, (tx, actor) => reportSummary(tx, actor.networkId)),
  });
}
