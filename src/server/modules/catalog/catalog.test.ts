import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork, makeUser, type TestNetwork } from '../../../../tests/factories.js';

let t: TestApp;
let network: TestNetwork;
let admin: string;
let coordinator: string;
let volunteer: string;

beforeAll(async () => {
  t = await createTestApp();
  network = await makeNetwork(t.database);
  admin = await login(t.app, network.adminEmail);
  coordinator = await login(t.app, (await makeUser(t.database, network, 'coordinator')).email);
  volunteer = await login(t.app, (await makeUser(t.database, network, 'volunteer')).email);
});
afterAll(() => t.close());

const create = (cookie: string, kind: string, payload: object, locale = 'de') =>
  t.app.inject({ method: 'POST', url: `/api/v1/catalog/${kind}`, headers: asBrowser(cookie, locale), payload });

describe('catalogues', () => {
  it('lets a coordinator add specialisations and topics, listed by name for everyone in the network', async () => {
    expect((await create(coordinator, 'specializations', { key: 'sportlotse', name: 'Sportlotse' })).statusCode).toBe(201);
    expect((await create(coordinator, 'specializations', { key: 'elternlotse', name: 'Elternlotse' })).statusCode).toBe(201);
    expect((await create(admin, 'topics', { key: 'behoerden', name: 'Behörden' })).statusCode).toBe(201);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/specializations', headers: { cookie: volunteer } });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((e: { key: string }) => e.key)).toEqual(['elternlotse', 'sportlotse']);
  });

  it('keeps districts with coordinates and a parent district for quarters', async () => {
    const mitte = await create(coordinator, 'districts', { key: 'mitte', name: 'Mitte', lat: 52.3745, lon: 9.7386 });
    expect(mitte.statusCode).toBe(201);
    const oststadt = await create(coordinator, 'districts', { key: 'oststadt', name: 'Oststadt', lat: 52.381, lon: 9.75, parentKey: 'mitte' });
    expect(oststadt.json()).toMatchObject({ key: 'oststadt', parentKey: 'mitte', lat: 52.381, version: 1 });
    const quarters = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/districts?parentKey=mitte', headers: { cookie: coordinator } });
    expect(quarters.json().items.map((e: { key: string }) => e.key)).toEqual(['oststadt']);
    const badParent = await create(coordinator, 'districts', { key: 'x', name: 'X', parentKey: 'nowhere' }, 'en');
    expect(badParent.statusCode).toBe(422);
    expect(badParent.json().errors[0]).toEqual({ path: 'body.parentKey', message: 'Unknown catalogue entry: nowhere' });
  });

  it('refuses coordinates on topics, malformed keys and duplicate keys with clear problems', async () => {
    const coords = await create(coordinator, 'topics', { key: 'gesundheit', name: 'Gesundheit', lat: 1 }, 'en');
    expect(coords.statusCode).toBe(422);
    expect(coords.json().errors).toEqual([{ path: 'body.lat', message: 'Only for districts' }]);
    const key = await create(coordinator, 'topics', { key: 'Schule & Eltern', name: 'Schule und Eltern' }, 'en');
    expect(key.statusCode).toBe(422);
    expect(key.json().errors[0].path).toBe('body.key');
    expect(key.json().errors[0].message).toMatch(/lower-case/);
    const dup = await create(coordinator, 'specializations', { key: 'sportlotse', name: 'Noch einmal' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().type).toBe('https://lotse.dev/problems/catalog-key-taken');
  });

  it('renames an entry with its version, keeps the key, and refuses a stale version with 409', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/catalog/topics/behoerden', headers: asBrowser(coordinator), payload: { name: 'Ämter und Behörden', version: 1 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ key: 'behoerden', name: 'Ämter und Behörden', version: 2 });
    const stale = await t.app.inject({ method: 'PATCH', url: '/api/v1/catalog/topics/behoerden', headers: asBrowser(coordinator), payload: { name: 'Alt', version: 1 } });
    expect(stale.statusCode).toBe(409);
  });

  it('refuses to delete a district that still has quarters, then deletes an unused entry', async () => {
    const inUse = await t.app.inject({ method: 'DELETE', url: '/api/v1/catalog/districts/mitte', headers: asBrowser(coordinator) });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().type).toBe('https://lotse.dev/problems/catalog-entry-in-use');
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/catalog/districts/oststadt', headers: asBrowser(coordinator) })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/catalog/districts/oststadt', headers: asBrowser(coordinator) })).statusCode).toBe(404);
  });

  it('lets volunteers read but not change catalogues', async () => {
    expect((await create(volunteer, 'topics', { key: 'freizeit', name: 'Freizeit' })).statusCode).toBe(403);
  });

  it('answers 404 for another network’s entry, and shows it none of this one’s', async () => {
    const other = await makeNetwork(t.database);
    const otherAdmin = await login(t.app, other.adminEmail);
    const patch = await t.app.inject({ method: 'PATCH', url: '/api/v1/catalog/specializations/sportlotse', headers: asBrowser(otherAdmin), payload: { name: 'Gekapert', version: 1 } });
    expect(patch.statusCode).toBe(404);
    const del = await t.app.inject({ method: 'DELETE', url: '/api/v1/catalog/specializations/sportlotse', headers: asBrowser(otherAdmin) });
    expect(del.statusCode).toBe(404);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/specializations', headers: { cookie: otherAdmin } });
    expect(list.json().items).toEqual([]);
    const ours = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/specializations', headers: { cookie: coordinator } });
    expect(ours.json().items.map((e: { name: string }) => e.name)).toContain('Sportlotse');
  });

  it('answers an unknown catalogue kind with 422', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/catalog/planets', headers: { cookie: coordinator } })).statusCode).toBe(422);
  });
});
