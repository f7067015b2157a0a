import type { FastifyRequest } from 'fastify';
import { buildApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { openDatabase } from './db/client.js';
import { migrate } from './db/migrate.js';
import { loadSecretKey, useSecretKey } from './db/secret-box.js';
import { sealStoredTotpSecrets } from './modules/users/users.service.js';

/** Query values that open something (invitation and reset tokens, codes) or say whom one looked for. */
const REDACTED_PARAMS = new Set(['token', 'code', 'q']);

export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      let name = pair.slice(0, eq);
      try {
        name = decodeURIComponent(name);
      } catch {
        // a malformed name is compared as written
      }
      return REDACTED_PARAMS.has(name.toLowerCase()) ? `${pair.slice(0, eq)}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, at)}?${query}`;
}

/** Fastify's request line as it is by default, with the secret query values redacted. */
export function loggerOptions(config: Pick<Config, 'LOG_LEVEL'>, stream?: { write(line: string): void }) {
  return {
    level: config.LOG_LEVEL,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  };
}

/** Process entry: configuration → database → migrations → secret key → app → listen; SIGTERM drains. */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await migrate(database);
  useSecretKey(loadSecretKey({ secretKey: config.LOTSE_SECRET_KEY, databaseKind: database.kind, dataDir: config.DATA_DIR }));
  const { sealed } = await sealStoredTotpSecrets(database.db);
  const app = await buildApp({ config, database, logger: loggerOptions(config), mailWorker: true });
  if (sealed) app.log.info({ sealed }, 'TOTP secrets stored in clear were encrypted');
  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info({ url: config.publicUrl, database: database.kind }, 'Lotse is listening');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing open requests');
    try {
      await app.close();
      await database.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('main.ts')) {
  serve().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
