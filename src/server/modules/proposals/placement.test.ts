import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork, makePlacementCast, makeReadyRequest, makePortalLogin, makeUser, makeVolunteer, type TestNetwork } from '../../../../tests/factories.js';
import { queryRows } from '../../db/client.js';
import { withMaintenance } from '../../db/tenancy.js';
import { weekdayAhead } from '../../../common/agreement-term.js';
import { fromBerlin } from '../courses/berlin.js';
import { berlinToday } from '../volunteers/profile.js';

let t: TestApp;
let network: TestNetwork;
let coordinator: string;
let partner: string;
let school: { id: string };
let amira: string;
let bilal: string;
let clara: string;
let dmitri: string;
let amiraLogin: string;
let bilalLogin: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ network, coordinator, school, partner } = await makePlacementCast(t, 'Integrationsnetz Hannover'));
  // Amira: Arabic native, lives and works in Linden, wants school topics, free on Thursdays.
  amira = await makeVolunteer(t.app, coordinator, {
    firstName: 'Amira',
    lastName: 'Haddad',
    gender: 'female',
    languages: [{ code: 'ar', level: 'native' }, { code: 'de', level: 'C1' }],
    homeDistrict: 'linden-nord',
    districts: ['linden-limmer'],
    topics: ['schule'],
    availability: [{ weekday: 4, from: '16:00', to: '20:00' }],
  });
  // Bilal: Arabic B2 (enough), lives in Mitte, no topics, no times.
  bilal = await makeVolunteer(t.app, coordinator, { firstName: 'Bilal', lastName: 'Karimi', gender: 'male', languages: [{ code: 'ar', level: 'B2' }], homeDistrict: 'mitte' });
  // Clara: Arabic A2 only — below the minimum.
  clara = await makeVolunteer(t.app, coordinator, { firstName: 'Clara', lastName: 'Schmidt', languages: [{ code: 'ar', level: 'A2' }] });
  // Dmitri: paused.
  dmitri = await makeVolunteer(t.app, coordinator, { firstName: 'Dmitri', lastName: 'Petrov', status: 'paused', languages: [{ code: 'ar', level: 'C1' }] });
  amiraLogin = await makePortalLogin(t.app, t.database, network, amira);
  bilalLogin = await makePortalLogin(t.app, t.database, network, bilal);
});
afterAll(() => t.close());

const evening = weekdayAhead(berlinToday(), 4);
const request = {
  title: 'Begleitung zum Elternabend',
  kind: 'parents_evening',
  topic: 'schule',
  description: 'Eine Mutter möchte zum Elternabend der Klasse 7b begleitet werden.',
  languages: [{ code: 'ar', minLevel: 'B2' }],
  districtKey: 'linden-nord',
  place: 'IGS Linden, Raum 112',
  // A Thursday at least a week ahead, 18:00–19:30 in Berlin: never in the past, whenever the suite runs.
  startsAt: fromBerlin(evening, '18:00').toISOString(),
  endsAt: fromBerlin(evening, '19:30').toISOString(),
  expectedHours: 1.5,
  seeker: { ageGroup: 'adult', languages: ['ar'], genderPreference: 'female' },
  contact: { name: 'Frau Schulz', email: 'schulz@igs-linden.example' },
};

const readyRequest = (overrides: object = {}) => makeReadyRequest(t.app, partner, coordinator, { ...request, ...overrides });

const candidates = (id: string, query = '', locale = 'de') => t.app.inject({ method: 'GET', url: `/api/v1/guide-requests/${id}/candidates${query}`, headers: asBrowser(coordinator, locale) });
const propose = (id: string, volunteerId: string, cookie = coordinator) =>
  t.app.inject({ method: 'POST', url: `/api/v1/guide-requests/${id}/proposals`, headers: asBrowser(cookie), payload: { volunteerId, message: 'Das passt gut zu Ihnen.' } });
const answer = (id: string, verb: 'accept' | 'decline' | 'withdraw', cookie: string, payload: object, locale = 'de') =>
  t.app.inject({ method: 'POST', url: `/api/v1/proposals/${id}/${verb}`, headers: asBrowser(cookie, locale), payload });
const requestStatus = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/guide-requests/${id}`, headers: asBrowser(coordinator) })).json().status;

describe('candidates for a request', () => {
  it('ranks eligible volunteers best first and explains every criterion in plain words', async () => {
    const r = await readyRequest();
    const res = await candidates(r.id, '', 'en');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((c: { volunteerId: string }) => c.volunteerId)).toEqual([amira, bilal]);
    expect(body.total).toBe(2);
    expect(body.openPlaces).toBe(1);
    const [first, second] = body.items;
    expect(first.score).toBeGreaterThan(second.score);
    const reasons = Object.fromEntries(first.criteria.map((c: { key: string; reason: string }) => [c.key, c.reason]));
    expect(reasons.distance).toBe('Works in the district of the deployment.');
    expect(reasons.availability).toBe('Available for 100 % of the requested time.');
    expect(reasons.gender).toBe('Preferred gender: female – matches.');
    expect(reasons.interests).toBe('Wants to work in “Schule und Eltern”.');
    for (const c of first.criteria) {
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(1);
      expect(c.weight).toBeGreaterThan(0);
    }
    // Without explain, the excluded are not listed.
    expect(body.excluded).toEqual([]);
  });

  it('says why the others are out with ?explain=excluded ("why not Clara?")', async () => {
    const r = await readyRequest();
    const body = (await candidates(r.id, '?explain=excluded')).json();
    const why = Object.fromEntries(body.excluded.map((e: { volunteerId: string; reasons: { rule: string; reason: string }[] }) => [e.volunteerId, e.reasons]));
    expect(why[clara]).toEqual([{ rule: 'language', reason: 'Arabisch auf Niveau A2, gebraucht wird mindestens B2.' }]);
    expect(why[dmitri]).toEqual([{ rule: 'status', reason: 'Status ist „Pausiert“, nicht „Aktiv“.' }]);
    expect(why[amira]).toBeUndefined();
  });

  it('refuses an incomplete request with 422 and the missing fields', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/guide-requests', headers: asBrowser(partner), payload: { title: 'Nur ein Titel' } });
    const res = await candidates(created.json().id);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('body.languages');
  });

  it('is for the coordination office only: a partner gets 403', async () => {
    const r = await readyRequest();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/guide-requests/${r.id}/candidates`, headers: asBrowser(partner) });
    expect(res.statusCode).toBe(403);
  });
});

describe('proposals and agreements', () => {
  it('walks the path: propose → the volunteer sees it and accepts in the portal → agreement → request agreed', async () => {
    const r = await readyRequest();
    const proposed = await propose(r.id, amira);
    expect(proposed.statusCode).toBe(201);
    const proposal = proposed.json();
    expect(proposal).toMatchObject({ status: 'pending', volunteerId: amira, answeredOnBehalf: false, request: { title: request.title, place: request.place } });
    expect(await requestStatus(r.id)).toBe('proposed');
    // The volunteer gets a mail with a link into the portal.
    const mails = await withMaintenance(t.database.db, (tx) => queryRows<{ subject: string; text: string }>(tx, sql`select subject, text_body as text from outbox_mails order by created_at desc`));
    expect(mails.some((m) => m.subject === `Eine Anfrage für Sie: ${request.title}` && m.text.includes(`/portal/proposals/${proposal.id}`))).toBe(true);

    // The portal lists only the volunteer's own proposals.
    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/proposals?status=pending', headers: asBrowser(amiraLogin) })).json();
    expect(mine.items.map((p: { id: string }) => p.id)).toContain(proposal.id);
    const others = (await t.app.inject({ method: 'GET', url: '/api/v1/proposals', headers: asBrowser(bilalLogin) })).json();
    expect(others.items.map((p: { id: string }) => p.id)).not.toContain(proposal.id);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/proposals/${proposal.id}`, headers: asBrowser(bilalLogin) })).statusCode).toBe(404);

    const accepted = await answer(proposal.id, 'accept', amiraLogin, { version: proposal.version });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', answeredOnBehalf: false });
    const agreementId = accepted.json().agreementId;
    expect(agreementId).toBeTruthy();
    expect(await requestStatus(r.id)).toBe('agreed');

    const agreement = (await t.app.inject({ method: 'GET', url: `/api/v1/agreements/${agreementId}`, headers: asBrowser(amiraLogin) })).json();
    expect(agreement).toMatchObject({ volunteerId: amira, requestId: r.id, organizationId: school.id, organizationName: 'IGS Linden', scope: request.title, status: 'active', startsOn: evening, endsOn: evening });
    // The partner institution sees the agreement with its organisation; another volunteer does not.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/agreements/${agreementId}`, headers: asBrowser(partner) })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/agreements/${agreementId}`, headers: asBrowser(bilalLogin) })).statusCode).toBe(404);

    // Amira's load now counts the agreement: the profile and the ranking say so.
    const profile = (await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${amira}`, headers: asBrowser(coordinator) })).json();
    expect(profile.wellbeing).toMatchObject({ activeAgreements: 1, overloaded: false });

    // A second answer is refused: the proposal is no longer pending.
    const again = await answer(proposal.id, 'decline', amiraLogin, { version: accepted.json().version, reason: 'doch nicht' });
    expect(again.statusCode).toBe(409);
  });

  it('records a declined answer given by phone as on behalf, and the request waits again', async () => {
    const r = await readyRequest();
    const p = (await propose(r.id, bilal)).json();
    const declined = await answer(p.id, 'decline', coordinator, { version: p.version, reason: 'Hat an dem Abend keine Zeit (Telefonat).' });
    expect(declined.statusCode).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', answeredOnBehalf: true, declineReason: 'Hat an dem Abend keine Zeit (Telefonat).' });
    expect(declined.json().answeredByName).toBe('Test coordinator');
    expect(await requestStatus(r.id)).toBe('ready');
  });

  it('refuses to propose a volunteer the rules exclude, naming the rule, and writes nothing', async () => {
    const r = await readyRequest();
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/guide-requests/${r.id}/proposals`, headers: asBrowser(coordinator, 'en'), payload: { volunteerId: clara } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: 'rules.language', message: 'Arabic at level A2; at least B2 is needed.' }]);
    expect(await requestStatus(r.id)).toBe('ready');
  });

  it('refuses a second proposal for the same person, and one beyond the open places', async () => {
    const r = await readyRequest();
    expect((await propose(r.id, bilal)).statusCode).toBe(201);
    const twice = await propose(r.id, bilal);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('ALREADY_PROPOSED');
    const beyond = await propose(r.id, amira);
    expect(beyond.statusCode).toBe(409);
    expect(beyond.json().code).toBe('NO_OPEN_PLACE');
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const r = await readyRequest();
    const p = (await propose(r.id, bilal)).json();
    const stale = await answer(p.id, 'accept', bilalLogin, { version: p.version + 1 });
    expect(stale.statusCode).toBe(409);
    const still = (await t.app.inject({ method: 'GET', url: `/api/v1/proposals/${p.id}`, headers: asBrowser(bilalLogin) })).json();
    expect(still.status).toBe('pending');
  });

  it('lets unanswered proposals expire after the network limit and offers the coordinator the next candidate', async () => {
    const r = await readyRequest();
    const p = (await propose(r.id, bilal)).json();
    const early = await t.app.jobs.runDue(new Date(Date.now() + 71 * 3_600_000));
    expect(early.expireProposals).toBe(0);
    const done = await t.app.jobs.runDue(new Date(Date.now() + 73 * 3_600_000));
    expect(done.expireProposals).toBeGreaterThanOrEqual(1);
    const expired = (await t.app.inject({ method: 'GET', url: `/api/v1/proposals/${p.id}`, headers: asBrowser(coordinator) })).json();
    expect(expired.status).toBe('expired');
    expect(await requestStatus(r.id)).toBe('ready');
    const mails = await withMaintenance(t.database.db, (tx) => queryRows<{ subject: string; text: string }>(tx, sql`select subject, text_body as text from outbox_mails order by created_at desc`));
    const told = mails.find((m) => m.subject.startsWith('Keine Antwort: Bilal Karimi'));
    expect(told?.text).toContain('Als Nächstes passt am besten:');
  });

  it('keeps every proposal and agreement of another network out of reach (404)', async () => {
    const other = await makeNetwork(t.database);
    const otherCoordinator = await login(t.app, (await makeUser(t.database, other, 'coordinator')).email);
    const r = await readyRequest();
    const p = (await propose(r.id, bilal)).json();
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/proposals/${p.id}`, headers: asBrowser(otherCoordinator) })).statusCode).toBe(404);
    expect((await answer(p.id, 'accept', otherCoordinator, { version: p.version })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/guide-requests/${r.id}/candidates`, headers: asBrowser(otherCoordinator) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/guide-requests/${r.id}/proposals`, headers: asBrowser(otherCoordinator), payload: { volunteerId: bilal } })).statusCode).toBe(404);
    const agreements = await t.app.inject({ method: 'POST', url: '/api/v1/agreements', headers: asBrowser(otherCoordinator), payload: { volunteerId: bilal, scope: 'x', startsOn: '2026-12-01', endsOn: '2026-12-31' } });
    expect(agreements.statusCode).toBe(422);
    expect(agreements.json().errors[0].path).toBe('body.volunteerId');
  });
});

describe('agreements', () => {
  const create = (payload: object, locale = 'de') => t.app.inject({ method: 'POST', url: '/api/v1/agreements', headers: asBrowser(coordinator, locale), payload });

  it('limits the term to the network longest term (six months by default)', async () => {
    const tooLong = await create({ volunteerId: bilal, scope: 'Mentoring Ausbildung', startsOn: '2026-12-01', endsOn: '2027-06-01' }, 'en');
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().errors).toEqual([{ path: 'body.endsOn', message: 'An agreement may run for 6 months at most.' }]);
    const ok = await create({ volunteerId: bilal, scope: 'Mentoring Ausbildung', startsOn: '2026-12-01', endsOn: '2027-05-31' });
    expect(ok.statusCode).toBe(201);
  });

  it('extends, reminds once before the end, and closes with an outcome that counts as a good agreement', async () => {
    const startsOn = new Date().toISOString().slice(0, 10);
    const inTen = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const a = (await create({ volunteerId: bilal, organizationId: school.id, counterpart: 'Familie A.', scope: 'Begleitung Schule', startsOn, endsOn: inTen })).json();
    expect(a.endingSoon).toBe(true);
    const first = await t.app.jobs.runDue();
    expect(first.remindEndingAgreements).toBeGreaterThanOrEqual(1);
    expect((await t.app.jobs.runDue()).remindEndingAgreements).toBe(0);

    const notLater = await t.app.inject({ method: 'POST', url: `/api/v1/agreements/${a.id}/extend`, headers: asBrowser(coordinator), payload: { endsOn: startsOn, version: a.version } });
    expect(notLater.statusCode).toBe(422);
    const later = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const extended = await t.app.inject({ method: 'POST', url: `/api/v1/agreements/${a.id}/extend`, headers: asBrowser(coordinator), payload: { endsOn: later, version: a.version } });
    expect(extended.statusCode).toBe(200);
    expect(extended.json()).toMatchObject({ endsOn: later, extensions: 1, endingSoon: false });

    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/agreements/${a.id}/close`,
      headers: asBrowser(coordinator),
      payload: { outcome: 'achieved', volunteerFeedback: 'Hat gut geklappt.', version: extended.json().version },
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'achieved', volunteerFeedback: 'Hat gut geklappt.' });
    // The institution adds its own words afterwards.
    const feedback = await t.app.inject({ method: 'POST', url: `/api/v1/agreements/${a.id}/feedback`, headers: asBrowser(partner), payload: { feedback: 'Sehr zuverlässig.', version: closed.json().version } });
    expect(feedback.json().partnerFeedback).toBe('Sehr zuverlässig.');
    // Closed is closed.
    const change = await t.app.inject({ method: 'POST', url: `/api/v1/agreements/${a.id}/extend`, headers: asBrowser(coordinator), payload: { endsOn: later, version: feedback.json().version } });
    expect(change.statusCode).toBe(409);
    // A good agreement with the school now counts for Bilal in matching.
    const r = await readyRequest({ genderPreference: undefined });
    const ranked = (await candidates(r.id)).json();
    const bilalRow = ranked.items.find((c: { volunteerId: string }) => c.volunteerId === bilal);
    expect(bilalRow.criteria.find((c: { key: string }) => c.key === 'history')).toMatchObject({ score: 0.5, reason: 'Eine gute Vereinbarung mit dieser Einrichtung.' });
  });
});

describe('the plan for many requests', () => {
  it('fills every place it can, each volunteer within their free capacity', async () => {
    const a = await readyRequest({ title: 'Plan A' });
    const b = await readyRequest({ title: 'Plan B' });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/matching/plan', headers: asBrowser(coordinator), payload: { requestIds: [a.id, b.id] } });
    expect(res.statusCode).toBe(200);
    const plan = res.json();
    expect(plan.filledPlaces + plan.openPlaces).toBe(2);
    const perVolunteer = new Map<string, number>();
    for (const x of plan.assignments) perVolunteer.set(x.volunteerId, (perVolunteer.get(x.volunteerId) ?? 0) + 1);
    for (const [, n] of perVolunteer) expect(n).toBeLessThanOrEqual(2);
    expect(plan.totalScore).toBeCloseTo(plan.assignments.reduce((s: number, x: { score: number }) => s + x.score, 0), 5);
    for (const x of plan.assignments) expect([amira, bilal]).toContain(x.volunteerId);
  });
});

describe('the bank account for payouts', () => {
  it('is saved by the volunteer in the portal, refused with wrong check digits, and shown to coordinators', async () => {
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me/volunteer', headers: asBrowser(bilalLogin) })).json();
    const wrong = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/volunteer',
      headers: asBrowser(bilalLogin, 'en'),
      payload: { bankAccount: { iban: 'DE89 3704 0044 0532 0130 01', accountHolder: 'Bilal Karimi' }, version: me.version },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].path).toBe('body.bankAccount.iban');
    const ok = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/volunteer',
      headers: asBrowser(bilalLogin),
      payload: { bankAccount: { iban: 'de89 3704 0044 0532 0130 00', accountHolder: 'Bilal Karimi' }, version: me.version },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().bankAccount).toEqual({ iban: 'DE89370400440532013000', bic: null, accountHolder: 'Bilal Karimi' });
    const asCoordinator = (await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${bilal}`, headers: asBrowser(coordinator) })).json();
    expect(asCoordinator.bankAccount.iban).toBe('DE89370400440532013000');
  });
});
