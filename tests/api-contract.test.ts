import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPermission } from '../src/common/permissions.js';
import { authPlugin } from '../src/server/http/auth.js';
import { createTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Operation {
  'x-permission'?: string;
  responses?: Record<string, unknown>;
}

describe('API contract', () => {
  it('declares a permission (or public/authenticated) on every registered route', () => {
    const routes = t.app.routeTable;
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) {
      const ok = r.access === 'public' || r.access === 'authenticated' || (typeof r.access === 'string' && isPermission(r.access));
      expect(ok, `${r.method} ${r.url} declares ${String(r.access)}`).toBe(true);
    }
  });

  it('refuses to start when a route declares no permission', async () => {
    const app = Fastify();
    await app.register(authPlugin, { publicUrl: 'http://localhost:3000', sessionDays: 1 });
    expect(() => app.get('/api/v1/forgotten', async () => 'x')).toThrow(/declares no valid access/);
    await app.close();
  });

  it('serves an OpenAPI 3.1 document in which every operation carries x-permission', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, Operation>> };
    expect(doc.openapi).toMatch(/^3\.1/);
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(20);
    for (const { path, method, op } of operations) expect(op['x-permission'], `${method} ${path}`).toBeTruthy();
    for (const path of ['/api/v1/auth/login', '/api/v1/me', '/api/v1/organizations', '/api/v1/organizations/{id}', '/api/v1/users', '/api/v1/invitations', '/api/v1/audit-events', '/api/v1/api-tokens', '/healthz', '/readyz']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/v1/organizations/{id}']!.get!.responses).toHaveProperty('404');
  });

  it('serves the browsable API documentation at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect([200, 302]).toContain(res.statusCode);
    const page = res.statusCode === 302 ? await t.app.inject({ method: 'GET', url: res.headers.location as string }) : res;
    expect(page.body).toContain('swagger');
  });

  it('answers /healthz and /readyz', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });
});

