import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createTestApp, createTestDatabase, ORIGIN, type TestApp } from './harness.js';
import { asBrowser, login, makeNetwork } from './factories.js';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  const network = await makeNetwork(t.database);
  cookie = await login(t.app, network.adminEmail);
});
afterAll(() => t.close());

const isProblem = (res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }) => {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json() as { type: string; title: string; status: number; detail: string };
  expect(body.type).toMatch(/^https:\/\/lotse\.dev\/problems\//);
  expect(body.status).toBe(res.statusCode);
  expect(body.title).toBeTruthy();
  return body;
};

describe('problem+json errors', () => {
  it('answers unparsable JSON with 400 problem, not Fastify’s own shape', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: { ...asBrowser(cookie), 'content-type': 'application/json' }, payload: '{"kind": ' });
    expect(res.statusCode).toBe(400);
    expect(isProblem(res).type).toBe('https://lotse.dev/problems/malformed');
    expect(res.body).not.toMatch(/statusCode|FST_/);
  });

  it('answers an unknown API path with a 404 problem in the reader’s language', async () => {
    const de = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'accept-language': 'de-DE,de;q=0.9' } });
    const ar = await t.app.inject({ method: 'DELETE', url: '/api/v1/nothing-here', headers: { 'accept-language': 'ar' } });
    expect(de.statusCode).toBe(404);
    expect(isProblem(de).detail).toBe('Diese Adresse gibt es nicht.');
    expect(ar.statusCode).toBe(404);
    expect(isProblem(ar).detail).toBe('هذا العنوان غير موجود.');
  });

  it('lists every invalid field with a localised message', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: asBrowser(cookie, 'en'), payload: { kind: 'castle', name: '', website: 'nope', extra: 1 } });
    expect(res.statusCode).toBe(422);
    const body = isProblem(res) as unknown as { errors: { path: string; message: string }[] };
    const paths = body.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.kind', 'body.name', 'body.website', 'body.extra']));
    expect(body.errors.find((e) => e.path === 'body.kind')?.message).toBe('Value not allowed');
    expect(body.errors.find((e) => e.path === 'body.extra')?.message).toBe('Unknown field');
  });

  it('refuses a body over the size limit with 413 problem', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'a@b.de', password: 'x'.repeat(2_000_000) }) });
    expect(res.statusCode).toBe(413);
    isProblem(res);
  });

  it('refuses an unsupported content type with 415 problem', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/csv' }, payload: 'a,b' });
    expect(res.statusCode).toBe(415);
    isProblem(res);
  });

  it('never answers a malformed request with a 5xx', async () => {
    const attempts = [
      { method: 'GET', url: '/api/v1/organizations/not-a-uuid' },
      { method: 'GET', url: '/api/v1/organizations?limit=-5&sort=evil' },
      { method: 'GET', url: '/api/v1/organizations?cursor=%%%' },
      { method: 'GET', url: `/api/v1/users?cursor=${Buffer.from('{"v":{},"id":1}').toString('base64url')}` },
      { method: 'PATCH', url: '/api/v1/organizations/00000000-0000-0000-0000-000000000000', payload: [] },
      { method: 'PATCH', url: '/api/v1/organizations/00000000-0000-0000-0000-000000000000', payload: { version: 'x' } },
      { method: 'POST', url: '/api/v1/invitations', payload: { email: 'a@b.de', organizationId: 'x', role: 'king' } },
      { method: 'GET', url: '/api/v1/audit-events?from=yesterday' },
      { method: 'GET', url: '/api/v1/invitations/lookup?token=' + 'a'.repeat(50) },
      { method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token: 'x'.repeat(40) + '.' + 'y'.repeat(43), password: 'long enough password' } },
    ] as const;
    for (const a of attempts) {
      const res = await t.app.inject({ method: a.method, url: a.url, headers: asBrowser(cookie), payload: 'payload' in a ? (a.payload as object) : undefined });
      expect(res.statusCode, `${a.method} ${a.url}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${a.method} ${a.url}: ${res.body}`).toBeLessThan(500);
      isProblem(res);
    }
  });
});

describe('the error handler', () => {
  it('hides internals of an unexpected error behind a 500 problem with the request id', async () => {
    const { database, drop } = await createTestDatabase();
    const app = await buildApp({ config: loadConfig({ PUBLIC_URL: ORIGIN, LOG_LEVEL: 'silent' }), database });
    app.get('/api/v1/explode', { config: { access: 'public' } }, async () => {
      throw new Error('secret internal detail: password=hunter2');
    });
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/v1/explode', headers: { 'accept-language': 'en', 'x-request-id': 'req-42' } });
    expect(res.statusCode).toBe(500);
    const body = isProblem(res);
    expect(body.detail).toContain('req-42');
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toContain('at ');
    await app.close();
    await drop();
  });
});
