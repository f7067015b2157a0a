import { type Page } from '@playwright/test';
import { ADMIN, apiSession, COORDINATOR, expect, expectFitsWidth, expectNoViolations, ok, setSavedLocale, settled, signIn, test } from './fixtures.js';

/** Amira Haddad's portal account in the demo network. */
const VOLUNTEER = { email: 'lotsin@demo.lotse.dev', password: 'lotse-demo-2026' };

/** Well-known valid test IBANs (checksums right), so that the SEPA file can be written. */
const NETWORK_ACCOUNT = { name: 'Integrationsnetz Hannover', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' };
const VOLUNTEER_IBAN = 'DE02 1203 0000 0000 2020 51';

/** A 1×1 PNG: the smallest real image the receipt upload accepts. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

interface Agreement {
  id: string;
  status: string;
  version: number;
  requestTitle: string | null;
}

const stamp = Date.now().toString(36);
const TITLE = `Begleitung zum Jobcenter ${stamp}`;

/**
 * The network pays a flat 10 € per deployment and 30 ct per km by car, from a payout account; the
 * coordination asks for a guide and proposes Amira Haddad.
 */
async function prepare(baseURL: string): Promise<{ amiraId: string }> {
  const admin = await apiSession(baseURL, ADMIN);
  const coordinator = await apiSession(baseURL, COORDINATOR);
  try {
    const network = await ok<{ version: number }>(admin.get('/api/v1/network'));
    await ok(admin.patch('/api/v1/network', { data: { version: network.version, settings: { payoutAccount: NETWORK_ACCOUNT, mileageRateCents: 30, allowanceUnit: 'deployment', allowanceCents: 1000 } } }));

    const pool = await ok<{ items: { id: string; firstName: string; lastName: string }[] }>(coordinator.get('/api/v1/volunteers?limit=200'));
    const amira = pool.items.find((v) => v.firstName === 'Amira' && v.lastName === 'Haddad')!;
    const orgs = await ok<{ items: { id: string; name: string }[] }>(coordinator.get('/api/v1/organizations?limit=200'));
    const school = orgs.items.find((o) => o.name === 'IGS Linden')!;

    const created = await ok<{ id: string; version: number }>(
      coordinator.post('/api/v1/guide-requests', {
        data: {
          title: TITLE,
          kind: 'accompaniment',
          topic: 'behoerden',
          description: 'Eine Mutter braucht Begleitung zu zwei Terminen beim Jobcenter und Hilfe beim Ausfüllen der Anträge.',
          languages: [{ code: 'ar', minLevel: 'B2' }],
          districtKey: 'linden-mitte',
          place: 'Jobcenter Hannover, Linden',
          schedule: [{ weekday: 2, from: '15:00', to: '17:00' }],
          expectedHours: 6,
          seeker: { ageGroup: 'adult', languages: ['ar'] },
          contact: { name: 'Frau Schulz (Sozialarbeit)', phone: '0511 1234567' },
          requesterOrganizationId: school.id,
        },
      }),
      201,
    );
    await ok(coordinator.patch(`/api/v1/guide-requests/${created.id}`, { data: { status: 'ready', version: created.version } }));
    await ok(coordinator.post(`/api/v1/guide-requests/${created.id}/proposals`, { data: { volunteerId: amira.id, message: 'Das passt gut zu Ihren Dienstagen.' } }), 201);
    return { amiraId: amira.id };
  } finally {
    await admin.dispose();
    await coordinator.dispose();
  }
}

/** Logs one deployment through the portal's form. */
async function logDeployment(page: Page, values: { hours: string; km: string; transport: string; ticket?: string }) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Einsatz eintragen');
  await expect(page.getByLabel('Zu welcher Vereinbarung?')).toHaveValue(/.+/);
  await expect(page.getByText('Bitte keine persönlichen Angaben')).toBeVisible();
  await page.getByLabel('Wie viele Stunden?').fill(values.hours);
  await page.getByLabel('Kilometer (hin und zurück)').fill(values.km);
  await page.getByLabel('Womit unterwegs?').selectOption(values.transport);
  if (values.ticket) {
    await page.getByLabel('Ticket-Kosten in Euro').fill(values.ticket);
    await page.locator('input[type=file]').setInputFiles({ name: 'ticket.png', mimeType: 'image/png', buffer: PNG });
  }
  await page.getByLabel('Kurze Notiz (freiwillig)').fill('Termin begleitet');
  await page.getByRole('button', { name: 'Einsatz speichern' }).click();
  await page.waitForURL(/\/portal\/deployments$/);
  await settled(page);
}

test.describe.serial('placements: proposal → agreement → deployments → claim → payout', () => {
  let agreementId = '';

  test.beforeAll(async ({ baseURL }) => {
    await prepare(baseURL!);
  });

  test.afterAll(async ({ baseURL }) => {
    // Leave Amira's capacity as seeded for other journeys: close what this journey opened.
    if (!agreementId) return;
    const coordinator = await apiSession(baseURL!, COORDINATOR);
    const a = await ok<Agreement>(coordinator.get(`/api/v1/agreements/${agreementId}`));
    if (a.status === 'active') await ok(coordinator.post(`/api/v1/agreements/${agreementId}/close`, { data: { outcome: 'achieved', version: a.version } }));
    await coordinator.dispose();
  });

  test('the volunteer accepts the proposal, logs two deployments and claims them', async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, VOLUNTEER);
    await page.goto('/portal/proposals');
    await settled(page);

    // The request, with what she needs to decide.
    const requests = page.getByRole('region', { name: 'Neue Anfragen für Sie' });
    const card = requests.getByRole('listitem').filter({ hasText: TITLE });
    await expect(card.getByText('Jobcenter Hannover, Linden')).toBeVisible();
    await expect(card.getByText('etwa 6 Stunden insgesamt')).toBeVisible();
    await expect(card.getByText(/Bitte antworten Sie bis/)).toBeVisible();
    await expect(card.getByText('IGS Linden')).toBeVisible();
    await card.getByRole('button', { name: `Zusagen: ${TITLE}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Anfrage zusagen?' });
    await dialog.getByRole('button', { name: 'Ja, zusagen' }).click();
    await expect(dialog).toBeHidden();
    await expect(requests.getByRole('status')).toContainText(`Sie haben „${TITLE}“ zugesagt`);
    await requests.getByRole('status').getByRole('link', { name: 'Vereinbarungen' }).click();
    await expect(page).toHaveURL(/\/portal\/agreements$/);

    // The agreement, and from it the form to log a deployment.
    const agreements = page.getByRole('region', { name: 'Meine Vereinbarungen' });
    const agreement = agreements.getByRole('listitem').filter({ hasText: TITLE });
    await expect(agreement.getByText('IGS Linden')).toBeVisible();
    await expect(agreement.getByText(/^bis /)).toBeVisible();
    await agreement.getByRole('link', { name: `Einsatz eintragen: ${TITLE}` }).click();
    // The form's code arrives on its own: the address changes once it has.
    await page.waitForURL(/\/portal\/deployments\/new\?agreement=/);
    agreementId = new URL(page.url()).searchParams.get('agreement') ?? '';
    expect(agreementId).not.toBe('');
    await settled(page);

    // A future date is refused before anything is sent.
    await page.getByLabel('Datum').fill('2099-01-01');
    await page.getByRole('button', { name: 'Einsatz speichern' }).click();
    await expect(page.getByLabel('Datum')).toHaveAccessibleDescription('Das Datum darf nicht in der Zukunft liegen.');
    await page.getByLabel('Kilometer (hin und zurück)').fill('12');
    await page.getByLabel('Womit unterwegs?').selectOption('');
    await page.getByRole('button', { name: 'Einsatz speichern' }).click();
    await expect(page.getByLabel('Womit unterwegs?')).toHaveAccessibleDescription(/Bitte angeben, womit Sie unterwegs waren/);
    await expectNoViolations(page, 'the deployment form with errors');
    await page.reload();
    await settled(page);

    // She types the kilometres wrong, then corrects them.
    await logDeployment(page, { hours: '2', km: '21', transport: 'car' });
    const mine = page.getByRole('region', { name: 'Meine Einsätze' });
    await expect(mine.getByRole('row').filter({ hasText: TITLE })).toContainText('21 km');
    await mine.getByRole('row').filter({ hasText: TITLE }).getByRole('link', { name: /^Einsatz am .* ändern$/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Einsatz ändern');
    await settled(page);
    await expect(page.getByLabel('Wie viele Stunden?')).toHaveValue('2');
    await expect(page.getByLabel('Kilometer (hin und zurück)')).toHaveValue('21');
    await expect(page.getByLabel('Kurze Notiz (freiwillig)')).toHaveValue('Termin begleitet');
    await page.getByLabel('Kilometer (hin und zurück)').fill('12,5');
    await page.getByRole('button', { name: 'Änderungen speichern' }).click();
    await page.waitForURL(/\/portal\/deployments$/);
    await settled(page);
    await expect(mine.getByRole('row').filter({ hasText: TITLE })).toContainText('12,5 km');

    await page.goto(`/portal/deployments/new?agreement=${agreementId}`);
    await settled(page);
    await logDeployment(page, { hours: '1,5', km: '8', transport: 'car', ticket: '3,20' });

    // One logged twice by mistake is deleted again, after a question.
    await page.goto(`/portal/deployments/new?agreement=${agreementId}`);
    await settled(page);
    await logDeployment(page, { hours: '1', km: '', transport: '' });
    await expect(mine.getByRole('row').filter({ hasText: TITLE })).toHaveCount(3);
    const twice = mine.getByRole('row').filter({ hasText: TITLE }).filter({ hasNotText: /\d km,/ });
    await twice.getByRole('link', { name: /^Einsatz am .* ändern$/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Einsatz ändern');
    await page.getByRole('button', { name: 'Einsatz löschen' }).click();
    const ask = page.getByRole('dialog', { name: 'Einsatz löschen?' });
    await expect(ask).toContainText('Das lässt sich nicht rückgängig machen');
    await expectNoViolations(page, 'the deployment edit form, asking before deleting');
    // Escape keeps it; the second time it goes.
    await page.keyboard.press('Escape');
    await expect(ask).toBeHidden();
    await page.getByRole('button', { name: 'Einsatz löschen' }).click();
    await ask.getByRole('button', { name: 'Ja, löschen' }).click();
    await page.waitForURL(/\/portal\/deployments$/);
    await settled(page);

    await expect(mine.getByRole('row').filter({ hasText: TITLE })).toHaveCount(2);
    await expect(mine.getByText('Beleg ist da')).toBeVisible();
    await expect(mine.getByText('Noch nicht abgerechnet')).toHaveCount(2);

    // Her bank account, for the transfer, next to the claim.
    await page.getByRole('navigation', { name: 'Bereiche von „Mein Engagement“' }).getByRole('link', { name: 'Abrechnung' }).click();
    await expect(page).toHaveURL(/\/portal\/claims$/);
    const bank = page.getByRole('region', { name: 'Meine Bankverbindung' });
    await bank.getByLabel('IBAN').fill('DE12');
    await bank.getByRole('button', { name: 'Bankverbindung speichern' }).click();
    await expect(bank.getByLabel('IBAN')).toHaveAttribute('aria-invalid', 'true');
    await bank.getByLabel('IBAN').fill(VOLUNTEER_IBAN);
    await bank.getByRole('button', { name: 'Bankverbindung speichern' }).click();
    await expect(bank.getByRole('status')).toHaveText('Gespeichert.');

    // The claim: 20.5 km by car × 0.30 € = 6.15 €, the ticket 3.20 €, 2 × 10 € allowance.
    const claim = page.getByRole('region', { name: 'Auslagen abrechnen' });
    await expect(claim.getByText(/Aufwandsentschädigung 2\d{3}: .* von 960,00\s€ steuerfrei/)).toBeVisible();
    await expect(claim.getByText('Nur die Pauschale zählt dazu', { exact: false })).toBeVisible();
    for (const box of await claim.getByRole('checkbox').all()) await box.check();
    await expect(claim.getByRole('row', { name: /Zusammen, voraussichtlich/ })).toContainText(/29,35\s€/);
    await claim.getByRole('button', { name: 'Abrechnung senden' }).click();
    const sent = claim.getByRole('status').filter({ hasText: 'Abrechnung gesendet' });
    await expect(sent).toBeVisible();
    await expect(sent.getByRole('row', { name: /Kilometergeld: 20,5 km/ })).toContainText(/6,15\s€/);
    await expect(sent.getByRole('row', { name: /Tickets/ })).toContainText(/3,20\s€/);
    await expect(sent.getByRole('row', { name: /Aufwandsentschädigung/ })).toContainText(/20,00\s€/);
    await expect(sent.getByRole('row', { name: 'Zusammen' })).toContainText(/29,35\s€/);
    await expect(claim.getByText('Alle Einsätze sind schon abgerechnet.')).toBeVisible();
    await page.getByRole('navigation', { name: 'Bereiche von „Mein Engagement“' }).getByRole('link', { name: 'Einsätze' }).click();
    await expect(mine.getByText('Eingereicht')).toHaveCount(2);
  });

  test('the coordinator approves the claim, pays it out by SEPA file and marks it paid', async ({ page }) => {
    await signIn(page, COORDINATOR);
    await page.getByRole('navigation').getByRole('link', { name: 'Auslagen' }).click();
    await settled(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Auslagen');
    await expectNoViolations(page, '/expense-claims');

    const toCheck = page.getByRole('region', { name: 'Zu prüfen' });
    await toCheck.getByRole('link', { name: /Abrechnung von Amira Haddad/ }).first().click();
    await settled(page);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Abrechnung von Amira Haddad');
    const amounts = page.getByRole('region', { name: 'Beträge' });
    await expect(amounts.getByRole('row', { name: /Kilometergeld: 20,5 km mit dem Auto × 0,30\s€/ })).toContainText(/6,15\s€/);
    await expect(amounts.getByRole('row', { name: 'Zusammen' })).toContainText(/29,35\s€/);
    await expect(page.getByRole('link', { name: /Beleg vom .* herunterladen/ })).toHaveCount(1);
    await expect(page.getByRole('region', { name: /Jahr von Amira Haddad/ }).getByRole('progressbar')).toBeVisible();
    await expectNoViolations(page, 'an expense claim');

    await page.getByRole('button', { name: 'Genehmigen' }).click();
    const approve = page.getByRole('dialog', { name: 'Abrechnung genehmigen' });
    await approve.getByRole('button', { name: 'Genehmigen' }).click();
    await expect(approve).toBeHidden();
    await expect(amounts.getByText('Genehmigt')).toBeVisible();

    await page.getByRole('link', { name: 'Zurück zu den Auslagen' }).click();
    await settled(page);
    const payout = page.getByRole('region', { name: 'Auszahlung erstellen' });
    await expect(payout.getByText(/genehmigte Abrechnung/)).toBeVisible();
    await payout.getByRole('button', { name: 'Auszahlung erstellen' }).click();
    await expect(payout.getByRole('status')).toContainText('Auszahlung erstellt');

    const payouts = page.getByRole('region', { name: 'Auszahlungen' });
    const row = payouts.getByRole('row').filter({ hasText: /29,35\s€/ }).first();
    const sepa = row.getByRole('link', { name: /SEPA-Datei der Auszahlung/ });
    const xml = await page.request.get((await sepa.getAttribute('href'))!);
    expect(xml.status()).toBe(200);
    expect(xml.headers()['content-type']).toContain('application/xml');
    const text = await xml.text();
    expect(text).toMatch(/^<\?xml/);
    expect(text).toContain('<InstdAmt Ccy="EUR">29.35</InstdAmt>');
    expect(text).toContain('DE02120300000000202051');
    const [file] = await Promise.all([page.waitForEvent('download'), sepa.click()]);
    expect(file.suggestedFilename()).toMatch(/\.xml$/);
    const csv = await page.request.get((await row.getByRole('link', { name: /CSV der Auszahlung/ }).getAttribute('href'))!);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('29,35');

    await row.getByRole('button', { name: /als bezahlt markieren/ }).click();
    const confirm = page.getByRole('dialog', { name: 'Auszahlung bezahlt?' });
    await confirm.getByRole('button', { name: 'Als bezahlt markieren' }).click();
    await expect(confirm).toBeHidden();
    await expect(row.getByText(/Bezahlt am/)).toBeVisible();
  });

  test('the coordinator finds the agreement, sees the deployments and extends it', async ({ page }) => {
    await signIn(page, COORDINATOR);
    await page.getByRole('navigation').getByRole('link', { name: 'Vereinbarungen' }).click();
    await settled(page);
    await expectNoViolations(page, '/agreements');
    await page.getByRole('row').filter({ hasText: TITLE }).getByRole('link', { name: 'Amira Haddad' }).click();
    await settled(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Vereinbarung: ${TITLE}`);
    const deployments = page.getByRole('region', { name: 'Eingetragene Einsätze' });
    await expect(deployments.getByText('Ausgezahlt')).toHaveCount(2);
    await expectNoViolations(page, 'an agreement');

    await page.getByRole('button', { name: 'Verlängern' }).click();
    const extend = page.getByRole('dialog', { name: 'Vereinbarung verlängern' });
    await extend.getByRole('button', { name: 'Verlängern' }).click();
    await expect(extend).toBeHidden();
    await expect(page.getByText('einmal verlängert')).toBeVisible();
  });

  test('the coordinator records an agreement made on the phone, by keyboard', async ({ page, baseURL }) => {
    // A volunteer of this test alone, so that the demo pool's load stays as the other journeys expect it.
    const coordinator = await apiSession(baseURL!, COORDINATOR);
    const lastName = `Telefon ${stamp}`;
    try {
      await ok(
        coordinator.post('/api/v1/volunteers', {
          data: {
            firstName: 'Nadia',
            lastName,
            email: `nadia-${stamp}@example.org`,
            status: 'active',
            qualifications: [{ type: 'basic', completedOn: '2025-06-30', provider: 'vhs Hannover' }],
            languages: [{ code: 'ar', level: 'native' }],
          },
        }),
        201,
      );
    } finally {
      await coordinator.dispose();
    }
    await signIn(page, COORDINATOR);
    await page.goto('/agreements');
    await settled(page);
    await page.getByRole('link', { name: 'Vereinbarung erfassen' }).click();
    await settled(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vereinbarung erfassen');
    // The longest term is the default end, and said in words.
    await expect(page.getByText(/Höchstens 6 Monate nach dem Beginn/)).toBeVisible();
    await expectNoViolations(page, 'the agreement form');

    // Saving without a person or a task names both fields.
    await page.getByRole('button', { name: 'Vereinbarung speichern' }).click();
    await expect(page.getByRole('textbox', { name: 'Aufgabe' })).toHaveAttribute('aria-invalid', 'true');

    const volunteer = page.getByRole('textbox', { name: 'Lotsin / Lotse' });
    await volunteer.focus();
    await page.keyboard.type(lastName);
    // The search answers from the server: wait until the list shows only the one person.
    await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(1);
    await expect(page.getByRole('option', { name: `Nadia ${lastName}` })).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(volunteer).toHaveValue(`Nadia ${lastName}`);
    await page.getByRole('combobox', { name: 'Einrichtung' }).selectOption({ label: 'IGS Linden' });
    await page.getByRole('textbox', { name: 'Mit wem' }).fill('Familie A.');
    await page.getByRole('textbox', { name: 'Aufgabe' }).fill(`Hausaufgabenhilfe ${stamp}`);
    await page.getByRole('textbox', { name: 'Aufgabe' }).press('Tab');
    await expect(page.getByRole('textbox', { name: 'Ziele' })).toBeFocused();
    await page.keyboard.type('Versetzung in Klasse 8');
    await page.getByRole('button', { name: 'Vereinbarung speichern' }).press('Enter');

    await settled(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Vereinbarung: Hausaufgabenhilfe ${stamp}`);
    await expect(page.getByText('Versetzung in Klasse 8')).toBeVisible();
    await expect(page.getByText('IGS Linden').first()).toBeVisible();
  });

  test('the agreement form in Arabic has no axe violations and fits a phone', async ({ page }) => {
    await signIn(page, COORDINATOR);
    await setSavedLocale(page, 'ar');
    try {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto('/agreements/new');
      await settled(page);
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('تسجيل اتفاق');
      await expectFitsWidth(page);
      await expectNoViolations(page, 'the agreement form on a phone (ar)');
    } finally {
      await setSavedLocale(page, 'de');
    }
  });

  test('the portal in Arabic has no axe violations and fits a phone', async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, VOLUNTEER);
    await setSavedLocale(page, 'ar');
    try {
      await page.goto('/portal/agreements');
      await settled(page);
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(page.getByRole('region', { name: 'اتفاقاتي' })).toBeVisible();
      await expectNoViolations(page, '/portal with placements (ar)');
      await page.setViewportSize({ width: 360, height: 740 });
      await page.reload();
      await settled(page);
      await expectFitsWidth(page);
      await expectNoViolations(page, '/portal with placements on a phone (ar)');

      await page.goto(`/portal/deployments/new?agreement=${agreementId}`);
      await settled(page);
      await expectFitsWidth(page);
      await expectNoViolations(page, 'the deployment form on a phone (ar)');
    } finally {
      await setSavedLocale(page, 'de');
    }
  });
});
