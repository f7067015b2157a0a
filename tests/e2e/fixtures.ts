import AxeBuilder from '@axe-core/playwright';
import { request as apiRequest, test as base, expect, type APIRequestContext, type APIResponse, type BrowserContext, type Page } from '@playwright/test';

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

/** An API client signed in as `who`, sending the Origin header the server's CSRF check wants. */
export async function apiSession(baseURL: string, who: { email: string; password: string }): Promise<APIRequestContext> {
  const api = await apiRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const res = await api.post('/api/v1/auth/login', { data: { email: who.email, password: who.password } });
  expect(res.ok(), await res.text()).toBeTruthy();
  return api;
}

/** The JSON body of an answer that must have `status` (the body is shown when it has not). */
export async function ok<T>(res: Promise<APIResponse>, status = 200): Promise<T> {
  const r = await res;
  expect(r.status(), await r.text()).toBe(status);
  return (await r.json()) as T;
}

/**
 * Public forms throttle per address: a test comes from an address of its own (documentation
 * ranges, RFC 5737), so that tests do not use up each other's allowance.
 */
export async function fromAddress(context: BrowserContext, ip: string) {
  await context.setExtraHTTPHeaders({ 'X-Forwarded-For': ip });
}

/** The language a visitor's browser has chosen before (as the language menu stores it). */
export async function useLocale(context: BrowserContext, locale: 'de' | 'ar') {
  await context.addInitScript((l) => window.localStorage.setItem('lotse.locale', l), locale);
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
  // A dialog still fading in has half its contrast: check the page as it rests, not mid-transition.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
  expect(found, `axe violations on ${what}`).toEqual([]);
}

/**
 * Nothing sticks out sideways: not the page, and no card or section inside it. Polled, because a
 * viewport change starts transitions (the app shell slides its navigation away) that end later.
 */
export async function expectFitsWidth(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const root = document.documentElement;
        const boxes = [...document.querySelectorAll('main section, main li, main form')];
        return [
          ...(root.scrollWidth > root.clientWidth ? ['page'] : []),
          ...boxes
            .filter((e) => e.scrollWidth > e.clientWidth + 1)
            .map((e) => `${e.tagName.toLowerCase()}: ${(e.textContent ?? '').trim().slice(0, 40)}`),
        ];
      }),
    )
    .toEqual([]);
}
