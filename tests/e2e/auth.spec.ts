import { ADMIN, expect, signIn, test } from './fixtures.js';

test.describe('signing in and out', () => {
  test('a wrong password shows the server’s localised error and keeps the person on /login', async ({ page }) => {
    await page.goto('/login');
    await expect(page).toHaveTitle(/Anmelden · Lotse/);
    await page.getByLabel('E-Mail-Adresse').fill(ADMIN.email);
    await page.getByLabel(/^Passwort\W*$/).fill('not-the-password');
    await expect(page.getByRole('button', { name: 'Passwort anzeigen' })).toBeVisible();
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('alert')).toContainText('E-Mail-Adresse oder Passwort stimmen nicht.');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('signs in with e-mail and password, greets by name, and signs out again', async ({ page }) => {
    await signIn(page, ADMIN);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Willkommen');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(ADMIN.name);
    await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toBeVisible();

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Abmelden' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmelden');

    // The session is really gone: the signed-in area sends the person back to the form.
    await page.goto('/profile');
    await expect(page).toHaveURL(/\/login\?next=%2Fprofile$/);
  });
});
