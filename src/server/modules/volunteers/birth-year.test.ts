import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIRTH_YEAR_MAX, BIRTH_YEAR_MIN } from '../../../common/volunteers.js';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork, makeUser, makeVolunteer } from '../../../../tests/factories.js';
import { slugify } from '../networks/networks.service.js';

let t: TestApp;
let coordinator: string;
const networkName = `Geburtsjahr Netz ${Date.now()}`;

beforeAll(async () => {
  t = await createTestApp();
  const network = await makeNetwork(t.database, networkName);
  coordinator = await login(t.app, (await makeUser(t.database, network, 'coordinator')).email);
});
afterAll(() => t.close());

const create = (birthYear: number, locale = 'de') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/volunteers',
    headers: asBrowser(coordinator, locale),
    payload: { firstName: 'Hedwig', lastName: 'Alt', birthYear, languages: [], maxActiveAgreements: 1, maxHoursPerMonth: 4 },
  });

describe('birth year limits', () => {
  it('refuses 1890 with 422 and a message naming the earliest year, instead of storing 1900', async () => {
    const res = await create(1890);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: 'body.birthYear', message: `Das Geburtsjahr darf nicht vor ${BIRTH_YEAR_MIN} liegen.` }]);
    const ar = await create(1890, 'ar');
    expect(ar.json().errors).toEqual([{ path: 'body.birthYear', message: `لا يمكن أن تكون سنة الميلاد قبل ${BIRTH_YEAR_MIN}.` }]);
  });

  it('refuses a year after the shared upper limit with its own message', async () => {
    const res = await create(BIRTH_YEAR_MAX + 1, 'en');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: 'body.birthYear', message: `The year of birth cannot be after ${BIRTH_YEAR_MAX}.` }]);
  });

  it('keeps the limits themselves as typed', async () => {
    const id = await makeVolunteer(t.app, coordinator, { birthYear: BIRTH_YEAR_MIN });
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/volunteers/${id}`, headers: asBrowser(coordinator) });
    expect(res.json().birthYear).toBe(BIRTH_YEAR_MIN);
    expect((await create(BIRTH_YEAR_MAX)).statusCode).toBe(201);
  });

  it('refuses 1890 on the public application form with the same message', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/${slugify(networkName)}/volunteer-applications`,
      headers: { 'accept-language': 'de', origin: 'http://localhost:3000' },
      payload: { firstName: 'Hedwig', lastName: 'Alt', email: 'hedwig@example.org', birthYear: 1890, consent: { accepted: true, textVersion: 'v1' } },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toContainEqual({ path: 'body.birthYear', message: `Das Geburtsjahr darf nicht vor ${BIRTH_YEAR_MIN} liegen.` });
  });
});
