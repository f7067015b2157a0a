import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { ADMIN, COORDINATOR, expect, setSavedLocale, signIn, test, settled, expectNoViolations } from './fixtures.js';


/** The pool table's body rows (the header row is the first row). */
function poolRows(page: Page, caption = 'Ehrenamtliche'): Locator {
  return page.getByRole('table', { name: caption }).locator('tbody tr');
}

/**
 * Waits until the list shows the people in `include` and none in `exclude`: a state that neither
 * the previous list nor the loading state can fake.
 */
async function expectNames(page: Page, include: string[], exclude: string[] = []) {
  await expect
    .poll(async () => {
      const shown = await names(page);
      return include.filter((n) => !shown.includes(n)).concat(exclude.filter((n) => shown.includes(n)).map((n) => `not ${n}`));
    })
    .toEqual([]);
}

/** The names in the list as shown ("Haddad, Amira"). */
async function names(page: Page): Promise<string[]> {
  return poolRows(page).getByRole('link').allTextContents();
}

async function poolSize(page: Page): Promise<number> {
  const res = await page.request.get('/api/v1/volunteers?limit=200');
  return ((await res.json()) as { items: unknown[] }).items.length;
}

async function openPool(page: Page, query = '') {
  await page.goto(`/volunteers${query}`);
  await settled(page);
}

async function idOf(page: Page, lastName: string): Promise<string> {
  const res = await page.request.get(`/api/v1/volunteers?q=${encodeURIComponent(lastName)}`);
  const body = (await res.json()) as { items: { id: string; lastName: string }[] };
  const found = body.items.find((v) => v.lastName === lastName);
  expect(found, lastName).toBeTruthy();
  return found!.id;
}

test.describe('volunteer pool', () => {
  test('filters by language and minimum level, district, status and full text; combined filters narrow the list; the URL keeps them', async ({ page }) => {
    await signIn(page, COORDINATOR);
    await openPool(page);
    // Other journeys may have added people to the demo pool: the API says how many there are.
    const total = await poolSize(page);
    await expect(poolRows(page)).toHaveCount(Math.min(total, 50));
    await expect(page.getByRole('status').filter({ hasText: `${total} Ehrenamtliche` })).toBeVisible();

    // Minimum level needs a language first.
    await expect(page.getByLabel('Mindestens Niveau')).toBeDisabled();
    await page.getByLabel('Sprache', { exact: true }).selectOption({ label: 'Arabisch' });
    await expectNames(page, ['Haddad, Amira', 'Nasser, Karim'], ['Becker, Jonas']);
    // Both stay in the list with the level, so wait for the filtered answer before counting.
    const nativeLoaded = page.waitForResponse((r) => r.url().includes('/api/v1/volunteers?') && r.url().includes('minLevel=native'));
    await page.getByLabel('Mindestens Niveau').selectOption({ label: 'Muttersprache' });
    await nativeLoaded;
    await expect(page).toHaveURL(/minLevel=native/);
    await expectNames(page, ['Haddad, Amira', 'Nasser, Karim'], ['Becker, Jonas']);
    await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
    const arabic = (await names(page)).length;
    expect(arabic).toBeLessThan(total);

    // A district includes its quarters; together with the language Karim (Nord) drops out.
    await page.getByLabel('Stadtteil', { exact: true }).selectOption({ label: 'Linden-Limmer (ganzer Stadtbezirk)' });
    await expectNames(page, ['Haddad, Amira'], ['Nasser, Karim']);
    expect((await names(page)).length).toBeLessThan(arabic);
    await expect(page).toHaveURL(/language=ar/);
    await expect(page).toHaveURL(/district=linden-limmer/);
    const combined = await names(page);

    // Open the profile, come back: the same list, the same filters.
    await poolRows(page).getByRole('link', { name: 'Haddad, Amira' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Amira Haddad' })).toBeVisible();
    await page.goBack();
    await expect(page.getByLabel('Sprache', { exact: true })).toHaveValue('ar');
    await expect(page.getByLabel('Mindestens Niveau')).toHaveValue('native');
    await expect(page.getByLabel('Stadtteil', { exact: true })).toHaveValue('linden-limmer');
    await expect.poll(() => names(page)).toEqual(combined);

    // "Back to the list" from a profile returns to the filtered list as well.
    await poolRows(page).getByRole('link', { name: 'Haddad, Amira' }).click();
    await page.getByRole('link', { name: 'Zurück zur Liste' }).click();
    await expect(page.getByLabel('Stadtteil', { exact: true })).toHaveValue('linden-limmer');
    await expect.poll(() => names(page)).toEqual(combined);

    // A link with the filters opens the same list: the district with its quarters.
    await page.goto('/volunteers?district=linden-limmer');
    await expectNames(page, ['Haddad, Amira', 'Yılmaz, Mehmet'], ['Wiśniewska, Ilona', 'Nasser, Karim']);

    await page.getByRole('button', { name: 'Filter zurücksetzen' }).first().click();
    await expect(poolRows(page)).toHaveCount(Math.min(total, 50));

    await page.getByLabel('Status').selectOption({ label: 'Pausiert' });
    await expectNames(page, ['Wiśniewska, Ilona'], ['Haddad, Amira']);
    for (const row of await poolRows(page).all()) await expect(row).toContainText('Pausiert');
    await page.getByLabel('Status').selectOption({ label: 'Alle' });

    await page.getByLabel('Suche').fill('kovalenk');
    await expect.poll(() => names(page)).toEqual(['Kovalenko, Olena']);
    await expect(page).toHaveURL(/q=kovalenk/);

    // Nothing matches: a clear empty state with a way out.
    await page.getByLabel('Suche').fill('Niemand Unbekannt');
    await expect(page.getByText('Keine Ehrenamtlichen passen zu diesen Filtern.')).toBeVisible();
    await page.getByRole('button', { name: 'Filter zurücksetzen' }).last().click();
    await expect(poolRows(page)).toHaveCount(Math.min(total, 50));
    await expect(page.getByLabel('Suche')).toHaveValue('');
  });

  test('free capacity, weekday and time, specialisation and topic narrow the list', async ({ page }) => {
    await signIn(page, COORDINATOR);
    await openPool(page);
    await page.getByLabel('Verfügbar am').selectOption('6');
    await expectNames(page, ['Nasser, Karim', 'Sultani, Ahmad'], ['Haddad, Amira']);
    await page.getByLabel('ab (Uhrzeit)').fill('10:00');
    await page.getByLabel('bis (Uhrzeit)').fill('13:00');
    // Ahmad is there from 12:00 only.
    await expectNames(page, ['Nasser, Karim'], ['Sultani, Ahmad']);
    await page.getByRole('button', { name: 'Filter zurücksetzen' }).first().click();

    await page.getByLabel('Spezialisierung').selectOption({ label: 'Elternlotse' });
    await expectNames(page, ['Aydın, Leyla', 'Bekele, Tigist', 'Haddad, Amira'], ['Nasser, Karim']);
    await page.getByLabel('Thema').selectOption({ label: 'Behörden und Ämter' });
    await expectNames(page, ['Aydın, Leyla', 'Haddad, Amira'], ['Bekele, Tigist']);
    await page.getByLabel('Freie Kapazität').selectOption({ label: 'Mit freier Kapazität' });
    await expect(page).toHaveURL(/hasCapacity=true/);
    await expectNames(page, ['Aydın, Leyla', 'Haddad, Amira']);
    for (const row of await poolRows(page).all()) await expect(row).toContainText('Kapazität frei');
  });

  test('a filter can be saved, re-applied and deleted', async ({ page }) => {
    const name = `Aktive Elternlotsen ${Date.now()}`;
    await signIn(page, COORDINATOR);
    await openPool(page);
    await page.getByLabel('Status').selectOption({ label: 'Aktiv' });
    await page.getByLabel('Spezialisierung').selectOption({ label: 'Elternlotse' });
    await expectNames(page, ['Aydın, Leyla', 'Haddad, Amira'], ['Bekele, Tigist', 'Becker, Jonas']);
    const filtered = await names(page);

    await page.getByRole('button', { name: 'Aktuellen Filter speichern' }).click();
    const dialog = page.getByRole('dialog', { name: 'Filter speichern' });
    await dialog.getByLabel('Name des Filters').fill(name);
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await expect(dialog).toBeHidden();
    const saved = page.getByRole('button', { name, exact: true });
    await expect(saved).toHaveAttribute('aria-pressed', 'true');

    await page.getByRole('button', { name: 'Filter zurücksetzen' }).first().click();
    await expect.poll(async () => (await names(page)).length).toBeGreaterThan(filtered.length);
    await expect(saved).toHaveAttribute('aria-pressed', 'false');

    // Another visit: the saved filter brings the list back.
    await openPool(page);
    await page.getByRole('button', { name, exact: true }).click();
    await expect.poll(() => names(page)).toEqual(filtered);
    await expect(page.getByLabel('Status')).toHaveValue('active');
    await expect(page).toHaveURL(/specialization=elternlotse/);

    // The same name twice is refused with the server's message.
    await page.getByRole('button', { name: 'Aktuellen Filter speichern' }).click();
    await dialog.getByLabel('Name des Filters').fill(name);
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Sie haben schon einen Filter mit diesem Namen.');
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();

    await page.getByRole('button', { name: `Gespeicherten Filter „${name}“ löschen` }).click();
    await page.getByRole('dialog', { name: 'Gespeicherten Filter löschen?' }).getByRole('button', { name: 'Löschen' }).click();
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  });

  test('exports the current list as a real XLSX and CSV file', async ({ page }) => {
    await signIn(page, COORDINATOR);
    await openPool(page, '?language=ar&minLevel=native');
    await expectNames(page, ['Haddad, Amira', 'Nasser, Karim']);
    const shown = (await names(page)).map((n) => n.split(', ')[0]);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Als Excel (XLSX) exportieren' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^lotse-volunteers-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Ehrenamtliche');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 2)).toEqual(['Nachname', 'Vorname']);
    // A coordinator sees origins, so the export carries them too.
    expect(header).toContain('Herkunft');
    expect(sheet.actualRowCount).toBe(shown.length + 1);
    const lastNames = Array.from({ length: shown.length }, (_, i) => sheet.getRow(i + 2).getCell(1).value);
    expect(lastNames).toEqual(shown);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Als CSV exportieren' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const lines = text.replace(/^\ufeff/, '').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^Nachname;Vorname;/);
    expect(lines).toHaveLength(shown.length + 1);
    expect(lines.find((l) => l.startsWith('Haddad;Amira;'))).toContain('ar:native');
    expect(lines.find((l) => l.startsWith('Nasser;Karim;'))).toContain('ar:native');
    for (const line of lines.slice(1)) expect(line).toContain('ar:native');
  });

  test('a coordinator adds a volunteer moved from elsewhere: status active with an earlier basic qualification', async ({ page }) => {
    const lastName = `Karimi${Date.now().toString(36)}`;
    await signIn(page, COORDINATOR);
    await openPool(page);
    await page.getByRole('link', { name: 'Ehrenamtliche*n anlegen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ehrenamtliche*n anlegen' })).toBeVisible();

    // Without names the form says what is missing, field by field.
    await page.getByRole('button', { name: 'Ehrenamtliche*n anlegen' }).click();
    await expect(page.getByLabel('Vorname')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Vorname')).toBeFocused();

    await page.getByLabel('Vorname').fill('Nasrin');
    await page.getByLabel('Nachname').fill(lastName);
    await page.getByLabel('E-Mail-Adresse').fill(`${lastName.toLowerCase()}@example.org`);
    await page.getByLabel('Beruf (Freitext)').fill('Krankenpflegerin');
    await page.getByRole('button', { name: 'Sprache hinzufügen' }).click();
    await page.getByLabel('Sprache 1', { exact: true }).selectOption({ label: 'Persisch' });
    await page.getByLabel('Niveau').selectOption({ label: 'Muttersprache' });
    await page.getByRole('checkbox', { name: 'Hochschullotse' }).check();
    await page.getByLabel('Wohnstadtteil').selectOption({ label: 'Linden-Nord' });
    await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: 'Aktiv' });
    await page.getByLabel('Grund der Statusänderung').fill('Übernommen aus der Liste des Nachbarschaftszentrums');
    await page.getByRole('button', { name: 'Qualifikation hinzufügen' }).click();
    await page.getByLabel('Qualifikation 1: Art').selectOption({ label: 'Basisqualifizierung' });
    await page.getByLabel('Abgeschlossen am').fill('2023-05-12');
    await page.getByLabel('Anbieter').fill('Caritas Hildesheim');
    await page.getByRole('button', { name: 'Ehrenamtliche*n anlegen' }).click();

    await expect(page.getByRole('heading', { level: 1, name: `Nasrin ${lastName}` })).toBeVisible();
    const summary = page.getByRole('group', { name: 'Überblick' });
    await expect(summary).toContainText('Aktiv');
    await expect(summary).toContainText('Einsetzbar');
    await expect(summary).toContainText('Kapazität frei');
    await expect(page.getByRole('tabpanel')).toContainText('Persisch (Muttersprache)');

    await page.getByRole('tab', { name: 'Qualifikationen' }).click();
    await expect(page.getByRole('table', { name: 'Qualifikationen' })).toContainText('Basisqualifizierung');
    await expect(page.getByRole('table', { name: 'Qualifikationen' })).toContainText('12.05.2023');
    await expect(page.getByRole('table', { name: 'Qualifikationen' })).toContainText('Caritas Hildesheim');
    await expect(page).toHaveURL(/tab=qualifications/);

    await page.getByRole('tab', { name: 'Verlauf' }).click();
    await expect(page.getByRole('tabpanel')).toContainText('Grund: Übernommen aus der Liste des Nachbarschaftszentrums');
    await expect(page.getByRole('tabpanel')).toContainText(new RegExp(`durch \u2068?${COORDINATOR.name}`));

    // German stemming: the plural finds the profession.
    await page.getByRole('link', { name: 'Zurück zur Liste' }).click();
    await page.getByLabel('Suche').fill('Krankenpflegerinnen');
    await expect(poolRows(page)).toHaveCount(1);
    await expect(poolRows(page).first()).toContainText(`${lastName}, Nasrin`);
  });

  test('editing a profile saves, records the status change in the history, and a concurrent change is a clear 409', async ({ page }) => {
    await signIn(page, COORDINATOR);
    const id = await idOf(page, 'Becker');
    await page.goto(`/volunteers/${id}`);
    await settled(page);
    await expect(page.getByRole('tab', { name: 'Vereinbarungen' })).toBeVisible();
    await page.getByRole('tab', { name: 'Vereinbarungen' }).click();
    await expect(page.getByRole('tabpanel')).toContainText('Höchstens gleichzeitige Vereinbarungen');
    // Recording an agreement from the profile starts with this person chosen.
    await page.getByRole('link', { name: 'Vereinbarung erfassen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vereinbarung erfassen');
    await expect(page.getByRole('textbox', { name: 'Lotsin / Lotse' })).toHaveValue('Jonas Becker');
    await page.goBack();
    await settled(page);
    await page.getByRole('tab', { name: 'Vereinbarungen' }).click();
    await page.getByRole('link', { name: 'Alle Vereinbarungen dieser Person ansehen' }).click();
    await expect(page).toHaveURL(new RegExp(`/agreements\\?volunteerId=${id}`));
    await expect(page.getByRole('status').filter({ hasText: 'Nur Vereinbarungen' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Nur Vereinbarungen' })).not.toContainText('bisher keine');
    await page.goBack();
    await settled(page);

    await page.getByRole('link', { name: 'Profil bearbeiten' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Jonas Becker/ })).toBeVisible();
    await page.getByLabel('Telefon').fill('0511 123456');
    await page.getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: 'Pausiert' });
    await page.getByLabel('Grund der Statusänderung').fill('Elternzeit bis Sommer');
    await page.getByRole('button', { name: 'Speichern' }).click();

    await expect(page).toHaveURL(new RegExp(`/volunteers/${id}$`));
    await expect(page.getByRole('group', { name: 'Überblick' })).toContainText('Pausiert');
    await expect(page.getByRole('tabpanel')).toContainText('0511 123456');
    await page.getByRole('tab', { name: 'Verlauf' }).click();
    const history = page.getByRole('tabpanel').getByRole('listitem');
    await expect(history.first()).toContainText('Pausiert');
    await expect(history.first()).toContainText('Grund: Elternzeit bis Sommer');
    await expect(history.first()).toContainText(new RegExp(`durch \u2068?${COORDINATOR.name}`));
    await expect(history.nth(1)).toContainText('Aktiv');

    // Someone else saves in between: the form says so instead of overwriting their change.
    await page.getByRole('link', { name: 'Profil bearbeiten' }).click();
    await expect(page.getByLabel('Telefon')).toHaveValue('0511 123456');
    const current = await (await page.request.get(`/api/v1/volunteers/${id}`)).json();
    const origin = new URL(page.url()).origin;
    const other = await page.request.patch(`/api/v1/volunteers/${id}`, { data: { city: 'Langenhagen', version: current.version }, headers: { Origin: origin } });
    expect(other.status()).toBe(200);
    await page.getByLabel('Telefon').fill('0511 999999');
    await page.getByRole('button', { name: 'Speichern' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Inzwischen geändert' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('von jemand anderem geändert');
    await expect(page.getByText('Ihre Eingaben auf dieser Seite werden dabei verworfen')).toBeVisible();
    await alert.getByRole('button', { name: 'Neu laden' }).click();
    await expect(page.getByLabel('Ort', { exact: true })).toHaveValue('Langenhagen');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.getByLabel('Telefon').fill('0511 999999');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect(page).toHaveURL(new RegExp(`/volunteers/${id}$`));
    await expect(page.getByRole('tabpanel')).toContainText('0511 999999');
    await expect(page.getByRole('tabpanel')).toContainText('Langenhagen');
  });

  test('the server’s field errors land on their fields', async ({ page }) => {
    await signIn(page, COORDINATOR);
    const id = await idOf(page, 'Okafor');
    await page.goto(`/volunteers/${id}/edit`);
    await settled(page);
    // Only the server knows that a language is listed twice.
    await page.getByRole('button', { name: 'Sprache hinzufügen' }).click();
    await page.getByLabel('Sprache 4', { exact: true }).selectOption({ label: 'Englisch' });
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Ungültige Eingabe' })).toContainText('Bitte prüfen Sie die markierten Felder.');
    await expect(page.getByLabel('Sprache 4', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Sprache 4', { exact: true })).toBeFocused();
    await expect(page.getByText('Doppelt angegeben')).toBeVisible();
    await page.getByRole('button', { name: 'Sprache 4 entfernen' }).click();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect(page).toHaveURL(new RegExp(`/volunteers/${id}$`));
  });

  test('documents: upload a PDF, download it, delete it', async ({ page }) => {
    await signIn(page, COORDINATOR);
    const id = await idOf(page, 'Hoffmann');
    await page.goto(`/volunteers/${id}?tab=documents`);
    await settled(page);
    await expect(page.getByText('Noch keine Dokumente.')).toBeVisible();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: /^Datei/ }).click()]);
    await chooser.setFiles({ name: 'Verschwiegenheitserklärung.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'Hochladen' }).click();
    const table = page.getByRole('table', { name: 'Dokumente' });
    await expect(table).toContainText('Verschwiegenheitserklärung.pdf');
    await expect(table).toContainText('PDF');

    const [download] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'Herunterladen: Verschwiegenheitserklärung.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('Verschwiegenheitserklärung.pdf');
    expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');

    await table.getByRole('button', { name: 'Löschen: Verschwiegenheitserklärung.pdf' }).click();
    await page.getByRole('dialog', { name: 'Dokument löschen?' }).getByRole('button', { name: 'Löschen' }).click();
    await expect(page.getByText('Noch keine Dokumente.')).toBeVisible();
  });

  test('origins are shown only to coordinators, with the consent state', async ({ page, browser, baseURL }) => {
    await signIn(page, COORDINATOR);
    const id = await idOf(page, 'Haddad');
    await page.goto(`/volunteers/${id}`);
    const origins = page.getByRole('region', { name: 'Herkunft (besondere Kategorie)' });
    await expect(origins).toContainText('Einwilligung liegt vor');
    await expect(origins).toContainText('Syrien');

    const other = await browser.newContext({ baseURL, locale: 'de-DE' });
    const admin = await other.newPage();
    await signIn(admin, ADMIN);
    await admin.goto(`/volunteers/${id}`);
    await expect(admin.getByRole('heading', { level: 1, name: 'Amira Haddad' })).toBeVisible();
    await expect(admin.getByRole('region', { name: 'Kontakt und Person' })).toBeVisible();
    await expect(admin.getByText('Herkunft (besondere Kategorie)')).toHaveCount(0);
    await admin.goto(`/volunteers/${id}/edit`);
    await expect(admin.getByLabel('Nachname')).toHaveValue('Haddad');
    await expect(admin.getByLabel('Herkunftsländer')).toHaveCount(0);
    await other.close();
  });

  test('the load filter lives in the URL, and every row shows the load against the agreed maximum', async ({ page }) => {
    await signIn(page, COORDINATOR);
    await openPool(page, '?overloaded=false');
    await expect(page.getByLabel('Belastung')).toHaveValue('false');
    await expect(poolRows(page).first()).toBeVisible();
    for (const row of (await poolRows(page).all()).slice(0, 5)) await expect(row).toContainText(/\d+ \/ \d+ Vereinbarung(en)? · [\d,]+ \/ \d+ Std\./);
    await page.getByRole('button', { name: 'Filter zurücksetzen' }).first().click();
    await expect(page).not.toHaveURL(/overloaded/);
  });

  test('a coordinator records the bank account; the IBAN is checked, and it waits for the volunteer’s confirmation', async ({ page }) => {
    await signIn(page, COORDINATOR);
    const id = await idOf(page, 'Bekele');
    await page.goto(`/volunteers/${id}`);
    await settled(page);
    const wellbeing = page.getByRole('region', { name: 'Belastung und Wohlbefinden' });
    await expect(wellbeing).toContainText('Laufende Vereinbarungen');
    await expect(page.getByRole('region', { name: 'Bankverbindung' })).toContainText('Keine Bankverbindung hinterlegt');

    await page.getByRole('link', { name: 'Profil bearbeiten' }).click();
    await page.getByLabel('Kontoinhaber*in').fill('Tigist Bekele');
    await page.getByLabel('IBAN').fill('DE00 12');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect(page.getByLabel('IBAN')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('IBAN')).toBeFocused();
    // Well-formed, but the check digits are wrong: only the server knows.
    await page.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 01');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect(page.getByLabel('IBAN')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('IBAN').fill('de89370400440532013000');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect(page).toHaveURL(new RegExp(`/volunteers/${id}$`));
    // Entered by someone other than the volunteer: not used for payouts until she confirms it.
    const bank = page.getByRole('region', { name: 'Bankverbindung' });
    await expect(bank).toContainText('Keine Bankverbindung hinterlegt');
    const pending = bank.getByRole('note');
    await expect(pending).toContainText('Wartet auf Bestätigung durch die Person');
    await expect(pending).toContainText('Tigist Bekele');
    await expect(pending).toContainText('•••• 3000');
    await expect(bank).not.toContainText('DE89 3704 0044 0532 0130 00');
  });

  for (const locale of ['de', 'ar'] as const) {
    test.describe(`accessibility (${locale})`, () => {
      let id = '';
      test.beforeEach(async ({ page }) => {
        await signIn(page, COORDINATOR);
        id = await idOf(page, 'Haddad');
        await setSavedLocale(page, locale);
      });
      test.afterEach(async ({ page }) => {
        await setSavedLocale(page, 'de');
      });

      test('the list, empty and filled, on desktop and as cards on a phone, has no axe violations', async ({ page }) => {
        await openPool(page, '?language=ar');
        await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
        await expect(poolRows(page, locale === 'de' ? 'Ehrenamtliche' : 'المتطوعون').getByRole('link', { name: 'Haddad, Amira' })).toBeVisible();
        await expectNoViolations(page, `pool list (${locale})`);
        await openPool(page, '?q=niemand-passt');
        await expectNoViolations(page, `empty pool list (${locale})`);

        await page.setViewportSize({ width: 360, height: 740 });
        await openPool(page);
        await expectNoViolations(page, `pool as cards on a phone (${locale})`);
        await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      });

      test('every profile tab has no axe violations', async ({ page }) => {
        for (const tab of ['profile', 'qualifications', 'agreements', 'documents', 'history']) {
          await page.goto(`/volunteers/${id}?tab=${tab}`);
          await settled(page);
          await expect(page.getByRole('tabpanel')).toBeVisible();
          await expectNoViolations(page, `profile tab ${tab} (${locale})`);
        }
        await page.setViewportSize({ width: 360, height: 740 });
        await page.goto(`/volunteers/${id}`);
        await settled(page);
        await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        await expectNoViolations(page, `profile on a phone (${locale})`);
      });

      test('the profile form, filled and with errors, has no axe violations', async ({ page }) => {
        await page.goto(`/volunteers/${id}/edit`);
        await settled(page);
        await expectNoViolations(page, `edit form (${locale})`);

        await page.goto('/volunteers/new');
        await settled(page);
        await page.locator('form button[type=submit]').click();
        await expect(page.locator('[aria-invalid=true]').first()).toBeVisible();
        await expectNoViolations(page, `new form with errors (${locale})`);
        await page.setViewportSize({ width: 360, height: 740 });
        await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      });
    });
  }

  // Last in this file: it adds 55 people to the pool.
  test('the list loads a page at a time and offers the next one', async ({ page }) => {
    await signIn(page, COORDINATOR);
    const origin = new URL(page.url()).origin;
    const prefix = `Seitenprobe${Date.now().toString(36)}`;
    for (let i = 0; i < 55; i++) {
      const res = await page.request.post('/api/v1/volunteers', {
        data: { firstName: `Person ${String(i).padStart(2, '0')}`, lastName: prefix, status: 'interested' },
        headers: { Origin: origin },
      });
      expect(res.status()).toBe(201);
    }
    await openPool(page, `?q=${prefix}`);
    await expect(poolRows(page)).toHaveCount(50);
    await expect(page.getByRole('status').filter({ hasText: '50 angezeigt – es gibt weitere' })).toBeVisible();
    await page.getByRole('button', { name: 'Nächste 50 laden' }).click();
    await expect(poolRows(page)).toHaveCount(55);
    await expect(poolRows(page).nth(50).getByRole('link')).toBeFocused();
    await expect(page.getByRole('status').filter({ hasText: '55 Ehrenamtliche' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Nächste 50 laden' })).toHaveCount(0);
  });
});
