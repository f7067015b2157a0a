import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ImportOptions, ImportReport, MAX_IMPORT_ROWS } from '../../../common/api/volunteer-imports.js';
import type { Locale } from '../../../common/locales.js';
import { inTenant, principalOf } from '../../http/context.js';
import { DomainError, fieldErrorOf, invalidFields, type FieldError } from '../../http/problems.js';
import { problems } from '../../http/responses.js';
import { t } from '../../i18n.js';
import { headerScore } from './mapping.js';
import { readSpreadsheet, UnreadableFileError } from './parse.js';
import type { RowProblem } from './rows.js';
import { importVolunteers, type ImportOutcome } from './volunteer-imports.service.js';

const unsupportedMediaType = () => new DomainError('UNSUPPORTED_MEDIA_TYPE', 415, 'unsupported-media-type', 'unsupportedMediaType');

/** The multipart body: one `file` part and the option fields, checked like any other body. */
async function readUpload(request: FastifyRequest): Promise<{ file: Buffer; options: ImportOptions }> {
  if (!request.isMultipart()) throw unsupportedMediaType();
  let file: Buffer | undefined;
  const fields: Record<string, unknown> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const content = await part.toBuffer();
      if (part.fieldname === 'file') file = content;
      else fields[part.fieldname] = content;
    } else {
      fields[part.fieldname] = part.value;
    }
  }
  const errors: FieldError[] = [];
  for (const name of ['mapping', 'choices'] as const) {
    if (typeof fields[name] !== 'string') continue;
    try {
      fields[name] = JSON.parse(fields[name]) as unknown;
    } catch {
      errors.push({ path: `body.${name}`, key: 'invalidJson' });
      delete fields[name];
    }
  }
  const parsed = ImportOptions.safeParse(fields);
  if (!parsed.success) errors.push(...parsed.error.issues.flatMap((issue) => fieldErrorOf(issue as Parameters<typeof fieldErrorOf>[0], 'body')));
  if (!file) errors.push({ path: 'body.file', key: 'required' });
  if (errors.length || !parsed.success || !file) throw invalidFields(errors);
  return { file, options: parsed.data };
}

const languageNames = new Map<Locale, Intl.DisplayNames>();
function languageName(locale: Locale, code: string): string {
  let names = languageNames.get(locale);
  if (!names) languageNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' })));
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** A problem's values in the reader's words: language names, status and level labels. */
function wordValues(locale: Locale, values: RowProblem['values']): RowProblem['values'] {
  if (!values) return values;
  const out = { ...values };
  if (typeof out.language === 'string') out.language = languageName(locale, out.language);
  if (typeof out.status === 'string') out.status = t(locale, `volunteers.status.${out.status}`);
  if (out.level === 'native' || out.level === 'unknown') out.level = t(locale, `volunteers.levels.${out.level}`);
  if (typeof out.precision === 'string') out.precision = t(locale, `validation.importDatePrecision.${out.precision}`);
  return out;
}

function present(outcome: ImportOutcome, locale: Locale): ImportReport {
  return {
    ...outcome,
    rows: outcome.rows.map((r) => ({
      ...r,
      problems: r.problems.map((p) => ({
        field: p.field,
        ...(p.column ? { column: p.column } : {}),
        message: t(locale, `validation.${p.key}`, wordValues(locale, p.values)),
        severity: p.severity,
      })),
    })),
  };
}

export function volunteerImportsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/volunteers/import', {
    config: { access: 'volunteers:manage' },
    schema: {
      tags: ['volunteers'],
      summary:
        'Import the pool from a spreadsheet (CSV or XLSX; multipart: `file`, `dryRun`, `mapping`, `onDuplicate`, `rememberMapping`, `headerRow`, `choices`): a report per row; without dryRun, all valid rows in one transaction',
      consumes: ['multipart/form-data'],
      response: { 200: ImportReport, ...problems(401, 403, 409, 413, 415) },
    },
    handler: async (request) => {
      const { file, options } = await readUpload(request);
      let sheet;
      try {
        sheet = await readSpreadsheet(file, { maxRows: MAX_IMPORT_ROWS, headerRow: options.headerRow, score: (cells) => headerScore(cells) });
      } catch (error) {
        if (error instanceof UnreadableFileError) {
          throw new DomainError('IMPORT_FILE_UNREADABLE', 422, 'import-file-unreadable', 'importFileUnreadable', { reason: error.reason, max: error.max ?? MAX_IMPORT_ROWS, row: error.row ?? 0 });
        }
        throw error;
      }
      const p = principalOf(request).permissions;
      const visibility = { origins: p.has('volunteers:origins'), notes: p.has('volunteers:manage'), bank: p.has('volunteers:manage') };
      const outcome = await inTenant(request, (tx, actor) => importVolunteers(tx, actor, sheet, options, visibility));
      return present(outcome, request.locale);
    },
  });
}
