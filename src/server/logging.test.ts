import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ORIGIN } from '../../tests/harness.js';
import { asBrowser, login, makeNetwork, type TestNetwork } from '../../tests/factories.js';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { loggerOptions, redactUrl } from './main.js';

/** The server's own logger options, writing into memory: what an operator's log would hold. */
let lines: string[] = [];
const stream = { write: (line: string) => void lines.push(line) };
const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

let app: FastifyInstance;
let network: TestNetwork;
let drop: () => Promise<void>;
beforeAll(async () => {
  const test = await createTestDatabase();
  drop = test.drop;
  const config = loadConfig({ PUBLIC_URL: ORIGIN, LOG_LEVEL: 'info' });
  app = await buildApp({ config, database: test.database, logger: loggerOptions(config, stream) });
  await app.ready();
  network = await makeNetwork(test.database);
});
afterAll(async () => {
  await app.close();
  await drop();
});

describe(`the log (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('names a mail kept without SMTP by address and id only: no subject, no text, no link', async () => {
    const cookie = await login(app, network.adminEmail);
    lines = [];
    const invited = await app.inject({ method: 'POST', url: '/api/v1/invitations', headers: asBrowser(cookie), payload: { email: 'neu.im.netz@example.org', organizationId: network.officeId, role: 'partner' } });
    expect(invited.statusCode).toBe(201);
    // The answer already started delivery; this waits for it.
    await app.mail.deliverDue();
    const entry = logged().find((l) => String(l.msg).startsWith('mail (no SMTP_URL'));
    expect(entry?.mail).toEqual({ id: expect.any(String), networkId: network.networkId, to: 'neu.im.netz@example.org' });
    const all = lines.join('\n');
    expect(all).not.toMatch(/token=|invitation\?|Einladung/);
  });

  it('redacts the values of token, code and q in the request line, and keeps the rest of the address', async () => {
    const cookie = await login(app, network.adminEmail);
    lines = [];
    await app.inject({ method: 'GET', url: '/api/v1/invitations/lookup?token=geheim-einladung-4711', headers: { origin: ORIGIN } });
    await app.inject({ method: 'GET', url: '/api/v1/volunteers?q=Khatib&limit=5', headers: { cookie } });
    await app.inject({ method: 'GET', url: '/api/v1/invitations/lookup?Code=abc123&TOKEN=zweites-geheimnis', headers: { origin: ORIGIN } });
    const urls = logged()
      .map((l) => (l.req as { url?: string } | undefined)?.url)
      .filter(Boolean);
    expect(urls).toEqual([
      '/api/v1/invitations/lookup?token=[redacted]',
      '/api/v1/volunteers?q=[redacted]&limit=5',
      '/api/v1/invitations/lookup?Code=[redacted]&TOKEN=[redacted]',
    ]);
    const all = lines.join('\n');
    for (const secret of ['geheim-einladung-4711', 'Khatib', 'abc123', 'zweites-geheimnis']) expect(all).not.toContain(secret);
  });

  it('leaves addresses without those parameters as they are', () => {
    expect(redactUrl('/api/v1/volunteers?limit=5&sort=name')).toBe('/api/v1/volunteers?limit=5&sort=name');
    expect(redactUrl('/api/v1/volunteers')).toBe('/api/v1/volunteers');
    expect(redactUrl('/x?q&token=')).toBe('/x?q&token=[redacted]');
    expect(redactUrl('/x?%71=Name')).toBe('/x?%71=[redacted]');
  });
});
