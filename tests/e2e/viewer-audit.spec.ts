import type { Page } from '@playwright/test';
import { ADMIN, COORDINATOR, expect, expectFitsWidth, expectNoViolations, setSavedLocale, settled, signIn, test } from './fixtures.js';

const VIEWER = { email: 'foerderer@demo.lotse.dev', password: 'lotse-demo-2026' };
const PHONE = { width: 360, height: 740 };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** With SHOTS_DIR set, a full-page picture of the screen as it is now. */
async function shot(page: Page, name: string) {
  if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/${name}.png`, fullPage: true });
}

/** The figure under a label on the viewer's home: its shown value. */
const figure = (page: Page, label: string | RegExp) => page.locator('.figure').filter({ has: page.getByRole('term').filter({ hasText: label }) }).getByRole('definition');

/** The audit table's rows (cards on phones). */
const auditRows = (page: Page) => page.getByRole('region', { name: /^(Protokoll|سجل التدقيق)$/ }).locator('tbody tr');

test.describe('the viewer sees the network’s figures, not people', () => {
  test('the home page shows live counts, small ones as “< 5”, exactly as the server suppressed them', async ({ page }) => {
    await signIn(page, VIEWER);
    await settled(page);
    const summary = await (await page.request.get('/api/v1/reports/summary')).json();
    const figures = page.getByRole('region', { name: 'Das Netzwerk in Zahlen' });
    await expect(figures).toBeVisible();
    // The demo network has more than five active volunteers: a plain number.
    expect(summary.volunteersActive).toBeGreaterThanOrEqual(5);
    await expect(figure(page, 'Aktive Ehrenamtliche')).toHaveText(String(summary.volunteersActive));
    for (const [label, value] of [
      [`Vermittelte Einsatzanfragen ${summary.year}`, summary.requestsPlaced],
      ['Laufende Vereinbarungen', summary.agreementsRunning],
    ] as const) {
      if (value === null) await expect(figure(page, label)).toHaveText('< 5weniger als 5');
      else await expect(figure(page, label)).toHaveText(String(value));
    }
    await expect(figures).toContainText('Zahlen unter 5 nennt Lotse nicht');
    await expectNoViolations(page, 'viewer home');
    await shot(page, 'viewer-home-de-1280');

    // Nothing personal behind it: the viewer cannot read people or the trail.
    for (const url of ['/api/v1/volunteers', '/api/v1/agreements', '/api/v1/audit-events']) {
      expect((await page.request.get(url)).status(), url).toBe(403);
    }

    await page.setViewportSize(PHONE);
    await expect(() => expectFitsWidth(page)).toPass();
    await shot(page, 'viewer-home-de-360');
  });

  test('in Arabic, on a phone, the figures read right to left and pass axe', async ({ page }) => {
    await signIn(page, VIEWER);
    await setSavedLocale(page, 'ar');
    try {
      await page.reload();
      await settled(page);
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(page.getByRole('region', { name: 'الشبكة بالأرقام' })).toBeVisible();
      await expect(figure(page, 'المتطوعون والمتطوعات النشطون')).toHaveText(/^\d+$/);
      await expectNoViolations(page, 'viewer home in Arabic');
      await shot(page, 'viewer-home-ar-1280');
      await page.setViewportSize(PHONE);
      await expect(() => expectFitsWidth(page)).toPass();
      await shot(page, 'viewer-home-ar-360');
    } finally {
      await setSavedLocale(page, 'de');
    }
  });
});

/** A change to Amira Haddad's profile, so that the trail has an update naming a field (city). */
async function changeAmirasCity(page: Page) {
  const found = await (await page.request.get('/api/v1/volunteers?q=Haddad')).json();
  const amira = found.items.find((v: { firstName: string }) => v.firstName === 'Amira');
  const current = await (await page.request.get(`/api/v1/volunteers/${amira.id}`)).json();
  const origin = new URL(page.url()).origin;
  const changed = await page.request.patch(`/api/v1/volunteers/${amira.id}`, { data: { city: `Hannover ${Date.now()}`, version: current.version }, headers: { Origin: origin } });
  expect(changed.ok()).toBeTruthy();
}

test.describe('the audit log names people and records', () => {
  test('an admin finds a volunteer’s events by her name, with field labels instead of keys and ids', async ({ page }) => {
    await signIn(page, ADMIN);
    await changeAmirasCity(page);
    await page.goto('/admin/audit');
    await settled(page);
    await page.getByRole('searchbox', { name: /^Name/ }).fill('Haddad');
    await expect(auditRows(page).filter({ hasText: 'Geändert' }).first()).toContainText('Amira Haddad');
    await expect(auditRows(page).filter({ hasText: 'Geändert' }).first()).toContainText('Ort');
    // Every row the filter left is about her (the list settles after the debounced search).
    await expect.poll(async () => (await auditRows(page).allTextContents()).every((row) => row.includes('Haddad'))).toBe(true);
    const text = (await page.getByRole('region', { name: 'Protokoll' }).textContent()) ?? '';
    expect(text).not.toMatch(UUID);
    expect(text).not.toContain('city');
    await expectNoViolations(page, 'audit log, filtered by name');
    await shot(page, 'audit-de-1280');
    await page.setViewportSize(PHONE);
    await expect(() => expectFitsWidth(page)).toPass();
    await shot(page, 'audit-de-360');
  });

  test('a search that finds nothing says so and offers to reset the filters', async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto('/admin/audit');
    await settled(page);
    await page.getByRole('searchbox', { name: /^Name/ }).fill('Niemand-heisst-so');
    await expect(page.getByText('Kein Eintrag passt zu diesen Filtern.')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Protokoll' })).toBeHidden();
    await expectNoViolations(page, 'audit log, empty');
    await shot(page, 'empty-audit-de-1280');
    await page.setViewportSize(PHONE);
    await shot(page, 'empty-audit-de-360');
    await page.getByRole('main').getByRole('button', { name: 'Filter zurücksetzen' }).last().click();
    await expect(page.getByRole('searchbox', { name: /^Name/ })).toHaveValue('');
    await expect(auditRows(page).first()).toBeVisible();
  });

  test('in Arabic the trail shows the same names and Arabic field labels', async ({ page }) => {
    await signIn(page, ADMIN);
    await changeAmirasCity(page);
    await setSavedLocale(page, 'ar');
    try {
      await page.goto('/admin/audit');
      await settled(page);
      await page.getByRole('searchbox', { name: /^الاسم/ }).fill('Haddad');
      const update = auditRows(page).filter({ hasText: 'تعديل' }).first();
      await expect(update).toContainText('Amira Haddad');
      await expect(update).toContainText('المدينة');
      await expectNoViolations(page, 'audit log in Arabic');
      await shot(page, 'audit-ar-1280');
      await page.setViewportSize(PHONE);
      await expect(() => expectFitsWidth(page)).toPass();
      await shot(page, 'audit-ar-360');
      await page.getByRole('searchbox', { name: /^الاسم/ }).fill('لا-أحد');
      await expect(page.getByText('لا يوجد إدخال يطابق عوامل التصفية هذه.')).toBeVisible();
      await shot(page, 'empty-audit-ar-360');
      await page.setViewportSize({ width: 1280, height: 800 });
      await shot(page, 'empty-audit-ar-1280');
    } finally {
      await setSavedLocale(page, 'de');
    }
  });
});

test('a birth year before 1900 is refused with a message and stays as typed', async ({ page }) => {
  await signIn(page, COORDINATOR);
  await page.goto('/volunteers/new');
  await settled(page);
  await page.getByLabel('Vorname').fill('Hedwig');
  await page.getByLabel('Nachname').fill('Altmann');
  const year = page.getByLabel('Geburtsjahr');
  await year.fill('1890');
  await page.getByLabel('Nachname').focus();
  await expect(year).toHaveValue('1890');
  await page.getByRole('button', { name: 'Ehrenamtliche*n anlegen' }).click();
  await expect(year).toHaveAttribute('aria-invalid', 'true');
  await expect(year).toHaveAccessibleDescription('Das Geburtsjahr darf nicht vor 1900 liegen.');
  await expect(year).toHaveValue('1890');
  await expect(year).toBeFocused();
});
