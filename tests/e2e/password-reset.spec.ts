import { expect, test } from './fixtures.js';
import { linkInMail } from './mailbox.js';

// The funder's account: no other journey signs in with it, so changing its password disturbs none.
const VIEWER = { email: 'foerderer@demo.lotse.dev', name: 'Dr. Petra Lange' };

test('a forgotten password is reset through the mailed link, and the new one signs in', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Passwort vergessen');
  await page.getByLabel(/^E-Mail-Adresse/).fill(VIEWER.email);
  await page.getByRole('button', { name: 'Link anfordern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'ist ein Link unterwegs' })).toBeVisible();

  // The viewer's mailbox: the admin's outbox shows this link masked.
  const link = await linkInMail(VIEWER.email, /https?:\/\/\S+\/reset-password\?token=[^\s]+/);

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
