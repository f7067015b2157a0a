import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_CONSENT_VERSION } from '../../../common/api/public.js';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { login, makeCatalog, makeNetwork, makeUser, type TestNetwork } from '../../../../tests/factories.js';

let t: TestApp;
let network: TestNetwork;
let slug: string;
let coordinator: { email: string };

beforeAll(async () => {
  // As behind a reverse proxy: tests act as several applicants by X-Forwarded-For.
  t = await createTestApp({ TRUST_PROXY: 'true' });
  network = await makeNetwork(t.database, 'Integrationsnetz Hannover');
  await makeCatalog(t.database, network);
  coordinator = await makeUser(t.database, network, 'coordinator');
  const admin = await login(t.app, network.adminEmail);
  slug = (await t.app.inject({ method: 'GET', url: '/api/v1/network', headers: { cookie: admin } })).json().slug;
});
afterAll(() => t.close());

const application = (over: object = {}) => ({
  firstName: 'Rania',
  lastName: 'Al-Khatib',
  email: 'Rania@example.org',
  languages: [
    { code: 'ar', level: 'native' },
    { code: 'de', level: 'B2' },
  ],
  interests: ['schule'],
  message: 'Ich möchte Familien bei Elternabenden begleiten.',
  consent: { accepted: true, textVersion: APPLICATION_CONSENT_VERSION },
  locale: 'ar',
  ...over,
});
const apply = (payload: object, ip = '192.0.2.10', locale = 'ar') =>
  t.app.inject({ method: 'POST', url: `/api/v1/public/${slug}/volunteer-applications`, headers: { 'x-forwarded-for': ip, 'accept-language': locale }, payload });

describe('the public application form', () => {
  it('shows the network’s name, topics and consent version without sign-in', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/${slug}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Integrationsnetz Hannover', consentVersion: APPLICATION_CONSENT_VERSION });
    expect(res.json().topics.map((x: { key: string }) => x.key)).toContain('schule');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/no-such-network' })).statusCode).toBe(404);
  });

  it('creates an interested volunteer with the consent, and mails the coordinators', async () => {
    const res = await apply(application());
    expect(res.statusCode).toBe(202);
    const cookie = await login(t.app, coordinator.email);
    const pool = (await t.app.inject({ method: 'GET', url: '/api/v1/volunteers?q=Khatib', headers: { cookie } })).json();
    expect(pool.items).toHaveLength(1);
    const v = (await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${pool.items[0].id}`, headers: { cookie } })).json();
    expect(v).toMatchObject({ status: 'interested', email: 'rania@example.org', contactLanguage: 'ar', interests: ['schule'] });
    expect(v.notes).toContain('Elternabenden');
    await t.app.mail.deliverDue();
    const admin = await login(t.app, network.adminEmail);
    const outbox = (await t.app.inject({ method: 'GET', url: '/api/v1/outbox', headers: { cookie: admin } })).json();
    const mail = outbox.items.find((m: { to: string }) => m.to === coordinator.email);
    expect(mail.subject).toBe('Neue Bewerbung: Rania Al-Khatib');
    expect(mail.text).toContain(`/volunteers/${v.id}`);
    const audit = (await t.app.inject({ method: 'GET', url: `/api/v1/audit-events?entity=volunteer&entityId=${v.id}&action=create`, headers: { cookie: admin } })).json();
    expect(audit.items[0]).toMatchObject({ action: 'create', actorType: 'anonymous' });
  });

  it('requires consent, and answers in the applicant’s language', async () => {
    const res = await apply(application({ consent: { accepted: false, textVersion: APPLICATION_CONSENT_VERSION } }));
    expect(res.statusCode).toBe(422);
    expect(res.json().title).toBe('إدخال غير صالح');
    expect(res.json().errors[0].path).toBe('body.consent.accepted');
    const outdated = await apply(application({ consent: { accepted: true, textVersion: 'old' } }), '192.0.2.11', 'en');
    expect(outdated.statusCode).toBe(422);
    expect(outdated.json().errors[0].message).toBe('The consent text has changed. Please reload the page.');
  });

  it('treats a filled honeypot like success and writes nothing', async () => {
    const res = await apply(application({ lastName: 'Bot', website: 'http://spam.example' }), '192.0.2.20');
    expect(res.statusCode).toBe(202);
    const cookie = await login(t.app, coordinator.email);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/volunteers?q=Bot', headers: { cookie } })).json().items).toEqual([]);
  });

  it('throttles one address to five applications an hour, with a clear 429', async () => {
    for (let i = 0; i < 5; i++) expect((await apply(application({ lastName: `Test${i}`, email: `t${i}@example.org` }), '198.51.100.77')).statusCode).toBe(202);
    const sixth = await apply(application({ lastName: 'Sixth' }), '198.51.100.77', 'de');
    expect(sixth.statusCode).toBe(429);
    // Worded for a form, not for sign-in.
    expect(sixth.json()).toMatchObject({ title: 'Zu viele Einsendungen', detail: expect.stringMatching(/Minuten noch einmal/) });
    expect(sixth.json().detail).not.toMatch(/Anmeldung/);
  });

  it('refuses topics the network does not have', async () => {
    const res = await apply(application({ interests: ['astrologie'] }), '192.0.2.30');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('body.interests.0');
  });
});
