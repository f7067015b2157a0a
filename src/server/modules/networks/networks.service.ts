import { and, eq, sql } from 'drizzle-orm';
import { DEFAULT_NETWORK_SETTINGS, type Network, type NetworkView, type UpdateNetworkBody } from '../../../common/api/network.js';
import type { Db } from '../../db/client.js';
import { notFound, staleVersion } from '../../http/problems.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { networks } from './networks.table.js';

type Row = typeof networks.$inferSelect;

const present = (row: Row): Network => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  settings: { ...DEFAULT_NETWORK_SETTINGS, ...row.settings },
  version: row.version,
  createdAt: row.createdAt.toISOString(),
});

export function withoutPayoutAccount(network: Network): NetworkView {
  const { payoutAccount: _hidden, ...settings } = network.settings;
  return { ...network, settings };
}

export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'netzwerk';
}

export async function insertNetwork(tx: Db, input: { id: string; name: string; slug: string }): Promise<void> {
  await tx.insert(networks).values({ id: input.id, name: input.name, slug: input.slug, settings: DEFAULT_NETWORK_SETTINGS });
}

/** A slug not yet used: `hannover`, `hannover-2`, … */
export async function freeSlug(tx: Db, base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    const [taken] = await tx.select({ id: networks.id }).from(networks).where(eq(networks.slug, candidate));
    if (!taken) return candidate;
  }
}

export async function getNetwork(tx: Db, id: string): Promise<Network> {
  const [row] = await tx.select().from(networks).where(eq(networks.id, id));
  if (!row) throw notFound('network');
  return present(row);
}

export async function updateNetwork(tx: Db, actor: Actor, body: UpdateNetworkBody): Promise<Network> {
  const current = await getNetwork(tx, actor.networkId);
  const fields = [...(body.name !== undefined ? ['name'] : []), ...Object.keys(body.settings ?? {}).map((k) => `settings.${k}`)];
  const [row] = await tx
    .update(networks)
    .set({
      ...(body.name !== undefined ? { name: body.name } : {}),
      settings: { ...current.settings, ...body.settings },
      version: sql`${networks.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(networks.id, actor.networkId), eq(networks.version, body.version)))
    .returning();
  if (!row) throw staleVersion('network');
  await recordAudit(tx, actor, { action: 'update', entity: 'network', entityId: actor.networkId, fields });
  return present(row);
}

/** A network by its public slug (public forms); unknown slugs answer 404. */
export async function networkIdBySlug(db: Db, slug: string): Promise<string> {
  const [row] = await db.select({ id: networks.id }).from(networks).where(eq(networks.slug, slug));
  if (!row) throw notFound('network');
  return row.id;
}
