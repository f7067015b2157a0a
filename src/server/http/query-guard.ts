import type { FastifyInstance, preValidationAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from './problems.js';

/** The query parameters a route declares; `any` where its schema lets every name through. */
function declaredQueryKeys(schema: unknown, route: string): Set<string> | 'any' {
  if (schema === undefined) return new Set();
  const def = (schema as { _zod?: { def?: { type?: string; shape?: object; catchall?: { _zod?: { def?: { type?: string } } }; in?: unknown } } })._zod?.def;
  if (def?.type === 'pipe') return declaredQueryKeys(def.in, route);
  if (def?.type === 'object' && def.shape) {
    const catchall = def.catchall?._zod?.def?.type;
    return catchall && catchall !== 'never' ? 'any' : new Set(Object.keys(def.shape));
  }
  throw new Error(`Route ${route} declares a querystring that is not an object schema: its parameters cannot be checked`);
}

export const unknownQueryParameters = (names: string[]) =>
  new DomainError(
    'UNKNOWN_QUERY_PARAMETER',
    400,
    'unknown-query-parameter',
    'unknownQueryParameter',
    {},
    names.map((name) => ({ path: `query.${name}`, key: 'unknownParameter' })),
  );

/**
 * API operations refuse query parameters they do not declare, as they refuse unknown body fields:
 * a misspelt or imagined option (`?dryRun=true`) must not be silently ignored while the operation
 * does the real thing. The web app's pages (everything outside /api/v1) take any query.
 */
export const queryGuardPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    const allowed = declaredQueryKeys(route.schema?.querystring, `${String(route.method)} ${route.url}`);
    if (allowed === 'any') return;
    const guard: preValidationAsyncHookHandler = async (request) => {
      const unknown = Object.keys((request.query ?? {}) as object).filter((name) => !allowed.has(name));
      if (unknown.length) throw unknownQueryParameters(unknown);
    };
    route.preValidation = [...[route.preValidation ?? []].flat(), guard];
  });
});
