import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../src/server/db/client.js';
import { withMaintenance } from '../src/server/db/tenancy.js';

/**
 * The mails queued for an address, newest first, read from the table as the addressee's mailbox
 * would receive them: the outbox API masks the links of other people's invitations and resets.
 */
export function mailsTo(database: Database, to: string): Promise<{ subject: string; text: string; status: string }[]> {
  return withMaintenance(database.db, (tx) =>
    queryRows(tx, sql`select subject, text_body as text, status from outbox_mails where lower(to_address) = lower(${to}) order by created_at desc, id desc`),
  );
}
