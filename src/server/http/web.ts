import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError, sendProblem } from './problems.js';

const DEFAULT_WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The build writes `x.br` and `x.gz` beside each text file (vite.config.ts): the best of them the
 * client accepts, else the file itself. Compressed once at build time at the highest levels, they
 * cost no CPU per request.
 */
const ENCODINGS = [
  { name: 'br', ext: '.br' },
  { name: 'gzip', ext: '.gz' },
] as const;

/** Encodings the client accepts (q > 0), from its Accept-Encoding header. */
function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && (q === undefined || Number(q.slice(2)) > 0)) accepted.add(name === '*' ? 'gzip' : name);
  }
  return accepted;
}

function sendBuilt(request: FastifyRequest, reply: FastifyReply, webDir: string, relative: string, cacheControl: string) {
  const type = TYPES[path.extname(relative)];
  reply.header('cache-control', cacheControl);
  if (type) {
    // Caches must keep the encodings apart, also for a client that took the plain file.
    reply.header('vary', 'Accept-Encoding').header('content-type', type);
    const accepted = acceptedEncodings(request.headers['accept-encoding']);
    for (const encoding of ENCODINGS) {
      if (accepted.has(encoding.name) && fs.existsSync(path.join(webDir, relative + encoding.ext))) {
        reply.header('content-encoding', encoding.name);
        return reply.sendFile(relative + encoding.ext, { cacheControl: false, contentType: false });
      }
    }
  }
  return reply.sendFile(relative, { cacheControl: false, contentType: !type });
}

/**
 * The built web app: hashed files under /assets/ are cached for a year and never revalidated;
 * every other address is the single page (index.html), revalidated on each visit so that a new
 * build is picked up at once. Source maps stay on the server's disk for whoever runs it.
 */
export function webRoutes(app: FastifyInstance, webDir: string | undefined) {
  const WEB_DIR = webDir ? path.resolve(webDir) : DEFAULT_WEB_DIR;
  app.register(fastifyStatic, { root: WEB_DIR, serve: false });
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const urlPath = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (urlPath.startsWith('/api/')) {
      return sendProblem(reply, request.locale, new DomainError('ROUTE_NOT_FOUND', 404, 'not-found', 'routeNotFound'));
    }
    const file = path.join(WEB_DIR, path.normalize(urlPath));
    if (file.startsWith(WEB_DIR + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      if (/\.(?:map|br|gz)$/.test(file)) {
        return sendProblem(reply, request.locale, new DomainError('ROUTE_NOT_FOUND', 404, 'not-found', 'routeNotFound'));
      }
      const immutable = urlPath.startsWith('/assets/');
      return sendBuilt(
        request,
        reply,
        WEB_DIR,
        path.relative(WEB_DIR, file),
        immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    }
    // A chunk of an older build (a tab open across a deploy) is missing, not the page: HTML in its place would not run.
    if (urlPath.startsWith('/assets/')) {
      return sendProblem(reply, request.locale, new DomainError('ROUTE_NOT_FOUND', 404, 'not-found', 'routeNotFound'));
    }
    if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built yet: run `npm run build` (npm start does it for you).');
    }
    return sendBuilt(request, reply, WEB_DIR, 'index.html', 'no-cache');
  });
}
