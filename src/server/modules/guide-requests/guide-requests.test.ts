import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork,
  makePlacementCast, makeOrganization, makeUser, type TestNetwork } from '../../../../tests/factories.js';
import { queryRows } from '../../db/client.js';
import { withMaintenance, withTenant } from '../../db/tenancy.js';
import { REQUEST_CONSENT_VERSION } from '../../../common/api/public.js';

let t: TestApp;
let network: TestNetwork;
let admin: string;
let coordinator: string;
let school: { id: string };
let partner: string;
let partnerEmail: string;
let otherPartner: string;
let volunteerLogin: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ network, coordinator, school, partner, partnerEmail } = await makePlacementCast(t, 'Integrationsnetz Hannover'));
  admin = await login(t.app, network.adminEmail);
  const otherSchool = await makeOrganization(t.database, network, 'Grundschule Mitte');
  otherPartner = await login(t.app, (await makeUser(t.database, network, 'partner', otherSchool.id)).email);
  volunteerLogin = await login(t.app, (await makeUser(t.database, network, 'volunteer')).email);
  // Legal advice is for professionals in this network.
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/network', headers: asBrowser(admin) });
  await t.app.inject({ method: 'PATCH', url: '/api/v1/network', headers: asBrowser(admin), payload: { settings: { professionalTopics: ['rechtsberatung'] }, version: me.json().version } });
});
afterAll(() => t.close());

const complete = {
  title: 'Begleitung zum Elternabend',
  kind: 'parents_evening',
  topic: 'schule',
  description: 'Eine Mutter aus Syrien möchte zum Elternabend der Klasse 7b begleitet werden.',
  languages: [{ code: 'ar', minLevel: 'B2' }],
  districtKey: 'linden-nord',
  place: 'IGS Linden, Raum 112',
  startsAt: '2026-12-03T17:00:00.000Z',
  endsAt: '2026-12-03T18:30:00.000Z',
  expectedHours: 1.5,
  involvesMinors: false,
  seeker: { ageGroup: 'adult', languages: ['ar'], genderPreference: 'female', wantsPeerMatch: true, origins: ['SY'] },
  contact: { name: 'Frau Schulz', phone: '0511 123456', email: 'schulz@igs-linden.example' },
  urgency: 'high',
};

const create = (cookie: string, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/guide-requests', headers: asBrowser(cookie), payload });
const patch = (cookie: string, id: string, payload: object, locale = 'de') =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/guide-requests/${id}`, headers: asBrowser(cookie, locale), payload });
const get = (cookie: string, id: string) => t.app.inject({ method: 'GET', url: `/api/v1/guide-requests/${id}`, headers: asBrowser(cookie) });

describe('guide requests', () => {
  it('lets a partner submit a complete request for their organisation, with every field kept', async () => {
    const res = await create(partner, complete);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    const { origins: _origins, ...seekerWithoutOrigins } = complete.seeker;
    expect(body).toMatchObject({
      ...complete,
      seeker: seekerWithoutOrigins,
      requesterOrganizationId: school.id,
      status: 'new',
      source: 'partner',
      missingFields: [],
      needsProfessional: false,
      volunteersNeeded: 1,
      version: 1,
      statusHistory: [{ from: null, to: 'new', message: null }],
    });
    // Origins are a special category: a partner does not read them back.
    expect(body.seeker.origins).toBeUndefined();
    const asCoordinator = await get(coordinator, body.id);
    expect(asCoordinator.json().seeker.origins).toEqual(['SY']);
    // An admin sees every request but, like for volunteers, not origins.
    expect((await get(admin, body.id)).json().seeker.origins).toBeUndefined();
  });

  it('accepts an incomplete draft and names what is missing', async () => {
    const res = await create(coordinator, { title: 'Anruf: Begleitung zum Jobcenter' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'new', source: 'coordinator', requesterOrganizationId: null });
    expect(res.json().missingFields).toEqual(['kind', 'topic', 'description', 'languages', 'districtKey', 'place', 'startsAt', 'expectedHours', 'seeker.ageGroup', 'contact']);
  });

  it('refuses to release an incomplete request with 422 and the list of missing fields, in the reader’s language', async () => {
    const draft = (await create(coordinator, { title: 'Begleitung', kind: 'accompaniment', topic: 'behoerden' })).json();
    const res = await patch(coordinator, draft.id, { status: 'ready', version: draft.version }, 'en');
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem.type).toBe('https://lotse.dev/problems/request-incomplete');
    expect(problem.detail).toContain('8 details are still missing');
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual([
      'body.description', 'body.languages', 'body.districtKey', 'body.place', 'body.startsAt', 'body.expectedHours', 'body.seeker.ageGroup', 'body.contact',
    ]);
    expect(problem.errors[0].message).toBe('Needed for matching');
    // Nothing was written: the request is unchanged.
    expect((await get(coordinator, draft.id)).json()).toMatchObject({ status: 'new', version: 1 });
  });

  it('releases a request when a change completes it in the same call', async () => {
    const draft = (await create(coordinator, { title: complete.title, kind: 'parents_evening' })).json();
    const { title: _title, kind: _kind, ...rest } = complete;
    const res = await patch(coordinator, draft.id, { ...rest, requesterOrganizationId: school.id, status: 'ready', version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', missingFields: [], version: 2 });
    expect(res.json().statusHistory.map((h: { to: string }) => h.to)).toEqual(['new', 'ready']);
  });

  it('sends a request back with a question, mails the requester, and returns it to the queue when the requester answers', async () => {
    const submitted = (await create(partner, { ...complete, place: null })).json();
    const missingMessage = 'Bitte nennen Sie den Raum und ob das Kind dabei ist.';
    const back = await patch(coordinator, submitted.id, { status: 'needs_info', version: 1 });
    expect(back.statusCode).toBe(422);
    expect(back.json().errors).toEqual([{ path: 'body.statusMessage', message: expect.any(String) }]);
    const asked = await patch(coordinator, submitted.id, { status: 'needs_info', statusMessage: missingMessage, version: 1 });
    expect(asked.statusCode).toBe(200);
    expect(asked.json().statusHistory.at(-1)).toMatchObject({ from: 'new', to: 'needs_info', message: missingMessage });
    const mails = await withTenant(t.database.db, network.networkId, (tx) =>
      queryRows<{ to: string; subject: string; text: string }>(tx, sql`select to_address as "to", subject, text_body as text from outbox_mails where to_address = ${partnerEmail}`),
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(complete.title);
    expect(mails[0]!.text).toContain(missingMessage);
    expect(mails[0]!.text).toContain(`/requests/${submitted.id}`);

    const answered = await patch(partner, submitted.id, { place: 'IGS Linden, Raum 112', version: 2 });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'new', missingFields: [], version: 3 });
    // Now released by the coordinator, it is no longer the requester's to edit.
    expect((await patch(coordinator, submitted.id, { status: 'ready', version: 3 })).statusCode).toBe(200);
    const late = await patch(partner, submitted.id, { place: 'Aula', version: 4 });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('GUIDE_REQUEST_STATUS_CHANGE_REFUSED');
  });

  it('flags a topic for professional services and keeps it out of matching', async () => {
    const res = await create(coordinator, { ...complete, topic: 'rechtsberatung', requesterOrganizationId: school.id });
    expect(res.json().needsProfessional).toBe(true);
    const release = await patch(coordinator, res.json().id, { status: 'ready', version: 1 });
    expect(release.statusCode).toBe(422);
    expect(release.json()).toMatchObject({ code: 'GUIDE_REQUEST_NEEDS_PROFESSIONAL', errors: [{ path: 'body.topic' }] });
  });

  it('refuses status changes outside the life cycle, and requesters may only withdraw', async () => {
    const r = (await create(partner, complete)).json();
    const skip = await patch(coordinator, r.id, { status: 'agreed', version: 1 });
    expect(skip.statusCode).toBe(409);
    // The statuses are named in the reader's language, not as codes.
    expect(skip.json().detail).toBe('Eine Anfrage im Stand „Neu“ kann so nicht geändert werden (gewünscht: „Vereinbart“).');
    const inArabic = await patch(coordinator, r.id, { status: 'agreed', version: 1 }, 'ar');
    expect(inArabic.json().detail).toContain('«جديد»');
    expect((await patch(partner, r.id, { status: 'ready', version: 1 })).statusCode).toBe(409);
    const withdrawn = await patch(partner, r.id, { status: 'cancelled', statusMessage: 'Termin entfällt', version: 1 });
    expect(withdrawn.json()).toMatchObject({ status: 'cancelled' });
    expect((await patch(coordinator, r.id, { status: 'new', version: 2 })).statusCode).toBe(409);
  });

  it('answers 409 to a stale version and keeps the other person’s change', async () => {
    const r = (await create(coordinator, { title: 'Zwei Bearbeitende' })).json();
    expect((await patch(coordinator, r.id, { description: 'Erste Fassung', version: 1 })).statusCode).toBe(200);
    const stale = await patch(coordinator, r.id, { description: 'Zweite Fassung', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('GUIDE_REQUEST_VERSION_CONFLICT');
    expect((await get(coordinator, r.id)).json().description).toBe('Erste Fassung');
  });

  it('validates catalogue keys, organisations, times and origins', async () => {
    const res = await create(coordinator, {
      title: 'Fehlerhaft',
      topic: 'unbekannt',
      districtKey: 'atlantis',
      requiredSpecializations: ['sportlotse', 'zauberlotse'],
      requesterOrganizationId: '01900000-0000-7000-8000-000000000000',
      languages: [{ code: 'ar', minLevel: 'B1' }, { code: 'ar', minLevel: 'C1' }],
      seeker: { origins: ['SY'] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(
      ['body.districtKey', 'body.languages.1.code', 'body.requesterOrganizationId', 'body.requiredSpecializations.1', 'body.seeker.origins', 'body.topic'].sort(),
    );
    const times = await create(coordinator, { title: 'Rückwärts', startsAt: '2026-12-03T18:00:00Z', endsAt: '2026-12-03T17:00:00Z' });
    expect(times.statusCode).toBe(422);
    expect(times.json().errors).toEqual([{ path: 'body.endsAt', message: expect.any(String) }]);
    // A partner cannot submit in another organisation's name.
    const foreign = await create(partner, { title: 'Fremd', requesterOrganizationId: (await makeOrganization(t.database, network)).id });
    expect(foreign.statusCode).toBe(422);
  });

  it('refuses "level unknown" as a minimum language level with 422 naming the field, and creates nothing', async () => {
    const res = await create(coordinator, { ...complete, title: 'Irgendein Niveau', languages: [{ code: 'ar', minLevel: 'unknown' }] });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.languages.0.minLevel']);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/guide-requests?limit=200', headers: asBrowser(coordinator) });
    expect(list.json().items.filter((r: { title: string }) => r.title === 'Irgendein Niveau')).toEqual([]);
  });

  it('shows requesters only their organisation’s requests; another organisation’s answers 404', async () => {
    const mine = (await create(partner, complete)).json();
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/guide-requests?limit=200', headers: asBrowser(otherPartner) });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(mine.id);
    expect((await get(otherPartner, mine.id)).statusCode).toBe(404);
    expect((await patch(otherPartner, mine.id, { status: 'cancelled', version: 1 })).statusCode).toBe(404);
    const own = await t.app.inject({ method: 'GET', url: '/api/v1/guide-requests?limit=200', headers: asBrowser(partner) });
    expect(own.json().items.every((i: { requesterOrganizationId: string }) => i.requesterOrganizationId === school.id)).toBe(true);
  });

  it('lists with filters and a cursor, newest first', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/api/v1/guide-requests?limit=2&status=new', headers: asBrowser(coordinator) });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(2);
    expect(page1.items.every((i: { status: string }) => i.status === 'new')).toBe(true);
    const next = await t.app.inject({ method: 'GET', url: `/api/v1/guide-requests?limit=2&status=new&cursor=${encodeURIComponent(page1.nextCursor)}`, headers: asBrowser(coordinator) });
    const ids = [...page1.items, ...next.json().items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(page1.items[0].createdAt >= page1.items[1].createdAt).toBe(true);
    const byDistrict = await t.app.inject({ method: 'GET', url: '/api/v1/guide-requests?district=linden-limmer&limit=200', headers: asBrowser(coordinator) });
    // Linden-Nord is a quarter of Linden-Limmer.
    expect(byDistrict.json().items.length).toBeGreaterThan(0);
    expect(byDistrict.json().items.every((i: { districtKey: string }) => i.districtKey === 'linden-nord')).toBe(true);
  });

  it('audits reads of a request and never writes its content into the audit trail', async () => {
    const r = (await create(coordinator, { ...complete, requesterOrganizationId: school.id })).json();
    await get(coordinator, r.id);
    const events = await withTenant(t.database.db, network.networkId, (tx) =>
      queryRows<{ action: string; fields: string[] | null }>(tx, sql`select action, fields from audit_events where entity = 'guide_request' and entity_id = ${r.id} order by at`),
    );
    expect(events.map((e) => e.action)).toEqual(['create', 'read']);
    expect(JSON.stringify(events)).not.toContain('Syrien');
  });

  it('keeps guide requests away from volunteers and from other networks', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/guide-requests', headers: asBrowser(volunteerLogin) })).statusCode).toBe(403);
    const r = (await create(coordinator, { title: 'Nur hier' })).json();
    const other = await makeNetwork(t.database);
    const outsider = await login(t.app, (await makeUser(t.database, other, 'coordinator')).email);
    expect((await get(outsider, r.id)).statusCode).toBe(404);
    expect((await patch(outsider, r.id, { title: 'Übernommen', version: 1 })).statusCode).toBe(404);
    // Another network's organisation cannot be named as requester.
    const res = await create(outsider, { title: 'Fremd', requesterOrganizationId: school.id });
    expect(res.statusCode).toBe(422);
  });
});

describe('urgency on the public request form', () => {
  const slugOf = async () => (await withMaintenance(t.database.db, (tx) => queryRows<{ slug: string }>(tx, sql`select slug from networks where id = ${network.networkId}`)))[0]!.slug;
  const form = (description: string, extra: object = {}) => ({
    kind: 'accompaniment',
    description,
    languages: ['ar'],
    contact: { name: 'Samira', phone: '0176 1234567' },
    consent: { accepted: true, textVersion: REQUEST_CONSENT_VERSION },
    ...extra,
  });
  const submit = async (payload: object) => t.app.inject({ method: 'POST', url: `/api/v1/public/${await slugOf()}/guide-requests`, headers: { 'accept-language': 'de' }, payload });
  const listed = async (description: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/guide-requests?limit=200', headers: asBrowser(coordinator) })).json().items.filter((r: { description: string }) => r.description === description);

  it('keeps the urgency the person chose, and takes "normal" when they chose none', async () => {
    expect((await submit(form('Termin morgen früh im Jobcenter.', { urgency: 'urgent' }))).statusCode).toBe(202);
    expect((await submit(form('Irgendwann einmal Hilfe mit Briefen.'))).statusCode).toBe(202);
    expect((await listed('Termin morgen früh im Jobcenter.')).map((r: { urgency: string }) => r.urgency)).toEqual(['urgent']);
    expect((await listed('Irgendwann einmal Hilfe mit Briefen.')).map((r: { urgency: string }) => r.urgency)).toEqual(['normal']);
  });

  it('refuses a level the form does not offer with 422 naming the field, and writes nothing', async () => {
    const res = await submit(form('Nicht so wichtig.', { urgency: 'low' }));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('body.urgency');
    expect(await listed('Nicht so wichtig.')).toEqual([]);
  });
});
