import { STATUS_CODES } from 'node:http';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type SwaggerTransform = typeof jsonSchemaTransform;
type SwaggerTransformObject = typeof jsonSchemaTransformObject;

/**
 * A stable name for an operation, from its method and path: `GET /api/v1/volunteers/:id/documents`
 * is `getVolunteersByIdDocuments`. Client generators name their functions after it.
 */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v1(?=\/)/, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `by-${segment.slice(1)}` : segment))
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/** Per operation: an operationId, and no security requirement where none is needed. */
export const transformOperation: SwaggerTransform = (input) => {
  const out = jsonSchemaTransform(input);
  const schema = out.schema as Record<string, unknown>;
  const method = [input.route.method].flat()[0] ?? 'get';
  schema.operationId ??= operationIdOf(method, input.route.url);
  if (input.route.config?.access === 'public') schema.security = [];
  return out;
};

interface Operation {
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
}

/**
 * The whole document: error answers declared as the problem+json they are sent as, each answer
 * described by its status, and only the component schemas some operation uses (the Zod registry
 * holds an input and an output form of every named schema).
 */
export const transformDocument: SwaggerTransformObject = (input) => {
  const doc = jsonSchemaTransformObject(input);
  const paths = (doc as { paths?: Record<string, Record<string, Operation>> }).paths ?? {};
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (response.description === 'Default Response') response.description = STATUS_CODES[Number(status)] ?? status;
        // Every error leaves as problem+json, whatever the operation produces when it succeeds.
        const problem = Object.values(response.content ?? {})[0];
        if (Number(status) >= 400 && problem) response.content = { 'application/problem+json': problem };
      }
    }
  }
  const schemas = (doc as { components?: { schemas?: Record<string, unknown> } }).components?.schemas;
  if (schemas) {
    const used = new Set<string>();
    const visit = (node: unknown) => {
      for (const [, name] of JSON.stringify(node).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
        const key = decodeURIComponent(name!);
        if (!used.has(key)) {
          used.add(key);
          visit(schemas[key]);
        }
      }
    };
    visit(paths);
    for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  }
  return doc;
};
