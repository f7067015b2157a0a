import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork, makeUser, type TestNetwork } from '../../../../tests/factories.js';

let t: TestApp;
let network: TestNetwork;
let coordinator: string;
let volunteerId: string;

function multipart(filename: string, content: Buffer, type = 'application/octet-stream') {
  const boundary = '----lotse-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  t = await createTestApp();
  network = await makeNetwork(t.database);
  coordinator = await login(t.app, (await makeUser(t.database, network, 'coordinator')).email);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/volunteers', headers: asBrowser(coordinator), payload: { firstName: 'Amira', lastName: 'Haddad' } });
  volunteerId = res.json().id;
});
afterAll(() => t.close());

describe('volunteer documents', () => {
  it('stores a PDF checked by content, lists it, serves it back unchanged, and deletes it', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% Führungszeugnis\n%%EOF\n');
    const up = multipart('führungszeugnis.pdf', pdf);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/volunteers/${volunteerId}/documents`, headers: { ...asBrowser(coordinator), ...up.headers }, payload: up.payload });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ filename: 'führungszeugnis.pdf', contentType: 'application/pdf', size: pdf.length });
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${volunteerId}/documents`, headers: { cookie: coordinator } });
    expect(list.json().items).toHaveLength(1);
    const file = await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${volunteerId}/documents/${res.json().id}`, headers: { cookie: coordinator } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(pdf)).toBe(true);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/volunteers/${volunteerId}/documents/${res.json().id}`, headers: asBrowser(coordinator) });
    expect(del.statusCode).toBe(204);
  });

  it('refuses a file that is not PDF, PNG or JPEG whatever its name says, and stores nothing', async () => {
    const up = multipart('harmless.pdf', Buffer.from('<script>alert(1)</script>'));
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/volunteers/${volunteerId}/documents`, headers: { ...asBrowser(coordinator, 'en'), ...up.headers }, payload: up.payload });
    expect(res.statusCode).toBe(415);
    expect(res.json().detail).toBe('Please upload a PDF, PNG or JPEG file.');
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${volunteerId}/documents`, headers: { cookie: coordinator } });
    expect(list.json().items).toEqual([]);
  });

  it('refuses HTML and SVG however the name and the browser call them, in the reader’s language', async () => {
    const hostile: [string, string, string][] = [
      ['befund.pdf', 'application/pdf', '<!doctype html><html><script>fetch("/api/v1/volunteers")</script></html>'],
      ['ausweis.png', 'image/png', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
      ['scan.jpg', 'image/jpeg', '  %PDF-1.4 not at the start'],
    ];
    for (const [name, type, content] of hostile) {
      const up = multipart(name, Buffer.from(content), type);
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/volunteers/${volunteerId}/documents`, headers: { ...asBrowser(coordinator, 'ar'), ...up.headers }, payload: up.payload });
      expect(res.statusCode, name).toBe(415);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().detail, name).toMatch(/PDF/);
    }
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${volunteerId}/documents`, headers: { cookie: coordinator } });
    expect(list.json().items).toEqual([]);
  });

  it('stores and serves the type the bytes say, not the one the name and the browser give', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('image data')]);
    const up = multipart('nachweis.pdf', png, 'application/pdf');
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/volunteers/${volunteerId}/documents`, headers: { ...asBrowser(coordinator), ...up.headers }, payload: up.payload });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().contentType).toBe('image/png');
    const file = await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${volunteerId}/documents/${res.json().id}`, headers: { cookie: coordinator } });
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    await t.app.inject({ method: 'DELETE', url: `/api/v1/volunteers/${volunteerId}/documents/${res.json().id}`, headers: asBrowser(coordinator) });
  });

  it('answers 404 to another network', async () => {
    const other = await makeNetwork(t.database);
    const cookie = await login(t.app, (await makeUser(t.database, other, 'coordinator')).email);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${volunteerId}/documents`, headers: { cookie } })).statusCode).toBe(404);
  });
});

describe('saved filters', () => {
  it('saves, lists and deletes a person’s own filters, refusing unknown filter fields and duplicate names', async () => {
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/volunteers/saved-filters', headers: asBrowser(coordinator), payload: { name: 'Arabisch ab C1', query: { language: 'ar', minLevel: 'C1', hasCapacity: 'true' } } });
    expect(ok.statusCode, ok.body).toBe(201);
    const dup = await t.app.inject({ method: 'POST', url: '/api/v1/volunteers/saved-filters', headers: asBrowser(coordinator), payload: { name: 'Arabisch ab C1', query: {} } });
    expect(dup.statusCode).toBe(409);
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/volunteers/saved-filters', headers: asBrowser(coordinator), payload: { name: 'X', query: { planet: 'mars' } } });
    expect(bad.statusCode).toBe(422);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/volunteers/saved-filters', headers: { cookie: coordinator } });
    expect(list.json().items.map((f: { name: string }) => f.name)).toEqual(['Arabisch ab C1']);
    const other = await login(t.app, (await makeUser(t.database, network, 'coordinator')).email);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/volunteers/saved-filters', headers: { cookie: other } })).json().items).toEqual([]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/volunteers/saved-filters/${ok.json().id}`, headers: asBrowser(other) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/volunteers/saved-filters/${ok.json().id}`, headers: asBrowser(coordinator) })).statusCode).toBe(204);
  });
});
