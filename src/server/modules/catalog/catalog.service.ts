import { and, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { CatalogEntry, CatalogKind, CreateCatalogEntryBody, UpdateCatalogEntryBody } from '../../../common/api/catalog.js';
import { labelOf, type Translations } from '../../../common/api/translations.js';
import { DEFAULT_LOCALE, type Locale } from '../../../common/locales.js';
import type { Db } from '../../db/client.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import { decodeCursor, keyset, toPage } from '../../http/pagination.js';
import { DomainError, invalidFields, notFound, staleVersion, type FieldError } from '../../http/problems.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { catalogEntries } from './catalog.table.js';

type Row = typeof catalogEntries.$inferSelect;

const present = (r: Row, locale: Locale): CatalogEntry => ({
  key: r.key,
  name: r.name,
  names: r.names,
  label: labelOf(r.name, r.names, locale),
  lat: r.lat,
  lon: r.lon,
  parentKey: r.parentKey,
  version: r.version,
});

const AUDIT_ENTITY = 'catalog_entry';
const keyTaken = () => new DomainError('CATALOG_KEY_TAKEN', 409, 'catalog-key-taken', 'catalogKeyTaken');
const inUse = () => new DomainError('CATALOG_ENTRY_IN_USE', 409, 'catalog-entry-in-use', 'catalogEntryInUse');

/**
 * A catalogue by German name. `q` finds an entry by any of its names; `locale` is the reader's
 * language, which `label` is given in.
 */
export async function listCatalog(
  tx: Db,
  networkId: string,
  kind: CatalogKind,
  query: { limit: number; cursor?: string; q?: string; parentKey?: string },
  locale: Locale = DEFAULT_LOCALE,
) {
  const page = keyset(catalogEntries.name, catalogEntries.key, decodeCursor(query.cursor), false);
  const filters = [eq(catalogEntries.networkId, networkId), eq(catalogEntries.kind, kind)];
  if (page.where) filters.push(page.where);
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(or(ilike(catalogEntries.name, pattern), sql`exists (select 1 from jsonb_each_text(${catalogEntries.names}) as t(lang, name) where t.name ilike ${pattern})`)!);
  }
  if (query.parentKey) filters.push(eq(catalogEntries.parentKey, query.parentKey));
  const rows = await tx.select().from(catalogEntries).where(and(...filters)).orderBy(...page.orderBy).limit(query.limit + 1);
  const result = toPage(rows, query.limit, (r) => ({ v: r.name, id: r.key }));
  return { items: result.items.map((r) => present(r, locale)), nextCursor: result.nextCursor };
}

export async function getCatalogEntry(tx: Db, networkId: string, kind: CatalogKind, key: string, locale: Locale = DEFAULT_LOCALE): Promise<CatalogEntry> {
  const [row] = await tx.select().from(catalogEntries).where(and(eq(catalogEntries.networkId, networkId), eq(catalogEntries.kind, kind), eq(catalogEntries.key, key)));
  if (!row) throw notFound('catalogEntry');
  return present(row, locale);
}

/** Keys among `keys` that are not entries of this catalogue, as field errors at `path`. */
export async function unknownCatalogKeys(tx: Db, networkId: string, kind: CatalogKind, keys: string[], path: string): Promise<FieldError[]> {
  const wanted = [...new Set(keys)];
  if (!wanted.length) return [];
  const rows = await tx
    .select({ key: catalogEntries.key })
    .from(catalogEntries)
    .where(and(eq(catalogEntries.networkId, networkId), eq(catalogEntries.kind, kind), inArray(catalogEntries.key, wanted)));
  const found = new Set(rows.map((r) => r.key));
  return keys.flatMap((k, i) => (found.has(k) ? [] : [{ path: `${path}.${i}`, key: 'unknownCatalogKey', values: { key: k } }]));
}

function checkDistrictFields(kind: CatalogKind, body: { lat?: number | null; lon?: number | null; parentKey?: string | null }) {
  if (kind === 'districts') return;
  const errors: FieldError[] = [];
  for (const field of ['lat', 'lon', 'parentKey'] as const) if (body[field] != null) errors.push({ path: `body.${field}`, key: 'districtsOnly' });
  if (errors.length) throw invalidFields(errors);
}

async function checkParent(tx: Db, networkId: string, kind: CatalogKind, parentKey: string | null | undefined, selfKey?: string) {
  if (!parentKey) return;
  if (parentKey === selfKey) throw invalidFields([{ path: 'body.parentKey', key: 'invalidEnum' }]);
  const unknown = await unknownCatalogKeys(tx, networkId, kind, [parentKey], 'body.parentKey');
  if (unknown.length) throw invalidFields([{ path: 'body.parentKey', key: 'unknownCatalogKey', values: { key: parentKey } }]);
}

export async function createCatalogEntry(tx: Db, actor: Actor, kind: CatalogKind, body: CreateCatalogEntryBody, locale: Locale = DEFAULT_LOCALE): Promise<CatalogEntry> {
  checkDistrictFields(kind, body);
  await checkParent(tx, actor.networkId, kind, body.parentKey);
  const inserted = await tx
    .insert(catalogEntries)
    .values({ networkId: actor.networkId, kind, key: body.key, name: body.name, names: body.names ?? {}, lat: body.lat ?? null, lon: body.lon ?? null, parentKey: body.parentKey ?? null })
    .onConflictDoNothing()
    .returning();
  if (!inserted[0]) throw keyTaken();
  await recordAudit(tx, actor, { action: 'create', entity: AUDIT_ENTITY, entityId: `${kind}/${body.key}`, fields: Object.keys(body) });
  return present(inserted[0], locale);
}

export async function updateCatalogEntry(tx: Db, actor: Actor, kind: CatalogKind, key: string, body: UpdateCatalogEntryBody, locale: Locale = DEFAULT_LOCALE): Promise<CatalogEntry> {
  checkDistrictFields(kind, body);
  await checkParent(tx, actor.networkId, kind, body.parentKey, key);
  const { version, ...changes } = body;
  const [row] = await tx
    .update(catalogEntries)
    .set({ ...changes, version: sql`${catalogEntries.version} + 1`, updatedAt: new Date() })
    .where(and(eq(catalogEntries.networkId, actor.networkId), eq(catalogEntries.kind, kind), eq(catalogEntries.key, key), eq(catalogEntries.version, version)))
    .returning();
  if (!row) {
    await getCatalogEntry(tx, actor.networkId, kind, key);
    throw staleVersion('catalogEntry');
  }
  await recordAudit(tx, actor, { action: 'update', entity: AUDIT_ENTITY, entityId: `${kind}/${key}`, fields: Object.keys(changes) });
  return present(row, locale);
}

export async function deleteCatalogEntry(tx: Db, actor: Actor, kind: CatalogKind, key: string): Promise<void> {
  let deleted: { key: string }[];
  try {
    deleted = await tx
      .delete(catalogEntries)
      .where(and(eq(catalogEntries.networkId, actor.networkId), eq(catalogEntries.kind, kind), eq(catalogEntries.key, key)))
      .returning({ key: catalogEntries.key });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw inUse();
    if (isUniqueViolation(error)) throw keyTaken();
    throw error;
  }
  if (!deleted.length) throw notFound('catalogEntry');
  await recordAudit(tx, actor, { action: 'delete', entity: AUDIT_ENTITY, entityId: `${kind}/${key}` });
}

/** Seeds entries that are missing (the demo network, a new network's defaults). */
export async function ensureCatalogEntries(
  tx: Db,
  networkId: string,
  kind: CatalogKind,
  entries: { key: string; name: string; names?: Translations; lat?: number; lon?: number; parentKey?: string }[],
) {
  if (!entries.length) return;
  // Parents first, so the self-reference holds.
  const ordered = [...entries].sort((a, b) => Number(!!a.parentKey) - Number(!!b.parentKey));
  await tx
    .insert(catalogEntries)
    .values(ordered.map((e) => ({ networkId, kind, key: e.key, name: e.name, names: e.names ?? {}, lat: e.lat ?? null, lon: e.lon ?? null, parentKey: e.parentKey ?? null })))
    .onConflictDoNothing();
}

export interface DistrictMap {
  /** Coordinates of a district, or of its parent when it has none. */
  pointOf(key: string | null): { lat: number; lon: number } | null;
  /** The district and its quarters. */
  areaOf(key: string): string[];
}

/** Every district of the network with coordinates and quarters, for matching (one query). */
export async function districtMap(tx: Db, networkId: string): Promise<DistrictMap> {
  const rows = await tx
    .select({ key: catalogEntries.key, lat: catalogEntries.lat, lon: catalogEntries.lon, parentKey: catalogEntries.parentKey })
    .from(catalogEntries)
    .where(and(eq(catalogEntries.networkId, networkId), eq(catalogEntries.kind, 'districts')));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const children = new Map<string, string[]>();
  for (const r of rows) if (r.parentKey) children.set(r.parentKey, [...(children.get(r.parentKey) ?? []), r.key]);
  return {
    pointOf(key) {
      let r = key ? byKey.get(key) : undefined;
      if (r && (r.lat === null || r.lon === null) && r.parentKey) r = byKey.get(r.parentKey);
      return r && r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : null;
    },
    areaOf: (key) => [key, ...(children.get(key) ?? [])],
  };
}

/**
 * Names of every catalogue entry of the network by `kind:key`, in the reader's language (German
 * where the network gave none), for exports and explanations.
 */
export async function catalogNames(tx: Db, networkId: string, locale: Locale = DEFAULT_LOCALE): Promise<Map<string, string>> {
  const entries = await tx
    .select({ kind: catalogEntries.kind, key: catalogEntries.key, name: catalogEntries.name, names: catalogEntries.names })
    .from(catalogEntries)
    .where(eq(catalogEntries.networkId, networkId));
  return new Map(entries.map((e) => [`${e.kind}:${e.key}`, labelOf(e.name, e.names, locale)]));
}
