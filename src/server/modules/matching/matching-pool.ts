import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.js';
import { matchProfiles } from '../volunteers/match-profiles.service.js';
import type { MatchVolunteer } from './criteria.js';

/** A pool older than this is rebuilt; change notes live an hour (migration 0021), so none is missed. */
const MAX_AGE_MS = 10 * 60_000;
/** Networks, and volunteers over all networks (about 1.6 KB each), kept in memory at once; the least recently used network goes first. */
const MAX_NETWORKS = 32;
const MAX_VOLUNTEERS = 100_000;

interface Pool {
  today: string;
  /** The database snapshot (`pg_snapshot` as text) the pool reflects at least. */
  snapshot: string;
  builtAt: number;
  byId: Map<string, MatchVolunteer>;
  list: MatchVolunteer[] | null;
}

export interface PoolStats {
  builds: number;
  refreshes: number;
  reloaded: number;
  bypassed: number;
}

/**
 * Each network's eligible volunteers (active, with the basic course) as matching reads them —
 * profile, languages, keys, availability, absences, load — kept in this server process, so that
 * ranking a request reads no profiles from the database.
 *
 * It never serves stale data: triggers note every change to a volunteer's matching data in
 * `matching_changes` with the writing transaction's id (migration 0021). On each use the pool asks
 * which notes its snapshot did not yet see — one indexed query — and reloads just those
 * volunteers; a new day (absences, this month's hours), a district catalogue change, a very large
 * change or an old pool rebuild it whole. A transaction that has written anything itself reads
 * straight from the database, since its changes may yet roll back.
 */
export class MatchingPools {
  private readonly pools = new Map<string, Pool>();
  private readonly busy = new Map<string, Promise<void>>();
  readonly stats: PoolStats = { builds: 0, refreshes: 0, reloaded: 0, bypassed: 0 };

  constructor(private readonly now: () => number = Date.now) {}

  /** The network's eligible volunteers as the database holds them now. Do not mutate the result. */
  async eligible(tx: Db, networkId: string, today: string): Promise<MatchVolunteer[]> {
    // One refresh per network at a time: the next waits and then finds the pool current.
    const before = this.busy.get(networkId);
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    const chain = (before ?? Promise.resolve()).then(() => mine);
    this.busy.set(networkId, chain);
    if (before) await before;
    try {
      return await this.current(tx, networkId, today);
    } finally {
      done();
      if (this.busy.get(networkId) === chain) this.busy.delete(networkId);
    }
  }

  private async current(tx: Db, networkId: string, today: string): Promise<MatchVolunteer[]> {
    const pool = this.pools.get(networkId);
    if (pool && pool.today === today && this.now() - pool.builtAt < MAX_AGE_MS) {
      const [delta] = await queryRows<{ wrote: boolean; snapshot: string; ids: string[] | null; everything: boolean }>(
        tx,
        sql`select pg_current_xact_id_if_assigned() is not null as wrote, pg_current_snapshot()::text as snapshot,
              array_agg(distinct volunteer_id) filter (where volunteer_id is not null) as ids, coalesce(bool_or(volunteer_id is null), false) as everything
            from matching_changes
            where network_id = ${networkId} and xid >= pg_snapshot_xmin(${pool.snapshot}::pg_snapshot) and not pg_visible_in_snapshot(xid, ${pool.snapshot}::pg_snapshot)`,
      );
      if (delta!.wrote) return this.bypass(tx, networkId, today);
      if (!delta!.everything) {
        const ids = delta!.ids ?? [];
        if (ids.length) {
          // Read after the snapshot above: at least as new as it, so the pool may claim it.
          const fresh = await matchProfiles(tx, networkId, { eligibleOnly: true, ids }, today);
          for (const id of ids) pool.byId.delete(id);
          for (const v of fresh) pool.byId.set(v.id, v);
          pool.list = null;
          this.stats.refreshes++;
          this.stats.reloaded += ids.length;
        }
        pool.snapshot = delta!.snapshot;
        this.touch(networkId, pool);
        return (pool.list ??= [...pool.byId.values()]);
      }
    }
    const [state] = await queryRows<{ wrote: boolean; snapshot: string }>(
      tx,
      sql`select pg_current_xact_id_if_assigned() is not null as wrote, pg_current_snapshot()::text as snapshot`,
    );
    if (state!.wrote) return this.bypass(tx, networkId, today);
    const list = await matchProfiles(tx, networkId, { eligibleOnly: true }, today);
    this.touch(networkId, { today, snapshot: state!.snapshot, builtAt: this.now(), byId: new Map(list.map((v) => [v.id, v])), list });
    this.stats.builds++;
    return list;
  }

  private bypass(tx: Db, networkId: string, today: string): Promise<MatchVolunteer[]> {
    this.stats.bypassed++;
    return matchProfiles(tx, networkId, { eligibleOnly: true }, today);
  }

  private touch(networkId: string, pool: Pool): void {
    this.pools.delete(networkId);
    this.pools.set(networkId, pool);
    let kept = 0;
    for (const p of this.pools.values()) kept += p.byId.size;
    // The network just used stays, even alone above the limit: it would be read again at once.
    while (this.pools.size > 1 && (this.pools.size > MAX_NETWORKS || kept > MAX_VOLUNTEERS)) {
      const oldest = this.pools.keys().next().value!;
      kept -= this.pools.get(oldest)!.byId.size;
      this.pools.delete(oldest);
    }
  }
}
