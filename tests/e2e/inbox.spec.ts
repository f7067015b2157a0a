import type { Page } from '@playwright/test';
import { ADMIN, apiSession, COORDINATOR, expect, expectFitsWidth, expectNoViolations, ok, setSavedLocale, settled, signIn, test } from './fixtures.js';

/** A calendar date in Berlin, `days` from today. */
function berlinDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}

interface Volunteer {
  id: string;
  lastName: string;
  version: number;
  maxActiveAgreements: number;
  wellbeing: { overloaded: boolean; activeAgreements: number };
}

const VOLUNTEER = { firstName: 'Fatemeh', lastName: 'Rahimi' };
const NAME = `${VOLUNTEER.firstName} ${VOLUNTEER.lastName}`;
const REQUEST_TITLE = `Begleitung zur Ausländerbehörde ${Date.now().toString(36)}`;

test.describe.serial('the coordinator’s inbox', () => {
  let volunteerId = '';
  let maxBefore = 2;
  const agreementIds: string[] = [];

  test.beforeAll(async ({ baseURL }) => {
    // An overloaded situation: two active agreements for someone who agreed to take one.
    const api = await apiSession(baseURL!, COORDINATOR);
    const list = await ok<{ items: Volunteer[] }>(api.get(`/api/v1/volunteers?q=${VOLUNTEER.lastName}`));
    const found = list.items.find((v) => v.lastName === VOLUNTEER.lastName);
    expect(found, VOLUNTEER.lastName).toBeTruthy();
    volunteerId = found!.id;
    const current = await ok<Volunteer>(api.get(`/api/v1/volunteers/${volunteerId}`));
    maxBefore = current.maxActiveAgreements;
    await ok(api.patch(`/api/v1/volunteers/${volunteerId}`, { data: { maxActiveAgreements: 1, version: current.version } }));
    for (const [scope, ends] of [
      ['Begleitung einer Familie zu Elternabenden', 5],
      ['Sprachhilfe beim Jobcenter', 60],
    ] as const) {
      const a = await ok<{ id: string }>(
        api.post('/api/v1/agreements', { data: { volunteerId, scope, startsOn: berlinDate(0), endsOn: berlinDate(ends) } }),
        201,
      );
      agreementIds.push(a.id);
    }
    const after = await ok<Volunteer>(api.get(`/api/v1/volunteers/${volunteerId}`));
    expect(after.wellbeing.activeAgreements).toBe(2);
    expect(after.wellbeing.overloaded).toBe(true);
    // And an urgent new request.
    await ok(api.post('/api/v1/guide-requests', { data: { title: REQUEST_TITLE, urgency: 'urgent' } }), 201);
    await api.dispose();
  });

  test.afterAll(async ({ baseURL }) => {
    // Leave the pool as seeded for other journeys.
    if (!volunteerId) return;
    const api = await apiSession(baseURL!, COORDINATOR);
    for (const id of agreementIds) {
      const a = await ok<{ status: string; version: number }>(api.get(`/api/v1/agreements/${id}`));
      if (a.status === 'active') await ok(api.post(`/api/v1/agreements/${id}/close`, { data: { outcome: 'ended_early', version: a.version } }));
    }
    const v = await ok<Volunteer>(api.get(`/api/v1/volunteers/${volunteerId}`));
    await ok(api.patch(`/api/v1/volunteers/${volunteerId}`, { data: { maxActiveAgreements: maxBefore, version: v.version } }));
    await api.dispose();
  });

  async function openHome(page: Page) {
    await page.goto('/');
    await settled(page);
    await expect(page.getByRole('region', { name: /^(Was auf Sie wartet|ما ينتظرك)$/ })).toBeVisible();
  }

  test('shows each section with its count; the overloaded volunteer, the urgent request and the ending agreement are there and link on', async ({ page }) => {
    await signIn(page, COORDINATOR);
    await openHome(page);

    const overloaded = page.getByRole('region', { name: /^Überlastete Ehrenamtliche/ });
    const person = overloaded.getByRole('listitem').filter({ hasText: NAME });
    await expect(person).toContainText('Überlastet');
    await expect(person).toContainText('2 / 1 Vereinbarung');
    await expect(person).toContainText('Std.');

    const fresh = page.getByRole('region', { name: /^Neue Anfragen/ });
    const item = fresh.getByRole('listitem').filter({ hasText: REQUEST_TITLE });
    await expect(item).toContainText('Sehr dringend');
    await expect(item.getByRole('link', { name: REQUEST_TITLE })).toHaveAttribute('href', /^\/requests\/[0-9a-f-]{36}$/);

    const ending = page.getByRole('region', { name: /^Vereinbarungen enden bald/ });
    const agreement = ending.getByRole('listitem').filter({ hasText: 'Begleitung einer Familie' });
    await expect(agreement).toContainText('Endet in 5 Tagen');
    await expect(agreement.getByRole('link', { name: NAME })).toHaveAttribute('href', `/agreements/${agreementIds[0]}`);

    // Every section says how many, and an empty one says so in a line.
    for (const title of ['Neue Anfragen', 'Bereit zur Vermittlung', 'Vorschläge nachfassen', 'Vorschläge warten auf Antwort', 'Vereinbarungen enden bald', 'Abrechnungen zu genehmigen']) {
      await expect(page.getByRole('heading', { level: 3, name: new RegExp(`^${title} Anzahl: \\d+$`) })).toBeVisible();
    }

    await person.getByRole('link', { name: NAME }).click();
    await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
    const wellbeing = page.getByRole('region', { name: 'Belastung und Wohlbefinden' });
    await expect(wellbeing).toContainText('Überlastet: mehr als vereinbart');
    await expect(wellbeing).toContainText('2 von höchstens 1');
    await expect(page.getByRole('group', { name: 'Überblick' })).toContainText('Überlastet');
  });

  test('the pool filter “Überlastet” finds her, keeps it in the URL, and “not overloaded” leaves her out', async ({ page }) => {
    await signIn(page, COORDINATOR);
    await page.goto('/volunteers');
    await settled(page);
    await page.getByLabel('Belastung').selectOption({ label: 'Überlastet' });
    await expect(page).toHaveURL(/overloaded=true/);
    const rows = page.getByRole('table', { name: 'Ehrenamtliche' }).locator('tbody tr');
    await expect.poll(() => rows.getByRole('link').allTextContents()).toContain(`${VOLUNTEER.lastName}, ${VOLUNTEER.firstName}`);
    for (const row of await rows.all()) await expect(row).toContainText('Überlastet');
    await expect(rows.filter({ hasText: VOLUNTEER.lastName })).toContainText('2 / 1 Vereinbarung');

    await page.getByLabel('Belastung').selectOption({ label: 'Nicht überlastet' });
    await expect(page).toHaveURL(/overloaded=false/);
    await expect.poll(() => rows.getByRole('link').allTextContents()).not.toContain(`${VOLUNTEER.lastName}, ${VOLUNTEER.firstName}`);
    await expect(rows.filter({ hasText: 'Überlastet' })).toHaveCount(0);
  });

  for (const locale of ['de', 'ar'] as const) {
    test(`has no axe violations and fits 360 px (${locale})`, async ({ page }) => {
      await signIn(page, COORDINATOR);
      await setSavedLocale(page, locale);
      try {
        await openHome(page);
        await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
        await expectNoViolations(page, `home with inbox (${locale})`);
        await page.setViewportSize({ width: 360, height: 740 });
        await openHome(page);
        await expectFitsWidth(page);
        await expectNoViolations(page, `home with inbox on a phone (${locale})`);
      } finally {
        await setSavedLocale(page, 'de');
      }
    });
  }
});

// The expense settings feed the claims that the inbox lists; the page is the admin's.
test.describe('network settings: allowance, travel costs and payout account', () => {
  test('saving the allowance, the tax-free amounts and the payout account round-trips; a wrong IBAN is refused at its field', async ({ page }) => {
    await signIn(page, ADMIN);
    const origin = new URL(page.url()).origin;
    const before = await ok<{ settings: Record<string, unknown> }>(page.request.get('/api/v1/network'));
    try {
      await page.goto('/admin/settings');
      await settled(page);
      await page.getByLabel('Aufwandsentschädigung', { exact: true }).selectOption({ label: 'Je Stunde' });
      await page.getByLabel('Betrag je Stunde').fill('2,50');
      await page.getByLabel('Fahrtkosten je Kilometer').fill('0,35');
      await page.getByRole('button', { name: 'Jahr hinzufügen' }).click();
      await page.getByLabel('Betrag für 2027').fill('1000');
      await page.getByLabel('Kontoinhaber (Name des Trägers)').fill('Lotse Hannover e. V.');
      await page.getByLabel('IBAN').fill('DE00 1234');
      await page.getByLabel('BIC').fill('COBADEFFXXX');
      await page.getByRole('button', { name: 'Speichern' }).click();
      await expect(page.getByLabel('IBAN')).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByText('Keine gültige IBAN')).toBeVisible();

      await page.getByLabel('IBAN').fill('de89 3704 0044 0532 0130 00');
      await page.getByRole('button', { name: 'Speichern' }).click();
      await expect(page.getByText('Gespeichert').first()).toBeVisible();

      const saved = await ok<{ settings: Record<string, unknown> }>(page.request.get('/api/v1/network'));
      expect(saved.settings).toMatchObject({
        allowanceUnit: 'hour',
        allowanceCents: 250,
        mileageRateCents: 35,
        taxFreeAllowanceCents: { '2026': 96_000, '2027': 100_000 },
        payoutAccount: { name: 'Lotse Hannover e. V.', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
      });

      await page.reload();
      await settled(page);
      await expect(page.getByLabel('Aufwandsentschädigung', { exact: true })).toHaveValue('hour');
      await expect(page.getByLabel('Betrag je Stunde')).toHaveValue('2,50 €');
      await expect(page.getByLabel('Betrag für 2027')).toHaveValue('1.000,00 €');
      await expect(page.getByLabel('IBAN')).toHaveValue('DE89 3704 0044 0532 0130 00');
      await expectNoViolations(page, 'settings (de)');
      await page.setViewportSize({ width: 360, height: 740 });
      await expectFitsWidth(page);
    } finally {
      const now = await ok<{ version: number }>(page.request.get('/api/v1/network'));
      const { allowanceUnit, allowanceCents, mileageRateCents, taxFreeAllowanceCents, payoutAccount } = before.settings;
      await ok(
        page.request.patch('/api/v1/network', {
          data: { settings: { allowanceUnit, allowanceCents, mileageRateCents, taxFreeAllowanceCents, payoutAccount }, version: now.version },
          headers: { Origin: origin },
        }),
      );
    }
  });

  test('the settings page has no axe violations in Arabic and fits 360 px', async ({ page }) => {
    await signIn(page, ADMIN);
    await setSavedLocale(page, 'ar');
    try {
      await page.goto('/admin/settings');
      await settled(page);
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await expectNoViolations(page, 'settings (ar)');
      await page.setViewportSize({ width: 360, height: 740 });
      await expectFitsWidth(page);
    } finally {
      await setSavedLocale(page, 'de');
    }
  });
});
