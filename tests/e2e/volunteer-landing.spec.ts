import { type APIRequestContext, type Page } from '@playwright/test';
import { apiSession, COORDINATOR, expect, expectFitsWidth, expectNoViolations, ok, setSavedLocale, settled, signIn, test } from './fixtures.js';

/** Amira Haddad's portal account in the demo network. */
const VOLUNTEER = { email: 'lotsin@demo.lotse.dev', password: 'lotse-demo-2026' };

const stamp = Date.now().toString(36);
const REQUEST = `Elternsprechtag ${stamp}`;
const QUIET = `Begleitung zur Ausländerbehörde ${stamp}`;
const BUSY = `Hausaufgabenhilfe ${stamp}`;
const LATER = `Sprachcafé ${stamp}`;

/** The parts of the portal: the tab's name, its address, and a region its page shows. */
const PARTS = [
  { tab: 'Anfragen', path: '/portal/proposals', region: 'Neue Anfragen für Sie' },
  { tab: 'Vereinbarungen', path: '/portal/agreements', region: 'Meine Vereinbarungen' },
  { tab: 'Einsätze', path: '/portal/deployments', region: 'Meine Einsätze' },
  { tab: 'Abrechnung', path: '/portal/claims', region: 'Auslagen abrechnen' },
  { tab: 'Kurse', path: '/portal/courses', region: 'Meine Kurse und Zertifikate' },
  { tab: 'Meine Angaben', path: '/portal/profile', region: 'Meine Sprachen' },
  { tab: 'Auf einen Blick', path: '/portal', region: 'Anfragen beantworten' },
] as const;

/** A Berlin calendar date `days` from today, as the API takes it. */
function berlinDay(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const german = (iso: string) => iso.split('-').reverse().join('.');

interface Made {
  proposalId: string;
  quiet: string;
  busy: string;
  later: string;
  laterStartsOn: string;
  claimId: string;
  deploymentId: string;
}

/**
 * What the demo does not give her, made as the coordination office would: a request proposed to
 * her, an agreement running a while with nothing logged, one with a deployment in a submitted
 * claim, and one that begins in a month.
 */
async function prepare(api: APIRequestContext): Promise<Made> {
  const pool = await ok<{ items: { id: string; firstName: string; lastName: string }[] }>(api.get('/api/v1/volunteers?limit=200'));
  const amira = pool.items.find((v) => v.firstName === 'Amira' && v.lastName === 'Haddad')!;
  const orgs = await ok<{ items: { id: string; name: string }[] }>(api.get('/api/v1/organizations?limit=200'));
  const school = orgs.items.find((o) => o.name === 'IGS Linden')!;

  // The proposal first: her capacity counts the agreements made after it.
  const request = await ok<{ id: string; version: number }>(
    api.post('/api/v1/guide-requests', {
      data: {
        title: REQUEST,
        kind: 'parents_evening',
        topic: 'schule-eltern',
        description: 'Ein Vater möchte beim Elternsprechtag verstehen, wie es seinem Sohn in der Schule geht.',
        languages: [{ code: 'ar', minLevel: 'B2' }],
        districtKey: 'linden-nord',
        place: 'IGS Linden, Raum 112',
        schedule: [{ weekday: 2, from: '15:00', to: '17:00' }],
        expectedHours: 2,
        seeker: { ageGroup: 'adult', languages: ['ar'] },
        contact: { name: 'Frau Schulz (Sozialarbeit)', phone: '0511 1234567' },
        requesterOrganizationId: school.id,
      },
    }),
    201,
  );
  await ok(api.patch(`/api/v1/guide-requests/${request.id}`, { data: { status: 'ready', version: request.version } }));
  const proposal = await ok<{ id: string }>(api.post(`/api/v1/guide-requests/${request.id}/proposals`, { data: { volunteerId: amira.id } }), 201);

  const agreement = (scope: string, startsOn: string) =>
    ok<{ id: string }>(api.post('/api/v1/agreements', { data: { volunteerId: amira.id, organizationId: school.id, scope, startsOn, endsOn: berlinDay(120) } }), 201);
  const quiet = await agreement(QUIET, berlinDay(-30));
  const busy = await agreement(BUSY, berlinDay(-40));
  const laterStartsOn = berlinDay(30);
  const later = await agreement(LATER, laterStartsOn);
  const logged = await ok<{ id: string }>(api.post('/api/v1/deployments', { data: { agreementId: busy.id, date: berlinDay(-2), hours: 2, km: 6, transport: 'car' } }), 201);
  const claim = await ok<{ id: string }>(api.post('/api/v1/expense-claims', { data: { deploymentIds: [logged.id] } }), 201);
  return { proposalId: proposal.id, quiet: quiet.id, busy: busy.id, later: later.id, laterStartsOn, claimId: claim.id, deploymentId: logged.id };
}

/** Leaves her as the other journeys expect her: no open proposal, claim or agreement of this journey. */
async function cleanUp(api: APIRequestContext, made: Made) {
  const p = await ok<{ status: string; version: number }>(api.get(`/api/v1/proposals/${made.proposalId}`));
  if (p.status === 'pending') await ok(api.post(`/api/v1/proposals/${made.proposalId}/withdraw`, { data: { version: p.version } }));
  const c = await ok<{ status: string; version: number }>(api.get(`/api/v1/expense-claims/${made.claimId}`));
  if (c.status === 'submitted') await ok(api.post(`/api/v1/expense-claims/${made.claimId}/reject`, { data: { version: c.version, reason: 'Testlauf' } }));
  // The rejected claim gave the deployment back: it goes, so that no later claim picks it up.
  expect((await api.delete(`/api/v1/deployments/${made.deploymentId}`)).status()).toBe(204);
  for (const id of [made.quiet, made.busy, made.later]) {
    const a = await ok<{ status: string; version: number }>(api.get(`/api/v1/agreements/${id}`));
    // One that has not begun closes on its first day: an agreement cannot end before it begins.
    const closedOn = id === made.later ? made.laterStartsOn : undefined;
    if (a.status === 'active') await ok(api.post(`/api/v1/agreements/${id}/close`, { data: { outcome: 'ended_early', closedOn, version: a.version } }));
  }
}

async function openPortal(page: Page, path = '/portal') {
  await page.goto(path);
  await settled(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mein Engagement');
}

test.describe.serial('the volunteer’s landing page', () => {
  let made: Made;

  test.beforeAll(async ({ baseURL }) => {
    const api = await apiSession(baseURL!, COORDINATOR);
    try {
      made = await prepare(api);
    } finally {
      await api.dispose();
    }
  });

  test.afterAll(async ({ baseURL }) => {
    if (!made) return;
    const api = await apiSession(baseURL!, COORDINATOR);
    try {
      await cleanUp(api, made);
    } finally {
      await api.dispose();
    }
  });

  test('shows what waits for her, each with its count and a direct link', async ({ page }) => {
    await signIn(page, VOLUNTEER);
    await openPortal(page);

    const proposals = page.getByRole('region', { name: 'Anfragen beantworten' });
    await expect(proposals.getByText('Eine Anfrage wartet auf Ihre Antwort.')).toBeVisible();
    const proposal = proposals.getByRole('link', { name: REQUEST });
    await expect(proposal).toHaveAttribute('href', `/portal/proposals/${made.proposalId}`);

    // Only the agreement that runs and has nothing logged; the one with a fresh deployment and the later one are not due.
    const toLog = page.getByRole('region', { name: 'Einsätze eintragen' });
    await expect(toLog.getByText('Bei einer Vereinbarung ist seit 14 Tagen nichts eingetragen.')).toBeVisible();
    await expect(toLog.getByRole('link', { name: `Einsatz eintragen: ${QUIET}` })).toHaveAttribute('href', `/portal/deployments/new?agreement=${made.quiet}`);
    await expect(toLog.getByText('Noch kein Einsatz eingetragen')).toBeVisible();
    await expect(toLog.getByRole('link', { name: new RegExp(BUSY) })).toHaveCount(0);
    await expect(toLog.getByRole('link', { name: new RegExp(LATER) })).toHaveCount(0);

    const appointments = page.getByRole('region', { name: 'Nächste Termine' });
    const start = appointments.getByRole('listitem').filter({ hasText: LATER });
    await expect(start.getByRole('link', { name: `Ab ${german(made.laterStartsOn)}: Beginn der Vereinbarung` })).toHaveAttribute('href', `/agreements/${made.later}`);

    const claims = page.getByRole('region', { name: 'Abrechnungen' });
    await expect(claims.getByText('Eine Abrechnung ist in Bearbeitung.')).toBeVisible();
    await expect(claims.getByText(/^Gesendet am .*: 1 Einsatz, /)).toBeVisible();
    await expect(claims.getByText('Eingereicht')).toBeVisible();

    const agreements = page.getByRole('region', { name: 'Meine Vereinbarungen' });
    await expect(agreements.getByText('3 laufende Vereinbarungen.')).toBeVisible();
    for (const [title, id] of [
      [QUIET, made.quiet],
      [BUSY, made.busy],
      [LATER, made.later],
    ] as const) {
      await expect(agreements.getByRole('link', { name: title })).toHaveAttribute('href', `/agreements/${id}`);
    }

    // The links lead where they say.
    await proposal.click();
    await settled(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Anfrage: ${REQUEST}`);
    await page.goBack();
    await settled(page);
    await page.getByRole('region', { name: 'Einsätze eintragen' }).getByRole('link', { name: `Einsatz eintragen: ${QUIET}` }).click();
    await settled(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Einsatz eintragen');
    await expect(page.getByLabel('Zu welcher Vereinbarung?')).toHaveValue(made.quiet);
  });

  test('reaches every part by its tab and by keyboard; the old anchors still lead there', async ({ page }) => {
    await signIn(page, VOLUNTEER);
    await openPortal(page);
    const nav = page.getByRole('navigation', { name: 'Bereiche von „Mein Engagement“' });
    await expect(nav.getByRole('link', { name: 'Auf einen Blick' })).toHaveAttribute('aria-current', 'page');

    for (const part of PARTS) {
      await nav.getByRole('link', { name: part.tab, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`${part.path}$`));
      await expect(page.getByRole('heading', { level: 2, name: part.region })).toBeVisible();
      await expect(nav.getByRole('link', { name: part.tab, exact: true })).toHaveAttribute('aria-current', 'page');
      await expect(page).toHaveTitle(part.path === '/portal' ? 'Mein Engagement · Lotse' : `${part.tab} · Mein Engagement · Lotse`);
    }

    // By keyboard: Tab reaches the tabs in order, Enter follows one.
    await nav.getByRole('link', { name: 'Auf einen Blick' }).focus();
    await page.keyboard.press('Tab');
    await expect(nav.getByRole('link', { name: 'Anfragen' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(nav.getByRole('link', { name: 'Vereinbarungen' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/portal\/agreements$/);
    await expect(page.getByRole('region', { name: 'Meine Vereinbarungen' }).getByText(LATER)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Meine Vereinbarungen' }).getByText(`Beginnt am ${german(made.laterStartsOn)}.`, { exact: false })).toBeVisible();
    // Before its first day an agreement offers no logging; a running one does.
    await expect(page.getByRole('link', { name: `Einsatz eintragen: ${LATER}` })).toHaveCount(0);
    await expect(page.getByRole('link', { name: `Einsatz eintragen: ${QUIET}` })).toBeVisible();

    // On a phone the parts are one menu, opened and chosen by keyboard.
    await page.setViewportSize({ width: 360, height: 740 });
    const menu = nav.getByRole('button', { name: 'Bereich wählen, jetzt: Vereinbarungen' });
    await expect(menu).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Anfragen' })).toBeHidden();
    await menu.focus();
    await page.keyboard.press('Enter');
    const items = page.getByRole('menu');
    await expect(items.getByRole('menuitem')).toHaveCount(PARTS.length);
    await items.getByRole('menuitem', { name: 'Abrechnung' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/portal\/claims$/);
    await expect(page.getByRole('region', { name: 'Auslagen abrechnen' })).toBeVisible();
    await expectFitsWidth(page);

    // Links and bookmarks of the one-page portal.
    await page.goto('/portal#portal-bank');
    await expect(page).toHaveURL(/\/portal\/claims#portal-bank$/);
    await expect(page.getByRole('region', { name: 'Meine Bankverbindung' })).toBeInViewport();
    await page.goto('/portal#portal-deployments');
    await expect(page).toHaveURL(/\/portal\/deployments$/);
  });

  test('the deployment form says before sending that the agreement begins later, and the date cannot lie before it', async ({ page }) => {
    await signIn(page, VOLUNTEER);
    await page.goto(`/portal/deployments/new?agreement=${made.later}`);
    await settled(page);
    const date = page.getByLabel('Datum');
    const hint = `Die Vereinbarung beginnt am ${german(made.laterStartsOn)} — Einsätze ab diesem Tag.`;
    await expect(page.getByText(hint)).toBeVisible();
    await expect(date).toHaveAttribute('min', made.laterStartsOn);
    await expect(date).toHaveAccessibleDescription(hint);
    await expectNoViolations(page, 'the deployment form for an agreement that begins later');

    // A running agreement: its start is the earliest day, today the latest.
    await page.getByLabel('Zu welcher Vereinbarung?').selectOption(made.quiet);
    await expect(date).toHaveAttribute('min', berlinDay(-30));
    await expect(date).toHaveAttribute('max', berlinDay(0));
    await expect(page.getByText(hint)).toHaveCount(0);
  });

  for (const locale of ['de', 'ar'] as const) {
    for (const width of [1280, 360]) {
      test(`every portal page has no axe violations at ${width} px (${locale})`, async ({ page }) => {
        test.setTimeout(120_000);
        await signIn(page, VOLUNTEER);
        await setSavedLocale(page, locale);
        try {
          await page.setViewportSize({ width, height: width > 400 ? 800 : 740 });
          for (const part of PARTS) {
            await page.goto(part.path);
            await settled(page);
            await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
            if (width < 400) await expectFitsWidth(page);
            await expectNoViolations(page, `${part.path} at ${width} px (${locale})`);
          }
        } finally {
          await setSavedLocale(page, 'de');
        }
      });
    }
  }
});
