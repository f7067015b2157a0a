import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer } from './demo-server.js';
import { startMailbox } from './mailbox.js';

export default async function globalSetup() {
  const root = process.cwd();
  const webDir = process.env.WEB_DIR ?? join(root, 'dist/web');
  if (!existsSync(join(webDir, 'index.html'))) {
    throw new Error(`${webDir}/index.html is missing: run \`npm run build\` before the e2e tests.`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'lotse-e2e-'));
  // Mail goes to people's mailboxes over SMTP; the outbox masks their links from admins.
  process.env.LOTSE_E2E_MAILBOX = join(dataDir, 'mailbox.jsonl');
  const mailbox = await startMailbox(process.env.LOTSE_E2E_MAILBOX);
  const server = await startDemoServer({
    root,
    webDir,
    dataDir,
    // Specs act as several visitors by their address (X-Forwarded-For), as behind a proxy.
    env: { SMTP_URL: mailbox.url, TRUST_PROXY: 'true' },
  }).catch(async (error: unknown) => {
    await mailbox.close();
    throw error;
  });
  process.env.LOTSE_E2E_BASE_URL = server.url;

  return async () => {
    await server.stop();
    await mailbox.close();
  };
}
