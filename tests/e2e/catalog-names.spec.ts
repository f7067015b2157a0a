import { request as apiRequest } from '@playwright/test';
import { ADMIN, expect, expectFitsWidth, expectNoViolations, setSavedLocale, settled, signIn, test, useLocale } from './fixtures.js';

const SLUG = 'hannover-demo';

test.describe('catalogue names in every language', () => {
  test('the public application form shows the network’s topics in Arabic to an Arabic reader, and in German to a German one', async ({ page, context }) => {
    await useLocale(context, 'ar');
    await page.goto(`/apply/${SLUG}`);
    await settled(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.getByRole('checkbox', { name: 'المدرسة وأولياء الأمور' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'العمل والتدريب المهني' })).toBeVisible();
    await expect(page.getByText('Schule und Eltern')).toHaveCount(0);
    // A name in the reader's language carries that language.
    await expect(page.locator('bdi', { hasText: 'المدرسة وأولياء الأمور' })).toHaveAttribute('lang', 'ar');
    await expectNoViolations(page, '/apply with Arabic topics');

    await page.getByTestId('language-switcher').click();
    await page.getByRole('menuitem', { name: 'Deutsch' }).click();
    await expect(page.getByRole('checkbox', { name: 'Schule und Eltern' })).toBeVisible();
    await expect(page.getByText('المدرسة وأولياء الأمور')).toHaveCount(0);
  });

  test('an admin adds an English name in the catalogue editor; English readers get it, Arabic readers the German name', async ({ page, baseURL }) => {
    const key = `lotse-${Date.now().toString(36)}`;
    const german = `Wegbegleitung ${key.slice(6)}`;
    const english = `Companionship ${key.slice(6)}`;
    const api = await apiRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
    try {
      expect((await api.post('/api/v1/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } })).ok()).toBeTruthy();
      expect((await api.post('/api/v1/catalog/specializations', { data: { key, name: german } })).status()).toBe(201);

      await signIn(page, ADMIN);
      await page.getByRole('link', { name: 'Kataloge' }).click();
      await settled(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kataloge');
      await page.getByRole('searchbox', { name: 'Suche' }).fill(german);
      const table = page.getByRole('table', { name: 'Spezialisierungen' });
      await expect(table.getByRole('row')).toHaveCount(2);
      await expect(table).toContainText('wie Deutsch');
      await page.getByRole('button', { name: `Bearbeiten: ${german}` }).click();

      const dialog = page.getByRole('dialog', { name: 'Eintrag bearbeiten' });
      await expect(dialog.getByLabel(/^Name \(Deutsch\)/)).toHaveValue(german);
      await expect(dialog.getByText('Freiwillig. Leer lassen = deutscher Name.')).toBeVisible();
      const arabic = dialog.getByLabel('Name auf Arabisch');
      await expect(arabic).toHaveAttribute('dir', 'rtl');
      await dialog.getByLabel('Name auf Englisch').fill(english);
      await expectNoViolations(page, 'catalogue entry form');
      await dialog.getByRole('button', { name: 'Speichern' }).click();
      await expect(dialog).toHaveCount(0);
      await expect(table.getByRole('row').filter({ hasText: german })).toContainText(english);

      const labelIn = async (locale: string) => {
        const res = await api.get(`/api/v1/catalog/specializations/${key}`, { headers: { 'Accept-Language': locale } });
        expect(res.status()).toBe(200);
        return ((await res.json()) as { label: string }).label;
      };
      expect(await labelIn('en')).toBe(english);
      expect(await labelIn('ar')).toBe(german);
    } finally {
      await api.delete(`/api/v1/catalog/specializations/${key}`);
      await api.dispose();
    }
  });

  test('the catalogue editor has no axe violations and fits a phone, in German and Arabic', async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, ADMIN);
    try {
      for (const locale of ['de', 'ar'] as const) {
        await setSavedLocale(page, locale);
        for (const width of [1280, 360]) {
          await page.setViewportSize({ width, height: 800 });
          await page.goto('/admin/catalog?kind=topics');
          await settled(page);
          await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
          await expect(page.getByRole('table')).toContainText('Schule und Eltern');
          await expect(page.getByRole('table')).toContainText('المدرسة وأولياء الأمور');
          await expectNoViolations(page, `/admin/catalog (${locale}, ${width} px)`);
          await expectFitsWidth(page);
        }
      }
    } finally {
      await setSavedLocale(page, 'de');
    }
  });
});
