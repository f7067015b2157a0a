import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asBrowser, makePlacementCast, makeVolunteer, type TestNetwork } from '../../../../tests/factories.js';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { queryRows } from '../../db/client.js';
import { withMaintenance } from '../../db/tenancy.js';

let t: TestApp;
let network: TestNetwork;
let coordinator: string;
let partner: string;

beforeAll(async () => {
  t = await createTestApp({ TRUST_PROXY: 'true' });
  ({ network, coordinator, partner } = await makePlacementCast(t, 'Integrationsnetz Hannover'));
});
afterAll(() => t.close());

const inbox = async (cookie = coordinator) => t.app.inject({ method: 'GET', url: '/api/v1/inbox', headers: asBrowser(cookie) });

describe('the coordinator’s inbox', () => {
  it('lists new requests, urgent first, and counts what is missing', async () => {
    await t.app.inject({ method: 'POST', url: '/api/v1/guide-requests', headers: asBrowser(partner), payload: { title: 'Normal', urgency: 'normal' } });
    await t.app.inject({ method: 'POST', url: '/api/v1/guide-requests', headers: asBrowser(partner), payload: { title: 'Dringend', urgency: 'urgent' } });
    const res = await inbox();
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.newRequests.count).toBe(2);
    expect(body.newRequests.items.map((r: { title: string }) => r.title)).toEqual(['Dringend', 'Normal']);
    expect(body.newRequests.items[0].missingFields).toBeGreaterThan(0);
  });

  it('shows overloaded volunteers and agreements ending soon', async () => {
    const tired = await makeVolunteer(t.app, coordinator, { firstName: 'Olga', lastName: 'Müde', maxActiveAgreements: 1 });
    const today = new Date().toISOString().slice(0, 10);
    const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    for (const scope of ['Begleitung A', 'Begleitung B']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/agreements', headers: asBrowser(coordinator), payload: { volunteerId: tired, scope, startsOn: today, endsOn: soon } });
      expect(res.statusCode).toBe(201);
    }
    const body = (await inbox()).json();
    expect(body.overloadedVolunteers.items).toEqual([expect.objectContaining({ volunteerId: tired, name: 'Olga Müde', activeAgreements: 2, maxActiveAgreements: 1 })]);
    expect(body.agreementsEndingSoon.count).toBe(2);
    // The pool filter and the profile agree with the inbox.
    const pool = (await t.app.inject({ method: 'GET', url: '/api/v1/volunteers?overloaded=true', headers: asBrowser(coordinator) })).json();
    expect(pool.items.map((v: { id: string }) => v.id)).toEqual([tired]);
    expect(pool.items[0].wellbeing).toMatchObject({ activeAgreements: 2, overloaded: true });
    expect(pool.items[0].freeCapacity).toBe(false);
  });

  it('is for the coordination office: a partner gets 403', async () => {
    expect((await inbox(partner)).statusCode).toBe(403);
  });
});

describe('the public request form', () => {
  const slugOf = async () => (await withMaintenance(t.database.db, (tx) => queryRows<{ slug: string }>(tx, sql`select slug from networks where id = ${network.networkId}`)))[0]!.slug;
  const form = {
    kind: 'accompaniment',
    topic: 'behoerden',
    description: 'Ich brauche Hilfe beim Termin im Jobcenter.',
    languages: ['ar'],
    districtKey: 'mitte',
    ageGroup: 'adult',
    contact: { name: 'Samira', phone: '0176 1234567' },
    consent: { accepted: true, textVersion: 'request-2026-11' },
    locale: 'ar',
  };
  const submit = async (payload: object, ip: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/public/${await slugOf()}/guide-requests`, headers: { 'x-forwarded-for': ip, 'accept-language': 'ar' }, payload });

  it('creates a new request from the public, records the consent and tells the coordinators', async () => {
    const res = await submit(form, '192.0.2.20');
    expect(res.statusCode).toBe(202);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/guide-requests?status=new', headers: asBrowser(coordinator) })).json();
    const created = list.items.find((r: { source: string }) => r.source === 'public');
    expect(created).toMatchObject({ kind: 'accompaniment', topic: 'behoerden', languages: [{ code: 'ar', minLevel: 'B1' }], contact: { name: 'Samira', phone: '0176 1234567', email: null }, requesterOrganizationId: null });
    expect(created.title).toBe('طلب مرافقة عبر النموذج: مرافقة (دائرة رسمية، طبيب، مدرسة)');
    const consent = await withMaintenance(t.database.db, (tx) => queryRows<{ purpose: string }>(tx, sql`select purpose from consents where subject_kind = 'seeker' and subject_id = ${created.id}`));
    expect(consent).toEqual([{ purpose: 'data_processing' }]);
    const mails = await withMaintenance(t.database.db, (tx) => queryRows<{ subject: string }>(tx, sql`select subject from outbox_mails where network_id = ${network.networkId}`));
    expect(mails.some((m) => m.subject.startsWith('Neue Anfrage über das Formular'))).toBe(true);
  });

  it('asks for a phone number or an e-mail address, in the reader’s language, and writes nothing', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/v1/guide-requests?limit=200', headers: asBrowser(coordinator) })).json().items.length;
    const res = await submit({ ...form, contact: { name: 'Samira' } }, '192.0.2.21');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: 'body.contact.phone', message: 'يُرجى إدخال رقم هاتف أو بريد إلكتروني.' }]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/guide-requests?limit=200', headers: asBrowser(coordinator) })).json().items.length).toBe(before);
  });

  it('answers a filled honeypot like a success and writes nothing; limits one address to five an hour', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/v1/guide-requests?limit=200', headers: asBrowser(coordinator) })).json().items.length;
    const bot = await submit({ ...form, website: 'http://spam.example' }, '192.0.2.30');
    expect(bot.statusCode).toBe(202);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/guide-requests?limit=200', headers: asBrowser(coordinator) })).json().items.length).toBe(before);
    for (let i = 0; i < 4; i++) expect((await submit(form, '192.0.2.31')).statusCode).toBe(202);
    expect((await submit(form, '192.0.2.31')).statusCode).toBe(202);
    const sixth = await submit(form, '192.0.2.31');
    expect(sixth.statusCode).toBe(429);
  });
});
