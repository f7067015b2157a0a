import { ADMIN, expect, signIn, test } from './fixtures.js';
import { linkInMail } from './mailbox.js';

test('an admin invites a person, who opens the link, sets a password and lands signed in', async ({ page, browser, baseURL }) => {
  const email = `neu.${Date.now()}@example.org`;
  await signIn(page, ADMIN);
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Einladungen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Einladungen');

  await page.getByRole('button', { name: 'Person einladen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Person einladen' });
  await dialog.getByLabel('E-Mail-Adresse').fill(email);
  await dialog.getByLabel('Name (freiwillig)').fill('Nadia Rahimi');
  await dialog.getByLabel('Organisation').selectOption({ label: 'IGS Linden' });
  await dialog.getByLabel('Rolle').selectOption('volunteer');
  await dialog.getByRole('button', { name: 'Einladung senden' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(email, { exact: true })).toBeVisible();

  // The invitee's mailbox: the admin's outbox shows this link masked.
  const link = await linkInMail(email, /https?:\/\/\S+\/invitation\?token=[^\s]+/);

  const fresh = await browser.newContext({ baseURL, locale: 'de-DE' });
  const invitee = await fresh.newPage();
  await invitee.goto(link!);
  await expect(invitee.getByRole('heading', { level: 1 })).toHaveText('Einladung annehmen');
  await expect(invitee.getByTestId('invitation-details')).toContainText('IGS Linden');
  await expect(invitee.getByTestId('invitation-details')).toContainText('Ehrenamtliche*r');
  await expect(invitee.getByLabel(/^Name/)).toHaveValue('Nadia Rahimi');
  await invitee.getByLabel(/^Neues Passwort\W*$/).fill('ein-gutes-passwort-2026');
  await invitee.getByLabel(/^Neues Passwort wiederholen/).fill('ein-gutes-passwort-2026');
  await invitee.getByRole('button', { name: 'Einladung annehmen' }).click();

  await expect(invitee).toHaveURL(/\/$/);
  await expect(invitee.getByRole('heading', { level: 1 })).toContainText('Willkommen');
  await expect(invitee.getByRole('heading', { level: 1 })).toContainText('Nadia Rahimi');
  const me = await invitee.request.get('/api/v1/me');
  expect(me.ok()).toBeTruthy();
  expect((await me.json()).user.email).toBe(email);
  await fresh.close();
});
