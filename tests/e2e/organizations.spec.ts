import { ADMIN, expect, signIn, test } from './fixtures.js';

test('an admin creates, finds, edits and deletes an organisation; conflicts and organisations in use are explained', async ({ page }) => {
  const name = `Sprachcafé Linden ${Date.now()}`;
  await signIn(page, ADMIN);
  await page.goto('/admin/organizations');
  await expect(page).toHaveTitle('Organisationen · Lotse');

  await page.getByRole('button', { name: 'Organisation anlegen' }).click();
  let dialog = page.getByRole('dialog', { name: 'Organisation anlegen' });
  await dialog.getByLabel('Art').selectOption('education_provider');
  await dialog.getByLabel(/^Name der Organisation/).fill(name);
  await dialog.getByLabel('Website').fill('kein-link');
  await dialog.getByRole('button', { name: 'Anlegen' }).click();
  await expect(dialog.getByLabel('Website')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Website').fill('https://sprachcafe.example.org');
  await dialog.getByRole('button', { name: 'Anlegen' }).click();
  await expect(dialog).toBeHidden();

  await page.getByLabel('Art').selectOption('education_provider');
  await page.getByLabel('Suche').fill('Sprachcafé');
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Bildungsträger');

  // Someone else changes the organisation while the form is open: the save answers 409.
  await row.getByRole('button', { name: /^Bearbeiten/ }).click();
  dialog = page.getByRole('dialog', { name: 'Organisation bearbeiten' });
  const list = await (await page.request.get(`/api/v1/organizations?q=${encodeURIComponent(name)}`)).json();
  const org = list.items[0];
  const other = await page.request.patch(`/api/v1/organizations/${org.id}`, {
    data: { phone: '0511 123456', version: org.version },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(other.ok()).toBeTruthy();
  await dialog.getByLabel(/^Kurzname/).fill('Sprachcafé');
  await dialog.getByRole('button', { name: 'Speichern' }).click();
  await expect(dialog.getByRole('alert')).toContainText('inzwischen von jemand anderem geändert');
  await dialog.getByRole('button', { name: 'Neu laden' }).click();
  await expect(dialog.getByLabel('Telefon')).toHaveValue('0511 123456');
  await dialog.getByLabel(/^Kurzname/).fill('Sprachcafé');
  await dialog.getByRole('button', { name: 'Speichern' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('(Sprachcafé)');

  await row.getByRole('button', { name: /^Löschen/ }).click();
  let confirm = page.getByRole('dialog', { name: 'Organisation löschen?' });
  await confirm.getByRole('button', { name: 'Löschen' }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toBeHidden();

  // An organisation with members cannot go: the server's reason is shown in the dialog.
  await page.getByLabel('Suche').fill('');
  await page.getByLabel('Art').selectOption('coordination_office');
  await page
    .getByRole('row', { name: /Koordinierungsstelle/ })
    .getByRole('button', { name: /^Löschen/ })
    .click();
  confirm = page.getByRole('dialog', { name: 'Organisation löschen?' });
  await confirm.getByRole('button', { name: 'Löschen' }).click();
  await expect(confirm.getByRole('alert')).toContainText('Die Organisation hat noch Mitglieder');
  await confirm.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(confirm).toBeHidden();
});
