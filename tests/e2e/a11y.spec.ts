import { request as apiRequest } from '@playwright/test';
import { ADMIN, expect, setSavedLocale, signIn, test, settled, expectNoViolations } from './fixtures.js';
import { linkInMail } from './mailbox.js';


const SIGNED_IN_PAGES = [
  '/',
  '/profile',
  '/admin/organizations',
  '/admin/users',
  '/admin/invitations',
  '/admin/api-tokens',
  '/admin/settings',
  '/admin/audit',
  '/admin/outbox',
  '/does-not-exist',
];

/** A fresh invitation link, made through the API as the admin, so that the accept page shows its form. */
async function invitationLink(baseURL: string): Promise<string> {
  const api = await apiRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  try {
    expect((await api.post('/api/v1/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } })).ok()).toBeTruthy();
    const orgs = await (await api.get('/api/v1/organizations?limit=1')).json();
    const email = `a11y.${Date.now()}@example.org`;
    const created = await api.post('/api/v1/invitations', { data: { email, organizationId: orgs.items[0].id, role: 'partner' } });
    expect(created.status()).toBe(201);
    const link = await linkInMail(email, /https?:\/\/\S+\/invitation\?token=[^\s]+/);
    return new URL(link).pathname + new URL(link).search;
  } finally {
    await api.dispose();
  }
}

for (const locale of ['de', 'ar'] as const) {
  test.describe(`accessibility (${locale})`, () => {
    test.beforeEach(async ({ context }) => {
      await context.addInitScript((l) => window.localStorage.setItem('lotse.locale', l), locale);
    });

    test('public pages have no axe violations', async ({ page, baseURL }) => {
      const invitation = await invitationLink(baseURL!);
      for (const path of [
        '/login',
        '/forgot-password',
        '/reset-password?token=abcdefghijklmnop',
        '/reset-password',
        invitation,
        '/invitation?token=unknown-token-123',
      ]) {
        await page.goto(path);
        await settled(page);
        await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
        await expectNoViolations(page, `${path} (${locale})`);
      }
      // The TOTP step and an error message on the login form.
      await page.goto('/login');
      await page.locator('input[type=email]').fill('niemand@example.org');
      await page.locator('input[type=password]').fill('wrong-password');
      await page.locator('form button[type=submit]').click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoViolations(page, `/login with an error (${locale})`);
    });

    test('signed-in pages, a modal and the phone menu have no axe violations', async ({ page }) => {
      // Every signed-in page with axe, in turn: about 40 s on an idle machine, more on a busy one.
      test.slow();
      await signIn(page, ADMIN);
      await setSavedLocale(page, locale);
      try {
        for (const path of SIGNED_IN_PAGES) {
          await page.goto(path);
          await settled(page);
          await expect(page.locator('html')).toHaveAttribute('lang', locale);
          await expectNoViolations(page, `${path} (${locale})`);
        }

        await page.goto('/admin/organizations');
        await settled(page);
        await page.getByRole('button', { name: locale === 'de' ? 'Organisation anlegen' : 'إضافة مؤسسة' }).click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await page.locator('form button[type=submit]').last().click();
        await expect(page.getByRole('dialog').locator('[aria-invalid=true]').first()).toBeVisible();
        await expectNoViolations(page, `organisation modal with errors (${locale})`);
        await page.keyboard.press('Escape');
        await expect(page.getByRole('dialog')).toBeHidden();

        await page.goto('/admin/users');
        await settled(page);
        await page
          .getByRole('button', { name: locale === 'de' ? /^Bearbeiten/ : /^تعديل/ })
          .first()
          .click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await expectNoViolations(page, `user modal (${locale})`);
        await page.keyboard.press('Escape');

        await page.setViewportSize({ width: 360, height: 740 });
        await page.goto('/');
        await settled(page);
        await page.getByRole('button', { name: locale === 'de' ? 'Menü öffnen' : 'فتح القائمة' }).click();
        await expect(page.getByTestId('app-navbar')).toBeInViewport();
        await expectNoViolations(page, `phone navigation (${locale})`);

        await page.goto('/admin/users');
        await settled(page);
        await expectNoViolations(page, `list as cards on a phone (${locale})`);
      } finally {
        await setSavedLocale(page, 'de');
      }
    });
  });
}
