/**
 * Writes the OpenAPI document the server serves at /api/openapi.json to a file, without a
 * database on disk or a port: CI lints it (`npm run lint:openapi`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/client.js';

const out = process.argv[2];
if (!out) throw new Error('usage: tsx scripts/openapi.ts <file>');

const database = await openDatabase({ dataDir: 'memory://' });
const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database });
await app.ready();
fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
fs.writeFileSync(out, JSON.stringify(app.swagger(), null, 2));
await app.close();
await database.close();
