import { request as apiRequest, type APIRequestContext, type APIResponse, type Page } from '@playwright/test';
import { COORDINATOR, expect, setSavedLocale, signIn, test, settled, expectNoViolations, expectFitsWidth } from './fixtures.js';

/** Amira Haddad's portal account in the demo network. */
const VOLUNTEER = { email: 'lotsin@demo.lotse.dev', password: 'lotse-demo-2026' };

interface OwnProfile {
  version: number;
  email: string;
  status: string;
  languages: { code: string; level: string }[];
  availability: { weekday: number; from: string; to: string }[];
  absences: { from: string; to: string; note: string | null }[];
  interests: string[];
}

async function ownProfile(page: Page): Promise<OwnProfile> {
  const res = await page.request.get('/api/v1/me/volunteer');
  expect(res.ok()).toBeTruthy();
  return (await res.json()) as OwnProfile;
}

/** Puts back what a test changed, so that other journeys find the demo profile as seeded. */
async function restore(page: Page, original: OwnProfile) {
  const current = await ownProfile(page);
  const res = await page.request.patch('/api/v1/me/volunteer', {
    data: { languages: original.languages, availability: original.availability, absences: original.absences, interests: original.interests, version: current.version },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(res.ok()).toBeTruthy();
}

/** An API session of the coordinator, as the office would use it. */
async function coordinatorApi(baseURL: string): Promise<APIRequestContext> {
  const api = await apiRequest.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  expect((await api.post('/api/v1/auth/login', { data: { email: COORDINATOR.email, password: COORDINATOR.password } })).ok()).toBeTruthy();
  return api;
}

async function created<T>(res: Promise<APIResponse>, status = 201): Promise<T> {
  const r = await res;
  expect(r.status(), await r.text()).toBe(status);
  return (await r.json()) as T;
}

test.describe('the volunteer portal', () => {
  test('a volunteer changes languages, times, an absence and interests; a reload shows them', async ({ page }) => {
    await signIn(page, VOLUNTEER);
    const original = await ownProfile(page);
    try {
      await page.goto('/portal/profile');
      await settled(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mein Engagement');

      // Languages: Turkish is added, English removed.
      const languages = page.getByRole('region', { name: 'Meine Sprachen' });
      await languages.getByRole('button', { name: 'Sprache hinzufügen' }).click();
      const added = languages.getByRole('group', { name: `Sprache ${original.languages.length + 1}` });
      await added.getByLabel('Sprache', { exact: true }).selectOption('tr');
      await added.getByLabel('Wie gut?').selectOption('B1');
      await languages.getByRole('button', { name: 'Englisch entfernen' }).click();
      await expect(languages.getByRole('status')).toHaveText('Noch nicht gespeichert');
      await languages.getByRole('button', { name: 'Sprachen speichern' }).click();
      await expect(languages.getByRole('status')).toHaveText('Gespeichert.');

      // Weekly time: Saturday morning.
      const times = page.getByRole('region', { name: 'Wann haben Sie Zeit?' });
      await times.getByRole('button', { name: 'Zeit hinzufügen' }).click();
      const slot = times.getByRole('group', { name: `Zeit ${original.availability.length + 1}` });
      await slot.getByLabel('Tag').selectOption('6');
      await slot.getByLabel('Von').fill('10:00');
      await slot.getByLabel('Bis').fill('13:00');
      await times.getByRole('button', { name: 'Zeiten speichern' }).click();
      await expect(times.getByRole('status')).toHaveText('Gespeichert.');

      // An absence over the holidays.
      const absences = page.getByRole('region', { name: 'Wann sind Sie nicht da?' });
      await absences.getByRole('button', { name: 'Abwesenheit hinzufügen' }).click();
      const absence = absences.getByRole('group', { name: `Abwesenheit ${original.absences.length + 1}` });
      await absence.getByLabel('Vom').fill('2026-12-21');
      await absence.getByLabel('Bis zum').fill('2027-01-06');
      await absence.getByLabel('Notiz (freiwillig)').fill('Urlaub');
      await absences.getByRole('button', { name: 'Abwesenheiten speichern' }).click();
      await expect(absences.getByRole('status')).toHaveText('Gespeichert.');

      // A topic she wants training in.
      const interests = page.getByRole('region', { name: 'Worüber möchten Sie mehr lernen?' });
      await interests.getByRole('checkbox', { name: 'Gesundheit' }).check();
      await interests.getByRole('button', { name: 'Themen speichern' }).click();
      await expect(interests.getByRole('status')).toHaveText('Gespeichert.');

      await page.reload();
      await settled(page);
      await expect(languages.getByRole('button', { name: 'Türkisch entfernen' })).toBeVisible();
      await expect(languages.getByRole('button', { name: 'Englisch entfernen' })).toHaveCount(0);
      await expect(times.getByRole('button', { name: 'Samstag 10:00–13:00 entfernen' })).toBeVisible();
      await expect(absences.getByRole('button', { name: 'Abwesenheit vom 21.12.2026 bis zum 06.01.2027 entfernen' })).toBeVisible();
      await expect(absences.getByLabel('Notiz (freiwillig)')).toHaveValue('Urlaub');
      await expect(interests.getByRole('checkbox', { name: 'Gesundheit' })).toBeChecked();

      const saved = await ownProfile(page);
      expect(saved.languages).toContainEqual({ code: 'tr', level: 'B1' });
      expect(saved.languages.map((l) => l.code)).not.toContain('en');
      expect(saved.availability).toContainEqual({ weekday: 6, from: '10:00', to: '13:00' });
      expect(saved.absences).toContainEqual({ from: '2026-12-21', to: '2027-01-06', note: 'Urlaub' });
      expect(saved.interests).toContain('gesundheit');
    } finally {
      await restore(page, original);
    }
  });

  test('shows an error next to an incomplete language and saves nothing', async ({ page }) => {
    await signIn(page, VOLUNTEER);
    const before = await ownProfile(page);
    await page.goto('/portal/profile');
    await settled(page);
    const languages = page.getByRole('region', { name: 'Meine Sprachen' });
    await languages.getByRole('button', { name: 'Sprache hinzufügen' }).click();
    const row = languages.getByRole('group', { name: `Sprache ${before.languages.length + 1}` });
    await row.getByLabel('Sprache', { exact: true }).selectOption('fa');
    await languages.getByRole('button', { name: 'Sprachen speichern' }).click();
    await expect(row.getByLabel('Wie gut?')).toHaveAttribute('aria-invalid', 'true');
    await expect(row.getByLabel('Wie gut?')).toHaveAccessibleDescription('Pflichtfeld');
    await expectNoViolations(page, 'portal with a field error (de)');
    expect((await ownProfile(page)).version).toBe(before.version);
  });

  test('coordinator-only fields are shown read-only and cannot be changed', async ({ page }) => {
    await signIn(page, VOLUNTEER);
    await page.goto('/portal/profile');
    await settled(page);
    const contact = page.getByRole('region', { name: 'Meine Kontaktdaten' });
    const email = contact.getByLabel('E-Mail-Adresse');
    await expect(email).toHaveValue(VOLUNTEER.email);
    await expect(email).not.toBeEditable();
    await expect(contact.getByLabel('Name', { exact: true })).not.toBeEditable();
    await expect(contact.getByText('Das kann nur die Koordinierungsstelle ändern.')).toBeVisible();
    // Status and qualifications are text, not controls.
    const status = page.getByRole('region', { name: 'Mein Stand' });
    await expect(status.getByText('Aktiv', { exact: true })).toBeVisible();
    await expect(status.getByText(/Basisqualifizierung, abgeschlossen am 30\.06\.2025/)).toBeVisible();
    await expect(status.getByRole('textbox')).toHaveCount(0);
    await expect(status.getByRole('combobox')).toHaveCount(0);

    // Not through the API either: the portal's endpoint refuses coordinator fields.
    const before = await ownProfile(page);
    const origin = new URL(page.url()).origin;
    for (const data of [{ email: 'andere@example.org' }, { status: 'paused' }, { qualifications: [] }, { firstName: 'Anna' }]) {
      const res = await page.request.patch('/api/v1/me/volunteer', { data: { ...data, version: before.version }, headers: { Origin: origin } });
      expect(res.status(), JSON.stringify(data)).toBe(422);
    }
    const after = await ownProfile(page);
    expect(after).toMatchObject({ email: before.email, status: before.status, version: before.version });
  });

  test('shows courses with the waiting-list place and downloads the certificate', async ({ page, baseURL }) => {
    const api = await coordinatorApi(baseURL!);
    const stamp = Date.now().toString(36);
    try {
      const pool = await created<{ items: { id: string; firstName: string; lastName: string }[] }>(api.get('/api/v1/volunteers?limit=200'), 200);
      const amira = pool.items.find((v) => v.firstName === 'Amira' && v.lastName === 'Haddad')!;
      const karim = pool.items.find((v) => v.firstName === 'Karim' && v.lastName === 'Nasser')!;

      // A full run: Karim has the one place, Amira waits.
      const full = await created<{ id: string }>(api.post('/api/v1/courses', { data: { kind: 'advanced', title: `Aufbaukurs Gesprächsführung ${stamp}`, teachingHours: 8 } }));
      const fullRun = await created<{ id: string }>(api.post(`/api/v1/courses/${full.id}/runs`, { data: { capacity: 1, status: 'open' } }));
      await created(api.post(`/api/v1/course-runs/${fullRun.id}/enrollments`, { data: { volunteerId: karim.id } }));
      const waiting = await created<{ status: string; waitlistPosition: number }>(api.post(`/api/v1/course-runs/${fullRun.id}/enrollments`, { data: { volunteerId: amira.id } }));
      expect(waiting).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

      // A run she completed.
      const done = await created<{ id: string }>(api.post('/api/v1/courses', { data: { kind: 'sustainability', title: `Nachhaltigkeitsmodul ${stamp}`, teachingHours: 3 } }));
      const doneRun = await created<{ id: string }>(api.post(`/api/v1/courses/${done.id}/runs`, { data: { capacity: 10, status: 'open' } }));
      const session = await created<{ id: string }>(
        api.post(`/api/v1/course-runs/${doneRun.id}/sessions`, { data: { date: '2026-03-10', startTime: '17:00', endTime: '19:15', teachingHours: 3, instructors: ['L. Brandt'] } }),
      );
      const enrollment = await created<{ id: string }>(api.post(`/api/v1/course-runs/${doneRun.id}/enrollments`, { data: { volunteerId: amira.id } }));
      await created(api.put(`/api/v1/course-sessions/${session.id}/attendance`, { data: { entries: [{ enrollmentId: enrollment.id, present: true }] } }), 200);
      await created(api.post(`/api/v1/course-runs/${doneRun.id}/complete`), 200);

      await signIn(page, VOLUNTEER);
      await page.goto('/portal/courses');
      await settled(page);
      const courses = page.getByRole('region', { name: 'Meine Kurse und Zertifikate' });
      const waitingCard = courses.getByRole('listitem').filter({ hasText: `Aufbaukurs Gesprächsführung ${stamp}` });
      await expect(waitingCard.getByText('Warteliste: Platz 1')).toBeVisible();
      await expect(waitingCard.getByRole('link', { name: /Zertifikat/ })).toHaveCount(0);
      const doneCard = courses.getByRole('listitem').filter({ hasText: `Nachhaltigkeitsmodul ${stamp}` });
      await expect(doneCard.getByText('Erfolgreich abgeschlossen am 10.03.2026')).toBeVisible();
      const download = doneCard.getByRole('link', { name: `Zertifikat herunterladen: Nachhaltigkeitsmodul ${stamp}` });
      await expect(download).toBeVisible();
      const href = await download.getAttribute('href');
      const pdf = await page.request.get(href!);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
      expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    } finally {
      await api.dispose();
    }
  });

  for (const locale of ['de', 'ar'] as const) {
    test(`has no axe violations and fits a phone (${locale})`, async ({ page }) => {
      await signIn(page, VOLUNTEER);
      await setSavedLocale(page, locale);
      try {
        await page.goto('/portal');
        await settled(page);
        await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(locale === 'ar' ? 'تطوعي' : 'Mein Engagement');
        await expectNoViolations(page, `/portal (${locale})`);

        await page.setViewportSize({ width: 360, height: 740 });
        await page.reload();
        await settled(page);
        await expectFitsWidth(page);
        await expectNoViolations(page, `/portal on a phone (${locale})`);
      } finally {
        await setSavedLocale(page, 'de');
      }
    });
  }
});
