// The in-memory matching pool never answers with stale data: every change to a volunteer's
// matching data is seen by the next ranking, through the API, on the database under test — and
// it is seen by reloading only the changed volunteers, not the whole pool.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import {
  asBrowser,
  login,
  makeCatalog,
  makeNetwork,
  makePlacementCast,
  makeReadyRequest,
  makeUser,
  makeVolunteer,
  type TestNetwork,
} from '../../../../tests/factories.js';
import { addDays } from '../../../common/agreement-term.js';
import { withTenant } from '../../db/tenancy.js';
import { ensureCatalogEntries } from '../catalog/catalog.service.js';
import { berlinToday } from '../volunteers/profile.js';

let t: TestApp;
let network: TestNetwork;
let coordinator: string;
let partner: string;
let school: { id: string };
let amira: string;
let bilal: string;
let requestId: string;

const today = berlinToday();
const day = addDays(today, 7);

beforeAll(async () => {
  t = await createTestApp();
  ({ network, coordinator, school, partner } = await makePlacementCast(t, 'Integrationsnetz Pool', 'Grundschule Linden'));
  amira = await makeVolunteer(t.app, coordinator, {
    firstName: 'Amira',
    lastName: 'Haddad',
    languages: [{ code: 'ar', level: 'C1' }],
    homeDistrict: 'linden-nord',
  });
  bilal = await makeVolunteer(t.app, coordinator, {
    firstName: 'Bilal',
    lastName: 'Nasser',
    languages: [{ code: 'ar', level: 'A2' }],
    homeDistrict: 'mitte',
    maxActiveAgreements: 1,
  });

  requestId = (
    await makeReadyRequest(t.app, partner, coordinator, {
      title: 'Begleitung zur Ausländerbehörde',
      kind: 'accompaniment',
      topic: 'behoerden',
      description: 'Eine Mutter braucht Begleitung und Übersetzung beim Termin in der Ausländerbehörde.',
      languages: [{ code: 'ar', minLevel: 'B2' }],
      districtKey: 'linden-nord',
      place: 'Ausländerbehörde Hannover',
      startsAt: `${day}T09:00:00.000Z`,
      endsAt: `${day}T10:30:00.000Z`,
      expectedHours: 1.5,
      seeker: { ageGroup: 'adult', languages: ['ar'] },
      contact: { name: 'Frau Schulz', email: 'schulz@gs-linden.example' },
    })
  ).id;
});
afterAll(() => t.close());

async function ranked(): Promise<string[]> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/guide-requests/${requestId}/candidates`, headers: asBrowser(coordinator) });
  expect(res.statusCode).toBe(200);
  return res.json().items.map((c: { volunteerId: string }) => c.volunteerId);
}

async function patchVolunteer(id: string, fields: Record<string, unknown>) {
  const current = await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${id}`, headers: asBrowser(coordinator) });
  const res = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/volunteers/${id}`,
    headers: asBrowser(coordinator),
    payload: { ...fields, version: current.json().version },
  });
  expect(res.statusCode, res.body).toBe(200);
}

describe('the matching pool in memory', () => {
  it('sees every change at the next ranking, reloading only the volunteers who changed', async () => {
    const stats = t.app.matchingPools.stats;
    expect(await ranked()).toEqual([amira]);
    const builds = stats.builds;
    expect(builds).toBeGreaterThanOrEqual(1);

    // Nothing changed: no profile is read again.
    const reloaded = stats.reloaded;
    expect(await ranked()).toEqual([amira]);
    expect(stats.reloaded).toBe(reloaded);

    // Bilal learned Arabic to C1: he is ranked at once (Amira first, her home is nearer).
    await patchVolunteer(bilal, { languages: [{ code: 'ar', level: 'C1' }] });
    expect(await ranked()).toEqual([amira, bilal]);
    expect(stats.reloaded).toBe(reloaded + 1);

    // Amira pauses: she is out at once.
    await patchVolunteer(amira, { status: 'paused', statusReason: 'Umzug' });
    expect(await ranked()).toEqual([bilal]);

    // Bilal's only place is taken by a new agreement: no free capacity.
    const agreement = await t.app.inject({
      method: 'POST',
      url: '/api/v1/agreements',
      headers: asBrowser(coordinator),
      payload: { volunteerId: bilal, organizationId: school.id, scope: 'Hausaufgabenhilfe', startsOn: today, endsOn: addDays(today, 60) },
    });
    expect(agreement.statusCode).toBe(201);
    expect(await ranked()).toEqual([]);

    // The agreement closes: his place is free again.
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/agreements/${agreement.json().id}/close`,
      headers: asBrowser(coordinator),
      payload: { outcome: 'achieved', version: agreement.json().version },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(await ranked()).toEqual([bilal]);

    // The plan reads the same pool.
    const plan = await t.app.inject({
      method: 'POST',
      url: '/api/v1/matching/plan',
      headers: asBrowser(coordinator),
      payload: { requestIds: [requestId] },
    });
    expect(plan.statusCode).toBe(200);
    expect(plan.json().assignments.map((a: { volunteerId: string }) => a.volunteerId)).toEqual([bilal]);

    // All of it without building the pool again.
    expect(stats.builds).toBe(builds);
  });

  it('builds the pool again when the districts change, as distances depend on them', async () => {
    const stats = t.app.matchingPools.stats;
    await ranked();
    const builds = stats.builds;
    await withTenant(t.database.db, network.networkId, (tx) =>
      ensureCatalogEntries(tx, network.networkId, 'districts', [
        { key: 'ahlem', name: 'Ahlem-Badenstedt-Davenstedt', lat: 52.37, lon: 9.65 },
      ]),
    );
    await ranked();
    expect(stats.builds).toBe(builds + 1);
  });

  it('never keeps what a transaction wrote and then rolled back', async () => {
    const stats = t.app.matchingPools.stats;
    const bypassed = stats.bypassed;
    const rollback = new Error('rollback');
    await expect(
      withTenant(t.database.db, network.networkId, async (tx) => {
        await tx.execute(sql`update volunteer_languages set level = 'A1', level_rank = 1 where volunteer_id = ${bilal} and code = 'ar'`);
        // This transaction sees its own change, read straight from the database …
        const own = (await t.app.matchingPools.eligible(tx, network.networkId, today)).find((v) => v.id === bilal);
        expect(own?.languages).toContainEqual({ code: 'ar', level: 'A1' });
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(stats.bypassed).toBe(bypassed + 1);
    // … and after the rollback, everyone else sees Bilal as he is.
    expect(await ranked()).toEqual([bilal]);
  });

  it('builds the pool again on a new day (absences, this month’s hours)', async () => {
    const stats = t.app.matchingPools.stats;
    const builds = stats.builds;
    const tomorrow = addDays(today, 1);
    const list = await withTenant(t.database.db, network.networkId, (tx) => t.app.matchingPools.eligible(tx, network.networkId, tomorrow));
    expect(stats.builds).toBe(builds + 1);
    expect(list.map((v) => v.id)).toEqual([bilal]);
  });

  it('agrees with a fresh read of the database after changes and rankings that run at the same time', async () => {
    const levels = ['A2', 'B2', 'C1', 'native'] as const;
    const crowd: string[] = [];
    for (let i = 0; i < 8; i++) {
      crowd.push(
        await makeVolunteer(t.app, coordinator, {
          firstName: `Gleichzeitig${i}`,
          lastName: 'Test',
          languages: [{ code: 'ar', level: levels[i % 4] }],
        }),
      );
    }
    for (let round = 0; round < 3; round++) {
      await Promise.all([
        ...crowd.map((id, i) => patchVolunteer(id, { languages: [{ code: 'ar', level: levels[(i + round + 1) % 4] }] })),
        ranked(),
        ranked(),
        ranked(),
      ]);
    }
    // The explained list reads every profile from the database, not from the pool.
    const fresh = await t.app.inject({
      method: 'GET',
      url: `/api/v1/guide-requests/${requestId}/candidates?explain=excluded`,
      headers: asBrowser(coordinator),
    });
    expect(fresh.statusCode).toBe(200);
    const fromDatabase = fresh.json().items.map((c: { volunteerId: string }) => c.volunteerId);
    expect(fromDatabase.length).toBeGreaterThan(1);
    expect(await ranked()).toEqual(fromDatabase);
  });

  it('keeps each network to itself: a change elsewhere reloads nothing here', async () => {
    const stats = t.app.matchingPools.stats;
    const before = await ranked();
    const other = await makeNetwork(t.database, 'Integrationsnetz Nachbar');
    await makeCatalog(t.database, other);
    const otherCoordinator = await login(t.app, (await makeUser(t.database, other, 'coordinator')).email);
    await makeVolunteer(t.app, otherCoordinator, { firstName: 'Omar', lastName: 'Fremd', languages: [{ code: 'ar', level: 'native' }] });
    const reloaded = stats.reloaded;
    const builds = stats.builds;
    expect(await ranked()).toEqual(before);
    expect(stats.reloaded).toBe(reloaded);
    expect(stats.builds).toBe(builds);
  });
});
