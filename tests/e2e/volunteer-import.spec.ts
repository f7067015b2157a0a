import type { APIRequestContext, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COORDINATOR, expect, setSavedLocale, signIn, test, expectNoViolations } from './fixtures.js';

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

/** The preview table's row for a spreadsheet row number. */
const previewRow = (page: Page, row: number) => page.getByRole('row').filter({ has: page.getByText(`Zeile ${row}`, { exact: true }) });

test.describe('importing the volunteer pool from a spreadsheet', () => {
  test('a CSV file: every row’s problems are shown, only valid rows are written', async ({ page }) => {
    const file = join(dir, 'lotsen.csv');
    writeFileSync(
      file,
      [
        'Nachname;Vorname;E-Mail;Geburtsjahr;Sprachen;Stadtteil;Status',
        `Mansour;Rana;rana.${tag}@example.org;1987;"ar:native; de:B2";Linden-Nord;Aktiv`,
        // The deliberately broken row: a malformed e-mail and an unknown language.
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
    await expect(summary).toContainText('Gültig2');
    await expect(summary).toContainText('Mit Problemen1');
    await expect(summary).toContainText('Duplikate2');
    await expect(previewRow(page, 3)).toContainText('Fehlerhaft');
    await expect(previewRow(page, 3)).toContainText('Keine gültige E-Mail-Adresse');
    await expect(previewRow(page, 3)).toContainText('Unbekannte Sprache: xx');
    await expect(previewRow(page, 4)).toContainText('Ein Profil im Pool hat dieselbe E-Mail-Adresse.');
    await expect(previewRow(page, 5)).toContainText('Gleicher Name und gleiches Geburtsjahr wie Zeile 2.');
    await page.getByText('Alle (5)').click();
    await expect(previewRow(page, 2)).toContainText('Wird angelegt');
    await expect(previewRow(page, 6)).toContainText('Wird angelegt');
    await expect(page.getByRole('radio', { name: /^Überspringen/ })).toBeChecked();
    await expect(page.getByText('Beim Import: 2 Personen neu anlegen, 0 Profile zusammenführen, 3 Zeilen überspringen.')).toBeVisible();
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
    await expect(page.getByText('2 Personen neu angelegt, 0 Profile zusammengeführt, 3 Zeilen übersprungen.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Zum Pool der Ehrenamtlichen' })).toHaveAttribute('href', '/volunteers');

    expect(added(before, await pool(page.request))).toEqual(['Lena Brandt', 'Rana Mansour']);
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
    // Broken: a malformed e-mail and an unknown language.
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
    await expect(previewRow(page, 4)).toContainText('Ein Profil im Pool hat dieselbe E-Mail-Adresse.');
    await expect(previewRow(page, 5)).toContainText('Gleiche E-Mail-Adresse wie Zeile 2.');
    await page.getByRole('radio', { name: /^Zusammenführen/ }).check();
    await expect(page.getByText('Beim Import: 1 Person neu anlegen, 1 Profil zusammenführen, 2 Zeilen überspringen.')).toBeVisible();
    await expect(previewRow(page, 4)).toContainText('Wird zusammengeführt');
    await expect(
      page.getByRole('checkbox', {
        name: 'Zuordnung für Dateien mit diesen Spalten merken',
      }),
    ).toBeChecked();
    await page.getByRole('button', { name: 'Jetzt importieren' }).click();
    await expect(page.getByText('1 Person neu angelegt, 1 Profil zusammengeführt, 2 Zeilen übersprungen.')).toBeVisible();

    const after = await pool(page.request);
    expect(added(before, after)).toEqual(['Grace Okonkwo']);
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
      const label = {
        de: {
          file: /^Tabelle/,
          next: 'Weiter: Spalten zuordnen',
          preview: 'Weiter: Vorschau',
          merge: /^Zusammenführen/,
          commit: 'Jetzt importieren',
          done: 'Import abgeschlossen',
        },
        ar: {
          file: /^الجدول/,
          next: 'التالي: مطابقة الأعمدة',
          preview: 'التالي: المعاينة',
          merge: /^الدمج/,
          commit: 'الاستيراد الآن',
          done: 'اكتمل الاستيراد',
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
