import { request as apiRequest } from '@playwright/test';
import { ADMIN, expect, test } from './fixtures.js';

// The funder's account: no other journey signs in with it, so changing its password disturbs none.
const VIEWER = { email: 'foerderer@demo.lotse.dev', name: 'Dr. Petra Lange' };

test('a forgotten password is reset through the mailed link, and the new one signs in', async ({ page, baseURL }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Passwort vergessen');
  await page.getByLabel(/^E-Mail-Adresse/).fill(VIEWER.email);
  await page.getByRole('button', { name: 'Link anfordern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'ist ein Link unterwegs' })).toBeVisible();

  // The admin reads the mail in the outbox (no mail server in the test).
  const admin = await apiRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  expect((await admin.post('/api/v1/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } })).ok()).toBeTruthy();
  const outbox = await (await admin.get('/api/v1/outbox?limit=50')).json();
  await admin.dispose();
  const mail = outbox.items.find(
    (m: { to: string; text: string }) => m.to === VIEWER.email && m.text.includes('/reset-password?token='),
  );
  expect(mail, 'reset mail in the outbox').toBeTruthy();
  const link = /https?:\/\/\S+\/reset-password\?token=[^\s]+/.exec(mail.text)![0];

  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Neues Passwort festlegen');
  await page.getByLabel(/^Neues Passwort\W*$/).fill('zu-kurz');
  await page.getByLabel(/^Neues Passwort wiederholen/).fill('etwas-anderes');
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(page.getByText('Das Passwort muss mindestens 10 Zeichen lang sein.')).toBeVisible();
  await expect(page.getByText('Die beiden Passwörter stimmen nicht überein.')).toBeVisible();

  await page.getByLabel(/^Neues Passwort\W*$/).fill('neues-passwort-2026');
  await page.getByLabel(/^Neues Passwort wiederholen/).fill('neues-passwort-2026');
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ihr neues Passwort gilt ab sofort' })).toBeVisible();

  // The link is used up.
  await page.goto(link);
  await page.getByLabel(/^Neues Passwort\W*$/).fill('noch-ein-passwort-2026');
  await page.getByLabel(/^Neues Passwort wiederholen/).fill('noch-ein-passwort-2026');
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(page.getByRole('alert')).toContainText('Dieser Link ist ungültig');

  await page.goto('/login');
  await page.getByLabel(/^E-Mail-Adresse/).fill(VIEWER.email);
  await page.locator('input[type=password]').fill('neues-passwort-2026');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(VIEWER.name);
  // A funder sees no administration.
  await expect(page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Organisationen' })).toHaveCount(0);
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kein Zugriff');

  // Later journeys sign in as the demo's viewer with the documented password: give it back.
  const restored = await page.request.post('/api/v1/me/password', {
    headers: { Origin: new URL(page.url()).origin },
    data: { currentPassword: 'neues-passwort-2026', newPassword: 'lotse-demo-2026' },
  });
  expect(restored.status()).toBe(204);
});
