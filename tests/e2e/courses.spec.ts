import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { COORDINATOR, expect, setSavedLocale, signIn, test, expectNoViolations } from './fixtures.js';


async function settled(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
}

/** Picks a volunteer in the enrolment form by typing part of the name. */
async function enrol(page: Page, name: string, button: 'Anmelden' | 'Auf die Warteliste setzen') {
  const picker = page.getByRole('textbox', { name: 'Ehrenamtliche Person' });
  const first = name.split(' ')[0]!;
  await picker.fill(first);
  // The answer to what was typed has arrived (until then the list shows the previous search's names).
  await expect.poll(async () => (await page.getByRole('option').allTextContents()).every((o) => o.includes(first))).toBe(true);
  await page.getByRole('option', { name }).click();
  await page.getByRole('button', { name: button }).click();
  await expect(picker).toHaveValue('');
}

test.describe('courses', () => {
  test('a coordinator plans a course, fills a run up to its waiting list, records attendance and issues certificates', async ({ page }) => {
    const title = `Aufbaukurs Gesprächsführung ${Date.now().toString(36)}`;
    await signIn(page, COORDINATOR);
    await page.goto('/courses');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kurse');

    // The course.
    await page.getByRole('button', { name: 'Kurs anlegen' }).click();
    let dialog = page.getByRole('dialog', { name: 'Kurs anlegen' });
    await dialog.getByLabel(/^Art/).selectOption('advanced');
    await dialog.getByLabel(/^Titel \(Deutsch\)/).fill(title);
    await dialog.getByLabel(/^Unterrichtseinheiten/).fill('8');
    await dialog.getByRole('button', { name: 'Anlegen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByText('Aufbaukurs', { exact: true })).toBeVisible();

    // A run with two places.
    await page.getByRole('button', { name: 'Durchgang planen' }).click();
    dialog = page.getByRole('dialog', { name: 'Durchgang planen' });
    await dialog.getByLabel(/^Bezeichnung/).fill(`${title} – Januar`);
    await dialog.getByLabel(/^Plätze/).fill('2');
    await dialog.getByLabel(/^Status/).selectOption('open');
    await dialog.getByRole('button', { name: 'Durchgang planen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${title} – Januar`);
    const runId = /\/runs\/([0-9a-f-]+)/.exec(page.url())![1]!;

    // Two sessions, entered in Berlin time; the teaching hours follow the times (45 minutes each).
    for (const [date, topic] of [
      ['2027-01-16', 'Aktives Zuhören'],
      ['2027-01-23', 'Schwierige Gespräche'],
    ] as const) {
      await page.getByRole('button', { name: 'Termin hinzufügen' }).click();
      dialog = page.getByRole('dialog', { name: 'Termin hinzufügen' });
      await dialog.getByLabel(/^Datum/).fill(date);
      await dialog.getByLabel(/^Beginn/).fill('10:00');
      await dialog.getByLabel(/^Ende/).fill('13:00');
      await expect(dialog.getByLabel(/^Unterrichtseinheiten/)).toHaveValue('4');
      await dialog.getByLabel(/^Thema/).fill(topic);
      await dialog.getByLabel(/^Raum/).fill('vhs Hannover, Raum 2.11');
      await dialog.getByLabel(/^Kursleitung 1/).fill('Dr. Ute Brandes');
      await dialog.getByLabel(/^Kursleitung 2/).fill('Tarek Mansour');
      await dialog.getByRole('button', { name: 'Termin hinzufügen' }).click();
      await expect(dialog).toBeHidden();
    }
    await expect(page.getByRole('row', { name: /Sa\., 16\.01\.2027/ })).toContainText('10:00–13:00');
    await expect(page.getByRole('row', { name: /Sa\., 23\.01\.2027/ })).toContainText('Dr. Ute Brandes, Tarek Mansour');
    await expect(page.getByText('2 Termine mit zusammen 8 von 8 Unterrichtseinheiten.')).toBeVisible();
    const sessions = (await (await page.request.get(`/api/v1/course-runs/${runId}/sessions`)).json()) as { id: string; startsAt: string }[];
    // Stored in UTC: 10:00 in Berlin in January is 09:00Z.
    expect(sessions.map((s) => s.startsAt)).toEqual(['2027-01-16T09:00:00.000Z', '2027-01-23T09:00:00.000Z']);

    // Enrolments: two places, then the waiting list.
    await page.getByRole('tab', { name: 'Teilnehmende' }).click();
    await enrol(page, 'Karim Nasser', 'Anmelden');
    await enrol(page, 'Sabine Hoffmann', 'Anmelden');
    await expect(page.getByText('2 von 2 Plätzen belegt · Warteliste leer')).toBeVisible();
    await enrol(page, 'Mehmet Yılmaz', 'Auf die Warteliste setzen');
    await enrol(page, 'Jonas Becker', 'Auf die Warteliste setzen');
    const waitlist = page.getByRole('table', { name: 'Warteliste' });
    await expect(waitlist.getByRole('row', { name: /Mehmet Yılmaz/ })).toContainText('1.');
    await expect(waitlist.getByRole('row', { name: /Jonas Becker/ })).toContainText('2.');

    // Cancelling a place moves the first in line up.
    await page.getByRole('button', { name: 'Anmeldung von Sabine Hoffmann stornieren' }).click();
    await page.getByRole('dialog', { name: 'Anmeldung stornieren?' }).getByRole('button', { name: 'Stornieren' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'ist von der Warteliste nachgerückt' })).toContainText('Mehmet Yılmaz');
    const participants = page.getByRole('table', { name: 'Teilnehmende' });
    await expect(participants.getByRole('row', { name: /Mehmet Yılmaz/ })).toContainText('Angemeldet');
    await expect(participants.getByRole('row', { name: /Sabine Hoffmann/ })).toHaveCount(0);
    await expect(waitlist.getByRole('row', { name: /Jonas Becker/ })).toContainText('1.');
    await expect(page.getByText('2 von 2 Plätzen belegt · 1 Person auf der Warteliste')).toBeVisible();

    // Attendance by keyboard: Karim both sessions, Mehmet only the first.
    await page.getByRole('tab', { name: 'Anwesenheit' }).click();
    const karimFirst = page.getByRole('checkbox', {
      name: /Karim Nasser.*16\.01\.2027/,
    });
    await karimFirst.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('checkbox', { name: /Karim Nasser.*23\.01\.2027/ })).toBeFocused();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByRole('checkbox', { name: /Mehmet Yılmaz.*16\.01\.2027/ })).toBeFocused();
    await page.keyboard.press('Space');
    // The grid's own live region; an earlier save's notification may still be on screen too.
    await expect(page.getByRole('tabpanel', { name: 'Anwesenheit' }).getByRole('status')).toHaveText('Gespeichert.');
    await expect(page.getByRole('row', { name: /Karim Nasser/ })).toContainText('8 von 8 UE (100 %)');
    await expect(page.getByRole('row', { name: /Mehmet Yılmaz/ })).toContainText('4 von 8 UE (50 %)');
    const first = (await (await page.request.get(`/api/v1/course-sessions/${sessions[0]!.id}/attendance`)).json()) as {
      entries: { volunteerName: string; present: boolean | null }[];
    };
    expect(first.entries.map((e) => [e.volunteerName, e.present])).toEqual([
      ['Karim Nasser', true],
      ['Mehmet Yılmaz', true],
    ]);
    await page.reload();
    await expect(page.getByRole('checkbox', { name: /Mehmet Yılmaz.*23\.01\.2027/ })).not.toBeChecked();
    await expect(page.getByRole('checkbox', { name: /Karim Nasser.*23\.01\.2027/ })).toBeChecked();

    // Completion by the network's rule (80 %), and Karim's certificate.
    await page.getByRole('tab', { name: 'Abschluss' }).click();
    await expect(
      page.getByText('Abgeschlossen hat, wer mindestens 80 % der Unterrichtseinheiten besucht hat: 6,5 von 8 UE.'),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Kursdurchgang abschließen' }).click();
    await page
      .getByRole('dialog', { name: 'Kursdurchgang abschließen?' })
      .getByRole('button', { name: 'Kursdurchgang abschließen' })
      .click();
    const results = page.getByRole('table', {
      name: 'Ergebnis je teilnehmender Person',
    });
    await expect(results.getByRole('row', { name: /Karim Nasser/ })).toContainText('Erfolgreich abgeschlossen');
    await expect(results.getByRole('row', { name: /Mehmet Yılmaz/ })).toContainText('Nicht abgeschlossen');
    await expect(page.getByText('Abgeschlossen', { exact: true }).first()).toBeVisible();
    await expect(results.getByRole('link', { name: /Zertifikat von Mehmet/ })).toHaveCount(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      results
        .getByRole('link', {
          name: 'Zertifikat von Karim Nasser herunterladen (PDF)',
        })
        .click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(2000);
  });

  for (const locale of ['de', 'ar'] as const) {
    test(`the course screens have no axe violations (${locale})`, async ({ page }) => {
      // Every course screen with axe: close to the minute of the default timeout.
      test.slow();
      await signIn(page, COORDINATOR);
      const courses = (await (await page.request.get('/api/v1/courses?limit=200')).json()) as {
        items: { id: string; kind: string; specializationKey: string | null }[];
      };
      const done = courses.items.find((c) => c.kind === 'sustainability')!;
      const parents = courses.items.find((c) => c.specializationKey === 'elternlotse')!;
      const doneRun = (
        (await (await page.request.get(`/api/v1/courses/${done.id}/runs`)).json()) as { items: { id: string; status: string }[] }
      ).items.find((r) => r.status === 'completed')!;
      const fullRun = (
        (await (await page.request.get(`/api/v1/courses/${parents.id}/runs`)).json()) as {
          items: { id: string; waitlistedCount: number }[];
        }
      ).items.find((r) => r.waitlistedCount > 0)!;
      expect(doneRun && fullRun).toBeTruthy();

      await setSavedLocale(page, locale);
      try {
        const paths = [
          '/courses',
          '/courses/demand',
          `/courses/${done.id}`,
          ...['sessions', 'participants', 'attendance', 'completion'].map((tab) => `/courses/${done.id}/runs/${doneRun.id}?tab=${tab}`),
          `/courses/${parents.id}/runs/${fullRun.id}?tab=participants`,
        ];
        for (const path of paths) {
          await page.goto(path);
          await settled(page);
          await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
          await expectNoViolations(page, `${path} (${locale})`);
        }

        // A form in a modal, with its errors.
        await page.goto(`/courses/${parents.id}/runs/${fullRun.id}?tab=sessions`);
        await settled(page);
        await page
          .getByRole('button', {
            name: locale === 'de' ? 'Termin hinzufügen' : 'إضافة موعد',
          })
          .click();
        const dialog = page.getByRole('dialog');
        await dialog.locator('button[type=submit]').click();
        await expect(dialog.locator('[aria-invalid=true]').first()).toBeVisible();
        await expectNoViolations(page, `session form with errors (${locale})`);
        await page.keyboard.press('Escape');

        // Phones: lists as cards, attendance as one session at a time, nothing wider than the screen.
        await page.setViewportSize({ width: 360, height: 740 });
        for (const tab of ['participants', 'attendance', 'completion']) {
          await page.goto(`/courses/${done.id}/runs/${doneRun.id}?tab=${tab}`);
          await settled(page);
          await expectNoViolations(page, `${tab} on a phone (${locale})`);
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        }
      } finally {
        await setSavedLocale(page, 'de');
      }
    });
  }
});
