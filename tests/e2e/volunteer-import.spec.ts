import type { APIRequestContext, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COORDINATOR, expect, expectFitsWidth, expectNoViolations, setSavedLocale, signIn, test } from './fixtures.js';

const tag = Date.now().toString(36);
let dir: string;

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lotse-import-e2e-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The pool as the API lists it: id → "First Last". */
async function pool(request: APIRequestContext): Promise<Map<string, string>> {
  const all = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const res = await request.get(`/api/v1/volunteers?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.ok()).toBeTruthy();
    const page = (await res.json()) as {
      items: { id: string; firstName: string; lastName: string }[];
      nextCursor: string | null;
    };
    for (const v of page.items) all.set(v.id, `${v.firstName} ${v.lastName}`);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

const added = (before: Map<string, string>, after: Map<string, string>) =>
  [...after]
    .filter(([id]) => !before.has(id))
    .map(([, name]) => name)
    .sort();

/** Opens the file chooser as a person does, by the field's button, and picks the file. */
async function chooseFile(page: Page, label: RegExp, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: label }).click();
  await (await chooser).setFiles(file);
}

/** The mapping's select box of a column (its name sits in Unicode isolates, so it keeps its direction in Arabic). */
const column = (page: Page, header: string) =>
  page.getByLabel(new RegExp(`^Spalte „\u2068?${header.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\u2069?“`));

/** The preview's entry of the person in a spreadsheet row. */
const previewRow = (page: Page, row: number) => page.getByRole('listitem').filter({ has: page.getByText(`Zeile ${row}`, { exact: true }) });

/** A name as the wizard writes it inside a sentence: in Unicode isolates. */
const isolated = (name: string) => `\u2068${name}\u2069`;

/**
 * A list as an office keeps it: a merged title row and an empty row above the headers, a hidden
 * column of initials, a totals row at the end; "Misburg" fits two quarters, and Jan's e-mail is
 * not an address. `variant` keeps the people of one test apart from another's.
 */
async function officeList(variant = ''): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Lotsen 2025');
  sheet.getRow(1).values = ['Ehrenamtliche Lotsinnen und Lotsen – Stand März 2025'];
  sheet.mergeCells('A1:G1');
  sheet.getRow(3).values = ['Nachname', 'Vorname', 'E-Mail', 'Geburtsjahr', 'Sprachen', 'Stadtteil', 'Bearbeitet von'];
  sheet.getRow(4).values = [
    `Petrowa${variant}`,
    'Swetlana',
    `swetlana.${variant}${tag}@example.org`,
    1971,
    'ru:native; de:B2',
    'Misburg',
    'KV',
  ];
  sheet.getRow(5).values = [`Kaya${variant}`, 'Deniz', `deniz.${variant}${tag}@example.org`, 1985, 'tr:native; de:C1', 'Misburg', 'KV'];
  sheet.getRow(6).values = [`Nowak${variant}`, 'Jan', 'jan.nowak(at)example.org', 1990, 'pl:native; de:B1', 'Linden-Nord', 'SB'];
  sheet.getRow(7).values = ['Summe: 3'];
  sheet.getColumn(7).hidden = true;
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Presses Tab until the focused element's accessible name matches (a person reading by keyboard). */
async function tabTo(page: Page, name: string | RegExp, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    const label = await focused.evaluate((e) => {
      const el = e as HTMLElement;
      const labelled = el.getAttribute('aria-labelledby');
      const byIds = labelled
        ? labelled
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' ')
        : '';
      const byLabel = 'labels' in el && (el as HTMLInputElement).labels?.[0]?.textContent;
      return (el.getAttribute('aria-label') ?? byIds) || byLabel || el.textContent || '';
    });
    const text = label.trim();
    if (typeof name === 'string' ? text === name || text.startsWith(name) : name.test(text)) return;
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

test.describe('importing the volunteer pool from a spreadsheet', () => {
  test('a CSV file: each person’s unreadable cells are shown, people with a name come in, duplicates stay out', async ({ page }) => {
    const file = join(dir, 'lotsen.csv');
    writeFileSync(
      file,
      [
        'Nachname;Vorname;E-Mail;Geburtsjahr;Sprachen;Stadtteil;Status',
        `Mansour;Rana;rana.${tag}@example.org;1987;"ar:native; de:B2";Linden-Nord;Aktiv`,
        // Two unreadable cells, a malformed e-mail and an unknown language: Karl comes in without them.
        'Kaputt;Karl;kein-at-zeichen;1990;xx:B2;Mitte;Aktiv',
        // Already in the pool (the demo's Amira Haddad, by e-mail).
        'Haddad;Amira;lotsin@demo.lotse.dev;1988;ar:native;Linden-Nord;Aktiv',
        // The same person as row 2 again, by name and birth year.
        `Mansour;Rana;r.mansour.${tag}@example.org;1987;ar:native;Linden-Nord;Aktiv`,
        `Brandt;Lena;lena.${tag}@example.org;1979;"de:native, en:C1";Mitte;In Ausbildung`,
      ].join('\r\n'),
    );
    await signIn(page, COORDINATOR);
    const before = await pool(page.request);

    await page.goto('/volunteers/import');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ehrenamtliche importieren');
    await chooseFile(page, /^Tabelle \(CSV oder XLSX\)/, file);
    await page.getByRole('button', { name: 'Weiter: Spalten zuordnen' }).click();

    await expect(page.getByRole('heading', { name: 'Spalten zuordnen' })).toBeFocused();
    await expect(column(page, 'E-Mail')).toHaveValue('email');
    await expect(column(page, 'Sprachen')).toHaveValue('languages');
    await expect(column(page, 'Stadtteil')).toHaveValue('homeDistrict');
    await page.getByRole('button', { name: 'Weiter: Vorschau' }).click();

    await expect(page.getByRole('heading', { name: 'Vorschau prüfen' })).toBeVisible();
    const summary = page.locator('dl');
    await expect(summary).toContainText('Zeilen5');
    await expect(summary).toContainText('Kommen herein3');
    await expect(summary).toContainText('Mit nicht übernommenen Angaben1');
    await expect(summary).toContainText('Nicht importierbar0');
    await expect(summary).toContainText('Duplikate2');
    await expect(previewRow(page, 3)).toContainText('Karl Kaputt');
    await expect(previewRow(page, 3)).toContainText('Wird angelegt');
    await expect(previewRow(page, 3).getByRole('listitem').filter({ hasText: 'Keine gültige E-Mail-Adresse' })).toContainText(
      'Nicht übernommen',
    );
    await expect(previewRow(page, 3).getByRole('listitem').filter({ hasText: 'Unbekannte Sprache: xx' })).toContainText('Nicht übernommen');
    await expect(previewRow(page, 4)).toContainText(`Schon im Pool als ${isolated('Amira Haddad')} – gleiche E-Mail-Adresse.`);
    await expect(previewRow(page, 4).getByRole('link', { name: 'Profil ansehen' })).toBeVisible();
    await expect(previewRow(page, 5)).toContainText('Gleicher Name und gleiches Geburtsjahr wie Zeile 2.');
    // People without anything to say are left out of the list until asked for.
    await expect(page.getByText('2 Personen ohne Hinweise sind ausgeblendet.')).toBeVisible();
    await expect(previewRow(page, 2)).toHaveCount(0);
    await page.getByRole('checkbox', { name: 'Nur Personen mit Hinweisen' }).uncheck();
    await expect(previewRow(page, 2)).toContainText('Wird angelegt');
    await expect(previewRow(page, 6)).toContainText('Wird angelegt');
    await expect(page.getByRole('radio', { name: /^Überspringen/ })).toBeChecked();
    await expect(page.getByText('Beim Import: 3 Personen neu anlegen, 0 Profile zusammenführen, 2 Zeilen überspringen.')).toBeVisible();
    // The dry run wrote nothing.
    expect(added(before, await pool(page.request))).toEqual([]);

    // Hold the server's answer back for a moment: the progress bar is there while the import runs.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/volunteers/import', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Jetzt importieren' }).click();
    await expect(page.getByRole('progressbar', { name: 'Import läuft' })).toBeVisible();
    release();
    await expect(page.getByRole('heading', { name: 'Import abgeschlossen' })).toBeVisible();
    await page.unroute('**/api/v1/volunteers/import');
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    await expect(page.getByText('3 Personen neu angelegt, 0 Profile zusammengeführt, 2 Zeilen übersprungen.')).toBeVisible();
    await expect(page.getByText('Bei 1 Person wurden einzelne Angaben nicht übernommen – ergänzen Sie sie im Profil.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Zum Pool der Ehrenamtlichen' })).toHaveAttribute('href', '/volunteers');

    expect(added(before, await pool(page.request))).toEqual(['Karl Kaputt', 'Lena Brandt', 'Rana Mansour']);
  });

  test('an XLSX file: duplicates merged on request, and the mapping remembered for the next upload', async ({ page }) => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Lotsen');
    const header = [
      'Name',
      'Vorname',
      'E-Mail-Adresse',
      'Jahrgang',
      'Sprachkenntnisse',
      'Telefon',
      'Fortbildungswunsch',
      'Führungszeugnis vom',
    ];
    sheet.addRow(header);
    sheet.addRow([
      'Okonkwo',
      'Grace',
      `grace.${tag}@example.org`,
      1992,
      'en:native; de:B1',
      '0511 123456',
      'Gesundheit',
      new Date(Date.UTC(2026, 2, 2)),
    ]);
    // A malformed e-mail and an unknown language: Frieda comes in without them.
    sheet.addRow(['Fehler', 'Frieda', 'frieda(at)example', 1970, 'de:native; qq:A2', null, null, null]);
    // In the pool already (made below through the API): merged when asked to.
    sheet.addRow(['Vogt', 'Jana', `jana.${tag}@example.org`, 1984, 'de:native', '0511 999888', null, null]);
    // Grace again in the same file.
    sheet.addRow(['Okonkwo', 'Grace', `grace.${tag}@example.org`, 1992, 'en:native', null, null, null]);
    sheet.getCell('H2').numFmt = 'dd.mm.yyyy';
    const file = join(dir, 'lotsen.xlsx');
    writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));

    await signIn(page, COORDINATOR);
    const origin = new URL(page.url()).origin;
    const jana = await page.request.post('/api/v1/volunteers', {
      data: {
        firstName: 'Jana',
        lastName: 'Vogt',
        email: `jana.${tag}@example.org`,
        birthYear: 1984,
      },
      headers: { Origin: origin },
    });
    expect(jana.status()).toBe(201);
    const janaId = ((await jana.json()) as { id: string }).id;
    const before = await pool(page.request);
    await page.goto('/volunteers/import');
    await chooseFile(page, /^Tabelle \(CSV oder XLSX\)/, file);
    await page.getByRole('button', { name: 'Weiter: Spalten zuordnen' }).click();

    await expect(column(page, 'Jahrgang')).toHaveValue('birthYear');
    const wish = column(page, 'Fortbildungswunsch');
    await expect(wish).toHaveValue('');
    await wish.selectOption('interests');
    await page.getByRole('button', { name: 'Weiter: Vorschau' }).click();

    await expect(previewRow(page, 3)).toContainText('Keine gültige E-Mail-Adresse');
    await expect(previewRow(page, 3)).toContainText('Unbekannte Sprache: qq');
    await expect(previewRow(page, 4)).toContainText(`Schon im Pool als ${isolated('Jana Vogt')} – gleiche E-Mail-Adresse.`);
    await expect(previewRow(page, 5)).toContainText('Gleiche E-Mail-Adresse wie Zeile 2.');
    await page.getByRole('radio', { name: /^Zusammenführen/ }).check();
    await expect(page.getByText('Beim Import: 2 Personen neu anlegen, 1 Profil zusammenführen, 1 Zeile überspringen.')).toBeVisible();
    await expect(previewRow(page, 4)).toContainText('Wird zusammengeführt');
    await expect(
      page.getByRole('checkbox', {
        name: 'Zuordnung für Dateien mit diesen Spalten merken',
      }),
    ).toBeChecked();
    await page.getByRole('button', { name: 'Jetzt importieren' }).click();
    await expect(page.getByText('2 Personen neu angelegt, 1 Profil zusammengeführt, 1 Zeile übersprungen.')).toBeVisible();

    const after = await pool(page.request);
    expect(added(before, after)).toEqual(['Frieda Fehler', 'Grace Okonkwo']);
    const graceId = [...after].find(([id, name]) => name === 'Grace Okonkwo' && !before.has(id))![0];
    const grace = await (await page.request.get(`/api/v1/volunteers/${graceId}`)).json();
    expect(grace).toMatchObject({
      email: `grace.${tag}@example.org`,
      birthYear: 1992,
      interests: ['gesundheit'],
      languages: [
        { code: 'en', level: 'native' },
        { code: 'de', level: 'B1' },
      ],
    });
    expect(grace.onboarding.policeCertificateOn).toBe('2026-03-02');
    expect((await (await page.request.get(`/api/v1/volunteers/${janaId}`)).json()).phone).toBe('0511 999888');

    // The same list again: the mapping comes back as it was chosen.
    await page.getByRole('button', { name: 'Weitere Datei importieren' }).click();
    await chooseFile(page, /^Tabelle \(CSV oder XLSX\)/, file);
    await page.getByRole('button', { name: 'Weiter: Spalten zuordnen' }).click();
    await expect(
      page.getByText('Die Zuordnung vom letzten Import wurde übernommen', {
        exact: false,
      }),
    ).toBeVisible();
    await expect(column(page, 'Fortbildungswunsch')).toHaveValue('interests');
    await expect(page.getByText('Vom letzten Import übernommen').first()).toBeVisible();
  });

  test('the office’s own list as it is kept: title and empty row above the headers, a totals row, a hidden column, an ambiguous district', async ({
    page,
  }) => {
    const file = join(dir, 'lotsen-wie-gefuehrt.xlsx');
    writeFileSync(file, await officeList());
    await signIn(page, COORDINATOR);
    const before = await pool(page.request);
    await page.goto('/volunteers/import');
    await chooseFile(page, /^Tabelle \(CSV oder XLSX\)/, file);
    await page.getByRole('button', { name: 'Weiter: Spalten zuordnen' }).click();

    // The header row is found below the title and the empty row, and one can pick another.
    await expect(page.getByRole('heading', { name: 'Spalten zuordnen' })).toBeFocused();
    await expect(page.getByText('Überschriften in Zeile 3 gefunden.')).toBeVisible();
    const headerRow = page.getByLabel('Zeile mit den Überschriften');
    await expect(headerRow).toHaveValue('3');
    await expect(headerRow.locator('option')).toHaveText([
      /^Zeile 1: .*Lotsinnen und Lotsen/,
      /^Zeile 3: .*Nachname.*Vorname.*E-Mail/,
      /^Zeile 4: .*Petrowa/,
      /^Zeile 5: /,
      /^Zeile 6: /,
      /^Zeile 7: .*Summe/,
    ]);
    await expect(column(page, 'Vorname')).toHaveAccessibleDescription(/Beispiele: .*Swetlana.*Deniz.*Jan/);
    await expect(column(page, 'Stadtteil')).toHaveValue('homeDistrict');
    await expect(column(page, 'Stadtteil')).toHaveAccessibleDescription(/Misburg/);
    await expect(column(page, 'Bearbeitet von')).toHaveAccessibleDescription(/^Ausgeblendete Spalte/);
    await expectNoViolations(page, 'mapping step with the header row found');

    await headerRow.selectOption('1');
    await expect(page.getByText('Überschriften aus Zeile 1.')).toBeVisible();
    await expect(page.getByRole('combobox', { name: /^Spalte „\u2068?Vorname/ })).toHaveCount(0);
    await page.getByLabel('Zeile mit den Überschriften').selectOption('3');
    await expect(page.getByText('Überschriften aus Zeile 3.')).toBeVisible();
    await expect(column(page, 'Vorname')).toHaveValue('firstName');
    await page.getByRole('button', { name: 'Weiter: Vorschau' }).click();

    await expect(page.getByRole('heading', { name: 'Vorschau prüfen' })).toBeFocused();
    const summary = page.locator('dl');
    await expect(summary).toContainText('Zeilen3');
    await expect(summary).toContainText('Kommen herein3');
    await expect(page.getByText('Summenzeile – Zeile 7')).toBeVisible();
    // "Misburg" fits several quarters: asked once, for both rows; until then the cell stays empty.
    const misburg = page.getByLabel(/^„\u2068?Misburg\u2069?“ als Wohnstadtteil/);
    await expect(misburg).toHaveAccessibleDescription('In 2 Zeilen: 4–5');
    await expect(misburg.locator('option')).toContainText(['Misburg-Nord', 'Misburg-Süd', 'Nicht übernehmen']);
    await expect(previewRow(page, 4).getByRole('listitem').filter({ hasText: 'Misburg' })).toContainText('Nicht übernommen');
    await expect(summary).toContainText('Mit nicht übernommenen Angaben3');
    await expectNoViolations(page, 'preview step with an open ambiguity');
    await misburg.selectOption('misburg-nord');
    await expect(summary).toContainText('Mit nicht übernommenen Angaben1');
    await expect(previewRow(page, 4)).toHaveCount(0);
    await expect(misburg).toHaveValue('misburg-nord');

    // Per person: who comes in with which cell left out, and why.
    const jan = previewRow(page, 6);
    await expect(jan).toContainText('Jan Nowak');
    await expect(jan).toContainText('Wird angelegt');
    await expect(jan.getByRole('listitem')).toHaveText([/^Nicht übernommen Spalte „\u2068?E-Mail\u2069?“: Keine gültige E-Mail-Adresse/]);
    await page.getByRole('checkbox', { name: 'Nur Personen mit Hinweisen' }).uncheck();
    await expect(previewRow(page, 4)).toContainText('Swetlana Petrowa');
    await expect(previewRow(page, 5)).toContainText('Deniz Kaya');
    await expectNoViolations(page, 'preview step with every person shown');
    await expect(page.getByText('Beim Import: 3 Personen neu anlegen, 0 Profile zusammenführen, 0 Zeilen überspringen.')).toBeVisible();
    await page.getByRole('button', { name: 'Jetzt importieren' }).click();
    await expect(page.getByRole('heading', { name: 'Import abgeschlossen' })).toBeFocused();
    await expect(page.getByText('3 Personen neu angelegt, 0 Profile zusammengeführt, 0 Zeilen übersprungen.')).toBeVisible();
    // Who is to be completed by hand: Jan, without his e-mail.
    await expect(page.getByRole('button', { name: 'Angaben ergänzen (1)' })).toHaveAttribute('aria-expanded', 'true');
    await expect(previewRow(page, 6)).toContainText('Angelegt');
    await expect(previewRow(page, 6)).toContainText('Keine gültige E-Mail-Adresse');
    await expectNoViolations(page, 'result step');

    const after = await pool(page.request);
    const fresh = [...after].filter(([id]) => !before.has(id));
    expect(fresh.map(([, name]) => name).sort()).toEqual(['Deniz Kaya', 'Jan Nowak', 'Swetlana Petrowa']);
    const profiles = new Map<string, { email: string | null; homeDistrict: string | null; languages: unknown }>();
    for (const [id, name] of fresh) profiles.set(name, await (await page.request.get(`/api/v1/volunteers/${id}`)).json());
    expect(profiles.get('Swetlana Petrowa')).toMatchObject({ email: `swetlana.${tag}@example.org`, homeDistrict: 'misburg-nord' });
    expect(profiles.get('Deniz Kaya')).toMatchObject({ homeDistrict: 'misburg-nord' });
    expect(profiles.get('Jan Nowak')).toMatchObject({
      email: null,
      homeDistrict: 'linden-nord',
      languages: [
        { code: 'pl', level: 'native' },
        { code: 'de', level: 'B1' },
      ],
    });
  });

  test('the wizard goes by keyboard alone, from the file to the result', async ({ page }) => {
    const file = join(dir, 'lotsen-tastatur.xlsx');
    writeFileSync(file, await officeList('kb'));
    await signIn(page, COORDINATOR);
    await page.goto('/volunteers/import');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    await tabTo(page, /^Tabelle \(CSV oder XLSX\)/);
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(file);
    await tabTo(page, 'Weiter: Spalten zuordnen');
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Spalten zuordnen' })).toBeFocused();
    await tabTo(page, 'Zeile mit den Überschriften');
    await tabTo(page, /^Spalte „\u2068?Bearbeitet von/);
    await tabTo(page, 'Weiter: Vorschau');
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Vorschau prüfen' })).toBeFocused();
    const misburg = page.getByLabel(/^„\u2068?Misburg\u2069?“ als Wohnstadtteil/);
    await tabTo(page, /^„\u2068?Misburg\u2069?“ als Wohnstadtteil/);
    await page.keyboard.press('ArrowDown');
    await expect(misburg).not.toHaveValue('');
    await expect(misburg).toBeFocused();
    await expect(page.getByText('Mit nicht übernommenen Angaben1')).toBeVisible();

    // A group folds and opens from its heading's button.
    await tabTo(page, /^Kommen herein, einzelne Angaben nicht übernommen/);
    const toggle = page.getByRole('button', { name: /^Kommen herein, einzelne Angaben nicht übernommen/ });
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByText('Jan Nowak')).toBeHidden();
    await page.keyboard.press('Space');
    await expect(page.getByText('Jan Nowak')).toBeVisible();
    expect(await toggle.evaluate((e) => e.matches(':focus-visible'))).toBe(true);

    await tabTo(page, 'Jetzt importieren');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Import abgeschlossen' })).toBeFocused();
    await tabTo(page, 'Zum Pool der Ehrenamtlichen');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/volunteers$/);
  });

  test('a file that is not a spreadsheet gets a clear error and writes nothing', async ({ page }) => {
    const file = join(dir, 'foto.xlsx');
    // A PNG's signature and header: binary, not a spreadsheet, whatever its name says.
    writeFileSync(
      file,
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR'), Buffer.alloc(64)]),
    );
    await signIn(page, COORDINATOR);
    const before = await pool(page.request);
    await page.goto('/volunteers/import');
    await chooseFile(page, /^Tabelle \(CSV oder XLSX\)/, file);
    await page.getByRole('button', { name: 'Weiter: Spalten zuordnen' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Datei nicht lesbar');
    await expect(alert).toContainText('Das ist keine Tabelle im Format CSV oder XLSX. Es wurde nichts importiert.');
    await expect(page.getByRole('heading', { name: 'Datei wählen' })).toBeVisible();
    expect(added(before, await pool(page.request))).toEqual([]);
  });

  for (const locale of ['de', 'ar'] as const) {
    test(`every step of the wizard has no axe violations (${locale})`, async ({ page }) => {
      // Eight axe scans over two uploads: more than the default minute on a busy machine.
      test.slow();
      const label = {
        de: {
          file: /^Tabelle/,
          next: 'Weiter: Spalten zuordnen',
          preview: 'Weiter: Vorschau',
          merge: /^Zusammenführen/,
          commit: 'Jetzt importieren',
          done: 'Import abgeschlossen',
          backToMapping: 'Zurück zur Zuordnung',
          back: 'Zurück',
          onlyNotes: 'Nur Personen mit Hinweisen',
        },
        ar: {
          file: /^الجدول/,
          next: 'التالي: مطابقة الأعمدة',
          preview: 'التالي: المعاينة',
          merge: /^الدمج/,
          commit: 'الاستيراد الآن',
          done: 'اكتمل الاستيراد',
          backToMapping: 'العودة إلى المطابقة',
          back: 'رجوع',
          onlyNotes: 'الأشخاص الذين لديهم ملاحظات فقط',
        },
      }[locale];
      const broken = join(dir, `kaputt-${locale}.csv`);
      writeFileSync(broken, Buffer.from([0x00, 0x01, 0x02, 0x50, 0x4b, 0x00]));
      // One row that is already in the pool, merged with the same values: the pool does not grow.
      const same = join(dir, `amira-${locale}.csv`);
      writeFileSync(same, 'Nachname;Vorname;E-Mail\r\nHaddad;Amira;lotsin@demo.lotse.dev\r\n');

      await signIn(page, COORDINATOR);
      await setSavedLocale(page, locale);
      try {
        const before = await pool(page.request);
        await page.goto('/volunteers/import');
        await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
        await expectNoViolations(page, `file step (${locale})`);

        await chooseFile(page, label.file, broken);
        await page.getByRole('button', { name: label.next }).click();
        await expect(page.getByRole('alert')).toBeVisible();
        await expectNoViolations(page, `file step with an error (${locale})`);

        // The office's list: the header row found, samples, a hidden column, an open ambiguity, notes per person.
        const office = join(dir, `lotsen-${locale}.xlsx`);
        writeFileSync(office, await officeList(`axe${locale}`));
        await chooseFile(page, label.file, office);
        await page.getByRole('button', { name: label.next }).click();
        await expect(page.getByRole('button', { name: label.preview })).toBeVisible();
        await expectNoViolations(page, `mapping step of the office's list (${locale})`);
        await page.getByRole('button', { name: label.preview }).click();
        await page.getByRole('checkbox', { name: label.onlyNotes }).uncheck();
        await expect(page.locator('select')).toHaveCount(1);
        await expectNoViolations(page, `preview of the office's list (${locale})`);
        await page.setViewportSize({ width: 360, height: 740 });
        await expectNoViolations(page, `preview of the office's list on a phone (${locale})`);
        await expectFitsWidth(page);
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.getByRole('button', { name: label.backToMapping }).click();
        await page.getByRole('button', { name: label.back, exact: true }).click();

        await chooseFile(page, label.file, same);
        await page.getByRole('button', { name: label.next }).click();
        await expect(page.getByRole('button', { name: label.preview })).toBeVisible();
        await expectNoViolations(page, `mapping step (${locale})`);

        await page.getByRole('button', { name: label.preview }).click();
        await page.getByRole('radio', { name: label.merge }).check();
        await expect(page.getByRole('button', { name: label.commit })).toBeEnabled();
        await expectNoViolations(page, `preview step (${locale})`);

        await page.setViewportSize({ width: 360, height: 740 });
        await expectNoViolations(page, `preview step on a phone (${locale})`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        await page.setViewportSize({ width: 1280, height: 800 });

        await page.getByRole('button', { name: label.commit }).click();
        await expect(page.getByRole('heading', { name: label.done })).toBeVisible();
        await expectNoViolations(page, `result step (${locale})`);
        expect(added(before, await pool(page.request))).toEqual([]);
      } finally {
        await setSavedLocale(page, 'de');
      }
    });
  }
});
