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
                                 create a network with its coordination office and first network_admin
  seed-demo                      load the demo network (Hannover) with one login per role
  backup FILE                    write every table to FILE (gzipped JSON)
  restore FILE                   replace all data with the backup in FILE (one transaction)

The database comes from DATABASE_URL (PostgreSQL) or DATA_DIR (embedded PGlite, default ./data).`;

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
      const file = rest[0] ?? fail('backup needs a FILE.');
      const { tables, rows } = await withDatabase((db) => backup(db.db, file));
      console.log(`Backup written to ${file}: ${rows} rows in ${tables} tables.`);
      return;
    }
    case 'restore': {
      const file = rest[0] ?? fail('restore needs a FILE.');
      const { tables, rows } = await withDatabase((db) => restore(db.db, file));
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
