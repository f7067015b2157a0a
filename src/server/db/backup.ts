import { sql } from 'drizzle-orm';
import fs from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { queryRows, type Db } from './client.js';
import { withMaintenance } from './tenancy.js';

/**
 * Backup and restore as one gzipped JSON document: every table of the schema, rows as
 * PostgreSQL renders them to JSON and reads them back with json_populate_recordset, so types
 * (jsonb, arrays, timestamps, bytea) survive, and a backup from PGlite restores into PostgreSQL
 * and back.
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

export async function backup(db: Db, file: string): Promise<{ tables: number; rows: number }> {
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
  await pipeline(Readable.from(chunks), createGzip(), fs.createWriteStream(file));
  return { tables, rows };
}

interface BackupDocument {
  format: string;
  tables: { name: string; columns: string[]; rows: Record<string, unknown>[] }[];
}

/** Replaces every row of every table with the backup's, in one transaction: all or nothing. */
export async function restore(db: Db, file: string): Promise<{ tables: number; rows: number }> {
  const parts: Buffer[] = [];
  for await (const chunk of fs.createReadStream(file).pipe(createGunzip())) parts.push(chunk as Buffer);
  const doc = JSON.parse(Buffer.concat(parts).toString('utf8')) as BackupDocument;
  if (doc.format !== FORMAT) throw new Error(`not a Lotse backup (format ${String(doc.format)})`);
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
