import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort(): Promise<number> {
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

async function waitForReady(url: string, timeoutMs: number, exited: () => boolean): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (exited()) throw new Error('The Lotse server exited during start-up (see its output above).');
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The Lotse server did not become ready at ${url} within ${timeoutMs} ms`);
}

export default async function globalSetup() {
  const root = process.cwd();
  const webDir = process.env.WEB_DIR ?? join(root, 'dist/web');
  if (!existsSync(join(webDir, 'index.html'))) {
    throw new Error(`${webDir}/index.html is missing: run \`npm run build\` before the e2e tests.`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'lotse-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    LOG_LEVEL: 'warn',
    // Specs act as several visitors by their address (X-Forwarded-For), as behind a proxy.
    TRUST_PROXY: 'true',
  };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;

  const seed = spawnSync('npx', ['tsx', 'src/server/cli.ts', 'seed-demo'], { cwd: root, env, encoding: 'utf8' });
  if (seed.status !== 0) throw new Error(`seed-demo failed:\n${seed.stdout}\n${seed.stderr}`);

  // Its own process group, so that teardown ends npx, tsx and the server together.
  const server = spawn('npx', ['tsx', 'src/server/main.ts'], { cwd: root, env, detached: true, stdio: ['ignore', 'inherit', 'inherit'] });
  let exited = false;
  server.on('exit', () => {
    exited = true;
  });
  try {
    await waitForReady(`${baseUrl}/readyz`, 60_000, () => exited);
  } catch (error) {
    if (server.pid && !exited) process.kill(-server.pid, 'SIGTERM');
    throw error;
  }
  process.env.LOTSE_E2E_BASE_URL = baseUrl;

  return async () => {
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
}
