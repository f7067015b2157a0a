import { request as apiRequest } from '@playwright/test';
import { authenticator } from 'otplib';
import { ADMIN, COORDINATOR, expect, signIn, test } from './fixtures.js';

test.describe('administration', () => {
  test('an API key is shown once, works, and stops working when revoked', async ({ page, baseURL }) => {
    await signIn(page, ADMIN);
    await page.goto('/admin/api-tokens');
    await page.getByRole('button', { name: 'API-Schlüssel erzeugen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Bezeichnung/).fill('Statistik-Export');
    await dialog.getByLabel(/^Organisation/).selectOption({ label: 'IGS Linden' });
    await dialog.getByLabel(/^Rolle/).selectOption('viewer');
    await dialog.getByRole('button', { name: 'Schlüssel erzeugen' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Lotse zeigt ihn kein zweites Mal an');
    await expect(dialog.getByRole('button', { name: 'Schlüssel kopieren' })).toBeVisible();
    const token = (await dialog.getByTestId('created-token').innerText()).trim();
    expect(token.length).toBeGreaterThan(20);
    await dialog.getByRole('button', { name: 'Fertig' }).click();
    await expect(dialog).toBeHidden();

    const integrator = await apiRequest.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
    expect((await integrator.get('/api/v1/organizations')).status()).toBe(200);

    const row = page.getByRole('row', { name: /Statistik-Export/ }).first();
    await expect(row).toContainText('Aktiv');
    await row.getByRole('button', { name: /Widerrufen|widerrufen/ }).click();
    await page.getByRole('dialog', { name: 'API-Schlüssel widerrufen?' }).getByRole('button', { name: 'Widerrufen' }).click();
    // The action and the new status share the word; the button going away marks the end.
    await expect(row.getByRole('button')).toHaveCount(0);
    await expect(row).toContainText('Widerrufen');
    expect((await integrator.get('/api/v1/organizations')).status()).toBe(401);
    await integrator.dispose();
  });

  test('roles per organisation are edited on the person', async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto('/admin/users');
    await page.getByLabel('Suche').fill('Amira');
    const row = page.getByRole('row', { name: /Amira Haddad/ });
    await expect(page.getByRole('row')).toHaveCount(2);
    await row.getByRole('button', { name: /^Bearbeiten/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Person bearbeiten' });
    await dialog.getByRole('button', { name: 'Rolle hinzufügen' }).click();
    await dialog
      .getByRole('combobox', { name: /^Organisation/ })
      .nth(1)
      .selectOption({ label: 'IGS Linden' });
    await dialog
      .getByRole('combobox', { name: /^Rolle/ })
      .nth(1)
      .selectOption('partner');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText(/Partnereinrichtung – \u2068?IGS Linden/);

    await page.getByLabel(/^Organisation/).selectOption({ label: 'IGS Linden' });
    await expect(page.getByRole('row', { name: /Amira Haddad/ })).toBeVisible();

    await row.getByRole('button', { name: /^Bearbeiten/ }).click();
    await dialog.getByRole('button', { name: 'Rolle 2 entfernen' }).click();
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('row', { name: /Amira Haddad/ })).toBeHidden();

    // The filters live in the URL: a reload brings the same list back, and the empty list offers the way out.
    await expect(page).toHaveURL(/[?&]q=Amira(&|$)/);
    await page.reload();
    await expect(page.getByLabel('Suche')).toHaveValue('Amira');
    await expect(page.getByLabel(/^Organisation/).locator('option:checked')).toHaveText('IGS Linden');
    await expect(page.getByText('Niemand passt zu dieser Suche.')).toBeVisible();
    await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
    await expect(page.getByLabel('Suche')).toHaveValue('');
    await expect(page.getByRole('row', { name: /Amira Haddad/ })).toBeVisible();
    await expect(page).toHaveURL(/\/admin\/users\??$/);
  });

  test('a pending invitation can be revoked, and its mail is in the outbox', async ({ page }) => {
    const email = `widerruf.${Date.now()}@example.org`;
    await signIn(page, ADMIN);
    await page.goto('/admin/invitations');
    await page.getByRole('button', { name: 'Person einladen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Person einladen' });
    await dialog.getByLabel(/^E-Mail-Adresse/).fill(email);
    await dialog.getByRole('button', { name: 'Einladung senden' }).click();
    await expect(dialog.getByLabel(/^Organisation/)).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByLabel(/^Organisation/).selectOption({ label: 'IGS Linden' });
    await dialog.getByRole('button', { name: 'Einladung senden' }).click();
    await expect(dialog).toBeHidden();

    const row = page.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) });
    await expect(row).toContainText('Offen');
    await row.getByRole('button', { name: `Einladung an ${email} zurückziehen` }).click();
    await page.getByRole('dialog', { name: 'Einladung zurückziehen?' }).getByRole('button', { name: 'Zurückziehen' }).click();
    await expect(row).toContainText('Zurückgezogen');

    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Postausgang' }).click();
    const mail = page.getByRole('listitem').filter({ hasText: email });
    await expect(mail).toBeVisible();
    await mail.getByText('Text anzeigen').click();
    await expect(mail.getByRole('link', { name: /\/invitation\?token=/ })).toBeVisible();
  });

  test('when the network requires two-factor sign-in, staff without it are sent to their profile first', async ({
    page,
    browser,
    baseURL,
  }) => {
    await signIn(page, ADMIN);
    const origin = new URL(page.url()).origin;
    // The admin is staff too: set up their own TOTP first, so they keep access to the settings.
    const setup = await (await page.request.post('/api/v1/me/totp/setup', { headers: { Origin: origin } })).json();
    const enabled = await page.request.post('/api/v1/me/totp/enable', {
      data: { code: authenticator.generate(setup.secret) },
      headers: { Origin: origin },
    });
    expect(enabled.status()).toBe(204);
    try {
      await page.goto('/admin/settings');
      await expect(page).toHaveTitle('Netzwerk-Einstellungen · Lotse');
      const requireTotp = page.getByRole('switch', { name: 'Zwei-Faktor-Anmeldung für Fachkräfte verlangen' });
      await requireTotp.check();
      await page.getByRole('button', { name: 'Speichern' }).click();
      await expect(page.getByText('Gespeichert.')).toBeVisible();

      const other = await browser.newContext({ baseURL, locale: 'de-DE' });
      const coordinator = await other.newPage();
      await signIn(coordinator, COORDINATOR);
      await expect(coordinator).toHaveURL(/\/profile$/);
      await expect(coordinator.getByRole('alert')).toContainText('Bitte zuerst die Zwei-Faktor-Anmeldung einrichten');
      await coordinator.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Übersicht' }).click();
      await expect(coordinator).toHaveURL(/\/profile$/);
      await other.close();

      await page.reload();
      await expect(requireTotp).toBeChecked();
      await requireTotp.uncheck();
      await page.getByRole('button', { name: 'Speichern' }).click();
      await expect(page.getByText('Gespeichert.')).toBeVisible();
    } finally {
      const network = await (await page.request.get('/api/v1/network')).json();
      if (network.settings.requireTotpForStaff) {
        await page.request.patch('/api/v1/network', {
          data: { settings: { requireTotpForStaff: false }, version: network.version },
          headers: { Origin: origin },
        });
      }
      await page.request.post('/api/v1/me/totp/disable', { data: { password: ADMIN.password }, headers: { Origin: origin } });
    }
  });

  test('the audit log filters by action and shows Berlin time', async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto('/admin/audit');
    await page.getByLabel('Aktion').selectOption('login');
    const rows = page.locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    const actions = await rows.locator('td:nth-child(3)').allInnerTexts();
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['Angemeldet']));
    await expect(rows.first().locator('time')).toHaveText(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
  });
});
