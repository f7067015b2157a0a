import type { FastifyRequest } from 'fastify';
import { DomainError, invalidFields } from './problems.js';

export interface Upload {
  filename: string;
  content: Buffer;
  /** The form's other (text) fields. */
  fields: Record<string, string>;
}

/**
 * Reads a multipart body with one file in the field `file`. Over `maxBytes`, Fastify's multipart
 * plugin raises a 413, which the error handler answers as a problem.
 */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 415, 'unsupported-media-type', 'unsupportedMediaType');
  let file: { filename: string; content: Buffer } | undefined;
  const fields: Record<string, string> = {};
  for await (const part of request.parts({ limits: { fileSize: maxBytes } })) {
    if (part.type === 'file') {
      const content = await part.toBuffer();
      if (part.fieldname === 'file') file = { filename: part.filename, content };
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  if (!file || file.content.length === 0) throw invalidFields([{ path: 'body.file', key: 'required' }]);
  return { ...file, fields };
}
