import { authenticator } from 'otplib';
import { expect, signIn, test } from './fixtures.js';

const COUNSELLOR = { email: 'beratung@demo.lotse.dev', password: 'lotse-demo-2026', name: 'Yusuf Demir' };

/** A code of the next 30-second step: the server accepts one step either side and refuses replays. */
function nextCode(secret: string): string {
  return authenticator.clone({ epoch: Date.now() + 30_000 }).generate(secret);
}

test.describe('profile', () => {
  test('saving another language applies it at once and keeps it with the person', async ({ page }) => {
    await signIn(page, COUNSELLOR);
    await page.goto('/profile');
    await expect(page).toHaveTitle('Mein Profil · Lotse');
    await page.getByLabel('Sprache').selectOption('en');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('My profile');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('My profile');

    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mein Profil');
  });

  test('sets up two-factor sign-in with the QR code, then signs in with a code, then turns it off', async ({ page }) => {
    await signIn(page, COUNSELLOR);
    await page.goto('/profile');
    await page.getByRole('button', { name: 'Zwei-Faktor-Anmeldung einrichten' }).click();
    await expect(page.getByRole('img', { name: 'QR-Code zum Einrichten der Authenticator-App' })).toBeVisible();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]+$/);

    await page.getByLabel(/^Bestätigungscode/).fill('000000');
    await page.getByRole('button', { name: 'Code bestätigen und einschalten' }).click();
    await expect(page.getByRole('alert')).toContainText('Der Bestätigungscode stimmt nicht');

    await page.getByLabel(/^Bestätigungscode/).fill(authenticator.generate(secret));
    await page.getByRole('button', { name: 'Code bestätigen und einschalten' }).click();
    await expect(page.getByText('Eingeschaltet', { exact: true })).toBeVisible();

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Abmelden' }).click();
    await expect(page).toHaveURL(/\/login$/);

    await page.getByLabel('E-Mail-Adresse').fill(COUNSELLOR.email);
    await page.locator('input[type=password]').fill(COUNSELLOR.password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    const code = page.getByTestId('totp');
    await expect(code).toBeVisible();
    await expect(code).toBeFocused();
    await code.fill(nextCode(secret));
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(COUNSELLOR.name);

    await page.goto('/profile');
    await page.getByRole('region', { name: 'Zwei-Faktor-Anmeldung' }).locator('input[type=password]').fill(COUNSELLOR.password);
    await page.getByRole('button', { name: 'Zwei-Faktor-Anmeldung ausschalten' }).click();
    await expect(page.getByRole('button', { name: 'Zwei-Faktor-Anmeldung einrichten' })).toBeVisible();
  });
});
