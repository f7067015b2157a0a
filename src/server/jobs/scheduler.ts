/**
 * Background work (proposal expiry, agreement reminders, later retention and deletion): one
 * mechanism that runs on PGlite and PostgreSQL alike. Every job is a sweep over one network's
 * rows that claims what is due with a conditional update, so it is idempotent and several app
 * instances may run it side by side without doing anything twice.
 */
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { queryRows } from '../db/client.js';
import { withMaintenance, withTenant } from '../db/tenancy.js';

export interface Job {
  name: string;
  /** Does what is due in one network at `now`; answers how many items it handled. */
  run(tx: Db, networkId: string, now: Date): Promise<number>;
}

export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<Record<string, number>> | null = null;

  constructor(
    private readonly db: Db,
    private readonly jobs: Job[],
    private readonly log: FastifyBaseLogger,
  ) {}

  start(intervalMs = 60_000) {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.runDue().finally(() => (this.running = null));
    }, intervalMs);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Runs every job for every network once; a failing job is logged and does not stop the others. */
  async runDue(now = new Date()): Promise<Record<string, number>> {
    const networks = await withMaintenance(this.db, (tx) => queryRows<{ id: string }>(tx, sql`select id from networks order by id`));
    const done: Record<string, number> = {};
    for (const job of this.jobs) {
      done[job.name] = 0;
      for (const { id } of networks) {
        try {
          done[job.name]! += await withTenant(this.db, id, (tx) => job.run(tx, id, now));
        } catch (err) {
          this.log.error({ err, job: job.name, networkId: id }, 'background job failed');
        }
      }
    }
    return done;
  }
}
