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

export type SniffedType = 'application/pdf' | 'image/png' | 'image/jpeg';

/**
 * The type a stored file (document, receipt) really is, by its first bytes — never by its name or
 * the browser's word, so an HTML page named `.pdf` or an SVG named `.png` is no document. What is
 * stored and served back is this type.
 */
export function sniffFileType(bytes: Buffer): SniffedType | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}
