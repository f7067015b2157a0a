import { sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork,
  makePlacementCast, makeUser, multipartBody, type TestNetwork } from '../../../../tests/factories.js';
import { queryRows } from '../../db/client.js';
import { withTenant } from '../../db/tenancy.js';
import { addDays } from '../../../common/agreement-term.js';
import { berlinToday } from '../volunteers/profile.js';
import { linkVolunteerAccount } from '../volunteers/volunteers.service.js';

/** The ISO 20022 schema, unchanged (tests/fixtures/sepa/README.md says where it comes from). */
const XSD = readFileSync(new URL('../../../../tests/fixtures/sepa/pain.001.001.09.xsd', import.meta.url), 'utf8');

async function expectSchemaValid(xml: string) {
  const result = await validateXML({
    xml: [{ fileName: 'payout.xml', contents: xml }],
    schema: [{ fileName: 'pain.001.001.09.xsd', contents: XSD }],
  });
  expect(result.errors.map((e) => e.message)).toEqual([]);
  expect(result.valid).toBe(true);
}

let t: TestApp;
let network: TestNetwork;
let admin: string;
let coordinator: string;
let partner: string;
interface PortalVolunteer {
  id: string;
  cookie: string;
  agreementId: string;
}
let amira: PortalVolunteer;
let bilal: PortalVolunteer;
let carla: PortalVolunteer;
const today = berlinToday();
const year = Number(today.slice(0, 4));
/** § 3 Nr. 26a EStG as the default settings have it: 840 € until 2025, 960 € from 2026. */
const defaultLimit = year >= 2026 ? 96_000 : 84_000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const AMIRA_IBAN = 'DE02120300000000202051';

async function settings(changes: object) {
  const current = await t.app.inject({ method: 'GET', url: '/api/v1/network', headers: asBrowser(admin) });
  const res = await t.app.inject({
    method: 'PATCH',
    url: '/api/v1/network',
    headers: asBrowser(admin),
    payload: { settings: changes, version: current.json().version },
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** A volunteer with a portal account; her bank account, if any, she enters herself (one a coordinator enters waits for her confirmation). */
async function portalVolunteer(firstName: string, lastName: string, bankAccount?: object): Promise<PortalVolunteer> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/volunteers',
    headers: asBrowser(coordinator),
    payload: { firstName, lastName, status: 'active' },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const user = await makeUser(t.database, network, 'volunteer');
  await withTenant(t.database.db, network.networkId, (tx) => linkVolunteerAccount(tx, network.networkId, id, user.id));
  const startsOn = addDays(today, -60);
  const agreement = await t.app.inject({
    method: 'POST',
    url: '/api/v1/agreements',
    headers: asBrowser(coordinator),
    payload: { volunteerId: id, scope: 'Begleitung zu Behörden', startsOn, endsOn: addDays(startsOn, 120) },
  });
  expect(agreement.statusCode, agreement.body).toBe(201);
  const cookie = await login(t.app, user.email);
  if (bankAccount) await ownBankAccount(cookie, bankAccount);
  return { id, cookie, agreementId: agreement.json().id };
}

async function ownBankAccount(cookie: string, bankAccount: object) {
  const own = await t.app.inject({ method: 'GET', url: '/api/v1/me/volunteer', headers: asBrowser(cookie) });
  const res = await t.app.inject({
    method: 'PATCH',
    url: '/api/v1/me/volunteer',
    headers: asBrowser(cookie),
    payload: { bankAccount, version: own.json().version },
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function logDeployment(v: PortalVolunteer, payload: object = {}): Promise<{ id: string; version: number }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/deployments',
    headers: asBrowser(v.cookie),
    payload: { agreementId: v.agreementId, date: addDays(today, -1), hours: 1, ...payload },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function receipt(v: PortalVolunteer, deploymentId: string) {
  const body = multipartBody({ name: 'ticket.pdf', content: PDF });
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/deployments/${deploymentId}/receipt`,
    headers: { ...asBrowser(v.cookie), 'content-type': body.contentType },
    payload: body.payload,
  });
  return res;
}

const claim = (cookie: string, deploymentIds: string[], locale = 'de') =>
  t.app.inject({ method: 'POST', url: '/api/v1/expense-claims', headers: asBrowser(cookie, locale), payload: { deploymentIds } });
const getClaim = (cookie: string, id: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1/expense-claims/${id}`, headers: asBrowser(cookie) });
const approve = (cookie: string, id: string, payload: object, locale = 'de') =>
  t.app.inject({ method: 'POST', url: `/api/v1/expense-claims/${id}/approve`, headers: asBrowser(cookie, locale), payload });
const reject = (cookie: string, id: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1/expense-claims/${id}/reject`, headers: asBrowser(cookie), payload });
const payout = (cookie: string, payload: object, locale = 'de') =>
  t.app.inject({ method: 'POST', url: '/api/v1/expense-claims/payouts', headers: asBrowser(cookie, locale), payload });
const download = (cookie: string, path: string, locale = 'de') =>
  t.app.inject({ method: 'GET', url: `/api/v1/expense-claims/payouts/${path}`, headers: asBrowser(cookie, locale) });

const count = async (table: 'expense_claims' | 'payouts', where = sql`true`) =>
  (
    await withTenant(t.database.db, network.networkId, (tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`),
    )
  )[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  ({ network, coordinator, partner } = await makePlacementCast(t, 'Integrationsnetz Hannover', 'IGS Linden', { catalog: false }));
  admin = await login(t.app, network.adminEmail);
  amira = await portalVolunteer('Amira', 'Haddad', { iban: AMIRA_IBAN, bic: 'BYLADEM1001', accountHolder: 'Amira Haddad' });
  bilal = await portalVolunteer('Bilal', 'Nasser');
  carla = await portalVolunteer('Carla', 'Weiß', { iban: 'AT61 1904 3002 3457 3201', accountHolder: 'Carla Weiß' });
  await settings({ allowanceUnit: 'deployment', allowanceCents: 500 });
});
afterAll(() => t.close());

let amirasClaim: { id: string; version: number };
let bilalsClaim: { id: string; version: number };
let secondClaim: { id: string; version: number; deploymentId: string };

describe('expense claims', () => {
  it('computes a claim: 12.5 km by car at 30 ct, a 4.80 € ticket with receipt and 5 € per deployment make 18.55 €', async () => {
    const byCar = await logDeployment(amira, { km: 12.5, transport: 'car' });
    const byTrain = await logDeployment(amira, { transport: 'public_transport', ticketCents: 480 });
    expect((await receipt(amira, byTrain.id)).statusCode).toBe(201);
    const res = await claim(amira.cookie, [byCar.id, byTrain.id]);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      volunteerId: amira.id,
      volunteerName: 'Amira Haddad',
      status: 'submitted',
      taxYear: year,
      deploymentCount: 2,
      unconfirmedCount: 2,
      km: 12.5,
      mileageRateCents: 30,
      mileageCents: 375,
      ticketCents: 480,
      allowanceCents: 1000,
      totalCents: 1855,
      submittedByName: 'Test volunteer',
      decidedAt: null,
      payoutId: null,
      allowanceYear: { year, usedCents: 1000, limitCents: defaultLimit, remainingCents: defaultLimit - 1000, warning: 'none' },
      version: 1,
    });
    expect(body.deployments.map((d: { id: string; claimId: string; claimStatus: string }) => [d.id, d.claimId, d.claimStatus])).toEqual([
      [byCar.id, body.id, 'submitted'],
      [byTrain.id, body.id, 'submitted'],
    ]);
    amirasClaim = body;
  });

  it('keeps the rate a claim was computed with when the setting changes later', async () => {
    await settings({ mileageRateCents: 35 });
    expect((await getClaim(coordinator, amirasClaim.id)).json()).toMatchObject({ mileageRateCents: 30, mileageCents: 375 });
    await settings({ mileageRateCents: 30 });
  });

  it('refuses a ticket without its receipt with 422 naming the deployment, and writes nothing', async () => {
    const before = await count('expense_claims');
    const ok = await logDeployment(amira, { km: 3, transport: 'car' });
    const date = addDays(today, -3);
    const ticket = await logDeployment(amira, { date, transport: 'public_transport', ticketCents: 300 });
    const res = await claim(amira.cookie, [ok.id, ticket.id]);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: 'body.deploymentIds.1', message: `Für das Ticket vom ${date} fehlt der Beleg` }]);
    expect(await count('expense_claims')).toBe(before);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/deployments/${ok.id}`, headers: asBrowser(amira.cookie) })).json().claimId,
    ).toBeNull();
  });

  it('refuses a claim of nothing with 422', async () => {
    await settings({ allowanceUnit: 'none' });
    try {
      const byBike = await logDeployment(amira, { km: 8, transport: 'bicycle' });
      const res = await claim(amira.cookie, [byBike.id], 'en');
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'EXPENSE_CLAIM_EMPTY', title: 'Nothing to claim' });
    } finally {
      await settings({ allowanceUnit: 'deployment' });
    }
  });

  it('answers 409 to a second claim for the same deployment and writes nothing', async () => {
    const d = await logDeployment(amira);
    const first = await claim(amira.cookie, [d.id]);
    expect(first.statusCode).toBe(201);
    secondClaim = { ...first.json(), deploymentId: d.id };
    const before = await count('expense_claims');
    const again = await claim(amira.cookie, [d.id]);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'DEPLOYMENT_CLAIMED',
      errors: [{ path: 'body.deploymentIds.0', message: `Der Einsatz vom ${addDays(today, -1)} ist schon abgerechnet` }],
    });
    expect(await count('expense_claims')).toBe(before);
  });

  it('lets only one of two claims racing for the same deployments win', async () => {
    const a = await logDeployment(amira);
    const b = await logDeployment(amira);
    const before = await count('expense_claims');
    const results = await Promise.all([claim(amira.cookie, [a.id, b.id]), claim(coordinator, [b.id, a.id])]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await count('expense_claims')).toBe(before + 1);
    const winner = results.find((r) => r.statusCode === 201)!.json();
    expect(winner.deploymentCount).toBe(2);
    // The loser's claim row is gone with its transaction: nothing points to it.
    const linked = await withTenant(t.database.db, network.networkId, (tx) =>
      queryRows<{ claim_id: string }>(tx, sql`select distinct claim_id from deployments where id in (${a.id}, ${b.id})`),
    );
    expect(linked).toEqual([{ claim_id: winner.id }]);
    // Withdrawn again for the tests that follow.
    expect((await reject(coordinator, winner.id, { reason: 'Doppelt erfasst', version: 1 })).statusCode).toBe(200);
  });

  it('keeps claimed deployments as they are: no change, no deletion, no new receipt (409)', async () => {
    const id = secondClaim.deploymentId;
    const current = (await t.app.inject({ method: 'GET', url: `/api/v1/deployments/${id}`, headers: asBrowser(amira.cookie) })).json();
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/deployments/${id}`,
      headers: asBrowser(amira.cookie),
      payload: { hours: 3, version: current.version },
    });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe('DEPLOYMENT_CLAIMED');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/deployments/${id}`, headers: asBrowser(amira.cookie) })).statusCode).toBe(
      409,
    );
    expect((await receipt(amira, id)).statusCode).toBe(409);
  });

  it('claims only one’s own deployments; a coordinator claims on behalf of one volunteer at a time', async () => {
    const ofBilal = await logDeployment(bilal, { km: 20, transport: 'car' });
    const ofAmira = await logDeployment(amira);
    const foreign = await claim(amira.cookie, [ofBilal.id]);
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors).toEqual([{ path: 'body.deploymentIds.0', message: 'Diesen Einsatz gibt es nicht.' }]);
    const mixed = await claim(coordinator, [ofBilal.id, ofAmira.id]);
    expect(mixed.json().errors).toEqual([{ path: 'body.deploymentIds', message: 'Eine Abrechnung umfasst nur Einsätze einer Person' }]);
    expect((await claim(coordinator, [ofBilal.id, ofBilal.id])).json().errors).toEqual([
      { path: 'body.deploymentIds.1', message: 'Doppelt angegeben' },
    ]);
    expect((await claim(partner, [ofAmira.id])).statusCode).toBe(403);
    const onBehalf = await claim(coordinator, [ofBilal.id]);
    expect(onBehalf.statusCode).toBe(201);
    expect(onBehalf.json()).toMatchObject({
      volunteerId: bilal.id,
      submittedByName: 'Test coordinator',
      mileageCents: 600,
      allowanceCents: 500,
      totalCents: 1100,
    });
    bilalsClaim = onBehalf.json();
    // Each volunteer reads their own claims only.
    expect((await getClaim(amira.cookie, bilalsClaim.id)).statusCode).toBe(404);
    expect((await getClaim(bilal.cookie, bilalsClaim.id)).statusCode).toBe(200);
    const own = (await t.app.inject({ method: 'GET', url: '/api/v1/expense-claims', headers: asBrowser(bilal.cookie) })).json();
    expect(own.items.map((c: { id: string }) => c.id)).toEqual([bilalsClaim.id]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/expense-claims', headers: asBrowser(partner) })).statusCode).toBe(403);
    const crafted = Buffer.from(JSON.stringify({ v: 'never', id: bilal.id })).toString('base64url');
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/expense-claims?cursor=${crafted}`, headers: asBrowser(coordinator) })).statusCode,
    ).toBe(422);
  });

  it('approves a submitted claim once: a stale version answers 409, and so does approving again', async () => {
    expect((await approve(amira.cookie, amirasClaim.id, { version: 1 })).statusCode).toBe(403);
    const stale = await approve(coordinator, amirasClaim.id, { version: 7 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('EXPENSE_CLAIM_VERSION_CONFLICT');
    const res = await approve(coordinator, amirasClaim.id, { version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', decidedByName: 'Test coordinator', version: 2 });
    const again = await approve(coordinator, amirasClaim.id, { version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'EXPENSE_CLAIM_STATUS_REFUSED',
      detail: 'Eine Abrechnung im Stand „genehmigt“ kann nicht mehr genehmigt oder abgelehnt werden.',
    });
    expect((await reject(coordinator, amirasClaim.id, { reason: 'Zu spät', version: 2 })).statusCode).toBe(409);
    // The coordinator submitted Bilal's claim on his behalf: someone else approves it.
    expect((await approve(coordinator, bilalsClaim.id, { version: 1 })).json().code).toBe('FOUR_EYES');
    expect((await approve(admin, bilalsClaim.id, { version: 1 })).statusCode).toBe(200);
  });

  it('rejects with a reason and frees the deployments to be changed and claimed again', async () => {
    const noReason = await reject(coordinator, secondClaim.id, { version: 1 });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors[0].path).toBe('body.reason');
    const res = await reject(coordinator, secondClaim.id, { reason: 'Einsatz lag außerhalb der Vereinbarung', version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', rejectionReason: 'Einsatz lag außerhalb der Vereinbarung', deployments: [] });
    const freed = (
      await t.app.inject({ method: 'GET', url: `/api/v1/deployments/${secondClaim.deploymentId}`, headers: asBrowser(amira.cookie) })
    ).json();
    expect(freed.claimId).toBeNull();
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/deployments/${secondClaim.deploymentId}`,
          headers: asBrowser(amira.cookie),
          payload: { hours: 2, version: freed.version },
        })
      ).statusCode,
    ).toBe(200);
    const again = await claim(amira.cookie, [secondClaim.deploymentId]);
    expect(again.statusCode).toBe(201);
    secondClaim = { ...again.json(), deploymentId: secondClaim.deploymentId };
    // The rejected claim's allowance no longer counts against the year.
    expect(again.json().allowanceYear.usedCents).toBe(1000 + 500);
  });

  it('warns near and beyond the tax-free allowance, and approving beyond it needs an acknowledgement', async () => {
    await settings({ taxFreeAllowanceCents: { [String(year)]: 1000 } });
    try {
      const claims: { id: string }[] = [];
      for (const expected of [
        { usedCents: 500, remainingCents: 500, warning: 'none' },
        { usedCents: 1000, remainingCents: 0, warning: 'near' },
        { usedCents: 1500, remainingCents: 0, warning: 'exceeds' },
      ]) {
        const d = await logDeployment(carla);
        const res = await claim(carla.cookie, [d.id]);
        // A claim beyond the limit is taken, with the warning.
        expect(res.statusCode).toBe(201);
        expect(res.json().allowanceYear).toEqual({ year, limitCents: 1000, ...expected });
        claims.push(res.json());
      }
      const listed = (
        await t.app.inject({ method: 'GET', url: `/api/v1/expense-claims?volunteerId=${carla.id}`, headers: asBrowser(coordinator) })
      ).json();
      expect(
        listed.items.map((c: { allowanceYear: { warning: string; usedCents: number } }) => [
          c.allowanceYear.usedCents,
          c.allowanceYear.warning,
        ]),
      ).toEqual([
        [1500, 'exceeds'],
        [1500, 'exceeds'],
        [1500, 'exceeds'],
      ]);
      // Approved and paid count; up to the limit itself, no acknowledgement is needed.
      expect((await approve(coordinator, claims[0].id, { version: 1 })).statusCode).toBe(200);
      expect((await approve(coordinator, claims[1].id, { version: 1 })).statusCode).toBe(200);
      const refused = await approve(coordinator, claims[2].id, { version: 1 }, 'en');
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({
        code: 'ALLOWANCE_LIMIT_NOT_ACKNOWLEDGED',
        detail: `With this claim, the approved flat allowance in ${year} rises to €15.00, more than the tax-free amount of €10.00 (§ 3 Nr. 26a EStG). Acknowledge this to approve anyway.`,
        errors: [
          { path: 'body.acknowledgeAllowanceLimit', message: 'Please acknowledge that the tax-free volunteer allowance is exceeded' },
        ],
      });
      expect((await getClaim(coordinator, claims[2].id)).json()).toMatchObject({ status: 'submitted', version: 1 });
      const acknowledged = await approve(coordinator, claims[2].id, { version: 1, acknowledgeAllowanceLimit: true });
      expect(acknowledged.statusCode).toBe(200);
      const [audit] = await withTenant(t.database.db, network.networkId, (tx) =>
        queryRows<{ fields: string[] }>(
          tx,
          sql`select fields from audit_events where entity = 'expense_claim' and entity_id = ${claims[2].id} and action = 'update'`,
        ),
      );
      expect(audit!.fields).toEqual(['status', 'allowanceLimitAcknowledged']);
    } finally {
      await settings({ taxFreeAllowanceCents: { '2025': 84_000, '2026': 96_000 } });
    }
  });

  it('refuses a payout without the network’s payout account with 422', async () => {
    const res = await payout(coordinator, { executionDate: today }, 'en');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'PAYOUT_ACCOUNT_MISSING', title: 'No payout account' });
    await settings({ payoutAccount: { name: 'Integrationsnetz Hannover e.V.', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' } });
    const past = await payout(coordinator, { executionDate: addDays(today, -1) });
    expect(past.json().errors).toEqual([{ path: 'body.executionDate', message: 'Darf nicht in der Vergangenheit liegen' }]);
    expect((await payout(amira.cookie, { executionDate: today })).statusCode).toBe(403);
  });

  it('refuses a payout while a volunteer has no valid bank account, names each one, and writes nothing', async () => {
    const res = await payout(coordinator, { executionDate: today });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'PAYOUT_BANK_ACCOUNTS_MISSING',
      detail: 'Für eine Person fehlt eine gültige Bankverbindung. Es wurde keine Auszahlung erstellt.',
      errors: [{ path: `volunteers.${bilal.id}`, message: 'Bilal Nasser: keine gültige Bankverbindung hinterlegt' }],
    });
    // An IBAN of the right shape but with wrong check digits (say, stored before the profile checked them) is no better.
    await withTenant(t.database.db, network.networkId, (tx) =>
      tx.execute(sql`update volunteers set iban = 'DE00120300000000202051', account_holder = 'Bilal Nasser' where id = ${bilal.id}`),
    );
    expect((await payout(coordinator, { executionDate: today })).json().errors).toEqual([
      { path: `volunteers.${bilal.id}`, message: 'Bilal Nasser: keine gültige Bankverbindung hinterlegt' },
    ]);
    expect(await count('payouts')).toBe(0);
    expect(await count('expense_claims', sql`payout_id is not null`)).toBe(0);
  });

  let payoutId: string;
  let approvedCents: number;

  it('pays out every approved claim as a SEPA file that validates against the ISO schema', async () => {
    await ownBankAccount(bilal.cookie, { iban: 'DE12 5001 0517 0648 4898 90', accountHolder: 'Bilal Nasser' });
    const approved = (
      await t.app.inject({ method: 'GET', url: '/api/v1/expense-claims?status=approved', headers: asBrowser(coordinator) })
    ).json().items;
    expect(approved).toHaveLength(5);
    approvedCents = approved.reduce((sum: number, c: { totalCents: number }) => sum + c.totalCents, 0);

    const executionDate = addDays(today, 2);
    const res = await payout(coordinator, { executionDate });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      executionDate,
      claimCount: 5,
      totalCents: approvedCents,
      paidAt: null,
      createdByName: 'Test coordinator',
    });
    expect(body.claims.map((c: { volunteerName: string }) => c.volunteerName)).toEqual([
      'Amira Haddad',
      'Bilal Nasser',
      'Carla Weiß',
      'Carla Weiß',
      'Carla Weiß',
    ]);
    payoutId = body.id;

    const file = await download(coordinator, `${payoutId}/sepa.xml`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/xml');
    const [stored] = await withTenant(t.database.db, network.networkId, (tx) =>
      queryRows<{ sepa_xml: string }>(tx, sql`select sepa_xml from payouts where id = ${payoutId}`),
    );
    expect(file.body).toBe(stored!.sepa_xml);
    await expectSchemaValid(file.body);
    const xml = file.body;
    expect(xml).toContain('<NbOfTxs>5</NbOfTxs>');
    expect(xml).toContain(`<CtrlSum>${(approvedCents / 100).toFixed(2)}</CtrlSum>`);
    expect(xml).toContain(`<ReqdExctnDt><Dt>${executionDate}</Dt></ReqdExctnDt>`);
    expect(xml).toContain(
      '<Dbtr><Nm>Integrationsnetz Hannover e.V.</Nm></Dbtr><DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>',
    );
    const amirasTransfer = xml.slice(xml.indexOf(`<EndToEndId>${amirasClaim.id.replace(/-/g, '').toUpperCase()}</EndToEndId>`));
    expect(amirasTransfer).toMatch(
      /^<EndToEndId>[0-9A-F]{32}<\/EndToEndId><\/PmtId><Amt><InstdAmt Ccy="EUR">18\.55<\/InstdAmt><\/Amt><CdtrAgt><FinInstnId><BICFI>BYLADEM1001<\/BICFI>/,
    );
    // SEPA's Latin character set: the umlaut is transliterated.
    expect(xml).toContain('<Nm>Carla Weiss</Nm>');
    expect(xml).toContain('<Ustrd>Aufwandsentschaedigung und Auslagen, Integrationsnetz Hannover, Abrechnung vom');

    const claimNow = (await getClaim(coordinator, amirasClaim.id)).json();
    expect(claimNow).toMatchObject({ status: 'approved', payoutId });
  });

  it('gives the payout as CSV in the reader’s language', async () => {
    const de = await download(coordinator, `${payoutId}/payouts.csv`);
    expect(de.statusCode).toBe(200);
    expect(de.headers['content-type']).toContain('text/csv');
    const lines = de.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('Ehrenamtliche*r;Kontoinhaber*in;IBAN;BIC;Betrag (EUR);Verwendungszweck;Referenz (End-to-End-ID)');
    expect(lines[1]).toMatch(
      new RegExp(
        `^Amira Haddad;Amira Haddad;${AMIRA_IBAN};BYLADEM1001;18,55;Aufwandsentschaedigung und Auslagen, Integrationsnetz Hannover, Abrechnung vom \\d{4}-\\d{2}-\\d{2};[0-9A-F]{32}$`,
      ),
    );
    expect(lines[2]).toMatch(/^Bilal Nasser;Bilal Nasser;DE12500105170648489890;;11,00;/);
    expect(lines[3]).toMatch(/^Carla Weiß;Carla Weiss;AT611904300234573201;;5,00;/);
    expect(lines.at(-1)).toBe(`Summe;;;;${(approvedCents / 100).toFixed(2).replace('.', ',')};;`);
    const en = await download(coordinator, `${payoutId}/payouts.csv`, 'en');
    const enLines = en.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(enLines[0]).toBe('Volunteer,Account holder,IBAN,BIC,Amount (EUR),Remittance information,Reference (end-to-end ID)');
    expect(enLines[1]).toMatch(new RegExp(`^Amira Haddad,Amira Haddad,${AMIRA_IBAN},BYLADEM1001,18\\.55,`));
  });

  it('puts a claim into one payout only', async () => {
    const all = await payout(coordinator, { executionDate: today });
    expect(all.statusCode).toBe(422);
    expect(all.json().code).toBe('NOTHING_TO_PAY_OUT');
    const named = await payout(coordinator, { executionDate: today, claimIds: [amirasClaim.id, secondClaim.id] });
    expect(named.json().errors).toEqual([
      { path: 'body.claimIds.0', message: 'Nur genehmigte Abrechnungen, die noch in keiner Auszahlung sind' },
      { path: 'body.claimIds.1', message: 'Nur genehmigte Abrechnungen, die noch in keiner Auszahlung sind' },
    ]);
  });

  it('marks the payout and its claims paid, once', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/expense-claims/payouts/${payoutId}/paid`,
      headers: asBrowser(coordinator),
      payload: {},
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ paidByName: 'Test coordinator' });
    expect(res.json().claims.every((c: { status: string }) => c.status === 'paid')).toBe(true);
    const paid = (await getClaim(amira.cookie, amirasClaim.id)).json();
    expect(paid).toMatchObject({ status: 'paid', taxYear: year, payoutId });
    expect(paid.paidAt).toBe(res.json().paidAt);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/expense-claims/payouts/${payoutId}/paid`,
      headers: asBrowser(coordinator),
      payload: {},
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PAYOUT_PAID');
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/expense-claims/payouts/${payoutId}`, headers: asBrowser(coordinator) }))
        .statusCode,
    ).toBe(409);
    const listed = (await t.app.inject({ method: 'GET', url: '/api/v1/expense-claims/payouts', headers: asBrowser(coordinator) })).json();
    expect(listed.items).toEqual([expect.objectContaining({ id: payoutId, claimCount: 5, paidAt: res.json().paidAt })]);
  });

  it('withdraws a payout not yet paid, and its claims wait for the next one', async () => {
    expect((await approve(coordinator, secondClaim.id, { version: 1 })).statusCode).toBe(200);
    const created = await payout(coordinator, { executionDate: today, claimIds: [secondClaim.id] });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ claimCount: 1, totalCents: 500 });
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/expense-claims/payouts/${created.json().id}`,
      headers: asBrowser(coordinator),
    });
    expect(removed.statusCode).toBe(204);
    expect((await getClaim(coordinator, secondClaim.id)).json()).toMatchObject({ status: 'approved', payoutId: null });
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/expense-claims/payouts/${created.json().id}`, headers: asBrowser(coordinator) }))
        .statusCode,
    ).toBe(404);
  });

  it('audits claims and payouts without ever writing an IBAN into the trail', async () => {
    const events = await withTenant(t.database.db, network.networkId, (tx) =>
      queryRows<{ action: string; entity: string; fields: string[] }>(
        tx,
        sql`select action, entity, fields from audit_events where entity in ('expense_claim', 'payout') order by at`,
      ),
    );
    expect(events.filter((e) => e.entity === 'payout').map((e) => `${e.action}:${e.fields.join(',')}`)).toEqual(
      expect.arrayContaining(['create:claims', 'export:sepaXml', 'export:csv', 'update:paidAt', 'delete:']),
    );
    expect(events.some((e) => e.entity === 'expense_claim' && e.action === 'read')).toBe(true);
    const trail = JSON.stringify(
      await withTenant(t.database.db, network.networkId, (tx) => queryRows(tx, sql`select * from audit_events`)),
    );
    for (const iban of [AMIRA_IBAN, 'AT611904300234573201', 'DE12500105170648489890', 'DE89370400440532013000'])
      expect(trail).not.toContain(iban);
  });

  it('keeps claims and payouts away from other networks: every path answers 404', async () => {
    const other = await makeNetwork(t.database, 'Netz Bremen');
    const stranger = await login(t.app, (await makeUser(t.database, other, 'coordinator')).email);
    const before = (await getClaim(coordinator, secondClaim.id)).json();
    const paths: [string, string, object?][] = [
      ['GET', `/api/v1/expense-claims/${amirasClaim.id}`],
      ['POST', `/api/v1/expense-claims/${secondClaim.id}/approve`, { version: before.version }],
      ['POST', `/api/v1/expense-claims/${secondClaim.id}/reject`, { version: before.version, reason: 'x' }],
      ['GET', `/api/v1/expense-claims/payouts/${payoutId}`],
      ['GET', `/api/v1/expense-claims/payouts/${payoutId}/sepa.xml`],
      ['GET', `/api/v1/expense-claims/payouts/${payoutId}/payouts.csv`],
      ['POST', `/api/v1/expense-claims/payouts/${payoutId}/paid`, {}],
      ['DELETE', `/api/v1/expense-claims/payouts/${payoutId}`],
    ];
    for (const [method, url, payload] of paths) {
      const res = await t.app.inject({ method: method as 'GET', url, headers: asBrowser(stranger), ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const deployment = (await getClaim(coordinator, secondClaim.id)).json().deployments[0].id;
    expect((await claim(stranger, [deployment])).json().errors).toEqual([
      { path: 'body.deploymentIds.0', message: 'Diesen Einsatz gibt es nicht.' },
    ]);
    const foreignPayout = await payout(stranger, { executionDate: today, claimIds: [secondClaim.id] });
    expect(foreignPayout.json().errors).toEqual([{ path: 'body.claimIds.0', message: 'Diese Abrechnung gibt es nicht.' }]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/expense-claims', headers: asBrowser(stranger) })).json().items).toEqual([]);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/expense-claims/payouts', headers: asBrowser(stranger) })).json().items,
    ).toEqual([]);
    expect((await getClaim(coordinator, secondClaim.id)).json()).toEqual(before);
  });
});
