import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness.js';
import { asBrowser, login, makeNetwork } from './factories.js';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  const network = await makeNetwork(t.database);
  cookie = await login(t.app, network.adminEmail);
});
afterAll(() => t.close());

const HOSTILE_BODIES: unknown[] = [
  undefined,
  null,
  [],
  'text',
  42,
  { version: -1 },
  { version: 1, name: 'x'.repeat(10_000) },
  { email: 'a@b', password: '', totp: 'abcdef', token: '..', role: 'root', organizationId: 'x', kind: 'x', settings: { requireTotpForStaff: 'yes' } },
  { __proto__: { admin: true }, constructor: { prototype: {} } },
  { memberships: [{ organizationId: '00000000-0000-0000-0000-000000000000', role: 'network_admin' }], version: 1 },
];
const HOSTILE_IDS = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', "1' or '1'='1", '%00', 'ä'.repeat(100)];
const HOSTILE_QUERIES = ['', '?limit=0', '?limit=9999', '?cursor=!!', '?sort=;drop', '?from=never&to=2026-13-45', '?q=%25%5C_', '?token=x'];

describe('no request yields a 5xx', () => {
  it('answers every registered API route with < 500 for hostile ids, queries and bodies, signed in or not', async () => {
    // Signing out comes last, so every other route is also tried with a live session.
    const routes = t.app.routeTable
      .filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD')
      .sort((a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')));
    expect(routes.length).toBeGreaterThan(20);
    let requests = 0;
    for (const route of routes) {
      for (const id of route.url.includes(':id') ? HOSTILE_IDS : ['']) {
        const url = route.url.replace(':id', encodeURIComponent(id));
        const bodies = route.method === 'GET' || route.method === 'DELETE' ? [undefined] : HOSTILE_BODIES;
        // Every hostile query with the first body, every hostile body with the plain query: each
        // input reaches each route's validation; their full product grew past a minute per route.
        const tries = [...HOSTILE_QUERIES.map((query) => ({ query, body: bodies[0] })), ...bodies.slice(1).map((body) => ({ query: '', body }))];
        for (const { query, body } of tries) {
          for (const headers of [asBrowser(cookie), { 'accept-language': 'ar' }]) {
            const res = await t.app.inject({
              method: route.method as 'GET',
              url: url + query,
              headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
              payload: body === undefined ? undefined : JSON.stringify(body),
            });
            requests++;
            expect(res.statusCode, `${route.method} ${url}${query} ${JSON.stringify(body)} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
            if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(500);
  }, 180_000);
});
