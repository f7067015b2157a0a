import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The page may run only its own scripts and talk only to its own origin. Styles allow inline:
 * Mantine writes its CSS variables into a `<style>` element and sets `style` attributes at run
 * time. QR codes for two-factor setup are `data:` images.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/**
 * Headers every answer carries: no MIME sniffing, no referrer (reset and invitation links carry
 * their token in the URL), not framed by other sites; HSTS when the public URL is https. HTML gets
 * the Content-Security-Policy. API answers hold personal data, so no cache may keep them unless
 * the route says otherwise.
 */
export function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply, publicUrl: string): FastifyReply {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  if (publicUrl.startsWith('https:')) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-frame-options', 'DENY');
  }
  if (request.url.startsWith('/api/v1/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  return reply;
}

export const securityHeadersPlugin = fp(async (app: FastifyInstance, opts: { publicUrl: string }) => {
  app.addHook('onSend', async (request, reply, payload) => {
    setSecurityHeaders(request, reply, opts.publicUrl);
    return payload;
  });
});
