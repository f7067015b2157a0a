import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler, preHandlerHookHandler, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { Problem } from '../../common/api/shared.js';
import { withTenant } from '../db/tenancy.js';
import { claimKey, completeKey, fingerprintOf, releaseKey, type IdempotencyScope } from '../modules/idempotency/idempotency.service.js';
import { networkIdBySlug } from '../modules/networks/networks.service.js';
import { DomainError, sendProblem } from './problems.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Whether the operation accepts an `Idempotency-Key` header (docs/decisions/0010-idempotency.md).
     * Every POST that answers 201 Created must say so, either way.
     */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency: { scope: IdempotencyScope; claimToken: string } | null;
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';

/** Printable ASCII without space or controls (RFC 9110 token characters and more), 1–255 of them. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

const IdempotencyHeaders = z.looseObject({
  [IDEMPOTENCY_HEADER]: z
    .string()
    .regex(KEY_PATTERN, { message: 'idempotencyKey' })
    .optional()
    .describe(
      'Makes the request safe to repeat: a repeat with the same key (same caller, same operation) within 24 hours creates nothing and answers the first result with `Idempotent-Replayed: true`. 1–255 visible ASCII characters, e.g. a UUID. The same key with a different body answers 422 `idempotency-key-reused`; while the first is still running, a repeat waits for it and then answers 409 `idempotency-key-in-progress` with `Retry-After`.',
    ),
});

/** How long a repeat waits for the first request under its key before it answers 409. */
const WAIT_MS = 5_000;

const reusedKey = () => new DomainError('IDEMPOTENCY_KEY_REUSED', 422, 'idempotency-key-reused', 'idempotencyKeyReused');
const keyInProgress = () => new DomainError('IDEMPOTENCY_KEY_IN_PROGRESS', 409, 'idempotency-key-in-progress', 'idempotencyKeyInProgress', {}, [], { 'retry-after': '1' });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Idempotency-Key for the operations that create a record: the first request under a key claims it
 * (one insert, so of two at the same moment exactly one goes ahead), its successful answer is kept
 * for 24 hours and answered again to every repeat; an answer that is not a success releases the key,
 * since nothing was created and a corrected retry must go through.
 */
export const idempotencyPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('idempotency', null);

  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    const config = route.config;
    if (!methods.includes('POST')) return;
    const response = (route.schema?.response ?? {}) as Record<string | number, unknown>;
    if (config?.idempotent === undefined && (201 in response || '201' in response)) {
      throw new Error(`Route POST ${route.url} creates a record: declare config.idempotent (true, or false with a reason)`);
    }
    if (config?.idempotent !== true) return;
    route.schema = {
      ...route.schema,
      headers: IdempotencyHeaders,
      response: { 409: Problem, ...response },
    };
    route.preHandler = [...[route.preHandler ?? []].flat(), claim] as RouteOptions['preHandler'];
    route.onSend = [...[route.onSend ?? []].flat(), settle] as RouteOptions['onSend'];
  });
});

async function scopeOf(request: FastifyRequest, key: string): Promise<IdempotencyScope> {
  const p = request.principal;
  const params = request.params as Record<string, string> | undefined;
  // Public forms have no caller: the network comes from the address, the key is the form's own.
  const networkId = p ? p.networkId : await networkIdBySlug(request.server.database.db, params?.networkSlug ?? '');
  const principal = p ? (p.user && p.via === 'session' ? `user:${p.user.id}` : `${p.via}:${p.credentialId}`) : 'anonymous';
  return { networkId, principal, method: request.method, route: request.routeOptions.url ?? request.url, key };
}

const claim: preHandlerHookHandler = async function (request: FastifyRequest, reply: FastifyReply) {
  const key = request.headers[IDEMPOTENCY_HEADER];
  if (typeof key !== 'string') return;
  const scope = await scopeOf(request, key);
  // A multipart upload streams past this hook: its file is not part of the fingerprint.
  const fingerprint = fingerprintOf(request.params, request.body);
  const db = request.server.database.db;
  const deadline = Date.now() + WAIT_MS;
  for (let wait = 20; ; wait = Math.min(wait * 2, 250)) {
    const outcome = await withTenant(db, scope.networkId, (tx) => claimKey(tx, scope, fingerprint, new Date()));
    if (outcome.kind === 'claimed') {
      request.idempotency = { scope, claimToken: outcome.claimToken };
      return;
    }
    if (outcome.kind === 'reused') return sendProblem(reply, request.locale, reusedKey());
    if (outcome.kind === 'replay') {
      const { status, contentType, body } = outcome.answer;
      return reply.code(status).type(contentType).header(REPLAYED_HEADER, 'true').send(body);
    }
    if (Date.now() + wait > deadline) return sendProblem(reply, request.locale, keyInProgress());
    await sleep(wait);
  }
};

const settle: onSendHookHandler = async function (request, reply, payload) {
  const held = request.idempotency;
  if (!held) return payload;
  request.idempotency = null;
  const db = request.server.database.db;
  try {
    await withTenant(db, held.scope.networkId, async (tx) => {
      if (reply.statusCode >= 200 && reply.statusCode < 300) {
        const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : Buffer.alloc(0);
        const contentType = String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8');
        await completeKey(tx, held.scope, held.claimToken, { status: reply.statusCode, contentType, body }, new Date());
      } else {
        await releaseKey(tx, held.scope, held.claimToken);
      }
    });
  } catch (err) {
    // The answer itself stands; the key then waits out its day as "in progress".
    request.log.error({ err }, 'could not keep the idempotent answer');
  }
  return payload;
};
