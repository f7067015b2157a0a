import { sql } from 'drizzle-orm';
import { randomBytes, scrypt } from 'node:crypto';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { createGzip, gunzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { queryRows, type Db } from './client.js';
import { open, seal } from './secret-box.js';
import { withMaintenance } from './tenancy.js';

/**
 * Backup and restore as one gzipped JSON document: every table of the schema, rows as
 * PostgreSQL renders them to JSON and reads them back with json_populate_recordset, so types
 * (jsonb, arrays, timestamps, bytea) survive, and a backup from PGlite restores into PostgreSQL
 * and back. With a passphrase the file is encrypted (below); either way only its owner may read it.
 */
const FORMAT = 'lotse-backup/1';
const CHUNK = 5000;

interface TableInfo {
  name: string;
  columns: string[];
}

async function tablesInDependencyOrder(tx: Db): Promise<TableInfo[]> {
  const tables = await queryRows<{ name: string; columns: string[] }>(
    tx,
    sql`select c.relname as name,
               array_agg(a.attname::text order by a.attnum) as columns
          from pg_class c
          join pg_namespace n on n.oid = c.relnamespace
          join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
         where n.nspname = current_schema() and c.relkind = 'r'
           -- derived: matching's change notes, which the restore's own writes note again, and the
           -- answers kept for Idempotency-Key repeats (a day's worth, encrypted per client key)
           and c.relname not in ('matching_changes', 'idempotency_keys')
         group by c.relname`,
  );
  const deps = await queryRows<{ child: string; parent: string }>(
    tx,
    sql`select c.relname as child, p.relname as parent
          from pg_constraint k
          join pg_class c on c.oid = k.conrelid
          join pg_class p on p.oid = k.confrelid
          join pg_namespace n on n.oid = c.relnamespace
         where k.contype = 'f' and n.nspname = current_schema() and c.oid <> p.oid`,
  );
  const order: TableInfo[] = [];
  const placed = new Set<string>();
  const remaining = new Map(tables.map((t) => [t.name, t]));
  while (remaining.size) {
    const ready = [...remaining.values()].filter((t) => deps.every((d) => d.child !== t.name || placed.has(d.parent) || !remaining.has(d.parent)));
    if (!ready.length) throw new Error('circular foreign keys between tables');
    for (const t of ready.sort((a, b) => a.name.localeCompare(b.name))) {
      order.push(t);
      placed.add(t.name);
      remaining.delete(t.name);
    }
  }
  return order;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * An encrypted backup: header, then the gzipped document sealed with AES-256-GCM under a key that
 * scrypt derives from the passphrase. Header: magic (16 bytes) | version (1) | log2 N, r, p of
 * scrypt (1 each) | salt (16); then iv (12) | tag (16) | ciphertext. The header is authenticated
 * with the ciphertext, so its parameters cannot be changed either.
 */
const MAGIC = Buffer.from('LOTSE-BACKUP-ENC', 'ascii');
const ENCRYPTION_VERSION = 1;
const HEADER_BYTES = MAGIC.length + 4 + 16;
/** OWASP's scrypt recommendation (N = 2^17, r = 8, p = 1): 128 MiB and a fraction of a second. */
const SCRYPT = { log2N: 17, r: 8, p: 1 };

/** A backup that cannot be opened as given: the CLI prints the message alone. */
export class BackupError extends Error {}

function deriveKey(passphrase: string, salt: Buffer, params: { log2N: number; r: number; p: number }): Promise<Buffer> {
  const N = 2 ** params.log2N;
  return promisify<string, Buffer, number, { N: number; r: number; p: number; maxmem: number }, Buffer>(scrypt)(passphrase, salt, 32, {
    N,
    r: params.r,
    p: params.p,
    maxmem: 256 * N * params.r,
  });
}

async function encrypt(plain: Buffer, passphrase: string): Promise<Buffer> {
  const salt = randomBytes(16);
  const header = Buffer.concat([MAGIC, Buffer.from([ENCRYPTION_VERSION, SCRYPT.log2N, SCRYPT.r, SCRYPT.p]), salt]);
  return Buffer.concat([header, seal(await deriveKey(passphrase, salt, SCRYPT), plain, header)]);
}

async function decrypt(data: Buffer, passphrase: string | undefined, file: string): Promise<Buffer> {
  if (!passphrase) throw new BackupError(`${file} is encrypted: give its passphrase with --passphrase-file FILE or LOTSE_BACKUP_PASSPHRASE.`);
  const header = data.subarray(0, HEADER_BYTES);
  const [version, log2N, r, p] = header.subarray(MAGIC.length, MAGIC.length + 4);
  // Bounds keep a forged header from asking scrypt for gigabytes.
  if (version !== ENCRYPTION_VERSION || !log2N || log2N < 10 || log2N > 20 || !r || r > 16 || !p || p > 4) {
    throw new BackupError(`${file} is an encrypted backup of a format this version does not know.`);
  }
  const key = await deriveKey(passphrase, header.subarray(MAGIC.length + 4), { log2N, r, p });
  try {
    return open(key, data.subarray(HEADER_BYTES), header);
  } catch {
    throw new BackupError(`The passphrase does not open ${file} (wrong passphrase, or the file is damaged).`);
  }
}

/** Backups hold password hashes and personal data: only the owner may read the file. */
async function writePrivate(file: string, data: Buffer): Promise<void> {
  const handle = await fs.promises.open(file, 'w', 0o600);
  try {
    // The mode given to open applies only to a new file; an existing one keeps its own.
    await handle.chmod(0o600);
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}

export async function backup(db: Db, file: string, options: { passphrase?: string } = {}): Promise<{ tables: number; rows: number; encrypted: boolean }> {
  let rows = 0;
  const chunks: string[] = [];
  const tables = await withMaintenance(db, async (tx) => {
    const list = await tablesInDependencyOrder(tx);
    const migrations = await queryRows<Record<string, unknown>>(tx, sql`select * from drizzle.__drizzle_migrations order by id`);
    chunks.push(`{"format":${JSON.stringify(FORMAT)},"createdAt":${JSON.stringify(new Date().toISOString())},"migrations":${JSON.stringify(migrations)},"tables":[`);
    // Rows are fetched in chunks so a large table never becomes one giant string.
    for (const [i, table] of list.entries()) {
      chunks.push(`${i ? ',' : ''}{"name":${JSON.stringify(table.name)},"columns":${JSON.stringify(table.columns)},"rows":[`);
      let first = true;
      for (let offset = 0; ; offset += CHUNK) {
        const part = await queryRows<{ r: unknown }>(
          tx,
          // Generated columns are left out: PostgreSQL computes them again on restore.
          sql.raw(`select row_to_json(t) as r from (select ${table.columns.map(ident).join(', ')} from ${ident(table.name)} order by ctid limit ${CHUNK} offset ${offset}) t`),
        );
        for (const { r } of part) {
          chunks.push(`${first ? '' : ','}${typeof r === 'string' ? r : JSON.stringify(r)}`);
          first = false;
        }
        rows += part.length;
        if (part.length < CHUNK) break;
      }
      chunks.push(']}');
    }
    chunks.push(']}');
    return list.length;
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
  const compressed: Buffer[] = [];
  await pipeline(Readable.from(chunks), createGzip(), async (gzipped: AsyncIterable<Buffer>) => {
    for await (const part of gzipped) compressed.push(part);
  });
  const document = Buffer.concat(compressed);
  await writePrivate(file, options.passphrase ? await encrypt(document, options.passphrase) : document);
  return { tables, rows, encrypted: !!options.passphrase };
}

interface BackupDocument {
  format: string;
  tables: { name: string; columns: string[]; rows: Record<string, unknown>[] }[];
}

/**
 * Replaces every row of every table with the backup's, in one transaction: all or nothing. An
 * encrypted backup needs its passphrase; it is opened before anything is changed.
 */
export async function restore(db: Db, file: string, options: { passphrase?: string } = {}): Promise<{ tables: number; rows: number }> {
  const data = await fs.promises.readFile(file);
  const encrypted = data.length >= HEADER_BYTES && data.subarray(0, MAGIC.length).equals(MAGIC);
  const gzipped = encrypted ? await decrypt(data, options.passphrase, file) : data;
  const doc = JSON.parse((await promisify(gunzip)(gzipped)).toString('utf8')) as BackupDocument;
  if (doc.format !== FORMAT) throw new BackupError(`not a Lotse backup (format ${String(doc.format)})`);
  let rows = 0;
  await withMaintenance(db, async (tx) => {
    const order = await tablesInDependencyOrder(tx);
    const known = new Set(order.map((t) => t.name));
    for (const t of doc.tables) if (!known.has(t.name)) throw new Error(`backup has table ${t.name}, which this version does not know`);
    for (const table of [...order].reverse()) await tx.execute(sql.raw(`delete from ${ident(table.name)}`));
    for (const table of order) {
      const saved = doc.tables.find((t) => t.name === table.name);
      if (!saved?.rows.length) continue;
      const cols = saved.columns.filter((c) => table.columns.includes(c)).map(ident).join(', ');
      for (let i = 0; i < saved.rows.length; i += CHUNK) {
        const batch = JSON.stringify(saved.rows.slice(i, i + CHUNK));
        await tx.execute(
          sql`insert into ${sql.raw(ident(table.name))} (${sql.raw(cols)}) select ${sql.raw(cols)} from json_populate_recordset(null::${sql.raw(ident(table.name))}, ${batch}::json)`,
        );
      }
      rows += saved.rows.length;
    }
  });
  return { tables: doc.tables.length, rows };
}
