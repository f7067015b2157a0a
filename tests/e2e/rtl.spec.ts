import { COORDINATOR, expect, setSavedLocale, signIn, test } from './fixtures.js';

test.describe('Arabic, right to left', () => {
  test('the switcher on the public pages turns the login page to Arabic', async ({ page }) => {
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await page.getByTestId('language-switcher').click();
    await page.getByRole('menuitem', { name: 'العربية' }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('تسجيل الدخول');
    // Kept on this device before sign-in.
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  });

  test('switching in the header saves the language and mirrors the layout', async ({ page }) => {
    await signIn(page, COORDINATOR);
    try {
      await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
      const nav = page.getByTestId('app-navbar');
      const main = page.getByRole('heading', { level: 1 });
      const ltrNav = await nav.boundingBox();
      const ltrMain = await main.boundingBox();
      expect(ltrNav!.x).toBeLessThan(ltrMain!.x);

      await page.getByTestId('language-switcher').click();
      await page.getByRole('menuitem', { name: 'العربية' }).click();
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(page.getByRole('heading', { level: 1 })).toContainText('مرحبًا');

      const rtlNav = await nav.boundingBox();
      const rtlMain = await main.boundingBox();
      expect(rtlNav!.x).toBeGreaterThan(rtlMain!.x);
      expect(rtlNav!.x + rtlNav!.width).toBeCloseTo(1280, -1);

      // Saved with the person: a new page load comes up in Arabic from the server's answer.
      const me = await (await page.request.get('/api/v1/me')).json();
      expect(me.user.locale).toBe('ar');
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    } finally {
      await setSavedLocale(page, 'de');
    }
  });
});
