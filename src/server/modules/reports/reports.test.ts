import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportSummary } from '../../../common/api/reports.js';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork, makeUser, makeVolunteer, type TestNetwork } from '../../../../tests/factories.js';
import { berlinToday } from '../volunteers/profile.js';

const SUMMARY = '/api/v1/reports/summary';
const today = berlinToday();

let t: TestApp;
let network: TestNetwork;
let coordinator: string;
let viewer: string;
let otherViewer: string;
const volunteers: string[] = [];
const agreements: string[] = [];

const summary = async (cookie: string): Promise<ReportSummary> => {
  const res = await t.app.inject({ method: 'GET', url: SUMMARY, headers: asBrowser(cookie) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ReportSummary;
};

async function placedAgreement(volunteerId: string) {
  const request = await t.app.inject({ method: 'POST', url: '/api/v1/guide-requests', headers: asBrowser(coordinator), payload: { title: `Begleitung ${volunteers.indexOf(volunteerId) + 1}` } });
  expect(request.statusCode, request.body).toBe(201);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/agreements',
    headers: asBrowser(coordinator),
    payload: { volunteerId, requestId: request.json().id, scope: 'Begleitung zu Behörden', startsOn: today, endsOn: today },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function deploy(agreementId: string, hours: number) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/deployments', headers: asBrowser(coordinator), payload: { agreementId, date: today, hours } });
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  t = await createTestApp();
  network = await makeNetwork(t.database, 'Integrationsnetz Hannover');
  const other = await makeNetwork(t.database, 'Netz Braunschweig');
  coordinator = await login(t.app, (await makeUser(t.database, network, 'coordinator')).email);
  viewer = await login(t.app, (await makeUser(t.database, network, 'viewer')).email);
  otherViewer = await login(t.app, (await makeUser(t.database, other, 'viewer')).email);
  for (let i = 0; i < 4; i++) volunteers.push(await makeVolunteer(t.app, coordinator, { firstName: 'Lotsin', lastName: `Nummer ${i + 1}` }));
  await makeVolunteer(t.app, coordinator, { firstName: 'Pausiert', lastName: 'Person', status: 'paused' });
  for (const v of volunteers) agreements.push(await placedAgreement(v));
  for (const a of agreements) await deploy(a, 2);
});
afterAll(() => t.close());

describe('the network’s live figures', () => {
  it('leaves out every figure below 5 (four active volunteers, four agreements, hours of four people)', async () => {
    const s = await summary(viewer);
    expect(s).toMatchObject({ year: Number(today.slice(0, 4)), threshold: 5, volunteersActive: null, requestsPlaced: null, agreementsRunning: null, hoursDeployed: null });
  });

  it('shows the figures once they reach 5, counting only active volunteers and this year’s placements', async () => {
    volunteers.push(await makeVolunteer(t.app, coordinator, { firstName: 'Lotsin', lastName: 'Nummer 5' }));
    agreements.push(await placedAgreement(volunteers[4]!));
    await deploy(agreements[4]!, 1.5);
    const s = await summary(viewer);
    expect(s).toMatchObject({ volunteersActive: 5, requestsPlaced: 5, agreementsRunning: 5, hoursDeployed: 9.5 });
    expect(await summary(coordinator)).toMatchObject({ volunteersActive: 5 });
  });

  it('holds no person: no names in the answer', async () => {
    const res = await t.app.inject({ method: 'GET', url: SUMMARY, headers: asBrowser(viewer) });
    expect(res.body).not.toContain('Lotsin');
    expect(res.body).not.toContain('Begleitung');
  });

  it('counts only the reader’s own network', async () => {
    expect(await summary(otherViewer)).toMatchObject({ volunteersActive: null, requestsPlaced: null, agreementsRunning: null, hoursDeployed: null });
  });

  it('keeps personal records away from the viewer: 403 on people, requests, agreements, deployments, claims and the trail', async () => {
    for (const url of [
      '/api/v1/volunteers',
      `/api/v1/volunteers/${volunteers[0]}`,
      '/api/v1/guide-requests',
      '/api/v1/agreements',
      `/api/v1/agreements/${agreements[0]}`,
      '/api/v1/deployments',
      '/api/v1/expense-claims',
      '/api/v1/audit-events',
      '/api/v1/inbox',
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: asBrowser(viewer) });
      expect(res.statusCode, url).toBe(403);
      expect(res.body).not.toContain('Lotsin');
    }
  });

  it('refuses volunteers and partners with 403, and anonymous callers with 401', async () => {
    const partner = await login(t.app, (await makeUser(t.database, network, 'partner')).email);
    expect((await t.app.inject({ method: 'GET', url: SUMMARY, headers: asBrowser(partner) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: SUMMARY })).statusCode).toBe(401);
  });
});
