// What a visitor's phone downloads and how soon it paints: each public page and the coordinator's
// home, in Chromium with a cold cache, a 360 px viewport, a slow mobile line and a 4× slower CPU.
// Builds nothing: measures the build in WEB_DIR (default dist/web), served by the real server on a
// seeded demo network. BASELINE_WEB_DIR=<an older build> measures that one too, for comparison.
//   npm run build && npm run bench:web
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_LAUNCH, startDemoServer } from '../tests/e2e/demo-server.js';
import { machineLine, writeSection } from './results.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const RUNS = Number(process.env.RUNS ?? 3);
const DEMO = 'hannover-demo';
const COORDINATOR = { email: 'koordination@demo.lotse.dev', password: 'lotse-demo-2026' };

// Chrome DevTools' idea of a slow mobile line (bytes per second), as the issue sets it.
const NETWORK = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };
const CPU_SLOWDOWN = 4;
const FCP_AIM_MS = 3000;

interface PageSpec {
  name: string;
  path: string;
  signedIn?: boolean;
  /** Most compressed JavaScript (KB) the page may load (issue 12). */
  aimKb: number;
  /** A form whose validation code loads on the first focus: also measured once a field has focus. */
  form?: boolean;
}

const PAGES: PageSpec[] = [
  { name: 'login', path: '/login', aimKb: 100 },
  { name: 'volunteer application', path: `/apply/${DEMO}`, aimKb: 100, form: true },
  { name: 'public request form', path: `/request/${DEMO}`, aimKb: 100, form: true },
  // No certificate in the demo: the page as a stranger's unknown code shows it (same code path).
  { name: 'certificate verification', path: '/verify/certificate/DEMO-0000-0000', aimKb: 100 },
  { name: "coordinator's home", path: '/', signedIn: true, aimKb: 250 },
];

interface Measure {
  jsBytes: number;
  jsRequests: number;
  cssBytes: number;
  catalogueBytes: number;
  totalBytes: number;
  fcpMs: number;
  /** JavaScript (bytes) once the visitor has put the cursor into the form: the load plus what that fetches. */
  jsInUseBytes?: number;
}

async function measure(browser: Browser, baseUrl: string, spec: PageSpec): Promise<Measure> {
  // A fresh context is a cold cache (and no cookies) each time.
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'de-DE',
  });
  try {
    if (spec.signedIn) {
      const res = await context.request.post('/api/v1/auth/login', { data: COORDINATOR, headers: { Origin: baseUrl } });
      if (!res.ok()) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const kinds = new Map<string, string>();
    const m: Measure = { jsBytes: 0, jsRequests: 0, cssBytes: 0, catalogueBytes: 0, totalBytes: 0, fcpMs: NaN };
    cdp.on('Network.responseReceived', (e) => {
      const pathname = new URL(e.response.url).pathname;
      const kind =
        e.type === 'Script'
          ? 'js'
          : e.type === 'Stylesheet'
            ? 'css'
            : /^\/assets\/(de|en|ar)-.*\.json$/.test(pathname)
              ? 'catalogue'
              : 'other';
      kinds.set(e.requestId, kind);
    });
    cdp.on('Network.loadingFinished', (e) => {
      const kind = kinds.get(e.requestId);
      m.totalBytes += e.encodedDataLength;
      if (kind === 'js') {
        m.jsBytes += e.encodedDataLength;
        m.jsRequests += 1;
      } else if (kind === 'css') m.cssBytes += e.encodedDataLength;
      else if (kind === 'catalogue') m.catalogueBytes += e.encodedDataLength;
    });
    await page.goto(spec.path, { waitUntil: 'load' });
    // The page's own heading: the app has rendered, and every chunk it needed has arrived.
    await page.locator('main h1').first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    m.fcpMs = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
    if (spec.form) {
      const atLoad = { ...m };
      await page.locator('main form input:not([type=hidden]), main form textarea').first().focus();
      await page.waitForLoadState('networkidle');
      // Let a request that the focus started finish (networkidle may already have held).
      await page.waitForTimeout(1500);
      await page.waitForLoadState('networkidle');
      return { ...atLoad, jsInUseBytes: m.jsBytes };
    }
    return m;
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

async function run(webDir: string): Promise<Map<string, Measure>> {
  if (!existsSync(path.join(webDir, 'index.html'))) throw new Error(`${webDir}/index.html is missing: run \`npm run build\` first.`);
  const server = await startDemoServer({ root: ROOT, webDir });
  const browser = await chromium.launch(CHROMIUM_LAUNCH);

  const results = new Map<string, Measure>();
  try {
    for (const spec of PAGES) {
      const runs: Measure[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, server.url, spec));
      // Bytes are the same each run; the paint time varies: its median.
      const last = runs[runs.length - 1]!;
      results.set(spec.name, { ...last, fcpMs: median(runs.map((r) => r.fcpMs)) });
      console.log(
        `${webDir}: ${spec.name}: ${kb(last.jsBytes)} KB JS in ${last.jsRequests} requests, FCP ${runs.map((r) => Math.round(r.fcpMs)).join(' / ')} ms`,
      );
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  return results;
}

function table(label: string, results: Map<string, Measure>, withAims: boolean): string[] {
  return PAGES.map((spec) => {
    const r = results.get(spec.name)!;
    const aims = withAims
      ? ` | ${r.jsBytes / 1024 <= spec.aimKb ? 'met' : 'missed'} (≤ ${spec.aimKb} KB) | ${r.fcpMs < FCP_AIM_MS ? 'met' : 'missed'}`
      : ' | | ';
    return `| ${label} | ${spec.name} (\`${spec.path}\`) | ${kb(r.jsBytes)} | ${r.jsInUseBytes === undefined ? '–' : kb(r.jsInUseBytes)} | ${r.jsRequests} | ${kb(r.cssBytes)} | ${kb(r.catalogueBytes)} | ${kb(r.totalBytes)} | ${Math.round(r.fcpMs)}${aims} |`;
  });
}

async function main() {
  const webDir = path.resolve(process.env.WEB_DIR ?? path.join(ROOT, 'dist/web'));
  const baselineDir = process.env.BASELINE_WEB_DIR ? path.resolve(process.env.BASELINE_WEB_DIR) : undefined;
  const load = os.loadavg()[0]!.toFixed(1);
  const current = await run(webDir);
  const baseline = baselineDir ? await run(baselineDir) : undefined;

  const header = [
    '| build | page | JS KB | JS KB in use | JS requests | CSS KB | catalogue KB | all KB | FCP ms | JS aim | FCP aim (< 3 s) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  const rows = [...(baseline ? table('before (one bundle, uncompressed)', baseline, false) : []), ...table('this build', current, true)];
  console.log(['', ...header, ...rows].join('\n'));
  const missed = PAGES.filter((s) => current.get(s.name)!.jsBytes / 1024 > s.aimKb || current.get(s.name)!.fcpMs >= FCP_AIM_MS).map(
    (s) => s.name,
  );
  console.log(missed.length ? `\naims missed for: ${missed.join(', ')}` : '\nall aims met');

  const date = new Date().toISOString().slice(0, 10);
  writeSection(
    '## Web app weight',
    `## Web app weight (${date})

${machineLine()}
Written by \`npm run bench:web\`: the built web app served by the server (brotli where the build wrote .br
files) on the seeded demo network, loaded in Debian Chromium (Playwright) with a cold cache for each load,
a 360 × 740 px phone viewport, the line throttled through the DevTools protocol to 1.6 Mbit/s down,
750 kbit/s up and 150 ms latency, and the CPU slowed down ${CPU_SLOWDOWN}×. Bytes are as transferred
(compressed, with headers: \`Network.loadingFinished\` encodedDataLength); "catalogue" is the language's
message file (JSON, not JavaScript); "JS KB in use" is the JavaScript a form page has loaded once the cursor is in
its first field (the form's validation schemas load on that first focus, see docs/decisions/0016); FCP is \`first-contentful-paint\`, the median of ${RUNS} loads. The coordinator
is signed in through the API before the load. Aims (issue 12): at most 100 KB of JavaScript on a public page,
250 KB on the coordinator's home, first contentful paint under 3 s. Load average when the run began: ${load}
(2 cores shared with other work: paint times on an idle machine are lower).

${[...header, ...rows].join('\n')}
`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
