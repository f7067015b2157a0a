import { and, asc, eq, lte, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { withMaintenance } from '../../db/tenancy.js';
import { asDate, decodeCursor, keyset, toPage } from '../../http/pagination.js';
import type { Actor } from '../audit/actor.js';
import { users } from '../users/users.table.js';
import { outboxMails } from './mail.table.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Queues a mail in the caller's transaction; it leaves only if that transaction commits. */
export async function enqueueMail(tx: Db, networkId: string, message: MailMessage): Promise<void> {
  await tx.insert(outboxMails).values({ networkId, id: newId(), to: message.to, subject: message.subject, text: message.text });
}

/**
 * A link that carries a token opens an account (invitation) or sets its password (reset): only the
 * addressee may hold it. The outbox shows it to admins with the token hidden.
 */
const SECRET_LINK = /([?&]token=)[^\s&#]+/g;
export const maskSecretLinks = (text: string) => text.replace(SECRET_LINK, '$1••••');

/** The outbox of the reader's network; links with tokens are masked except in the reader's own mail. */
export async function listOutbox(tx: Db, reader: Actor, query: { limit: number; cursor?: string }) {
  const networkId = reader.networkId;
  const [me] = reader.type === 'user' && reader.id ? await tx.select({ email: users.email }).from(users).where(and(eq(users.networkId, networkId), eq(users.id, reader.id))) : [];
  const own = (to: string) => !!me && to.toLowerCase() === me.email.toLowerCase();
  const cursor = decodeCursor(query.cursor);
  const filters = [eq(outboxMails.networkId, networkId)];
  const page = keyset(outboxMails.createdAt, outboxMails.id, cursor, true, asDate);
  if (page.where) filters.push(page.where);
  const rows = await tx
    .select()
    .from(outboxMails)
    .where(and(...filters))
    .orderBy(...page.orderBy)
    .limit(query.limit + 1);
  const result = toPage(rows, query.limit, (r) => ({ v: r.createdAt.toISOString(), id: r.id }));
  return {
    items: result.items.map((r) => ({
      id: r.id,
      to: r.to,
      subject: r.subject,
      text: own(r.to) ? r.text : maskSecretLinks(r.text),
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
    })),
    nextCursor: result.nextCursor,
  };
}

const MAX_ATTEMPTS = 5;

/**
 * Delivers queued mail. With an SMTP URL it sends and retries with back-off; without one it
 * logs that a mail is waiting (address and id, never the text) and keeps it in the outbox, where
 * network admins read it. Rows are claimed with SKIP LOCKED, so several app instances can run the
 * worker side by side.
 */
export class MailDelivery {
  private readonly transport: Transporter | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    smtpUrl: string | undefined,
    private readonly from: string,
    private readonly log: FastifyBaseLogger,
  ) {
    this.transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  }

  start(intervalMs = 5000) {
    this.timer = setInterval(() => void this.deliverDue().catch((err) => this.log.error({ err }, 'mail delivery failed')), intervalMs);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    this.transport?.close();
  }

  /** Sends what is due now; answers how many mails were handled. One run at a time per process. */
  deliverDue(): Promise<number> {
    this.running ??= this.runOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async runOnce(): Promise<number> {
    let handled = 0;
    for (let mail = await this.claim(); mail; mail = await this.claim()) {
      await this.deliver(mail);
      handled++;
    }
    return handled;
  }

  /**
   * Leases the next due mail for ten minutes and commits at once: no lock or connection is held
   * while talking to the SMTP server (PGlite has a single connection).
   */
  private claim() {
    return withMaintenance(this.db, async (tx) => {
      const [due] = await tx
        .select({ networkId: outboxMails.networkId, id: outboxMails.id })
        .from(outboxMails)
        .where(and(eq(outboxMails.status, 'queued'), lte(outboxMails.nextAttemptAt, new Date())))
        .orderBy(asc(outboxMails.nextAttemptAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!due) return null;
      const [leased] = await tx
        .update(outboxMails)
        .set({ nextAttemptAt: sql`now() + interval '10 minutes'`, attempts: sql`${outboxMails.attempts} + 1` })
        .where(and(eq(outboxMails.networkId, due.networkId), eq(outboxMails.id, due.id)))
        .returning();
      return leased ?? null;
    });
  }

  private async deliver(mail: typeof outboxMails.$inferSelect) {
    const key = and(eq(outboxMails.networkId, mail.networkId), eq(outboxMails.id, mail.id));
    const settle = (values: Partial<typeof outboxMails.$inferInsert>) =>
      withMaintenance(this.db, (tx) => tx.update(outboxMails).set(values).where(key));
    if (!this.transport) {
      // Subject and body stay out of the log: they carry names and the links of invitations and resets.
      this.log.info({ mail: { id: mail.id, networkId: mail.networkId, to: mail.to } }, 'mail (no SMTP_URL configured: kept in the outbox)');
      await settle({ status: 'logged', sentAt: new Date() });
      return;
    }
    try {
      await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text });
      await settle({ status: 'sent', sentAt: new Date(), lastError: null });
    } catch (err) {
      const message = err instanceof Error ? err.message.slice(0, 500) : 'unknown error';
      this.log.warn({ mailId: mail.id, attempts: mail.attempts, error: message }, 'mail not delivered');
      await settle({
        lastError: message,
        status: mail.attempts >= MAX_ATTEMPTS ? 'failed' : 'queued',
        nextAttemptAt: new Date(Date.now() + 2 ** mail.attempts * 60_000),
      });
    }
  }
}
