import type { Page } from '@playwright/test';
import { COORDINATOR, expect, expectFitsWidth, expectNoViolations, setSavedLocale, settled, signIn, test } from './fixtures.js';

const PARTNER = { email: 'schule@demo.lotse.dev', password: 'lotse-demo-2026' };

/** A title no other spec (or an earlier run against the same data) uses. */
const unique = (title: string) => `${title} ${Date.now().toString(36)}`;

async function apiOrigin(page: Page) {
  return { Origin: new URL(page.url()).origin };
}

/** A complete request straight through the API, released for matching; answers its id. */
async function readyRequest(page: Page, title: string, language: string): Promise<string> {
  const headers = await apiOrigin(page);
  const created = await page.request.post('/api/v1/guide-requests', {
    headers,
    data: {
      title,
      kind: 'accompaniment',
      topic: 'behoerden',
      description: 'Begleitung zum Bürgeramt, Anmeldung der Wohnung.',
      languages: [{ code: language, minLevel: 'B2' }],
      districtKey: 'linden-limmer',
      place: 'Bürgeramt Linden',
      startsAt: '2027-02-10T09:00:00Z',
      expectedHours: 2,
      seeker: { ageGroup: 'adult', languages: [language] },
      contact: { name: 'Frau Schulz', phone: '0511 168 0' },
    },
  });
  expect(created.status()).toBe(201);
  const body = (await created.json()) as { id: string; version: number };
  const released = await page.request.patch(`/api/v1/guide-requests/${body.id}`, {
    headers,
    data: { status: 'ready', version: body.version },
  });
  expect(released.ok()).toBeTruthy();
  return body.id;
}

test.describe('guide requests', () => {
  test('a partner submits an incomplete request and sees what is still missing; the coordinator completes, releases and proposes the best candidate', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const title = unique('Elterngespräch Klasse 7b');

    // The school secretary: a quick request, far from complete.
    await signIn(page, PARTNER);
    await page.getByRole('navigation').getByRole('link', { name: 'Anfragen' }).click();
    await settled(page);
    await page.getByRole('link', { name: 'Neue Anfrage' }).first().click();
    await settled(page);
    const missing = page.getByRole('complementary', { name: 'Fehlt noch für die Vermittlung' });
    await expect(missing.getByRole('button', { name: 'Thema' })).toBeVisible();
    await page.getByLabel(/^Titel/).fill(title);
    await page.getByLabel(/^Art des Einsatzes/).selectOption({ label: 'Elternabend / Elterngespräch' });
    await page.getByLabel(/^Beschreibung/).fill('Eine Mutter möchte beim Gespräch mit der Klassenlehrerin begleitet werden.');
    // The live list follows what is typed: the kind and the description are no longer missing.
    await expect(missing.getByRole('button', { name: 'Art des Einsatzes' })).toHaveCount(0);
    await expect(missing.getByRole('button', { name: 'Beschreibung' })).toHaveCount(0);
    // Partners neither pick an organisation nor see origins.
    await expect(page.getByLabel(/^Anfragende Einrichtung/)).toHaveCount(0);
    await page.getByRole('button', { name: 'Anfrage speichern' }).click();

    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await settled(page);
    const note = page.getByRole('note').filter({ hasText: 'Für die Vermittlung fehlen noch' });
    await expect(note).toBeVisible();
    await expect(note.getByRole('listitem').filter({ hasText: 'Thema' })).toBeVisible();
    await expect(note.getByRole('listitem').filter({ hasText: 'Sprachen' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Verlauf' })).toContainText('Neu');
    // No matching for partners.
    await expect(page.getByRole('heading', { name: 'Passende Lots*innen' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Bereit zur Vermittlung' })).toHaveCount(0);
    const requestUrl = page.url();

    await page.getByRole('link', { name: 'Zurück zu den Anfragen' }).click();
    const row = page.getByRole('row').filter({ hasText: title });
    await expect(row).toContainText('Neu');
    await expect(row).toContainText(/\d+ Angaben fehlen/);

    // The coordinator: the incomplete request cannot be released yet, and the button says what it waits for.
    await page.context().clearCookies();
    await signIn(page, COORDINATOR);
    await page.goto(requestUrl);
    await settled(page);
    const release = page.getByRole('button', { name: 'Bereit zur Vermittlung' });
    await expect(release).toBeDisabled();
    await expect(release).toHaveAccessibleDescription(/^Noch nicht möglich\. Es fehlen: Thema, Sprachen, /);

    // Completes the description.
    await page.getByRole('link', { name: 'Angaben ergänzen' }).first().click();
    await settled(page);
    await page.getByLabel(/^Thema/).selectOption({ label: 'Schule und Eltern' });
    await page.getByRole('button', { name: 'Sprache hinzufügen' }).click();
    await page.getByLabel('Sprache 1', { exact: true }).selectOption({ label: 'Arabisch' });
    await page.getByLabel('Mindestens Niveau').selectOption('B2');
    await page.getByLabel(/^Stadtteil/).selectOption({ label: 'Linden-Limmer (ganzer Stadtbezirk)' });
    await page.getByRole('textbox', { name: /^Ort/ }).fill('IGS Linden, Raum 104');
    await page.getByLabel(/^Beginn/).fill('2027-01-20T16:30');
    await page.getByLabel(/^Erwarteter Umfang/).fill('1.5');
    await page.getByLabel(/^Altersgruppe/).selectOption({ label: 'Erwachsene*r' });
    await page.getByLabel(/^Ansprechperson/).fill('Jens Brandt');
    await page.getByLabel(/^Telefon/).fill('0511 123 456');
    await expect(page.getByRole('complementary', { name: 'Fehlt noch für die Vermittlung' })).toContainText(
      'Die Beschreibung ist vollständig.',
    );
    await page.getByRole('button', { name: 'Speichern' }).click();

    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await settled(page);
    await expect(page.getByRole('note').filter({ hasText: 'Für die Vermittlung fehlen noch' })).toHaveCount(0);
    // Berlin time, as entered.
    await expect(page.getByRole('region', { name: 'Ort und Zeit' })).toContainText('20.01.2027, 16:30');

    await page.getByRole('button', { name: 'Bereit zur Vermittlung' }).click();
    await expect(page.getByRole('group', { name: 'Stand der Anfrage' })).toContainText('Bereit zur Vermittlung');

    // Ranked candidates with a score and readable reasons.
    const candidates = page.locator('li.candidate');
    await expect(candidates.first()).toBeVisible();
    const names = await candidates.getByRole('link').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['Amira Haddad', 'Karim Nasser']));
    const first = names[0]!;
    await expect(page.getByRole('meter', { name: `Übereinstimmung von ${first}` })).toHaveAttribute('aria-valuenow', /\d+/);
    await page.getByRole('button', { name: `Begründung zeigen: ${first}` }).click();
    await expect(candidates.first().getByText('Entfernung')).toBeVisible();
    await expect(candidates.first().getByText(/Stadtteil des Einsatzes|km vom Einsatzort/)).toBeVisible();

    // "Why not …?": an excluded volunteer and the rule that keeps them out, found by name.
    await page.getByRole('button', { name: 'Warum nicht …?' }).click();
    const whyNot = page.getByRole('region', { name: 'Nicht infrage kommende Ehrenamtliche' });
    await whyNot.getByLabel('Nach Namen suchen').fill('Becker');
    await expect(whyNot.getByRole('listitem').filter({ hasText: 'Jonas Becker' })).toContainText('Spricht kein Arabisch.');
    await expect(whyNot.getByRole('link', { name: 'Amira Haddad' })).toHaveCount(0);

    // Proposing the best candidate: two clicks on the opened request.
    await page.getByRole('button', { name: `Vorschlagen: ${first}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Vorschlag senden' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const proposals = page.getByRole('region', { name: 'Vorschläge' });
    await expect(proposals.getByRole('listitem').filter({ hasText: first })).toContainText('Wartet auf Antwort');
    await expect(page.getByRole('group', { name: 'Stand der Anfrage' })).toContainText('Vorgeschlagen');

    // The volunteer declined on the phone: a decline needs a reason, and says it was recorded on their behalf.
    await proposals.getByRole('button', { name: 'Absage erfassen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Absage erfassen' }).click();
    await expect(dialog.getByText('Pflichtfeld')).toBeVisible();
    await dialog.getByLabel(/Grund der Absage/).fill('Ist an dem Tag verreist.');
    await dialog.getByRole('button', { name: 'Absage erfassen' }).click();
    await expect(dialog).toHaveCount(0);
    const declined = proposals.getByRole('listitem').filter({ hasText: first });
    await expect(declined).toContainText('Abgelehnt');
    await expect(declined).toContainText(/im Auftrag erfasst von \u2068?Katrin Vogel/);
    await expect(declined).toContainText('Ist an dem Tag verreist.');
  });

  test('the plan assigns volunteers to waiting requests; the coordinator sends a chosen proposal and sees what happened per row', async ({
    page,
  }) => {
    await signIn(page, COORDINATOR);
    const title = unique('Begleitung Bürgeramt (Türkisch)');
    await readyRequest(page, title, 'tr');
    await page.goto('/requests');
    await settled(page);
    await page.getByRole('link', { name: 'Vermittlungsplan' }).click();
    await settled(page);
    const assignments = page.getByRole('region', { name: 'Vorgeschlagene Zuordnungen' });
    const group = assignments.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });
    await expect(group).toBeVisible();
    await expect(group.getByRole('meter').first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Ergebnis' })).toContainText('Besetzte Plätze');

    // Untick every assignment but the one for this request.
    for (const box of await assignments.getByRole('checkbox').all()) await box.uncheck();
    const mine = group.getByRole('checkbox').first();
    const volunteer = (await group.locator('label').first().textContent())!.trim();
    await mine.check();
    await page.getByRole('button', { name: '1 Vorschlag senden' }).click();
    await expect(group).toContainText('Vorgeschlagen.');
    await expect(assignments.getByRole('status')).toContainText('1 Vorschlag verschickt');

    await group.getByRole('link', { name: title }).click();
    await settled(page);
    await expect(page.getByRole('region', { name: 'Vorschläge' }).getByRole('listitem').filter({ hasText: volunteer })).toContainText(
      'Wartet auf Antwort',
    );
  });

  test('list, form and detail with candidates pass axe in German and Arabic; the list fits a phone', async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, COORDINATOR);
    const id = await readyRequest(page, unique('Begleitung Jobcenter'), 'ar');
    try {
      for (const locale of ['de', 'ar'] as const) {
        await setSavedLocale(page, locale);
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.goto('/requests');
        await settled(page);
        await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
        await expectNoViolations(page, `/requests (${locale})`);

        await page.goto('/requests/new');
        await settled(page);
        await page.getByRole('button', { name: locale === 'ar' ? 'إضافة لغة' : 'Sprache hinzufügen' }).click();
        await expectNoViolations(page, `/requests/new (${locale})`);

        await page.goto(`/requests/${id}`);
        await settled(page);
        await expect(page.locator('li.candidate').first()).toBeVisible();
        await page.locator('.candidate-toggle').first().click();
        await page.getByRole('button', { name: locale === 'ar' ? 'لماذا لا …؟' : 'Warum nicht …?' }).click();
        await expect(page.locator('.excluded-list li').first()).toBeVisible();
        await expectNoViolations(page, `/requests/:id with candidates (${locale})`);

        await page.goto('/requests/plan');
        await settled(page);
        await expectNoViolations(page, `/requests/plan (${locale})`);

        await page.setViewportSize({ width: 360, height: 740 });
        await page.goto('/requests');
        await settled(page);
        await expectFitsWidth(page);
        await expectNoViolations(page, `/requests on a phone (${locale})`);
        await page.goto(`/requests/${id}`);
        await settled(page);
        await expect(page.locator('li.candidate').first()).toBeVisible();
        await expectFitsWidth(page);
      }
    } finally {
      await setSavedLocale(page, 'de');
    }
  });
});
