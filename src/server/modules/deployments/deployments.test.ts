import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork,
  makePlacementCast, makeOrganization, makeUser, multipartBody, type TestNetwork } from '../../../../tests/factories.js';
import { queryRows } from '../../db/client.js';
import { withTenant } from '../../db/tenancy.js';
import { addDays } from '../../../common/agreement-term.js';
import { berlinToday } from '../volunteers/profile.js';
import { linkVolunteerAccount } from '../volunteers/volunteers.service.js';

let t: TestApp;
let network: TestNetwork;
let coordinator: string;
let school: { id: string };
let partner: string;
let otherPartner: string;
let amira: { id: string; cookie: string };
let bilal: { id: string; cookie: string };
/** Amira's agreement with the school; Bilal's without an institution. */
let amiraAtSchool: string;
let bilalAlone: string;
const today = berlinToday();

/** A volunteer record with a portal account linked to it (role `volunteer`). */
async function portalVolunteer(firstName: string, lastName: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/volunteers',
    headers: asBrowser(coordinator),
    payload: { firstName, lastName, status: 'active' },
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  const user = await makeUser(t.database, network, 'volunteer');
  await withTenant(t.database.db, network.networkId, (tx) => linkVolunteerAccount(tx, network.networkId, id, user.id));
  return { id, cookie: await login(t.app, user.email) };
}

async function agreement(cookie: string, volunteerId: string, organizationId: string | null, startsOn = addDays(today, -30)) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/agreements',
    headers: asBrowser(cookie),
    payload: { volunteerId, organizationId, scope: 'Begleitung zu Elternabenden', startsOn, endsOn: addDays(startsOn, 120) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

const log = (cookie: string, payload: object, locale = 'de') =>
  t.app.inject({ method: 'POST', url: '/api/v1/deployments', headers: asBrowser(cookie, locale), payload });
const get = (cookie: string, id: string) => t.app.inject({ method: 'GET', url: `/api/v1/deployments/${id}`, headers: asBrowser(cookie) });
const list = (cookie: string, query = '') =>
  t.app.inject({ method: 'GET', url: `/api/v1/deployments${query}`, headers: asBrowser(cookie) });
const patch = (cookie: string, id: string, payload: object) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/deployments/${id}`, headers: asBrowser(cookie), payload });
const confirm = (cookie: string, id: string, version: number) =>
  t.app.inject({ method: 'POST', url: `/api/v1/deployments/${id}/confirm`, headers: asBrowser(cookie), payload: { version } });
function upload(cookie: string, id: string, file: { name: string; content: Buffer | string; type?: string }) {
  const body = multipartBody(file);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/deployments/${id}/receipt`,
    headers: { ...asBrowser(cookie), 'content-type': body.contentType },
    payload: body.payload,
  });
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const visit = { date: addDays(today, -2), hours: 1.5, km: 12.5, transport: 'car', note: 'Elternabend Klasse 7b' };

beforeAll(async () => {
  t = await createTestApp();
  ({ network, coordinator, school, partner } = await makePlacementCast(t, 'Integrationsnetz Hannover', 'IGS Linden', { catalog: false }));
  const otherSchool = await makeOrganization(t.database, network, 'Grundschule Mitte');
  otherPartner = await login(t.app, (await makeUser(t.database, network, 'partner', otherSchool.id)).email);
  amira = await portalVolunteer('Amira', 'Haddad');
  bilal = await portalVolunteer('Bilal', 'Nasser');
  amiraAtSchool = (await agreement(coordinator, amira.id, school.id)).id;
  bilalAlone = (await agreement(coordinator, bilal.id, null)).id;
});
afterAll(() => t.close());

describe('deployments', () => {
  it('lets a volunteer log a deployment under their own agreement, with every field kept', async () => {
    const res = await log(amira.cookie, { agreementId: amiraAtSchool, ...visit, ticketCents: 0 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      agreementId: amiraAtSchool,
      volunteerId: amira.id,
      volunteerName: 'Amira Haddad',
      organizationId: school.id,
      organizationName: 'IGS Linden',
      date: visit.date,
      hours: 1.5,
      km: 12.5,
      transport: 'car',
      ticketCents: 0,
      note: 'Elternabend Klasse 7b',
      confirmedAt: null,
      receipt: null,
      claimId: null,
      claimStatus: null,
      version: 1,
    });
    // Stored in minutes and tenths of a kilometre, no floating point.
    const [row] = await withTenant(t.database.db, network.networkId, (tx) =>
      queryRows<{ minutes: number; distance_tenths: number }>(
        tx,
        sql`select minutes, distance_tenths from deployments where id = ${res.json().id}`,
      ),
    );
    expect(row).toEqual({ minutes: 90, distance_tenths: 125 });
  });

  it('lets a coordinator log for any volunteer', async () => {
    const res = await log(coordinator, { agreementId: bilalAlone, date: today, hours: 2 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ volunteerId: bilal.id, km: 0, transport: null, organizationId: null });
  });

  it('answers 404 when a volunteer logs under someone else’s agreement, and keeps institutions from logging', async () => {
    const res = await log(amira.cookie, { agreementId: bilalAlone, date: today, hours: 1 });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('AGREEMENT_NOT_FOUND');
    expect((await log(partner, { agreementId: amiraAtSchool, date: today, hours: 1 })).statusCode).toBe(403);
  });

  it('refuses a future date, a date before the agreement’s start and kilometres without transport with 422, in the reader’s language', async () => {
    const future = await log(amira.cookie, { agreementId: amiraAtSchool, date: addDays(today, 1), hours: 1 }, 'en');
    expect(future.statusCode).toBe(422);
    expect(future.json().errors).toEqual([{ path: 'body.date', message: 'Must not lie in the future' }]);
    const early = await log(amira.cookie, { agreementId: amiraAtSchool, date: addDays(today, -31), hours: 1 });
    expect(early.json().errors).toEqual([{ path: 'body.date', message: `Liegt vor dem Beginn der Vereinbarung (${addDays(today, -30)})` }]);
    const noTransport = await log(amira.cookie, { agreementId: amiraAtSchool, date: today, hours: 1, km: 3 });
    expect(noTransport.statusCode).toBe(422);
    expect(noTransport.json().errors).toEqual([{ path: 'body.transport', message: 'Bitte das Verkehrsmittel angeben' }]);
  });

  it('takes hours in quarter-hours only and kilometres with one decimal', async () => {
    const res = await log(amira.cookie, { agreementId: amiraAtSchool, date: today, hours: 1.1, km: 2.25, transport: 'bicycle' }, 'en');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        { path: 'body.hours', message: 'In quarter hours (e.g. 1.25)' },
        { path: 'body.km', message: 'At most one decimal place' },
      ]),
    );
    for (const hours of [0, 24.25])
      expect((await log(amira.cookie, { agreementId: amiraAtSchool, date: today, hours })).statusCode).toBe(422);
    expect(
      (await log(amira.cookie, { agreementId: amiraAtSchool, date: today, hours: 24, km: 0.3, transport: 'on_foot' })).statusCode,
    ).toBe(201);
  });

  it('takes late logging under an agreement closed less than 30 days ago, and refuses it after', async () => {
    const start = addDays(today, -90);
    const recent = await agreement(coordinator, amira.id, null, start);
    const closeRecent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/agreements/${recent.id}/close`,
      headers: asBrowser(coordinator),
      payload: { outcome: 'achieved', closedOn: addDays(today, -10), version: recent.version },
    });
    expect(closeRecent.statusCode, closeRecent.body).toBe(200);
    expect((await log(amira.cookie, { agreementId: recent.id, date: addDays(today, -12), hours: 1 })).statusCode).toBe(201);
    const afterClose = await log(amira.cookie, { agreementId: recent.id, date: addDays(today, -5), hours: 1 });
    expect(afterClose.json().errors).toEqual([
      { path: 'body.date', message: `Liegt nach dem Ende der Vereinbarung (${addDays(today, -10)})` },
    ]);

    const old = await agreement(coordinator, amira.id, null, start);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/agreements/${old.id}/close`,
      headers: asBrowser(coordinator),
      payload: { outcome: 'achieved', closedOn: addDays(today, -30), version: old.version },
    });
    const late = await log(amira.cookie, { agreementId: old.id, date: addDays(today, -40), hours: 1 }, 'en');
    expect(late.statusCode).toBe(422);
    expect(late.json().errors).toEqual([
      { path: 'body.agreementId', message: 'The agreement was closed 30 or more days ago; deployments can no longer be logged' },
    ]);
  });

  it('shows each reader what is theirs: the volunteer their own, the institution its agreements’, the coordinator all', async () => {
    const ofAmira = (await list(amira.cookie)).json().items;
    expect(ofAmira.length).toBeGreaterThan(0);
    expect(ofAmira.every((d: { volunteerId: string }) => d.volunteerId === amira.id)).toBe(true);
    const ofSchool = (await list(partner)).json().items;
    expect(ofSchool.length).toBeGreaterThan(0);
    expect(ofSchool.every((d: { agreementId: string }) => d.agreementId === amiraAtSchool)).toBe(true);
    expect((await list(otherPartner)).json().items).toEqual([]);
    const all = (await list(coordinator)).json().items;
    expect(new Set(all.map((d: { volunteerId: string }) => d.volunteerId))).toEqual(new Set([amira.id, bilal.id]));
    // Another person's deployment is as unknown as another network's.
    const bilals = all.find((d: { volunteerId: string }) => d.volunteerId === bilal.id);
    expect((await get(amira.cookie, bilals.id)).statusCode).toBe(404);
    expect((await get(partner, bilals.id)).statusCode).toBe(404);
    expect((await get(bilal.cookie, bilals.id)).statusCode).toBe(200);
  });

  it('lists with filters and a cursor, newest first', async () => {
    for (const days of [3, 4, 5]) await log(bilal.cookie, { agreementId: bilalAlone, date: addDays(today, -days), hours: 0.75 });
    const first = await list(coordinator, `?volunteerId=${bilal.id}&limit=2`);
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items.map((d: { date: string }) => d.date)).toEqual([today, addDays(today, -3)]);
    const page2 = (await list(coordinator, `?volunteerId=${bilal.id}&limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.items.map((d: { date: string }) => d.date)).toEqual([addDays(today, -4), addDays(today, -5)]);
    expect(page2.nextCursor).toBeNull();
    const ranged = (
      await list(coordinator, `?agreementId=${bilalAlone}&from=${addDays(today, -4)}&to=${addDays(today, -3)}&sort=date`)
    ).json();
    expect(ranged.items.map((d: { date: string }) => d.date)).toEqual([addDays(today, -4), addDays(today, -3)]);
    expect((await list(coordinator, `?volunteerId=${bilal.id}&unclaimed=true&confirmed=false`)).json().items).toHaveLength(4);
    expect((await list(coordinator, `?volunteerId=${bilal.id}&unclaimed=false`)).json().items).toEqual([]);
    // A crafted cursor is the client's error, not the database's.
    const crafted = Buffer.from(JSON.stringify({ v: 'not-a-date', id: bilal.id })).toString('base64url');
    expect((await list(coordinator, `?cursor=${crafted}`)).statusCode).toBe(422);
  });

  it('lets the agreement’s institution confirm, recording who and when; others cannot', async () => {
    const logged = (await log(amira.cookie, { agreementId: amiraAtSchool, date: today, hours: 1 })).json();
    expect((await confirm(otherPartner, logged.id, 1)).statusCode).toBe(404);
    expect((await confirm(amira.cookie, logged.id, 1)).statusCode).toBe(403);
    const res = await confirm(partner, logged.id, 1);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ confirmedByName: 'Test partner', version: 2 });
    expect(Date.now() - Date.parse(res.json().confirmedAt)).toBeLessThan(60_000);
    // Confirming again changes nothing.
    expect((await confirm(partner, logged.id, 2)).json()).toMatchObject({ version: 2, confirmedAt: res.json().confirmedAt });
    expect((await list(partner, '?confirmed=true')).json().items.map((d: { id: string }) => d.id)).toContain(logged.id);
    // The coordination may confirm any deployment, also one without an institution.
    const bilals = (await log(bilal.cookie, { agreementId: bilalAlone, date: today, hours: 1 })).json();
    expect((await confirm(coordinator, bilals.id, 1)).json().confirmedByName).toBe('Test coordinator');
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const logged = (await log(amira.cookie, { agreementId: amiraAtSchool, date: today, hours: 1 })).json();
    expect((await patch(amira.cookie, logged.id, { hours: 2, version: 1 })).statusCode).toBe(200);
    const stale = await patch(amira.cookie, logged.id, { hours: 3, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('DEPLOYMENT_VERSION_CONFLICT');
    expect((await confirm(partner, logged.id, 1)).statusCode).toBe(409);
    expect((await get(amira.cookie, logged.id)).json()).toMatchObject({ hours: 2, version: 2, confirmedAt: null });
  });

  it('takes the confirmation back when what was confirmed changes, but not for the note', async () => {
    const logged = (await log(amira.cookie, { agreementId: amiraAtSchool, date: today, hours: 1 })).json();
    await confirm(partner, logged.id, 1);
    const noted = await patch(amira.cookie, logged.id, { note: 'Termin verschoben', version: 2 });
    expect(noted.json()).toMatchObject({ note: 'Termin verschoben', confirmedByName: 'Test partner' });
    const changed = await patch(amira.cookie, logged.id, { hours: 1.25, version: 3 });
    expect(changed.json()).toMatchObject({ hours: 1.25, confirmedAt: null, confirmedByName: null, version: 4 });
    // The merged result is checked: kilometres need a transport even when only km change.
    expect((await patch(amira.cookie, logged.id, { km: 4, version: 4 })).json().errors).toEqual([
      { path: 'body.transport', message: 'Bitte das Verkehrsmittel angeben' },
    ]);
    expect((await patch(partner, logged.id, { hours: 2, version: 4 })).statusCode).toBe(403);
  });

  it('stores a receipt checked by its bytes, refuses a text file with 415, and audits the download', async () => {
    const logged = (
      await log(amira.cookie, { agreementId: amiraAtSchool, date: today, hours: 1, transport: 'public_transport', ticketCents: 480 })
    ).json();
    const text = await upload(amira.cookie, logged.id, { name: 'ticket.pdf', content: 'not a pdf at all' });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('RECEIPT_TYPE_UNSUPPORTED');
    // A page named and sent as a PDF is still a page: the bytes decide.
    const html = await upload(amira.cookie, logged.id, { name: 'quittung.pdf', type: 'application/pdf', content: '<html><body onload="alert(1)">Quittung</body></html>' });
    expect(html.statusCode).toBe(415);
    expect(html.json().detail).toMatch(/PDF/);
    const svg = await upload(amira.cookie, logged.id, { name: 'ticket.png', type: 'image/png', content: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' });
    expect(svg.statusCode).toBe(415);
    const stored = await upload(amira.cookie, logged.id, { name: 'ticket.pdf', content: PDF });
    expect(stored.statusCode).toBe(201);
    expect(stored.json()).toMatchObject({ filename: 'ticket.pdf', contentType: 'application/pdf', size: PDF.length });
    // A second upload replaces the first.
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('png')]);
    await upload(amira.cookie, logged.id, { name: 'ticket.png', content: png });
    expect((await get(amira.cookie, logged.id)).json().receipt).toMatchObject({ filename: 'ticket.png', contentType: 'image/png' });

    const download = await t.app.inject({
      method: 'GET',
      url: `/api/v1/deployments/${logged.id}/receipt`,
      headers: asBrowser(coordinator),
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.rawPayload.equals(png)).toBe(true);
    // Institutions confirm deployments but do not read volunteers' receipts.
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/deployments/${logged.id}/receipt`, headers: asBrowser(partner) })).statusCode,
    ).toBe(403);
    expect((await upload(bilal.cookie, logged.id, { name: 'x.pdf', content: PDF })).statusCode).toBe(404);
    const audits = await withTenant(t.database.db, network.networkId, (tx) =>
      queryRows<{ action: string }>(tx, sql`select action from audit_events where entity = 'deployment_receipt' and action = 'read'`),
    );
    expect(audits).toHaveLength(1);
  });

  it('keeps one receipt when two uploads arrive at once', async () => {
    const logged = (
      await log(amira.cookie, { agreementId: amiraAtSchool, date: today, hours: 1, transport: 'public_transport', ticketCents: 290 })
    ).json();
    const results = await Promise.all([
      upload(amira.cookie, logged.id, { name: 'a.pdf', content: PDF }),
      upload(amira.cookie, logged.id, { name: 'b.pdf', content: PDF }),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([201, 201]);
    const stored = await withTenant(t.database.db, network.networkId, (tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from deployment_receipts where deployment_id = ${logged.id}`),
    );
    expect(stored).toEqual([{ n: 1 }]);
  });

  it('answers 404 for a receipt not uploaded', async () => {
    const logged = (await log(amira.cookie, { agreementId: amiraAtSchool, date: today, hours: 1 })).json();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/deployments/${logged.id}/receipt`, headers: asBrowser(amira.cookie) });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('RECEIPT_NOT_FOUND');
  });

  it('deletes an unclaimed deployment of one’s own only', async () => {
    const logged = (await log(amira.cookie, { agreementId: amiraAtSchool, date: today, hours: 1 })).json();
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/deployments/${logged.id}`, headers: asBrowser(bilal.cookie) })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/deployments/${logged.id}`, headers: asBrowser(amira.cookie) })).statusCode,
    ).toBe(204);
    expect((await get(coordinator, logged.id)).statusCode).toBe(404);
  });

  it('audits reads and writes without writing the note into the trail', async () => {
    const logged = (await log(amira.cookie, { agreementId: amiraAtSchool, date: today, hours: 1, note: 'Geheimnis-Notiz' })).json();
    await get(coordinator, logged.id);
    const events = await withTenant(t.database.db, network.networkId, (tx) =>
      queryRows<{ action: string; fields: string[] }>(
        tx,
        sql`select action, fields from audit_events where entity = 'deployment' and entity_id = ${logged.id} order by at`,
      ),
    );
    expect(events.map((e) => e.action)).toEqual(['create', 'read']);
    expect(JSON.stringify(events)).not.toContain('Geheimnis');
  });

  it('keeps deployments away from other networks: every path answers 404', async () => {
    const mine = (await log(amira.cookie, { agreementId: amiraAtSchool, date: today, hours: 1 })).json();
    const other = await makeNetwork(t.database, 'Netz Bremen');
    const stranger = await login(t.app, (await makeUser(t.database, other, 'coordinator')).email);
    expect((await get(stranger, mine.id)).statusCode).toBe(404);
    expect((await patch(stranger, mine.id, { hours: 2, version: 1 })).statusCode).toBe(404);
    expect((await confirm(stranger, mine.id, 1)).statusCode).toBe(404);
    expect((await upload(stranger, mine.id, { name: 'x.pdf', content: PDF })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/deployments/${mine.id}/receipt`, headers: asBrowser(stranger) })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/deployments/${mine.id}`, headers: asBrowser(stranger) })).statusCode).toBe(
      404,
    );
    expect((await log(stranger, { agreementId: amiraAtSchool, date: today, hours: 1 })).statusCode).toBe(404);
    expect((await list(stranger)).json().items).toEqual([]);
    expect((await get(coordinator, mine.id)).json().version).toBe(1);
  });
});
