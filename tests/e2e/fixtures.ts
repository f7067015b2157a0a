import { test as base, expect, type Page } from '@playwright/test';

export const ADMIN = { email: 'admin@demo.lotse.dev', password: 'lotse-demo-2026', name: 'Sabine Krüger' };
export const COORDINATOR = { email: 'koordination@demo.lotse.dev', password: 'lotse-demo-2026', name: 'Katrin Vogel' };

/** Every spec talks to the server started by global-setup.ts. */
export const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    const url = process.env.LOTSE_E2E_BASE_URL;
    if (!url) throw new Error('LOTSE_E2E_BASE_URL is not set: the global setup did not run.');
    await use(url);
  },
});

export { expect };

/** Signs in through the form and waits for the app to leave /login. */
export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel(/E-Mail|Email|البريد/).fill(who.email);
  await page.locator('input[type=password]').first().fill(who.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Saves the signed-in person's interface language through the API, as the switcher does. */
export async function setSavedLocale(page: Page, locale: 'de' | 'en' | 'ar') {
  const origin = new URL(page.url()).origin;
  const me = await (await page.request.get('/api/v1/me')).json();
  const res = await page.request.patch('/api/v1/me', {
    data: { locale, version: me.user.version },
    headers: { Origin: origin },
  });
  expect(res.ok()).toBeTruthy();
}
