import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CatalogEntry, CatalogEntryParams, CatalogParams, CreateCatalogEntryBody, UpdateCatalogEntryBody } from '../../../common/api/catalog.js';
import { page } from '../../../common/api/shared.js';
import { inTenant } from '../../http/context.js';
import { NoContent, problems } from '../../http/responses.js';
import { createCatalogEntry, deleteCatalogEntry, getCatalogEntry, listCatalog, updateCatalogEntry } from './catalog.service.js';

const CatalogListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  cursor: z.string().max(500).optional(),
  q: z.string().trim().max(200).optional(),
  parentKey: z.string().max(63).optional(),
});

export function catalogRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['catalog'];

  r.get('/api/v1/catalog/:kind', {
    config: { access: 'catalog:read' },
    schema: { tags, summary: 'A catalogue of the network (specialisations, topics, districts), by German name; `label` in the reader’s language; `q` searches every language', params: CatalogParams, querystring: CatalogListQuery, response: { 200: page(CatalogEntry), ...problems(401, 403) } },
    handler: (request) => inTenant(request, (tx, actor) => listCatalog(tx, actor.networkId, request.params.kind, request.query, request.locale)),
  });

  r.get('/api/v1/catalog/:kind/:key', {
    config: { access: 'catalog:read' },
    schema: { tags, summary: 'One entry, with its names in every language', params: CatalogEntryParams, response: { 200: CatalogEntry, ...problems(401, 403, 404) } },
    handler: (request) => inTenant(request, (tx, actor) => getCatalogEntry(tx, actor.networkId, request.params.kind, request.params.key, request.locale)),
  });

  r.post('/api/v1/catalog/:kind', {
    config: { access: 'catalog:manage', idempotent: true },
    schema: { tags, summary: 'Add an entry with a stable key', params: CatalogParams, body: CreateCatalogEntryBody, response: { 201: CatalogEntry, ...problems(401, 403, 409) } },
    handler: async (request, reply) =>
      reply.code(201).send(await inTenant(request, (tx, actor) => createCatalogEntry(tx, actor, request.params.kind, request.body, request.locale))),
  });

  r.patch('/api/v1/catalog/:kind/:key', {
    config: { access: 'catalog:manage' },
    schema: { tags, summary: 'Rename or move an entry, or replace its names in other languages (its key stays)', params: CatalogEntryParams, body: UpdateCatalogEntryBody, response: { 200: CatalogEntry, ...problems(401, 403, 404, 409) } },
    handler: (request) => inTenant(request, (tx, actor) => updateCatalogEntry(tx, actor, request.params.kind, request.params.key, request.body, request.locale)),
  });

  r.delete('/api/v1/catalog/:kind/:key', {
    config: { access: 'catalog:manage' },
    schema: { tags, summary: 'Remove an entry nobody refers to', params: CatalogEntryParams, response: { 204: NoContent, ...problems(401, 403, 404, 409) } },
    handler: async (request, reply) => {
      await inTenant(request, (tx, actor) => deleteCatalogEntry(tx, actor, request.params.kind, request.params.key));
      return reply.code(204).send(null);
    },
  });
}
