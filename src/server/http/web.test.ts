import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/harness.js';

let t: TestApp;
let webDir: string;
// Repetitive enough to compress well, as a real bundle does; distinct per file.
const script = `export function render(){${'document.body.append("Lotse");'.repeat(200)}}\n`;
const page = `<!doctype html><html lang="de"><head><title>Lotse</title><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body>${'<!-- -->'.repeat(200)}<div id="root"></div></body></html>`;

beforeAll(async () => {
  // A build as vite.config.ts writes it: hashed assets with .br and .gz beside them, a hidden map.
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-web-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  const write = (name: string, text: string, compressed = true) => {
    fs.writeFileSync(path.join(webDir, name), text);
    if (!compressed) return;
    fs.writeFileSync(path.join(webDir, `${name}.br`), zlib.brotliCompressSync(text));
    fs.writeFileSync(path.join(webDir, `${name}.gz`), zlib.gzipSync(text));
  };
  write('index.html', page);
  write('assets/index-Ab12Cd34.js', script);
  write('assets/index-Ab12Cd34.js.map', '{"version":3,"sources":["../../src/web/main.tsx"],"mappings":""}', false);
  write('assets/tiny-Ef56Gh78.css', 'a{color:red}', false);
  t = await createTestApp({ WEB_DIR: webDir });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe('serving the built web app', () => {
  it('sends a hashed script brotli-compressed when the browser accepts br, cached for a year as immutable', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/assets/index-Ab12Cd34.js',
      headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(script);
    expect(res.rawPayload.length).toBeLessThan(script.length / 5);
  });

  it('sends gzip to a client that does not take br, and the plain file to one that takes neither', async () => {
    const gz = await t.app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'gzip, br;q=0' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await t.app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/accept-encoding/i);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.body).toBe(script);
  });

  it('sends a file without compressed copies (too small to gain) as it is, still immutable', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/tiny-Ef56Gh78.css', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body).toBe('a{color:red}');
  });

  it('sends the page (index.html for any app path) compressed and revalidated on every visit', async () => {
    for (const url of ['/', '/login', '/apply/hannover-demo', '/index.html']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString(), url).toBe(page);
    }
  });

  it('never sends source maps or the compressed copies by their own names', async () => {
    for (const url of ['/assets/index-Ab12Cd34.js.map', '/assets/index-Ab12Cd34.js.br', '/index.html.gz']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(res.body, url).not.toContain('mappings');
    }
  });

  it('answers a missing asset (a chunk of an older build) with 404, not with the page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/gone-Zz99Yy88.js' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers a revalidation of an unchanged page with 304', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br' } });
    const etag = String(first.headers['etag']);
    expect(etag).toBeTruthy();
    const again = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
  });
});
