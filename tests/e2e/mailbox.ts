import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * The people's mailboxes for the e2e server: a real SMTP peer that appends every mail it receives
 * to a file, one JSON line each. Specs read invitation and reset links here, as the addressee
 * would; the outbox shows admins those links masked.
 */
export async function startMailbox(file: string): Promise<{ url: string; close: () => Promise<void> }> {
  fs.writeFileSync(file, '');
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        fs.appendFileSync(file, `${JSON.stringify({ to, text: decodeQuotedPrintable(Buffer.concat(chunks).toString('latin1')) })}\n`);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Enough of quoted-printable for the text part nodemailer writes: soft breaks and =XX bytes, as UTF-8. */
function decodeQuotedPrintable(raw: string): string {
  const bytes = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The first link matching `link` in the newest mail to `to`; waits for the mail worker to deliver it. */
export async function linkInMail(to: string, link: RegExp, timeoutMs = 20_000): Promise<string> {
  const file = process.env.LOTSE_E2E_MAILBOX;
  if (!file) throw new Error('LOTSE_E2E_MAILBOX is not set: the global setup did not run.');
  const until = Date.now() + timeoutMs;
  for (;;) {
    const mails = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { to: string[]; text: string })
      .filter((m) => m.to.includes(to))
      .reverse();
    for (const m of mails) {
      const found = link.exec(m.text)?.[0];
      if (found) return found;
    }
    if (Date.now() > until) throw new Error(`no mail to ${to} with a link like ${link}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
