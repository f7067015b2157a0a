import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { withTenant } from '../db/tenancy.js';
import type { Actor } from '../modules/audit/actor.js';
import type { Principal } from '../modules/auth/principal.js';
import { unauthenticated } from './problems.js';

/** The signed-in principal; routes behind a permission always have one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated();
  return request.principal;
}

export function actorOf(request: FastifyRequest): Actor {
  const p = principalOf(request);
  return {
    networkId: p.networkId,
    type: p.via === 'session' ? 'user' : 'api_token',
    id: p.via === 'session' ? p.user?.id ?? null : p.credentialId,
    requestId: request.id,
    ip: request.ip ?? null,
  };
}

/** The signed-in person's own id; refuses API tokens, which act for no person. */
export function userIdOf(request: FastifyRequest): string {
  const p = principalOf(request);
  if (!p.user) throw unauthenticated();
  return p.user.id;
}

/** Runs `fn` inside the caller's network: one transaction, row-level security on. */
export function inTenant<T>(request: FastifyRequest, fn: (tx: Db, actor: Actor) => Promise<T>): Promise<T> {
  const actor = actorOf(request);
  return withTenant(request.server.database.db, actor.networkId, (tx) => fn(tx, actor));
}
