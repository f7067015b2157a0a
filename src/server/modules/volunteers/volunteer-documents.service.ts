import { and, desc, eq } from 'drizzle-orm';
import type { VolunteerDocument } from '../../../common/api/volunteer-extras.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { DomainError, notFound } from '../../http/problems.js';
import { sniffFileType } from '../../http/uploads.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { users } from '../users/users.table.js';
import { volunteerDocuments } from './volunteers.table.js';
import { volunteerNames } from './volunteers.service.js';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const unsupported = () => new DomainError('DOCUMENT_TYPE_UNSUPPORTED', 415, 'document-type-unsupported', 'documentTypeUnsupported');

async function assertVolunteer(tx: Db, networkId: string, volunteerId: string) {
  if (!(await volunteerNames(tx, networkId, [volunteerId])).size) throw notFound('volunteer');
}

export async function addDocument(tx: Db, actor: Actor, volunteerId: string, file: { filename: string; content: Buffer }): Promise<VolunteerDocument> {
  await assertVolunteer(tx, actor.networkId, volunteerId);
  const contentType = sniffFileType(file.content);
  if (!contentType) throw unsupported();
  const id = newId();
  const filename = file.filename.replace(/[\\/]/g, '_').replace(/\p{Cc}/gu, '_').slice(0, 200) || 'document';
  const [row] = await tx
    .insert(volunteerDocuments)
    .values({ networkId: actor.networkId, id, volunteerId, filename, contentType, size: file.content.length, content: file.content, uploadedBy: actor.type === 'user' ? actor.id : null })
    .returning({ uploadedAt: volunteerDocuments.uploadedAt });
  await recordAudit(tx, actor, { action: 'create', entity: 'volunteer_document', entityId: id, fields: ['volunteerId', 'filename', 'contentType'] });
  return { id, filename, contentType, size: file.content.length, uploadedAt: row!.uploadedAt.toISOString(), uploadedByName: null };
}

export async function listDocuments(tx: Db, networkId: string, volunteerId: string): Promise<VolunteerDocument[]> {
  await assertVolunteer(tx, networkId, volunteerId);
  const rows = await tx
    .select({
      id: volunteerDocuments.id,
      filename: volunteerDocuments.filename,
      contentType: volunteerDocuments.contentType,
      size: volunteerDocuments.size,
      uploadedAt: volunteerDocuments.uploadedAt,
      uploadedByName: users.name,
    })
    .from(volunteerDocuments)
    .leftJoin(users, and(eq(users.networkId, volunteerDocuments.networkId), eq(users.id, volunteerDocuments.uploadedBy)))
    .where(and(eq(volunteerDocuments.networkId, networkId), eq(volunteerDocuments.volunteerId, volunteerId)))
    .orderBy(desc(volunteerDocuments.uploadedAt));
  return rows.map((r) => ({ ...r, uploadedAt: r.uploadedAt.toISOString() }));
}

/** The file itself; reading it is audited like reading the profile. */
export async function readDocument(tx: Db, actor: Actor, volunteerId: string, documentId: string) {
  const [row] = await tx
    .select()
    .from(volunteerDocuments)
    .where(and(eq(volunteerDocuments.networkId, actor.networkId), eq(volunteerDocuments.volunteerId, volunteerId), eq(volunteerDocuments.id, documentId)));
  if (!row) throw notFound('document');
  await recordAudit(tx, actor, { action: 'read', entity: 'volunteer_document', entityId: documentId });
  return row;
}

export async function deleteDocument(tx: Db, actor: Actor, volunteerId: string, documentId: string): Promise<void> {
  const deleted = await tx
    .delete(volunteerDocuments)
    .where(and(eq(volunteerDocuments.networkId, actor.networkId), eq(volunteerDocuments.volunteerId, volunteerId), eq(volunteerDocuments.id, documentId)))
    .returning({ id: volunteerDocuments.id });
  if (!deleted.length) throw notFound('document');
  await recordAudit(tx, actor, { action: 'delete', entity: 'volunteer_document', entityId: documentId });
}
