import AxeBuilder from '@axe-core/playwright';
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

/** WCAG 2.1 A and AA, what axe-core checks on every page. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The page has drawn: one main heading, no loader, its title set. */
export async function settled(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
  await expect(page).toHaveTitle(/ · Lotse$/);
}

/** axe-core finds nothing on the page as it is now; the message names each violation and where. */
export async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
  expect(found, `axe violations on ${what}`).toEqual([]);
}

/** Nothing sticks out sideways: not the page, and no card or section inside it. */
export async function expectFitsWidth(page: Page) {
  const overflowing = await page.evaluate(() => {
    const root = document.documentElement;
    const boxes = [...document.querySelectorAll('main section, main li, main form')];
    return [
      ...(root.scrollWidth > root.clientWidth ? ['page'] : []),
      ...boxes.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => `${e.tagName.toLowerCase()}: ${(e.textContent ?? '').trim().slice(0, 40)}`),
    ];
  });
  expect(overflowing).toEqual([]);
}
