import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { negotiateLocale, type Locale } from '../../common/locales.js';
import { hasMessage, t, type MessageValues } from '../i18n.js';

export const PROBLEM_BASE = 'https://lotse.dev/problems/';

export interface FieldError {
  path: string;
  /** Catalogue key under `validation.` plus values. */
  key: string;
  values?: MessageValues;
}

/**
 * A domain error: a literal code, an HTTP status and a catalogue key. Services throw these; one
 * handler turns them into problem+json in the reader's language. Messages never carry values of
 * sensitive fields.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly slug: string,
    readonly messageKey: string,
    readonly values: MessageValues = {},
    readonly fieldErrors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

export type EntityName = 'organization' | 'user' | 'invitation' | 'apiToken' | 'network' | 'catalogEntry' | 'volunteer' | 'document' | 'record' | 'course' | 'courseRun' | 'courseSession' | 'enrollment' | 'certificate' | 'guideRequest' | 'proposal' | 'agreement' | 'deployment' | 'receipt' | 'expenseClaim' | 'payout';

export const notFound = (entity: EntityName) =>
  new DomainError(`${entityCode(entity)}_NOT_FOUND`, 404, 'not-found', 'notFound', { entityKey: entity });
export const staleVersion = (entity: EntityName) =>
  new DomainError(`${entityCode(entity)}_VERSION_CONFLICT`, 409, 'conflict', 'conflict', { entityKey: entity });
export const forbidden = () => new DomainError('FORBIDDEN', 403, 'forbidden', 'forbidden');
export const unauthenticated = () => new DomainError('UNAUTHENTICATED', 401, 'unauthenticated', 'unauthenticated');
export const invalidFields = (errors: FieldError[]) =>
  new DomainError('VALIDATION_FAILED', 422, 'validation', 'validation', {}, errors);

function entityCode(entity: EntityName): string {
  return entity.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  instance?: string;
  errors?: { path: string; message: string }[];
}

function localise(locale: Locale, key: string, values: MessageValues): { title: string; detail: string } {
  const v: MessageValues = { ...values };
  if (typeof v.entityKey === 'string') v.entity = t(locale, `entities.${v.entityKey}`);
  // Values named `…Message` are catalogue keys themselves (a status name, say): worded here too.
  for (const [name, value] of Object.entries(values)) {
    if (name.endsWith('Message') && typeof value === 'string') v[name.slice(0, -'Message'.length)] = t(locale, value);
  }
  return { title: t(locale, `problems.${key}.title`, v), detail: t(locale, `problems.${key}.detail`, v) };
}

export function problemFor(error: DomainError, locale: Locale): ProblemBody {
  const { title, detail } = localise(locale, error.messageKey, error.values);
  const body: ProblemBody = { type: PROBLEM_BASE + error.slug, title, status: error.status, detail, code: error.code };
  if (error.fieldErrors.length) {
    body.errors = error.fieldErrors.map((f) => ({ path: f.path, message: t(locale, `validation.${f.key}`, f.values) }));
  }
  return body;
}

export function sendProblem(reply: FastifyReply, locale: Locale, error: DomainError) {
  for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
  return reply.code(error.status).type('application/problem+json').send(problemFor(error, locale));
}

interface ZodIssueLike {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  format?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  input?: unknown;
  keys?: string[];
  expected?: string;
}

/** Maps a Zod issue to a catalogue key, so field messages come out in the reader's language. */
export function fieldErrorOf(issue: ZodIssueLike, prefix: string): FieldError[] {
  const base = [prefix, ...(issue.path ?? []).map(String)].filter(Boolean).join('.');
  const num = (n: number | bigint | undefined) => Number(n ?? 0);
  // Schemas may name a catalogue message of their own (e.g. `{ message: 'passwordWeak' }`).
  // Such a message may name the limit it enforces ({minimum}, {maximum}), as written (a year, no grouping).
  if (issue.message && hasMessage('de', `validation.${issue.message}`)) {
    const values: Record<string, string> = {};
    if (issue.minimum !== undefined) values.minimum = String(issue.minimum);
    if (issue.maximum !== undefined) values.maximum = String(issue.maximum);
    return [{ path: base, key: issue.message, ...(Object.keys(values).length ? { values } : {}) }];
  }
  switch (issue.code) {
    case 'invalid_type':
      return [{ path: base, key: /received undefined/.test(issue.message ?? '') ? 'required' : 'invalidType' }];
    case 'too_small':
      return [
        issue.origin === 'string'
          ? num(issue.minimum) <= 1
            ? { path: base, key: 'required' }
            : { path: base, key: 'tooShort', values: { minimum: num(issue.minimum) } }
          : { path: base, key: 'tooSmall', values: { minimum: num(issue.minimum) } },
      ];
    case 'too_big':
      return [
        issue.origin === 'string'
          ? { path: base, key: 'tooLong', values: { maximum: num(issue.maximum) } }
          : { path: base, key: 'tooBig', values: { maximum: num(issue.maximum) } },
      ];
    case 'invalid_format':
      if (issue.format === 'email') return [{ path: base, key: 'invalidEmail' }];
      if (issue.format === 'uuid') return [{ path: base, key: 'invalidUuid' }];
      if (issue.format === 'datetime' || issue.format === 'date') return [{ path: base, key: 'invalidDate' }];
      return [{ path: base, key: 'invalidType' }];
    case 'invalid_value':
      return [{ path: base, key: 'invalidEnum' }];
    case 'unrecognized_keys':
      return (issue.keys ?? []).map((k) => ({ path: [base, k].filter(Boolean).join('.'), key: 'unknownKey' }));
    default:
      return [{ path: base, key: 'invalidType' }];
  }
}

/** The one error handler: every error leaves as problem+json; internals never reach a client. */
export function registerProblemHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = request.locale;
    if (error instanceof DomainError) return sendProblem(reply, locale, error);

    if (hasZodFastifySchemaValidationErrors(error)) {
      const prefix = error.validationContext ?? '';
      const fields = error.validation.flatMap((v) =>
        fieldErrorOf(
          { ...(v.params as ZodIssueLike), code: v.keyword, message: v.message, path: v.instancePath.split('/').filter(Boolean) },
          prefix,
        ),
      );
      return sendProblem(reply, locale, invalidFields(fields));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return sendProblem(reply, locale, internalError(request.id));
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return sendProblem(reply, locale, new DomainError('PAYLOAD_TOO_LARGE', 413, 'payload-too-large', 'payloadTooLarge'));
    if (status === 415) return sendProblem(reply, locale, new DomainError('UNSUPPORTED_MEDIA_TYPE', 415, 'unsupported-media-type', 'unsupportedMediaType'));
    if (status === 429) return sendProblem(reply, locale, new DomainError('RATE_LIMITED', 429, 'rate-limited', 'rateLimited', { minutes: 1 }));
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: unparsable JSON, empty body with a JSON content type, …
      const reason = error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/i.test(error.message)
        ? 'JSON'
        : error.code ?? 'request';
      return sendProblem(reply, locale, new DomainError('MALFORMED_REQUEST', 400, 'malformed', 'malformed', { reason }));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, locale, internalError(request.id));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request.locale, new DomainError('ROUTE_NOT_FOUND', 404, 'not-found', 'routeNotFound')),
  );
}

/**
 * Errors Fastify's router meets before any hook runs — a path parameter over `maxParamLength`, a
 * URL that does not decode — answered like every other error rather than in Fastify's own JSON.
 */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const locale = negotiateLocale(request.headers['accept-language']);
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendProblem(reply, locale, new DomainError('URI_TOO_LONG', 414, 'uri-too-long', 'uriTooLong'));
  if (error.code === 'FST_ERR_BAD_URL') return sendProblem(reply, locale, new DomainError('MALFORMED_REQUEST', 400, 'malformed', 'malformed', { reason: 'URL' }));
  request.log.error({ err: error }, 'router error');
  return sendProblem(reply, locale, internalError(request.id));
}

export function internalError(requestId: string) {
  return new DomainError('INTERNAL', 500, 'internal', 'internal', { requestId });
}
