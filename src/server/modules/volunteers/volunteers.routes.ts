import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id, IdParams, page } from '../../../common/api/shared.js';
import { Invitation } from '../../../common/api/users.js';
import type { Config } from '../../config.js';
import { invitePortalAccount } from '../invitations/invitations.service.js';
import { CreateVolunteerBody, UpdateOwnVolunteerBody, UpdateVolunteerBody, VolunteerDetail, VolunteerListQuery, VolunteerSummary } from '../../../common/api/volunteers.js';
import { inTenant, principalOf, userIdOf } from '../../http/context.js';
import { NoContent, problems } from '../../http/responses.js';
import { readUpload } from '../../http/uploads.js';
import { CreateSavedFilterBody, DocumentParams, SavedFilter, VolunteerDocument } from '../../../common/api/volunteer-extras.js';
import { addDocument, deleteDocument, listDocuments, MAX_DOCUMENT_BYTES, readDocument } from './volunteer-documents.service.js';
import { deleteSavedFilter, listSavedFilters, saveFilter } from './saved-filters.service.js';
import { volunteersCsv, volunteersXlsx } from './volunteers.export.js';
import { exportVolunteers, listVolunteers } from './volunteer-pool.service.js';
import { createVolunteer, getOwnVolunteer, getVolunteer, updateOwnVolunteer, updateVolunteer, type Visibility } from './volunteers.service.js';

const EXPORT_MAX = 100_000;

function visibilityOf(request: FastifyRequest): Visibility {
  const p = principalOf(request).permissions;
  return { origins: p.has('volunteers:origins'), notes: p.has('volunteers:manage'), bank: p.has('volunteers:manage') };
}

export function volunteersRoutes(app: FastifyInstance, config: Config) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['volunteers'];

  r.get('/api/v1/volunteers', {
    config: { access: 'volunteers:read' },
    schema: {
      tags,
      summary:
        'The volunteer pool as the list shows it, filtered (language and minimum level, district with its quarters, specialisation, topic, status, weekday and time, free capacity, full text); the full record comes from GET /api/v1/volunteers/{id}. The read is audited (filters by name, count)',
      querystring: VolunteerListQuery,
      response: { 200: page(VolunteerSummary), ...problems(401, 403) },
    },
    handler: (request) => inTenant(request, (tx, actor) => listVolunteers(tx, actor, request.query)),
  });

  r.get('/api/v1/volunteers/export', {
    config: { access: 'volunteers:export' },
    schema: {
      tags,
      summary: 'The filtered pool as XLSX or CSV (the export is audited)',
      querystring: VolunteerListQuery.omit({ limit: true, cursor: true }).extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
      response: { 200: z.any().describe('The file'), ...problems(401, 403) },
    },
    handler: async (request, reply) => {
      const { format, ...query } = request.query;
      const visibility = visibilityOf(request);
      const { rows, names } = await inTenant(request, (tx, actor) => exportVolunteers(tx, actor, query, format, visibility, EXPORT_MAX));
      const stamp = new Date().toISOString().slice(0, 10);
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="lotse-volunteers-${stamp}.csv"`)
          .send(volunteersCsv(rows, request.locale, visibility.origins, names));
      }
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="lotse-volunteers-${stamp}.xlsx"`)
        .send(await volunteersXlsx(rows, request.locale, visibility.origins, names));
    },
  });

  r.post('/api/v1/volunteers', {
    config: { access: 'volunteers:manage', idempotent: true },
    schema: { tags, summary: 'Add a volunteer in any status, earlier qualifications included', body: CreateVolunteerBody, response: { 201: VolunteerDetail, ...problems(401, 403) } },
    handler: async (request, reply) => reply.code(201).send(await inTenant(request, (tx, actor) => createVolunteer(tx, actor, request.body, visibilityOf(request), config.publicUrl))),
  });

  r.get('/api/v1/volunteers/:id', {
    config: { access: 'volunteers:read' },
    schema: { tags, summary: 'One volunteer’s full profile with status history (the read is audited)', params: IdParams, response: { 200: VolunteerDetail, ...problems(401, 403, 404) } },
    handler: (request) => inTenant(request, (tx, actor) => getVolunteer(tx, actor, request.params.id, visibilityOf(request))),
  });

  r.patch('/api/v1/volunteers/:id', {
    config: { access: 'volunteers:manage' },
    schema: { tags, summary: 'Change a profile (send the version you read); lists given replace the stored ones', params: IdParams, body: UpdateVolunteerBody, response: { 200: VolunteerDetail, ...problems(401, 403, 404, 409) } },
    handler: (request) => inTenant(request, (tx, actor) => updateVolunteer(tx, actor, request.params.id, request.body, visibilityOf(request), config.publicUrl)),
  });

  r.post('/api/v1/volunteers/:id/portal-invitation', {
    config: { access: 'volunteers:manage', idempotent: true },
    schema: {
      tags,
      summary: 'Invite the volunteer to the portal (an account linked to this profile); replaces a pending invitation',
      params: IdParams,
      body: z.object({ organizationId: Id.optional() }).strict(),
      response: { 201: Invitation, ...problems(401, 403, 404, 409) },
    },
    handler: async (request, reply) => {
      const invitation = await inTenant(request, (tx, actor) => invitePortalAccount(tx, actor, request.params.id, request.body.organizationId, config.publicUrl));
      app.mail.kick();
      return reply.code(201).send(invitation);
    },
  });

  r.get('/api/v1/volunteers/saved-filters', {
    config: { access: 'volunteers:read' },
    schema: { tags, summary: 'The signed-in person’s saved pool filters', response: { 200: z.object({ items: z.array(SavedFilter) }), ...problems(401, 403) } },
    handler: async (request) => {
      const userId = userIdOf(request);
      return { items: await inTenant(request, (tx, actor) => listSavedFilters(tx, actor.networkId, userId)) };
    },
  });

  r.post('/api/v1/volunteers/saved-filters', {
    config: { access: 'volunteers:read', idempotent: true },
    schema: { tags, summary: 'Save the current pool filter under a name', body: CreateSavedFilterBody, response: { 201: SavedFilter, ...problems(401, 403, 409) } },
    handler: async (request, reply) => {
      const userId = userIdOf(request);
      return reply.code(201).send(await inTenant(request, (tx, actor) => saveFilter(tx, actor.networkId, userId, request.body)));
    },
  });

  r.delete('/api/v1/volunteers/saved-filters/:id', {
    config: { access: 'volunteers:read' },
    schema: { tags, summary: 'Delete a saved filter', params: IdParams, response: { 204: NoContent, ...problems(401, 403, 404) } },
    handler: async (request, reply) => {
      const userId = userIdOf(request);
      await inTenant(request, (tx, actor) => deleteSavedFilter(tx, actor.networkId, userId, request.params.id));
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/volunteers/:id/documents', {
    config: { access: 'volunteers:read' },
    schema: { tags, summary: 'A volunteer’s documents (without their content)', params: IdParams, response: { 200: z.object({ items: z.array(VolunteerDocument) }), ...problems(401, 403, 404) } },
    handler: async (request) => ({ items: await inTenant(request, (tx, actor) => listDocuments(tx, actor.networkId, request.params.id)) }),
  });

  r.post('/api/v1/volunteers/:id/documents', {
    config: { access: 'volunteers:manage', idempotent: true },
    schema: {
      tags,
      summary: 'Upload a document (PDF, PNG or JPEG, checked by content; at most 10 MB) as multipart field `file`',
      params: IdParams,
      consumes: ['multipart/form-data'],
      response: { 201: VolunteerDocument, ...problems(401, 403, 404, 413, 415) },
    },
    handler: async (request, reply) => {
      const file = await readUpload(request, MAX_DOCUMENT_BYTES);
      const document = await inTenant(request, (tx, actor) => addDocument(tx, actor, request.params.id, file));
      return reply.code(201).send(document);
    },
  });

  r.get('/api/v1/volunteers/:id/documents/:documentId', {
    config: { access: 'volunteers:read' },
    schema: { tags, summary: 'Download a document (the read is audited)', params: DocumentParams, response: { 200: z.any().describe('The file'), ...problems(401, 403, 404) } },
    handler: async (request, reply) => {
      const doc = await inTenant(request, (tx, actor) => readDocument(tx, actor, request.params.id, request.params.documentId));
      return reply
        .type(doc.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(doc.content);
    },
  });

  r.delete('/api/v1/volunteers/:id/documents/:documentId', {
    config: { access: 'volunteers:manage' },
    schema: { tags, summary: 'Delete a document', params: DocumentParams, response: { 204: NoContent, ...problems(401, 403, 404) } },
    handler: async (request, reply) => {
      await inTenant(request, (tx, actor) => deleteDocument(tx, actor, request.params.id, request.params.documentId));
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/me/volunteer', {
    config: { access: 'authenticated' },
    schema: { tags: ['me'], summary: 'The signed-in volunteer’s own profile (portal)', response: { 200: VolunteerDetail, ...problems(401, 404) } },
    handler: (request) => {
      const userId = userIdOf(request);
      return inTenant(request, (tx, actor) => getOwnVolunteer(tx, actor.networkId, userId));
    },
  });

  r.patch('/api/v1/me/volunteer', {
    config: { access: 'authenticated' },
    schema: { tags: ['me'], summary: 'Change what is one’s own: contact, languages, availability, absences, interests', body: UpdateOwnVolunteerBody, response: { 200: VolunteerDetail, ...problems(401, 404, 409) } },
    handler: (request) => {
      const userId = userIdOf(request);
      return inTenant(request, (tx, actor) => updateOwnVolunteer(tx, actor, userId, request.body));
    },
  });
}
