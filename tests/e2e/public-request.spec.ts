import { type APIRequestContext, type Page } from '@playwright/test';
import { apiSession, COORDINATOR, expect, expectFitsWidth, expectNoViolations, fromAddress, ok, setSavedLocale, settled, signIn, test, useLocale } from './fixtures.js';

const SLUG = 'hannover-demo';

interface Listed {
  id: string;
  title: string;
  description: string | null;
  status: string;
  source: string;
}

/** The request the coordinators see for a description, found through their own list. */
async function requestWithDescription(api: APIRequestContext, description: string): Promise<Listed | undefined> {
  const list = await ok<{ items: Listed[] }>(api.get('/api/v1/guide-requests?sort=-createdAt&limit=50'));
  return list.items.find((r) => r.description === description);
}

const stamp = () => Date.now().toString(36);

test.describe('the public request form', () => {
  test('a help-seeker switches to Arabic, asks for a guide, and the coordinators find the request in their list', async ({
    page,
    context,
    baseURL,
  }) => {
    await fromAddress(context, '192.0.2.61');
    const description = `عندي موعد في مركز العمل وأحتاج إلى من يترجم لي ${stamp()}`;
    await page.goto(`/request/${SLUG}`);
    await settled(page);
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await page.getByTestId('language-switcher').click();
    await page.getByRole('menuitem', { name: 'العربية' }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('طلب مرشد أو مرشدة');
    await expect(page).toHaveTitle('طلب مرشد أو مرشدة · Lotse');
    await expectNoViolations(page, '/request (ar)');

    await page.getByRole('radio', { name: 'شخص يرافقني إلى موعد' }).check();
    await page.getByLabel('ماذا تحتاج؟').fill(description);
    await page.getByRole('checkbox', { name: 'العربية', exact: true }).check();
    await page.getByLabel('أين الموعد؟').fill('Jobcenter Hannover Mitte');
    await page.getByRole('radio', { name: 'عاجل جدًا' }).check();
    await page.getByLabel('العمر').selectOption('adult');
    await page.getByRole('radio', { name: 'امرأة' }).check();
    await page.getByLabel('اسمك').fill('سميرة الأحمد');
    await page.getByLabel('رقم الهاتف').fill('0511 987654');
    await page.getByRole('checkbox', { name: /^أوافق على أن تحفظ الشبكة/ }).check();
    await page.getByRole('button', { name: 'إرسال الطلب' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('شكرًا جزيلًا!');
    await expect(page.getByRole('status').filter({ hasText: 'وصلنا طلبك.' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'الخطوات التالية' })).toBeVisible();
    await expect(page.getByRole('note')).toContainText('112');
    await expectNoViolations(page, 'request received (ar)');

    const coordinator = await apiSession(baseURL!, COORDINATOR);
    try {
      const listed = await requestWithDescription(coordinator, description);
      expect(listed).toMatchObject({ status: 'new', source: 'public' });
      const detail = await ok<{
        kind: string;
        place: string;
        urgency: string;
        languages: { code: string }[];
        seeker: { ageGroup: string; genderPreference: string };
        contact: { name: string; phone: string };
      }>(coordinator.get(`/api/v1/guide-requests/${listed!.id}`));
      expect(detail).toMatchObject({
        kind: 'accompaniment',
        place: 'Jobcenter Hannover Mitte',
        urgency: 'urgent',
        seeker: { ageGroup: 'adult', genderPreference: 'female' },
        contact: { name: 'سميرة الأحمد', phone: '0511 987654' },
      });
      expect(detail.languages.map((l) => l.code)).toEqual(['ar']);
    } finally {
      await coordinator.dispose();
    }
  });

  test('in German: the form names what is missing, asks for a phone or an e-mail, and links to the application form', async ({
    page,
    context,
    baseURL,
  }) => {
    await fromAddress(context, '192.0.2.62');
    await useLocale(context, 'de');
    const description = `Ich verstehe die Briefe vom Amt nicht. ${stamp()}`;
    await page.goto(`/request/${SLUG}`);
    await settled(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Begleitung anfragen');
    await expectNoViolations(page, '/request (de)');

    // Nothing filled in: the first question takes the focus and says what to do.
    await page.getByRole('button', { name: 'Anfrage abschicken' }).click();
    const firstKind = page.getByRole('radio', { name: 'Jemand geht mit zu einem Termin' });
    await expect(firstKind).toBeFocused();
    await expect(firstKind).toHaveAccessibleDescription(/Bitte wählen Sie, welche Hilfe Sie brauchen\./);
    await expect(page.getByText('Bitte kreuzen Sie mindestens eine Sprache an.')).toBeVisible();
    await expect(page.getByRole('checkbox', { name: /^Ich bin einverstanden/ })).toHaveAccessibleDescription(/Bitte stimmen Sie zu/);
    await expectNoViolations(page, '/request with errors (de)');

    // Help without meeting asks for no place.
    await page.getByRole('radio', { name: 'Hilfe ohne Treffen' }).check();
    await expect(page.getByLabel('Wo ist der Termin?')).toHaveCount(0);
    await page.getByRole('radio', { name: 'Hilfe beim Verstehen' }).check();
    await expect(page.getByLabel('Wo ist der Termin?')).toBeVisible();

    await page.getByLabel('Was brauchen Sie?').fill(description);
    await page.getByRole('checkbox', { name: /^Arabisch/ }).check();
    await page.getByLabel('Eine andere Sprache').selectOption('sw');
    await page.getByRole('button', { name: 'Hinzufügen' }).click();
    await expect(page.getByRole('checkbox', { name: /^Suaheli/ })).toBeChecked();
    await page.getByLabel('Ihr Name').fill('Frau Demir, Sozialdienst');
    await page.getByRole('checkbox', { name: /^Ich bin einverstanden/ }).check();
    await page.getByRole('button', { name: 'Anfrage abschicken' }).click();
    const phone = page.getByLabel('Telefonnummer');
    await expect(phone).toBeFocused();
    await expect(phone).toHaveAccessibleDescription(/Bitte geben Sie eine Telefonnummer oder eine E-Mail-Adresse an\./);
    await page.getByLabel('E-Mail-Adresse').fill('sozialdienst@example.org');
    await page.getByRole('button', { name: 'Anfrage abschicken' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vielen Dank!');
    await expect(page.getByRole('status').filter({ hasText: 'Ihre Anfrage ist angekommen.' })).toBeVisible();
    await expectNoViolations(page, 'request received (de)');

    const coordinator = await apiSession(baseURL!, COORDINATOR);
    try {
      const listed = await requestWithDescription(coordinator, description);
      expect(listed).toMatchObject({ status: 'new', source: 'public' });
      const detail = await ok<{
        kind: string;
        languages: { code: string }[];
        contact: { name: string; email: string; phone: string | null };
      }>(coordinator.get(`/api/v1/guide-requests/${listed!.id}`));
      expect(detail.kind).toBe('language_help');
      expect(detail.languages.map((l) => l.code).sort()).toEqual(['ar', 'sw']);
      expect(detail.contact).toMatchObject({ name: 'Frau Demir, Sozialdienst', email: 'sozialdienst@example.org', phone: null });
    } finally {
      await coordinator.dispose();
    }

    // The public pages point to each other.
    await page
      .getByRole('navigation', { name: 'Weitere Seiten des Netzwerks' })
      .getByRole('link', { name: 'Hier können Sie Lots*in werden.' })
      .click();
    await expect(page).toHaveURL(new RegExp(`/apply/${SLUG}$`));
    await settled(page);
    await page
      .getByRole('navigation', { name: 'Weitere Seiten des Netzwerks' })
      .getByRole('link', { name: 'Hier können Sie eine Lots*in anfragen.' })
      .click();
    await expect(page).toHaveURL(new RegExp(`/request/${SLUG}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Begleitung anfragen');
  });

  test('too many requests from one address are refused in plain words, and the entries stay', async ({ page, context, baseURL }) => {
    const ip = '198.51.100.61';
    await fromAddress(context, ip);
    await useLocale(context, 'de');
    // Five honeypot submissions use up the hour's allowance of this address; the server stores none of them.
    const network = await ok<{ requestConsentVersion: string }>(page.request.get(`/api/v1/public/${SLUG}`));
    for (let i = 0; i < 5; i++) {
      const res = await page.request.post(`/api/v1/public/${SLUG}/guide-requests`, {
        headers: { Origin: baseURL!, 'X-Forwarded-For': ip },
        data: {
          kind: 'accompaniment',
          description: 'Robo',
          languages: ['de'],
          contact: { name: 'Robo', phone: '1' },
          consent: { accepted: true, textVersion: network.requestConsentVersion },
          website: 'http://spam.example',
        },
      });
      expect(res.status()).toBe(202);
    }
    await page.goto(`/request/${SLUG}`);
    await settled(page);
    await page.getByRole('radio', { name: 'Jemand geht mit zu einem Termin' }).check();
    await page.getByLabel('Was brauchen Sie?').fill('Termin beim Kinderarzt');
    await page.getByRole('checkbox', { name: /^Türkisch/ }).check();
    await page.getByLabel('Ihr Name').fill('Ayşe Kaya');
    await page.getByLabel('Telefonnummer').fill('0511 55 66 77');
    await page.getByRole('checkbox', { name: /^Ich bin einverstanden/ }).check();
    await page.getByRole('button', { name: 'Anfrage abschicken' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Bitte später noch einmal versuchen' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('zu viele Anfragen');
    await expect(page.getByLabel('Was brauchen Sie?')).toHaveValue('Termin beim Kinderarzt');
    await expectNoViolations(page, '/request refused for too many requests (de)');
  });

  test('the honeypot is hidden from people and screen readers; the form works by keyboard and fits a phone', async ({ page, context }) => {
    await fromAddress(context, '192.0.2.63');
    for (const locale of ['de', 'ar'] as const) {
      await page.addInitScript((l) => window.localStorage.setItem('lotse.locale', l), locale);
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(`/request/${SLUG}`);
      await settled(page);
      await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
      await expect(page.locator('input[name=website]')).not.toBeInViewport();
      await expect(
        page.getByRole('textbox', { name: locale === 'de' ? 'Dieses Feld bitte leer lassen' : 'يُرجى ترك هذا الحقل فارغًا' }),
      ).toHaveCount(0);
      await expectFitsWidth(page);
      await expectNoViolations(page, `/request on a phone (${locale})`);
    }
    // By keyboard: the arrow keys move through the kinds of help, as in any radio group.
    const first = page.getByRole('radio', { name: 'شخص يرافقني إلى موعد' });
    await first.focus();
    await page.keyboard.press('Space');
    await expect(first).toBeChecked();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: 'مساعدة في الفهم' })).toBeChecked();
    await page.goto('/request/no-such-network');
    await settled(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('النموذج غير موجود');
  });
});

test.describe('a request as the coordinators handle it', () => {
  async function apiOrigin(page: Page) {
    return { Origin: new URL(page.url()).origin };
  }

  test('an incomplete request cannot be released yet: the button waits and names what is missing', async ({ page }) => {
    await signIn(page, COORDINATOR);
    const title = `Begleitung Ausländerbehörde ${stamp()}`;
    const created = await ok<{ id: string }>(
      page.request.post('/api/v1/guide-requests', {
        headers: await apiOrigin(page),
        data: { title, kind: 'accompaniment', description: 'Termin zur Verlängerung.' },
      }),
      201,
    );
    await page.goto(`/requests/${created.id}`);
    await settled(page);
    const release = page.getByRole('button', { name: 'Bereit zur Vermittlung' });
    await expect(release).toBeDisabled();
    await expect(release).toHaveAccessibleDescription(/^Noch nicht möglich\. Es fehlen: Thema, Sprachen, .*Ansprechperson\.$/);
    await expect(page.locator('#ready-blocked')).toContainText('Erwarteter Umfang');
  });

  test('a start in the past is saved only after a confirmation', async ({ page }) => {
    await signIn(page, COORDINATOR);
    const title = `Elterngespräch ${stamp()}`;
    const created = await ok<{ id: string }>(
      page.request.post('/api/v1/guide-requests', { headers: await apiOrigin(page), data: { title, kind: 'parents_evening' } }),
      201,
    );
    await page.goto(`/requests/${created.id}/edit`);
    await settled(page);
    await page.getByLabel(/^Beginn/).fill('2025-03-04T16:30');
    await page.getByRole('button', { name: 'Speichern' }).click();
    const dialog = page.getByRole('dialog', { name: 'Der Beginn liegt in der Vergangenheit' });
    await expect(dialog).toContainText('04.03.2025, 16:30');
    await expectNoViolations(page, 'past start confirmation (de)');
    // Cancelling keeps the form open, back at the date.
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByLabel(/^Beginn/)).toBeFocused();
    await expect(page).toHaveURL(new RegExp(`/requests/${created.id}/edit$`));

    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Trotzdem speichern' }).click();
    await expect(page).toHaveURL(new RegExp(`/requests/${created.id}$`));
    await settled(page);
    await expect(page.getByRole('region', { name: 'Ort und Zeit' })).toContainText('04.03.2025, 16:30');
    // The "saved" message sits in a bottom corner, clear of the page's heading.
    const toast = page.locator('.mantine-Notification-root').first();
    await expect(toast).toBeVisible();
    const heading = (await page.getByRole('heading', { level: 1 }).boundingBox())!;
    expect((await toast.boundingBox())!.y).toBeGreaterThan(heading.y + heading.height);
    // The saved date is not asked about again when something else changes.
    await page.getByRole('link', { name: 'Angaben ergänzen' }).first().click();
    await settled(page);
    await page.getByRole('textbox', { name: /^Ort/ }).fill('Grundschule Am Lindener Markt');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect(page).toHaveURL(new RegExp(`/requests/${created.id}$`));
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  test('on an Arabic page a German title and description keep their own direction, full stop at the end', async ({ page }) => {
    await signIn(page, COORDINATOR);
    const title = `Gespräch im Jugendamt ${stamp()}.`;
    const created = await ok<{ id: string }>(
      page.request.post('/api/v1/guide-requests', {
        headers: await apiOrigin(page),
        data: { title, description: 'Die Mutter bringt die Unterlagen mit.', place: 'Jugendamt, Raum 3.' },
      }),
      201,
    );
    try {
      await setSavedLocale(page, 'ar');
      await page.goto(`/requests/${created.id}`);
      await settled(page);
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      const heading = page.getByRole('heading', { level: 1 });
      await expect(heading).toHaveText(title);
      await expect(heading).toHaveAttribute('dir', 'auto');
      // dir="auto" resolves to left-to-right for German text: the full stop is drawn at the right end.
      expect(await heading.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
      await expect(page.locator('[dir=auto]').filter({ hasText: 'Die Mutter bringt die Unterlagen mit.' })).toBeVisible();
      await expect(page.locator('bdi[dir=auto]').filter({ hasText: 'Jugendamt, Raum 3.' })).toBeVisible();

      await page.goto('/requests');
      await settled(page);
      await expect(page.getByRole('link', { name: title }).locator('bdi[dir=auto]')).toHaveText(title);
    } finally {
      await setSavedLocale(page, 'de');
    }
  });
});
