import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, ORIGIN, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork, makeUser, type TestNetwork } from '../../../../tests/factories.js';

interface Received {
  from: string;
  to: string[];
  data: string;
}

/** A real SMTP peer on a free local port: the mail test speaks the real protocol. */
async function startSmtp(options: { reject?: boolean } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (options.reject) return callback(new Error('mailbox unavailable'));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('mail over SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let t: TestApp;
  let network: TestNetwork;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Lotse Hannover <lotse@example.org>' });
    network = await makeNetwork(t.database);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('delivers an invitation to the SMTP server with the link, and marks it sent', async () => {
    const cookie = await login(t.app, network.adminEmail);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: asBrowser(cookie),
      payload: { email: 'neue.lotsin@example.org', organizationId: network.officeId, role: 'volunteer' },
    });
    expect(res.statusCode).toBe(201);
    await t.app.mail.deliverDue();
    const mail = smtp.received.find((m) => m.to.includes('neue.lotsin@example.org'));
    expect(mail).toBeDefined();
    expect(mail!.from).toBe('lotse@example.org');
    const unfolded = mail!.data.replace(/=\r?\n/g, '');
    expect(unfolded).toMatch(/invitation\?token=3D|invitation\?token=/);
    const outbox = (await t.app.inject({ method: 'GET', url: '/api/v1/outbox', headers: { cookie } })).json();
    expect(outbox.items[0]).toMatchObject({ to: 'neue.lotsin@example.org', status: 'sent', attempts: 1 });
  });

  it('shows an admin another person’s reset link masked, while the mail over SMTP carries the working link', async () => {
    const person = await makeUser(t.database, network, 'coordinator');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/request', headers: { origin: ORIGIN }, payload: { email: person.email } })).statusCode).toBe(202);
    await t.app.mail.deliverDue();
    const delivered = smtp.received.find((m) => m.to.includes(person.email));
    const token = /reset-password\?token=(\S+)/.exec(quotedPrintable(delivered!.data))![1]!;

    const cookie = await login(t.app, network.adminEmail);
    const outbox = (await t.app.inject({ method: 'GET', url: '/api/v1/outbox?limit=50', headers: { cookie } })).json();
    const shown = outbox.items.find((m: { to: string }) => m.to === person.email);
    expect(shown.text).toContain(`${ORIGIN}/reset-password?token=••••`);
    expect(shown.text).not.toContain(token);

    const reset = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', headers: { origin: ORIGIN }, payload: { token: decodeURIComponent(token), password: 'neue passphrase 2026' } });
    expect(reset.statusCode, reset.body).toBe(204);
    expect((await login(t.app, person.email, 'neue passphrase 2026')).length).toBeGreaterThan(0);
  });

  it('shows the admin their own reset link as it was sent', async () => {
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/request', headers: { origin: ORIGIN }, payload: { email: network.adminEmail } });
    await t.app.mail.deliverDue();
    const delivered = smtp.received.find((m) => m.to.includes(network.adminEmail));
    const token = /reset-password\?token=(\S+)/.exec(quotedPrintable(delivered!.data))![1]!;
    const cookie = await login(t.app, network.adminEmail);
    const outbox = (await t.app.inject({ method: 'GET', url: '/api/v1/outbox?limit=50', headers: { cookie } })).json();
    expect(outbox.items.find((m: { to: string }) => m.to === network.adminEmail).text).toContain(`${ORIGIN}/reset-password?token=${token}`);
  });
});

/** The text of a quoted-printable mail body as the recipient's mail program shows it. */
const quotedPrintable = (data: string) => data.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

describe('mail the SMTP server refuses', () => {
  it('keeps the mail queued with the error, for a later attempt', async () => {
    const smtp = await startSmtp({ reject: true });
    const t = await createTestApp({ SMTP_URL: smtp.url });
    const network = await makeNetwork(t.database);
    const cookie = await login(t.app, network.adminEmail);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/request', headers: asBrowser(cookie), payload: { email: network.adminEmail } });
    await t.app.mail.deliverDue();
    const outbox = (await t.app.inject({ method: 'GET', url: '/api/v1/outbox', headers: { cookie } })).json();
    expect(outbox.items[0]).toMatchObject({ status: 'queued', attempts: 1 });
    expect(outbox.items[0].lastError).toMatch(/mailbox unavailable/);
    expect(smtp.received).toEqual([]);
    await t.close();
    await smtp.close();
  });
});

describe('mail without SMTP', () => {
  it('keeps the mail in the outbox as logged, readable by network admins only', async () => {
    const t = await createTestApp();
    const network = await makeNetwork(t.database);
    const cookie = await login(t.app, network.adminEmail);
    await t.app.inject({ method: 'POST', url: '/api/v1/invitations', headers: asBrowser(cookie), payload: { email: 'x@example.org', organizationId: network.officeId, role: 'partner' } });
    await t.app.mail.deliverDue();
    const outbox = (await t.app.inject({ method: 'GET', url: '/api/v1/outbox', headers: { cookie } })).json();
    expect(outbox.items[0]).toMatchObject({ to: 'x@example.org', status: 'logged' });
    // The admin reads the mail, but the invitation is the invitee's to accept.
    expect(outbox.items[0].text).toContain('http://localhost:3000/invitation?token=••••');
    await t.close();
  });
});
