import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { backup, restore } from './db/backup.js';
import { openDatabase, type Database } from './db/client.js';
import { migrate } from './db/migrate.js';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from './demo/seed-demo.js';
import { serve } from './main.js';
import { createNetworkWithAdmin } from './modules/networks/provisioning.js';

const HELP = `Lotse command line — npm run lotse -- <command> [options]

  serve                          start the server (same as npm start, without building the web app)
  migrate                        apply database migrations
  create-network --name N --admin-email E --admin-password P [--admin-name A] [--slug S]
                                 create a network with its coordination office and its first person
                                 (network_admin and coordinator of the office)
  seed-demo                      load the demo network (Hannover) with one login per role
  backup FILE [--passphrase-file P]
                                 write every table to FILE (gzipped JSON, mode 0600), encrypted
                                 with the passphrase in file P or in LOTSE_BACKUP_PASSPHRASE
  restore FILE [--passphrase-file P]
                                 replace all data with the backup in FILE (one transaction); an
                                 encrypted backup needs its passphrase

The database comes from DATABASE_URL (PostgreSQL) or DATA_DIR (embedded PGlite, default ./data).
TOTP secrets in a backup stay encrypted with LOTSE_SECRET_KEY (or DATA_DIR/secret.key): keep a copy
of the key safe, apart from the backup files; the restored data needs the same key.`;

const MIN_PASSPHRASE = 12;

/** The passphrase from --passphrase-file (its first line) or else LOTSE_BACKUP_PASSPHRASE. */
function backupPassphrase(args: string[], command: string): { file: string; passphrase: string | undefined } {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'passphrase-file': { type: 'string' } } });
  const file = positionals[0] ?? fail(`${command} needs a FILE.`);
  const from = values['passphrase-file'];
  if (from === undefined) return { file, passphrase: loadConfig().LOTSE_BACKUP_PASSPHRASE };
  let text: string;
  try {
    text = fs.readFileSync(from, 'utf8');
  } catch {
    fail(`The passphrase file ${from} cannot be read.`);
  }
  const passphrase = text.split(/\r?\n/)[0] ?? '';
  if (!passphrase) fail(`The passphrase file ${from} is empty.`);
  return { file, passphrase };
}

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

function fail(message: string): never {
  console.error(`${message}\n\n${HELP}`);
  process.exit(2);
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serve();
    case 'migrate':
      return withDatabase(async (db) => console.log(`Migrations applied (${db.kind}).`));
    case 'create-network': {
      const { values } = parseArgs({
        args: rest,
        options: {
          name: { type: 'string' },
          'admin-email': { type: 'string' },
          'admin-password': { type: 'string' },
          'admin-name': { type: 'string' },
          slug: { type: 'string' },
        },
      });
      if (!values.name || !values['admin-email'] || !values['admin-password']) fail('create-network needs --name, --admin-email and --admin-password.');
      if (values['admin-password'].length < 10) fail('The admin password must be at least 10 characters long.');
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values['admin-email'])) fail('The admin e-mail address is not valid.');
      const created = await withDatabase((db) =>
        createNetworkWithAdmin(db.db, {
          name: values.name!,
          slug: values.slug,
          adminEmail: values['admin-email']!.toLowerCase(),
          adminPassword: values['admin-password']!,
          adminName: values['admin-name'],
        }),
      );
      console.log(`Network "${values.name}" created (slug ${created.slug}, id ${created.networkId}). Sign in as ${values['admin-email']}.`);
      return;
    }
    case 'seed-demo': {
      const result = await withDatabase((db) => seedDemo(db.db));
      console.log(result.created ? 'Demo network "Integrationsnetz Hannover (Demo)" created.' : 'The demo network exists already; nothing changed.');
      console.log(`Logins (password ${DEMO_PASSWORD}):\n${DEMO_LOGINS.map((l) => `  ${l.role.padEnd(14)} ${l.email}`).join('\n')}`);
      return;
    }
    case 'backup': {
      const { file, passphrase } = backupPassphrase(rest, 'backup');
      if (passphrase !== undefined && passphrase.length < MIN_PASSPHRASE) fail(`The backup passphrase must be at least ${MIN_PASSPHRASE} characters long.`);
      const { tables, rows } = await withDatabase((db) => backup(db.db, file, { passphrase }));
      console.log(`Backup written to ${file}${passphrase ? ' (encrypted)' : ''}: ${rows} rows in ${tables} tables.`);
      if (!passphrase) console.log('It is not encrypted: it holds password hashes and personal data; keep it where only you can read it, or pass --passphrase-file.');
      return;
    }
    case 'restore': {
      const { file, passphrase } = backupPassphrase(rest, 'restore');
      const { tables, rows } = await withDatabase((db) => restore(db.db, file, { passphrase }));
      console.log(`Restored ${rows} rows in ${tables} tables from ${file}.`);
      return;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(HELP);
      return;
    default:
      fail(`Unknown command "${command}".`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
