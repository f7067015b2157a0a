import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../common/agreement-term.js';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import {
  asBrowser,
  login,
  makeCatalog,
  makeNetwork,
  makePlacementCast,
  makeOrganization,
  makePortalLogin,
  makeReadyRequest,
  makeUser,
  makeVolunteer,
  type TestNetwork,
} from '../../../../tests/factories.js';
import { berlinToday } from '../volunteers/profile.js';

let t: TestApp;
let network: TestNetwork;
let coordinator: string;
let partner: string;
const today = berlinToday();

interface Someone {
  id: string;
  cookie: string;
}

const overview = (cookie: string, locale = 'de') =>
  t.app.inject({ method: 'GET', url: '/api/v1/portal/overview', headers: asBrowser(cookie, locale) });

async function post<T = { id: string; version: number }>(cookie: string, url: string, payload: object, status = 201): Promise<T> {
  const res = await t.app.inject({ method: 'POST', url, headers: asBrowser(cookie), payload });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
  return res.json() as T;
}

const agreement = (cookie: string, volunteerId: string, scope: string, startsOn: string, organizationId: string | null = null) =>
  post(cookie, '/api/v1/agreements', { volunteerId, organizationId, scope, startsOn, endsOn: addDays(startsOn, 90) });

const deployment = (cookie: string, agreementId: string, date: string) =>
  post(cookie, '/api/v1/deployments', { agreementId, date, hours: 2, km: 10, transport: 'car' });

async function portalVolunteer(app: TestApp, net: TestNetwork, coordinatorCookie: string, firstName: string): Promise<Someone> {
  const id = await makeVolunteer(app.app, coordinatorCookie, {
    firstName,
    languages: [
      { code: 'ar', level: 'native' },
      { code: 'de', level: 'C1' },
    ],
    maxActiveAgreements: 5,
  });
  return { id, cookie: await makePortalLogin(app.app, app.database, net, id) };
}

/** Everything a volunteer can have waiting, made through the API as the office and she would. */
async function fillPortal(v: Someone, label: string, cookie = coordinator, partnerCookie = partner) {
  const request = await makeReadyRequest(t.app, partnerCookie, cookie, {
    title: `Elternabend ${label}`,
    kind: 'parents_evening',
    topic: 'schule',
    description: 'Eine Mutter möchte zum Elternabend begleitet werden.',
    languages: [{ code: 'ar', minLevel: 'B2' }],
    districtKey: 'linden-nord',
    place: 'Raum 112',
    startsAt: `${addDays(today, 20)}T17:00:00.000Z`,
    endsAt: `${addDays(today, 20)}T18:30:00.000Z`,
    expectedHours: 1.5,
    seeker: { ageGroup: 'adult', languages: ['ar'] },
    contact: { name: 'Frau Schulz', email: 'schulz@schule.example' },
  });
  const proposal = await post(cookie, `/api/v1/guide-requests/${request.id}/proposals`, { volunteerId: v.id });
  // Running a month, nothing logged: due.
  const quiet = await agreement(cookie, v.id, `Behördengänge ${label}`, addDays(today, -30));
  // Running, logged three days ago: not due.
  const busy = await agreement(cookie, v.id, `Hausaufgabenhilfe ${label}`, addDays(today, -60));
  const recent = await deployment(v.cookie, busy.id, addDays(today, -3));
  // Starts in ten days: an appointment, nothing to log yet.
  const later = await agreement(cookie, v.id, `Sprachcafé ${label}`, addDays(today, 10));
  // A claim on its way.
  const claim = await post(v.cookie, '/api/v1/expense-claims', { deploymentIds: [recent.id] });
  // A logged deployment in no claim.
  await deployment(v.cookie, busy.id, addDays(today, -2));
  // A course session next week in a run she has a place in.
  const course = await post(cookie, '/api/v1/courses', { kind: 'advanced', title: `Gesprächsführung ${label}`, teachingHours: 2 });
  const run = await post(cookie, `/api/v1/courses/${course.id}/runs`, { capacity: 5, status: 'open' });
  const session = await post(cookie, `/api/v1/course-runs/${run.id}/sessions`, {
    date: addDays(today, 7),
    startTime: '17:00',
    endTime: '19:00',
    teachingHours: 2,
    room: 'Raum 3',
  });
  await post(cookie, `/api/v1/course-runs/${run.id}/enrollments`, { volunteerId: v.id });
  return { proposal, quiet, busy, later, claim, session };
}

beforeAll(async () => {
  t = await createTestApp();
  ({ network, coordinator, partner } = await makePlacementCast(t, 'Integrationsnetz Hannover'));
});
afterAll(() => t.close());

describe('the volunteer’s landing page (GET /api/v1/portal/overview)', () => {
  it('says plainly that nothing waits for a new volunteer', async () => {
    const fresh = await portalVolunteer(t, network, coordinator, 'Neu');
    const res = await overview(fresh.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      proposals: { count: 0, items: [] },
      agreements: { count: 0, items: [] },
      appointments: { count: 0, items: [] },
      toLog: { count: 0, items: [] },
      claims: { count: 0, items: [] },
      unclaimedDeployments: 0,
      loggingDueDays: 14,
    });
  });

  it('names her proposal, agreements, appointments, agreements due for logging and claims in progress, each with its count', async () => {
    const amira = await portalVolunteer(t, network, coordinator, 'Amira');
    const made = await fillPortal(amira, 'A');
    const res = await overview(amira.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();

    expect(body.proposals).toEqual({
      count: 1,
      items: [expect.objectContaining({ id: made.proposal.id, requestTitle: 'Elternabend A', organizationName: 'IGS Linden' })],
    });
    expect(body.agreements.count).toBe(3);
    expect(body.agreements.items.map((a: { agreementId: string }) => a.agreementId).sort()).toEqual(
      [made.quiet.id, made.busy.id, made.later.id].sort(),
    );
    expect(body.agreements.items.find((a: { agreementId: string }) => a.agreementId === made.busy.id).deployments).toBe(2);

    // Only the quiet, begun agreement is due; the busy one was logged lately, the later one has not begun.
    expect(body.toLog).toEqual({
      count: 1,
      items: [
        {
          agreementId: made.quiet.id,
          title: 'Behördengänge A',
          organizationName: null,
          startsOn: addDays(today, -30),
          endsOn: addDays(today, 60),
          lastDeploymentOn: null,
        },
      ],
    });

    // The course session next week, then the start of the later agreement, soonest first.
    expect(body.appointments.count).toBe(2);
    expect(body.appointments.items).toEqual([
      expect.objectContaining({ kind: 'courseSession', id: made.session.id, courseTitle: 'Gesprächsführung A', room: 'Raum 3' }),
      expect.objectContaining({ kind: 'agreementStart', agreementId: made.later.id, title: 'Sprachcafé A', startsOn: addDays(today, 10) }),
    ]);

    expect(body.claims).toEqual({
      count: 1,
      items: [expect.objectContaining({ id: made.claim.id, status: 'submitted', deploymentCount: 1 })],
    });
    expect(body.claims.items[0].totalCents).toBeGreaterThan(0);
    expect(body.unclaimedDeployments).toBe(1);
  });

  it('keeps an approved claim in progress and drops a rejected one; a logged deployment takes the agreement off the list', async () => {
    const bilal = await portalVolunteer(t, network, coordinator, 'Bilal');
    const made = await fillPortal(bilal, 'B');
    await post(coordinator, `/api/v1/expense-claims/${made.claim.id}/approve`, { version: 1 }, 200);
    let body = (await overview(bilal.cookie)).json();
    expect(body.claims.items).toEqual([expect.objectContaining({ id: made.claim.id, status: 'approved' })]);

    const other = await deployment(bilal.cookie, made.busy.id, addDays(today, -1));
    const second = await post(bilal.cookie, '/api/v1/expense-claims', { deploymentIds: [other.id] });
    await post(coordinator, `/api/v1/expense-claims/${second.id}/reject`, { reason: 'Doppelt erfasst', version: 1 }, 200);
    await deployment(bilal.cookie, made.quiet.id, addDays(today, -1));

    body = (await overview(bilal.cookie)).json();
    expect(body.claims.items.map((c: { id: string }) => c.id)).toEqual([made.claim.id]);
    expect(body.toLog).toEqual({ count: 0, items: [] });
  });

  it('never shows another volunteer’s or another network’s items', async () => {
    const carla = await portalVolunteer(t, network, coordinator, 'Carla');
    const dina = await portalVolunteer(t, network, coordinator, 'Dina');
    await fillPortal(dina, 'Dina');

    // A second network, with a volunteer whose portal is full.
    const elsewhere = await makeNetwork(t.database, 'Integrationsnetz Bremen');
    await makeCatalog(t.database, elsewhere);
    const theirCoordinator = await login(t.app, (await makeUser(t.database, elsewhere, 'coordinator')).email);
    const theirSchool = await makeOrganization(t.database, elsewhere, 'Oberschule Bremen');
    const theirPartner = await login(t.app, (await makeUser(t.database, elsewhere, 'partner', theirSchool.id)).email);
    const emre = await portalVolunteer(t, elsewhere, theirCoordinator, 'Emre');
    const theirs = await fillPortal(emre, 'Bremen', theirCoordinator, theirPartner);

    const mine = (await overview(carla.cookie)).json();
    expect(
      mine.proposals.count +
        mine.agreements.count +
        mine.appointments.count +
        mine.toLog.count +
        mine.claims.count +
        mine.unclaimedDeployments,
    ).toBe(0);
    expect(JSON.stringify(mine)).not.toMatch(/Dina|Bremen/);

    const emres = (await overview(emre.cookie)).json();
    expect(emres.proposals.items.map((p: { id: string }) => p.id)).toEqual([theirs.proposal.id]);
    expect(JSON.stringify(emres)).not.toMatch(/Dina|IGS Linden|Elternabend A/);
  });

  it('answers 404 (problem+json, localised) to a staff account without a volunteer record, 401 without a session', async () => {
    const res = await overview(coordinator, 'en');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toMatch(/volunteer/i);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/portal/overview' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
  });
});
