import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/common/permissions.js';
import { createTestApp, type TestApp } from './harness.js';
import { asBrowser, login, makeNetwork, makeUser, multipartBody, type TestNetwork } from './factories.js';

let t: TestApp;
let network: TestNetwork;
let admin: string;
let webDir: string;
beforeAll(async () => {
  // A built page of our own, so the HTML headers are checked without a web build.
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-hygiene-web-'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Lotse</title>');
  t = await createTestApp({ WEB_DIR: webDir });
  network = await makeNetwork(t.database);
  admin = await login(t.app, network.adminEmail);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

interface ProblemBody {
  type: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

describe('security headers', () => {
  it('sends the page with a CSP that allows no inline script and no framing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/reset-password?token=abc' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    // The page's own caching is the web handler's: revalidate, not no-store.
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('sends the API docs page with the same CSP', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  });

  it('marks every API answer no-store and nosniff, problems and unknown paths too', async () => {
    for (const url of ['/api/v1/me', '/api/v1/organizations', '/api/v1/nothing-here']) {
      const res = await t.app.inject({ method: 'GET', url, headers: asBrowser(admin) });
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['cache-control']).toBe('no-store');
  });

  it('marks a download of personal data no-store (the pool as CSV and as XLSX)', async () => {
    for (const format of ['csv', 'xlsx']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/export?format=${format}`, headers: asBrowser(admin) });
      expect(res.statusCode, format).toBe(200);
      expect(res.headers['cache-control'], format).toMatch(/no-store/);
      expect(res.headers['x-content-type-options'], format).toBe('nosniff');
    }
  });

  it('sends HSTS only when the public URL is https', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const secure = await createTestApp({ PUBLIC_URL: 'https://lotse.example.org' });
    try {
      const res = await secure.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    } finally {
      await secure.close();
    }
  });
});

describe('URL fields', () => {
  it('refuses javascript: and other non-http(s) websites with 422 naming the field', async () => {
    for (const website of ['javascript:alert(1)', 'JavaScript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'ftp://example.org/']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: asBrowser(admin, 'en'), payload: { kind: 'partner_institution', name: 'Schule', website } });
      expect(res.statusCode, website).toBe(422);
      const body = res.json() as ProblemBody;
      expect(body.errors).toEqual([{ path: 'body.website', message: 'An address starting with http:// or https://' }]);
    }
  });

  it('refuses javascript: when a website is changed too', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: asBrowser(admin), payload: { kind: 'partner_institution', name: 'Verein', website: 'https://verein.example.org' } });
    expect(created.statusCode).toBe(201);
    const { id, version } = created.json() as { id: string; version: number };
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/organizations/${id}`, headers: asBrowser(admin), payload: { website: 'javascript:alert(1)', version } });
    expect(res.statusCode).toBe(422);
    expect((res.json() as ProblemBody).errors?.map((e) => e.path)).toEqual(['body.website']);
  });
});

describe('the network’s payout account', () => {
  const account = { name: 'Netzwerk Kasse', iban: 'DE02120300000000202051', bic: 'BYLADEM1001' };
  beforeAll(async () => {
    const current = (await t.app.inject({ method: 'GET', url: '/api/v1/network', headers: asBrowser(admin) })).json() as { version: number };
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/network', headers: asBrowser(admin), payload: { settings: { payoutAccount: account }, version: current.version } });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { settings: { payoutAccount: unknown } }).settings.payoutAccount).toEqual(account);
  });

  const cases: [Role, boolean][] = [
    ['network_admin', true],
    ['coordinator', true],
    ['counsellor', false],
    ['volunteer', false],
    ['partner', false],
    ['viewer', false],
  ];
  it.each(cases)('is shown to a %s: %s', async (role, shown) => {
    const user = await makeUser(t.database, network, role);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/network', headers: asBrowser(await login(t.app, user.email)) });
    expect(res.statusCode).toBe(200);
    const settings = (res.json() as { settings: Record<string, unknown> }).settings;
    expect(settings.requireTotpForStaff).toBe(false);
    if (shown) expect(settings.payoutAccount).toEqual(account);
    else {
      expect(settings).not.toHaveProperty('payoutAccount');
      expect(res.body).not.toContain(account.iban);
    }
  });
});

describe('over-long and unknown parts of a request', () => {
  // A GET falls through to the web app's catch-all, which answers unknown API paths 404; the other methods have none.
  it('answers a path parameter over the limit with 414 problem+json in the reader’s language', async () => {
    for (const [method, locale, detail] of [
      ['PATCH', 'de', 'Ein Teil der Adresse ist länger als erlaubt.'],
      ['DELETE', 'en', 'A part of the address is longer than allowed.'],
      ['PATCH', 'ar', 'جزء من العنوان أطول من المسموح به.'],
    ] as const) {
      const res = await t.app.inject({ method, url: `/api/v1/organizations/${'a'.repeat(201)}`, headers: asBrowser(admin, locale), payload: method === 'PATCH' ? { version: 1 } : undefined });
      expect(res.statusCode).toBe(414);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = res.json() as ProblemBody;
      expect(body).toMatchObject({ type: 'https://lotse.dev/problems/uri-too-long', status: 414, detail });
      expect(res.body).not.toMatch(/FST_|statusCode/);
    }
  });

  it('answers a URL that does not decode with 400 problem+json, not Fastify’s own', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/organizations/%E0%A4%A', headers: asBrowser(admin, 'en') });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).not.toMatch(/FST_|statusCode/);
  });

  it('refuses an unknown query parameter with 400 naming it, in the reader’s language', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/organizations?limit=5&kind=school&colour=red&dryRun=1', headers: asBrowser(admin, 'en') });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json() as ProblemBody;
    expect(body.type).toBe('https://lotse.dev/problems/unknown-query-parameter');
    expect(body.errors).toEqual([
      { path: 'query.colour', message: 'Unknown parameter' },
      { path: 'query.dryRun', message: 'Unknown parameter' },
    ]);
    const de = await t.app.inject({ method: 'GET', url: '/api/v1/organizations?colour=red', headers: asBrowser(admin, 'de') });
    expect((de.json() as ProblemBody).errors).toEqual([{ path: 'query.colour', message: 'Unbekannter Parameter' }]);
  });

  it('refuses any query on an operation that declares none', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me?x=1', headers: asBrowser(admin) });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ProblemBody).errors?.map((e) => e.path)).toEqual(['query.x']);
  });

  it('does not import when the caller writes ?dryRun=true: the request is refused, nothing is created', async () => {
    const { payload, contentType } = multipartBody({ name: 'lotsen.csv', content: 'Vorname;Nachname;E-Mail\nAda;Lovelace;ada@example.org\n', type: 'text/csv' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/volunteers/import?dryRun=true', headers: { ...asBrowser(admin, 'en'), 'content-type': contentType }, payload });
    expect(res.statusCode).toBe(400);
    expect((res.json() as ProblemBody).errors).toEqual([{ path: 'query.dryRun', message: 'Unknown parameter' }]);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/volunteers', headers: asBrowser(admin) })).json() as { items: unknown[] };
    expect(list.items).toEqual([]);
  });

  it('lets the web app’s pages take any query', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/reset-password?token=abc&utm_source=mail' });
    expect(res.statusCode).toBe(200);
  });
});

describe('the OpenAPI document', () => {
  interface Response {
    content?: Record<string, unknown>;
  }
  interface Operation {
    operationId?: string;
    security?: unknown[];
    'x-permission'?: string;
    responses?: Record<string, Response>;
  }
  const operations = async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
    return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
  };

  it('gives every operation an operationId, each a different one', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(20);
    const ids = ops.map(({ op }) => op.operationId);
    for (const { path, method, op } of ops) expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z0-9]+$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ops.find((o) => o.method === 'get' && o.path === '/api/v1/organizations/{id}')?.op.operationId).toBe('getOrganizationsById');
  });

  it('declares error answers as application/problem+json, as they are sent', async () => {
    let errors = 0;
    for (const { path, method, op } of await operations()) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (Number(status) < 400 || !response.content) continue;
        errors++;
        expect(Object.keys(response.content), `${method} ${path} ${status}`).toEqual(['application/problem+json']);
      }
    }
    expect(errors).toBeGreaterThan(100);
  });

  it('asks no credentials of the public operations', async () => {
    const ops = await operations();
    for (const { path, method, op } of ops) {
      if (op['x-permission'] === 'public') expect(op.security, `${method} ${path}`).toEqual([]);
      else expect(op.security, `${method} ${path}`).toBeUndefined();
    }
    expect(ops.some(({ op }) => op['x-permission'] === 'public')).toBe(true);
  });
});
