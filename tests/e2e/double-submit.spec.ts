import type { Page } from '@playwright/test';
import { COORDINATOR, expect, settled, signIn, test } from './fixtures.js';

/** How many volunteers of that last name the API knows. */
async function volunteersNamed(page: Page, lastName: string): Promise<number> {
  const res = await page.request.get(`/api/v1/volunteers?q=${encodeURIComponent(lastName)}&limit=50`);
  expect(res.ok()).toBeTruthy();
  const { items } = (await res.json()) as { items: { lastName: string }[] };
  return items.filter((v) => v.lastName === lastName).length;
}

async function fillNewVolunteer(page: Page, lastName: string) {
  await page.goto('/volunteers/new');
  await settled(page);
  await page.getByRole('textbox', { name: /^Vorname/ }).fill('Doppel');
  await page.getByRole('textbox', { name: /^Nachname/ }).fill(lastName);
}

test.describe('creating twice by accident', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, COORDINATOR);
  });

  test('a double click on "create" in the new-volunteer form makes one volunteer', async ({ page }) => {
    const lastName = `Doppelklick${Date.now().toString(36)}`;
    await fillNewVolunteer(page, lastName);
    await page.getByRole('button', { name: 'Ehrenamtliche*n anlegen' }).dblclick();
    await page.waitForURL(/\/volunteers\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(lastName);
    expect(await volunteersNamed(page, lastName)).toBe(1);
  });

  test('two clicks sent at once, before the page can react, make one volunteer', async ({ page }) => {
    const lastName = `Zweiklick${Date.now().toString(36)}`;
    await fillNewVolunteer(page, lastName);
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/volunteers') posts.push(r.headers()['idempotency-key'] ?? '');
    });
    // Both clicks in one task: React has not drawn the busy button when the second arrives.
    await page.getByRole('button', { name: 'Ehrenamtliche*n anlegen' }).evaluate((button: HTMLButtonElement) => {
      button.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      button.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    });
    await page.waitForURL(/\/volunteers\/[0-9a-f-]{36}$/);
    expect(await volunteersNamed(page, lastName)).toBe(1);
    // The form sent once (the second click found it saving), with an Idempotency-Key.
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
