import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork, makeUser, type TestNetwork } from '../../../../tests/factories.js';
import { addDays } from '../../../common/agreement-term.js';
import { queryRows } from '../../db/client.js';
import { withTenant } from '../../db/tenancy.js';
import { berlinToday } from '../volunteers/profile.js';
import { linkVolunteerAccount } from '../volunteers/volunteers.service.js';

/**
 * Four eyes on money (issue 12): one coordinator changed a volunteer's IBAN, logged a deployment,
 * claimed and approved it, and paid 83 € to the new IBAN. Bank details entered by anyone but the
 * volunteer wait for her confirmation; nobody approves a claim they submitted or whose bank
 * account they entered; above a network's threshold a second person releases the payout.
 */
let t: TestApp;
let network: TestNetwork;
let admin: string;
let mallory: string;
let bettina: string;
const today = berlinToday();
const OWN_IBAN = 'DE02120300000000202051';
const NEW_IBAN = 'DE12500105170648489890';
const OTHER_IBAN = 'DE89370400440532013000';

interface PortalVolunteer {
  id: string;
  cookie: string;
  email: string;
  agreementId: string;
}

const inject = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, locale = 'de') =>
  t.app.inject({ method, url, headers: asBrowser(cookie, locale), ...(payload ? { payload } : {}) });

async function settings(changes: object) {
  const current = await inject(admin, 'GET', '/api/v1/network');
  const res = await inject(admin, 'PATCH', '/api/v1/network', { settings: changes, version: current.json().version });
  expect(res.statusCode, res.body).toBe(200);
}

async function portalVolunteer(firstName: string, ownIban: string | null): Promise<PortalVolunteer> {
  const res = await inject(bettina, 'POST', '/api/v1/volunteers', {
    firstName,
    lastName: 'Yilmaz',
    email: `v${Math.random().toString(36).slice(2)}@example.org`,
    status: 'active',
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const user = await makeUser(t.database, network, 'volunteer');
  await withTenant(t.database.db, network.networkId, (tx) => linkVolunteerAccount(tx, network.networkId, id, user.id));
  const startsOn = addDays(today, -60);
  const agreement = await inject(bettina, 'POST', '/api/v1/agreements', {
    volunteerId: id,
    scope: 'Begleitung zu Behörden',
    startsOn,
    endsOn: addDays(startsOn, 120),
  });
  expect(agreement.statusCode, agreement.body).toBe(201);
  const cookie = await login(t.app, user.email);
  if (ownIban) {
    const own = await inject(cookie, 'GET', '/api/v1/me/volunteer');
    const set = await inject(cookie, 'PATCH', '/api/v1/me/volunteer', {
      bankAccount: { iban: ownIban, accountHolder: `${firstName} Yilmaz` },
      version: own.json().version,
    });
    expect(set.statusCode, set.body).toBe(200);
  }
  return { id, cookie, email: user.email, agreementId: agreement.json().id };
}

async function changeIban(cookie: string, volunteerId: string, iban: string, holder = 'Mallory Mustermann') {
  const profile = (await inject(cookie, 'GET', `/api/v1/volunteers/${volunteerId}`)).json();
  const res = await inject(cookie, 'PATCH', `/api/v1/volunteers/${volunteerId}`, {
    bankAccount: { iban, accountHolder: holder },
    version: profile.version,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function claimOne(cookie: string, v: PortalVolunteer) {
  const d = await inject(cookie, 'POST', '/api/v1/deployments', { agreementId: v.agreementId, date: addDays(today, -1), hours: 1 });
  expect(d.statusCode, d.body).toBe(201);
  const c = await inject(cookie, 'POST', '/api/v1/expense-claims', { deploymentIds: [d.json().id] });
  expect(c.statusCode, c.body).toBe(201);
  return c.json() as { id: string; version: number; totalCents: number };
}

const approve = (cookie: string, id: string, locale = 'de') =>
  inject(cookie, 'POST', `/api/v1/expense-claims/${id}/approve`, { version: 1 }, locale);
const payout = (cookie: string, claimIds: string[], locale = 'de') =>
  inject(cookie, 'POST', '/api/v1/expense-claims/payouts', { executionDate: today, claimIds }, locale);

const rows = <T>(query: ReturnType<typeof sql>) => withTenant(t.database.db, network.networkId, (tx) => queryRows<T>(tx, query));

/** The token of the newest confirmation mail to this address, as the volunteer reads it. */
async function mailedToken(to: string): Promise<string> {
  const [mail] = await rows<{ text_body: string }>(
    sql`select text_body from outbox_mails where to_address = ${to} order by created_at desc limit 1`,
  );
  const token = /bank-confirmation\?token=([^\s]+)/.exec(mail!.text_body)?.[1];
  expect(token).toBeTruthy();
  return decodeURIComponent(token!);
}

beforeAll(async () => {
  t = await createTestApp();
  network = await makeNetwork(t.database, 'Integrationsnetz Hannover');
  admin = await login(t.app, network.adminEmail);
  mallory = await login(t.app, (await makeUser(t.database, network, 'coordinator')).email);
  bettina = await login(t.app, (await makeUser(t.database, network, 'coordinator')).email);
  await settings({
    allowanceUnit: 'deployment',
    allowanceCents: 8300,
    payoutAccount: { name: 'Integrationsnetz Hannover e.V.', iban: 'DE75512108001245126199', bic: null },
  });
});
afterAll(() => t.close());

describe('four eyes on money', () => {
  it('refuses the 83 € scenario step by step, and pays the new IBAN only after the volunteer confirmed it', async () => {
    const dana = await portalVolunteer('Dana', OWN_IBAN);

    // Mallory changes Dana's IBAN: the confirmed account stays in use, the new one waits.
    const changed = await changeIban(mallory, dana.id, NEW_IBAN);
    expect(changed.bankAccount).toMatchObject({ iban: OWN_IBAN });
    expect(changed.pendingBankAccount).toMatchObject({
      ibanMasked: '•••• 9890',
      accountHolder: 'Mallory Mustermann',
      requestedByName: 'Test coordinator',
    });
    expect(JSON.stringify(changed.pendingBankAccount)).not.toContain(NEW_IBAN);

    // She logs a deployment and claims it on Dana's behalf; approving her own claim is refused.
    const claim = await claimOne(mallory, dana);
    expect(claim.totalCents).toBe(8300);
    const own = await approve(mallory, claim.id, 'en');
    expect(own.statusCode).toBe(403);
    expect(own.headers['content-type']).toContain('application/problem+json');
    expect(own.json()).toMatchObject({ code: 'FOUR_EYES', detail: 'You submitted this claim yourself. Someone else has to approve it.' });
    expect((await inject(mallory, 'GET', `/api/v1/expense-claims/${claim.id}`, undefined, 'en')).json().approvalBlockedReason).toBe(
      'You submitted this claim yourself. Someone else has to approve it.',
    );
    expect((await inject(bettina, 'GET', `/api/v1/expense-claims/${claim.id}`)).json().approvalBlockedReason).toBeNull();

    // Nor does she approve Dana's own claims while she entered Dana's bank account.
    const danasOwn = await claimOne(dana.cookie, dana);
    const entered = await approve(mallory, danasOwn.id, 'ar');
    expect(entered.statusCode).toBe(403);
    expect(entered.json().detail).toBe('أنت من أدخل الحساب المصرفي لهذا الشخص. يجب أن يعتمد المطالبة شخص آخر.');
    const listed = (await inject(mallory, 'GET', `/api/v1/expense-claims?volunteerId=${dana.id}`)).json();
    expect(listed.items.map((c: { approvalBlockedReason: string | null }) => c.approvalBlockedReason)).toEqual([
      'Sie haben die Bankverbindung dieser Person eingetragen. Genehmigen muss eine andere Person.',
      'Sie haben diese Abrechnung selbst eingereicht. Genehmigen muss eine andere Person.',
    ]);

    // Another coordinator approves; the payout still refuses: the new IBAN is not confirmed.
    expect((await approve(bettina, claim.id)).statusCode).toBe(200);
    const waiting = await payout(bettina, [claim.id], 'en');
    expect(waiting.statusCode).toBe(422);
    expect(waiting.json()).toMatchObject({
      code: 'PAYOUT_BANK_CONFIRMATION_PENDING',
      errors: [{ path: `volunteers.${dana.id}`, message: 'Dana Yilmaz: the new bank account still needs the volunteer’s confirmation.' }],
    });
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from payouts`))[0]!.n).toBe(0);

    // Dana sees the change in the portal, masked, and confirms it.
    const portal = await inject(dana.cookie, 'GET', '/api/v1/portal/bank-account-change');
    expect(portal.statusCode).toBe(200);
    expect(portal.json().pending).toMatchObject({ ibanMasked: '•••• 9890', accountHolder: 'Mallory Mustermann' });
    expect(portal.body).not.toContain(NEW_IBAN);
    const confirmed = await inject(dana.cookie, 'POST', `/api/v1/portal/bank-account-change/${portal.json().pending.id}/decision`, {
      decision: 'confirmed',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(204);
    expect((await inject(dana.cookie, 'GET', '/api/v1/portal/bank-account-change')).json().pending).toBeNull();
    const profile = (await inject(bettina, 'GET', `/api/v1/volunteers/${dana.id}`)).json();
    expect(profile).toMatchObject({ bankAccount: { iban: NEW_IBAN }, pendingBankAccount: null });

    // Whoever entered the account does not pay it out; the other coordinator does, to the new IBAN.
    const self = await payout(mallory, [claim.id]);
    expect(self.statusCode).toBe(403);
    expect(self.json()).toMatchObject({
      code: 'FOUR_EYES_PAYOUT',
      errors: [{ path: `volunteers.${dana.id}`, message: 'Dana Yilmaz: Sie haben diese Bankverbindung selbst eingetragen.' }],
    });
    const paid = await payout(bettina, [claim.id]);
    expect(paid.statusCode, paid.body).toBe(201);
    const xml = await inject(bettina, 'GET', `/api/v1/expense-claims/payouts/${paid.json().id}/sepa.xml`);
    expect(xml.body).toContain(`<IBAN>${NEW_IBAN}</IBAN>`);
    expect(xml.body).toContain('<InstdAmt Ccy="EUR">83.00</InstdAmt>');

    // Still, Mallory approves none of Dana's claims: the account in use is one she entered.
    expect((await approve(mallory, danasOwn.id)).json().code).toBe('FOUR_EYES');

    // The trail names each step, never an IBAN.
    const trail = await rows<{ fields: string[] }>(
      sql`select fields from audit_events where entity = 'volunteer' and entity_id = ${dana.id} order by at`,
    );
    expect(trail.flatMap((e) => e.fields).filter((f) => f.startsWith('bankAccount:'))).toEqual([
      'bankAccount:pending',
      'bankAccount:confirmed',
    ]);
    const all = JSON.stringify(await rows(sql`select * from audit_events`));
    for (const iban of [OWN_IBAN, NEW_IBAN]) expect(all).not.toContain(iban);
  });

  it('keeps a rejected change out of use, and a form saved unchanged stages nothing', async () => {
    const emre = await portalVolunteer('Emre', OWN_IBAN);
    const profile = await changeIban(mallory, emre.id, NEW_IBAN);
    // The profile form sends the account it shows with every save: no new change, no new mail.
    const saved = await inject(mallory, 'PATCH', `/api/v1/volunteers/${emre.id}`, {
      phone: '0511 123',
      bankAccount: { iban: OWN_IBAN, accountHolder: 'Emre Yilmaz' },
      version: profile.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().pendingBankAccount.id).toBe(profile.pendingBankAccount.id);
    const mails = await rows<{ n: number }>(sql`select count(*)::int as n from outbox_mails where to_address = ${emre.email}`);
    expect(mails[0]!.n).toBe(1);

    const rejected = await inject(emre.cookie, 'POST', `/api/v1/portal/bank-account-change/${profile.pendingBankAccount.id}/decision`, {
      decision: 'rejected',
    });
    expect(rejected.statusCode).toBe(204);
    const again = await inject(
      emre.cookie,
      'POST',
      `/api/v1/portal/bank-account-change/${profile.pendingBankAccount.id}/decision`,
      { decision: 'confirmed' },
      'en',
    );
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ code: 'BANK_CHANGE_NOT_PENDING', title: 'No pending change' });
    expect((await inject(bettina, 'GET', `/api/v1/volunteers/${emre.id}`)).json()).toMatchObject({
      bankAccount: { iban: OWN_IBAN },
      pendingBankAccount: null,
    });
  });

  it('treats a first account entered by a coordinator as pending too, and her own entry as applying at once', async () => {
    const fatma = await portalVolunteer('Fatma', null);
    const changed = await changeIban(mallory, fatma.id, NEW_IBAN);
    expect(changed.bankAccount).toBeNull();
    expect(changed.pendingBankAccount).toMatchObject({ ibanMasked: '•••• 9890' });
    const claim = await claimOne(fatma.cookie, fatma);
    expect((await approve(bettina, claim.id)).statusCode).toBe(200);
    expect((await payout(bettina, [claim.id])).json().code).toBe('PAYOUT_BANK_CONFIRMATION_PENDING');
    // She enters her own account instead: it applies, and the coordinator's entry is void.
    const own = await inject(fatma.cookie, 'GET', '/api/v1/me/volunteer');
    const set = await inject(fatma.cookie, 'PATCH', '/api/v1/me/volunteer', {
      bankAccount: { iban: OTHER_IBAN, accountHolder: 'Fatma Yilmaz' },
      version: own.json().version,
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ bankAccount: { iban: OTHER_IBAN }, pendingBankAccount: null });
    const paid = await payout(mallory, [claim.id]);
    expect(paid.statusCode, paid.body).toBe(201);
  });

  it('confirms by the mailed link once: of ten confirmations fired in parallel exactly one succeeds', async () => {
    const gul = await portalVolunteer('Gül', OWN_IBAN);
    await changeIban(mallory, gul.id, NEW_IBAN, 'Gül Yilmaz');
    const token = await mailedToken(gul.email);
    const [mail] = await rows<{ subject: string }>(sql`select subject from outbox_mails where to_address = ${gul.email}`);
    expect(mail!.subject).toBe('Bitte bestätigen: neue Bankverbindung – Integrationsnetz Hannover');

    const lookup = await t.app.inject({
      method: 'GET',
      url: `/api/v1/bank-account-confirmations/lookup?token=${encodeURIComponent(token)}`,
    });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json()).toMatchObject({ ibanMasked: '•••• 9890', accountHolder: 'Gül Yilmaz', networkName: 'Integrationsnetz Hannover' });
    expect(lookup.body).not.toContain(NEW_IBAN);

    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/bank-account-confirmations',
          payload: { token, decision: 'confirmed' },
          headers: { 'accept-language': 'en' },
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([204, 400, 400, 400, 400, 400, 400, 400, 400, 400]);
    expect(answers.find((a) => a.statusCode === 400)!.json().code).toBe('TOKEN_INVALID');
    expect((await inject(bettina, 'GET', `/api/v1/volunteers/${gul.id}`)).json()).toMatchObject({
      bankAccount: { iban: NEW_IBAN },
      pendingBankAccount: null,
    });
    const confirmations = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_events where entity_id = ${gul.id} and 'bankAccount:confirmed' = any(fields)`,
    );
    expect(confirmations[0]!.n).toBe(1);
    const later = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bank-account-confirmations',
      payload: { token, decision: 'rejected' },
    });
    expect(later.statusCode).toBe(400);
  });

  it('lets a lapsed or forged link do nothing, and a change lapses without blocking payouts', async () => {
    const hana = await portalVolunteer('Hana', OWN_IBAN);
    await changeIban(mallory, hana.id, NEW_IBAN);
    const token = await mailedToken(hana.email);
    await rows(sql`update bank_account_changes set expires_at = now() - interval '1 minute' where volunteer_id = ${hana.id}`);
    const lapsed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bank-account-confirmations',
      payload: { token, decision: 'confirmed' },
    });
    expect(lapsed.statusCode).toBe(400);
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bank-account-confirmations',
      payload: { token: `${network.networkId}.${'x'.repeat(43)}`, decision: 'confirmed' },
    });
    expect(forged.statusCode).toBe(400);
    expect((await inject(bettina, 'GET', `/api/v1/volunteers/${hana.id}`)).json()).toMatchObject({
      bankAccount: { iban: OWN_IBAN },
      pendingBankAccount: null,
    });
    const claim = await claimOne(hana.cookie, hana);
    expect((await approve(bettina, claim.id)).statusCode).toBe(200);
    const paid = await payout(bettina, [claim.id]);
    expect(paid.statusCode, paid.body).toBe(201);
    expect((await inject(bettina, 'GET', `/api/v1/expense-claims/payouts/${paid.json().id}/sepa.xml`)).body).toContain(
      `<IBAN>${OWN_IBAN}</IBAN>`,
    );
  });

  it('never lets a volunteer decide another volunteer’s change', async () => {
    const ida = await portalVolunteer('Ida', OWN_IBAN);
    const jale = await portalVolunteer('Jale', OWN_IBAN);
    const changed = await changeIban(mallory, ida.id, NEW_IBAN);
    const foreign = await inject(jale.cookie, 'POST', `/api/v1/portal/bank-account-change/${changed.pendingBankAccount.id}/decision`, {
      decision: 'confirmed',
    });
    expect(foreign.statusCode).toBe(404);
    expect((await inject(jale.cookie, 'GET', '/api/v1/portal/bank-account-change')).json().pending).toBeNull();
    expect((await inject(bettina, 'GET', `/api/v1/volunteers/${ida.id}`)).json().pendingBankAccount).not.toBeNull();
  });

  it('needs a second person to release a payout above the network’s threshold before its file goes to the bank', async () => {
    await settings({ payoutSecondPersonAboveCents: 10_000 });
    try {
      const kerem = await portalVolunteer('Kerem', OWN_IBAN);
      const small = await claimOne(kerem.cookie, kerem);
      const big = [await claimOne(kerem.cookie, kerem), await claimOne(kerem.cookie, kerem)];
      for (const c of [small, ...big]) expect((await approve(bettina, c.id)).statusCode).toBe(200);

      // 83 € is not above 100 €: released at once.
      const below = await payout(bettina, [small.id]);
      expect(below.statusCode, below.body).toBe(201);
      expect(below.json()).toMatchObject({ releasedByName: 'Test coordinator' });
      expect(below.json().releasedAt).toBe(below.json().createdAt);

      // 166 € is: the file and marking it paid wait for a second person.
      const above = await payout(
        bettina,
        big.map((c) => c.id),
      );
      expect(above.statusCode, above.body).toBe(201);
      expect(above.json()).toMatchObject({ totalCents: 16_600, releasedAt: null, releasedByName: null });
      const id = above.json().id as string;
      const file = await inject(bettina, 'GET', `/api/v1/expense-claims/payouts/${id}/sepa.xml`, undefined, 'en');
      expect(file.statusCode).toBe(409);
      expect(file.json()).toMatchObject({ code: 'PAYOUT_NOT_RELEASED', title: 'Not released yet' });
      expect((await inject(bettina, 'GET', `/api/v1/expense-claims/payouts/${id}/payouts.csv`)).statusCode).toBe(409);
      expect((await inject(bettina, 'POST', `/api/v1/expense-claims/payouts/${id}/paid`, {})).json().code).toBe('PAYOUT_NOT_RELEASED');
      const self = await inject(bettina, 'POST', `/api/v1/expense-claims/payouts/${id}/release`, {});
      expect(self.statusCode).toBe(403);
      expect(self.json().code).toBe('PAYOUT_SECOND_PERSON');

      const released = await inject(admin, 'POST', `/api/v1/expense-claims/payouts/${id}/release`, {});
      expect(released.statusCode, released.body).toBe(200);
      expect(released.json()).toMatchObject({ releasedByName: 'Ada Admin' });
      expect((await inject(mallory, 'POST', `/api/v1/expense-claims/payouts/${id}/release`, {})).json().code).toBe('PAYOUT_RELEASED');
      expect((await inject(bettina, 'GET', `/api/v1/expense-claims/payouts/${id}/sepa.xml`)).statusCode).toBe(200);
      expect((await inject(bettina, 'POST', `/api/v1/expense-claims/payouts/${id}/paid`, {})).statusCode).toBe(200);
      const audit = await rows<{ fields: string[] }>(
        sql`select fields from audit_events where entity = 'payout' and entity_id = ${id} order by at`,
      );
      expect(audit.map((e) => e.fields.join(','))).toEqual(expect.arrayContaining(['claims', 'releasedAt', 'paidAt']));
      const shown = (await inject(admin, 'GET', '/api/v1/network')).json().settings;
      expect(shown.payoutSecondPersonAboveCents).toBe(10_000);
    } finally {
      await settings({ payoutSecondPersonAboveCents: null });
    }
  });

  it('does not let the releaser be whoever entered one of its bank accounts', async () => {
    await settings({ payoutSecondPersonAboveCents: 0 });
    try {
      const lale = await portalVolunteer('Lale', OWN_IBAN);
      await changeIban(mallory, lale.id, NEW_IBAN, 'Lale Yilmaz');
      const token = await mailedToken(lale.email);
      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bank-account-confirmations',
        payload: { token, decision: 'confirmed' },
      });
      expect(ok.statusCode).toBe(204);
      const claim = await claimOne(lale.cookie, lale);
      expect((await approve(bettina, claim.id)).statusCode).toBe(200);
      const created = await payout(bettina, [claim.id]);
      expect(created.json().releasedAt).toBeNull();
      const byEnterer = await inject(mallory, 'POST', `/api/v1/expense-claims/payouts/${created.json().id}/release`, {});
      expect(byEnterer.statusCode).toBe(403);
      expect(byEnterer.json().code).toBe('FOUR_EYES_PAYOUT');
    } finally {
      await settings({ payoutSecondPersonAboveCents: null });
    }
  });
});
