// The real Lotse server on a freshly seeded demo network, for the browser journeys
// (tests/e2e/global-setup.ts) and the web-weight benchmark (bench/web-weight.ts), plus the one
// way both launch Debian's Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Chromium, headless, quiet: never a downloaded browser. */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface DemoServer {
  url: string;
  dataDir: string;
  stop: () => Promise<void>;
}

/**
 * Seeds the demo into a new temporary DATA_DIR (PGlite) and starts `src/server/main.ts` on a free
 * port, serving the build in `webDir`; resolves once /readyz answers. `env` adds to or overrides
 * the server's environment (SMTP_URL, TRUST_PROXY …); DATABASE_URL and SMTP_URL of the caller's
 * environment are never inherited. `stop` ends the server's whole process group and removes the data.
 */
export async function startDemoServer(options: { root: string; webDir: string; env?: NodeJS.ProcessEnv; dataDir?: string }): Promise<DemoServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lotse-demo-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    LOG_LEVEL: 'warn',
    WEB_DIR: options.webDir,
  };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  Object.assign(env, options.env);

  const seed = spawnSync('npx', ['tsx', 'src/server/cli.ts', 'seed-demo'], { cwd: options.root, env, encoding: 'utf8' });
  if (seed.status !== 0) throw new Error(`seed-demo failed:\n${seed.stdout}\n${seed.stderr}`);

  // Its own process group, so that stopping ends npx, tsx and the server together.
  const server = spawn('npx', ['tsx', 'src/server/main.ts'], { cwd: options.root, env, detached: true, stdio: ['ignore', 'inherit', 'inherit'] });
  let exited = false;
  server.on('exit', () => {
    exited = true;
  });
  const stop = async () => {
    if (server.pid && !exited) {
      process.kill(-server.pid, 'SIGTERM');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          if (!exited && server.pid) process.kill(-server.pid, 'SIGKILL');
          resolve();
        }, 10_000);
        server.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (exited) {
      await stop();
      throw new Error('The Lotse server exited during start-up (see its output above).');
    }
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, dataDir, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`The Lotse server did not become ready at ${url} within 60 s`);
}
