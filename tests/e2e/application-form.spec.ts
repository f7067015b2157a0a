import { ADMIN, apiSession, COORDINATOR, expect, expectFitsWidth, expectNoViolations, fromAddress, ok, settled, test, useLocale } from './fixtures.js';

const SLUG = 'hannover-demo';
const NETWORK = 'Integrationsnetz Hannover (Demo)';

test.describe('the public application form', () => {
  test('an applicant switches to Arabic, applies, and a coordinator sees the new interested volunteer', async ({ page, context, baseURL }) => {
    await fromAddress(context, '192.0.2.41');
    const email = `rana.${Date.now()}@example.org`;
    await page.goto(`/apply/${SLUG}`);
    await settled(page);
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await page.getByTestId('language-switcher').click();
    await page.getByRole('menuitem', { name: 'العربية' }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('التطوع كمرشد أو مرشدة');

    await page.getByLabel('الاسم الأول').fill('رنا');
    await page.getByLabel('اسم العائلة').fill('الخطيب');
    await page.getByLabel('البريد الإلكتروني').fill(email);
    await page.getByLabel('رقم الهاتف').fill('0511 123456');
    await page.getByLabel('الرمز البريدي').fill('30449');
    await page.getByLabel('المدينة').fill('Hannover');
    const first = page.getByRole('group', { name: 'اللغة 1' });
    await first.getByLabel('اللغة', { exact: true }).selectOption('ar');
    await first.getByLabel('ما مدى إتقانك؟').selectOption('native');
    await page.getByRole('button', { name: 'إضافة لغة' }).click();
    const second = page.getByRole('group', { name: 'اللغة 2' });
    await second.getByLabel('اللغة', { exact: true }).selectOption('de');
    await second.getByLabel('ما مدى إتقانك؟').selectOption('B1');
    // The topics follow the switch to Arabic: the network's Arabic names.
    await page.getByRole('checkbox', { name: 'المدرسة وأولياء الأمور' }).check();
    await page.getByLabel('هل تريد أن تخبرنا بشيء آخر؟').fill('أستطيع المساعدة في المساء.');
    await page.getByRole('checkbox', { name: /^أوافق على أن تحفظ الشبكة/ }).check();
    await page.getByRole('button', { name: 'إرسال طلب الانضمام' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('شكرًا جزيلًا!');
    await expect(page.getByRole('status').filter({ hasText: 'لقد وصلنا طلب انضمامك' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'الخطوات التالية' })).toBeVisible();
    await expect(page).toHaveTitle('شكرًا جزيلًا! · Lotse');
    await expectNoViolations(page, 'thank-you page (ar)');

    const coordinator = await apiSession(baseURL!, COORDINATOR);
    const admin = await apiSession(baseURL!, ADMIN);
    try {
      const pool = await ok<{ items: { id: string; email: string }[] }>(coordinator.get('/api/v1/volunteers?status=interested&sort=-createdAt&limit=50'));
      // The list shows a summary; what the form stored is in the full record.
      const applicant = await ok<{ id: string; contactLanguage: string; languages: unknown[]; interests: string[]; firstName: string; lastName: string }>(
        coordinator.get(`/api/v1/volunteers/${pool.items.find((v) => v.email === email)!.id}`),
      );
      expect(applicant).toMatchObject({
        firstName: 'رنا',
        lastName: 'الخطيب',
        status: 'interested',
        contactLanguage: 'ar',
        interests: ['schule-eltern'],
      });
      expect(applicant!.languages).toEqual(
        expect.arrayContaining([
          { code: 'ar', level: 'native' },
          { code: 'de', level: 'B1' },
        ]),
      );
      await expect
        .poll(async () => {
          const outbox = await ok<{ items: { to: string; subject: string; text: string }[] }>(admin.get('/api/v1/outbox?limit=50'));
          return outbox.items.find((m) => m.to === COORDINATOR.email && m.text.includes(`/volunteers/${applicant!.id}`))?.subject ?? null;
        })
        .toBe('Neue Bewerbung: رنا الخطيب');
    } finally {
      await coordinator.dispose();
      await admin.dispose();
    }
  });

  test('a missing required field shows an Arabic error next to it, and nothing is sent', async ({ page, context }) => {
    await fromAddress(context, '192.0.2.42');
    await useLocale(context, 'ar');
    let posted = false;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/volunteer-applications')) posted = true;
    });
    await page.goto(`/apply/${SLUG}`);
    await settled(page);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.getByLabel('اسم العائلة').fill('الخطيب');
    await page.getByLabel('البريد الإلكتروني').fill('rana@example.org');
    await page.getByRole('button', { name: 'إرسال طلب الانضمام' }).click();

    const firstName = page.getByLabel('الاسم الأول');
    await expect(firstName).toHaveAttribute('aria-invalid', 'true');
    await expect(firstName).toHaveAccessibleDescription('حقل مطلوب');
    await expect(firstName).toBeFocused();
    // The error sits under its own field, on the reading side.
    const field = await firstName.boundingBox();
    const error = await page.getByText('حقل مطلوب').first().boundingBox();
    expect(error!.y).toBeGreaterThan(field!.y);
    expect(error!.y - (field!.y + field!.height)).toBeLessThan(40);
    expect(error!.x + error!.width).toBeCloseTo(field!.x + field!.width, -1);
    const consent = page.getByRole('checkbox', { name: /^أوافق على أن تحفظ الشبكة/ });
    await expect(consent).toHaveAttribute('aria-invalid', 'true');
    await expect(consent).toHaveAccessibleDescription('يُرجى الموافقة. لا يحق لنا حفظ بياناتك دون موافقتك.');
    await expectNoViolations(page, 'form with errors (ar)');
    expect(posted).toBe(false);
  });

  test('the honeypot is hidden from people, screen readers and the keyboard', async ({ page, context }) => {
    await fromAddress(context, '192.0.2.43');
    await useLocale(context, 'de');
    await page.goto(`/apply/${SLUG}`);
    await settled(page);
    const honeypot = page.locator('input[name=website]');
    await expect(honeypot).toHaveCount(1);
    await expect(honeypot).not.toBeInViewport();
    await expect(page.getByRole('textbox', { name: 'Dieses Feld bitte leer lassen' })).toHaveCount(0);

    // Tab from the top of the page to the submit button: the honeypot never takes the focus.
    const submit = page.getByRole('button', { name: 'Bewerbung abschicken' });
    await page.locator('body').focus();
    const visited: string[] = [];
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? `${el.tagName.toLowerCase()}#${el.id}[${el.getAttribute('name') ?? ''}]${el.textContent?.trim().slice(0, 30) ?? ''}` : '';
      });
      visited.push(focused);
      if (await submit.evaluate((el) => el === document.activeElement)) break;
    }
    await expect(submit).toBeFocused();
    expect(visited.some((v) => v.includes('[website]') || v.includes('#apply-website'))).toBe(false);
    expect(visited.length).toBeGreaterThan(10);
  });

  test('too many applications from one address are refused in plain words, and the entries stay', async ({ page, context, baseURL }) => {
    const ip = '198.51.100.44';
    await fromAddress(context, ip);
    await useLocale(context, 'de');
    // Five submissions use up the hour's allowance of this address. They fill the honeypot, so the
    // server counts them but stores nothing.
    const network = await ok<{ consentVersion: string }>(page.request.get(`/api/v1/public/${SLUG}`));
    for (let i = 0; i < 5; i++) {
      const res = await page.request.post(`/api/v1/public/${SLUG}/volunteer-applications`, {
        headers: { Origin: baseURL!, 'X-Forwarded-For': ip },
        data: { firstName: 'Robo', lastName: `Ter${i}`, email: `robo${i}@example.org`, consent: { accepted: true, textVersion: network.consentVersion }, website: 'http://spam.example' },
      });
      expect(res.status()).toBe(202);
    }
    await page.goto(`/apply/${SLUG}`);
    await settled(page);
    await page.getByLabel('Vorname').fill('Jonas');
    await page.getByLabel('Nachname').fill('Weber');
    await page.getByLabel('E-Mail-Adresse').fill('jonas.weber@example.org');
    await page.getByRole('checkbox', { name: /^Ich bin einverstanden/ }).check();
    await page.getByRole('button', { name: 'Bewerbung abschicken' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Bitte später noch einmal versuchen' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('Bitte warten Sie eine Stunde');
    await expect(page.getByLabel('Vorname')).toHaveValue('Jonas');
    await expectNoViolations(page, 'form refused for too many applications (de)');
  });

  for (const locale of ['de', 'ar'] as const) {
    test(`has no axe violations, on a desktop and a phone (${locale})`, async ({ page, context }) => {
      await fromAddress(context, '192.0.2.45');
      await useLocale(context, locale);
      await page.goto(`/apply/${SLUG}`);
      await settled(page);
      await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
      await expect(page.getByText(NETWORK, { exact: true })).toBeVisible();
      await expect(page.getByTestId('language-switcher')).toBeVisible();
      await expectNoViolations(page, `/apply (${locale})`);
      await page.getByRole('button', { name: locale === 'de' ? 'Bewerbung abschicken' : 'إرسال طلب الانضمام' }).click();
      await expect(page.locator('[aria-invalid=true]').first()).toBeVisible();
      await expectNoViolations(page, `/apply with errors (${locale})`);

      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(`/apply/${SLUG}`);
      await settled(page);
      await expectFitsWidth(page);
      await expectNoViolations(page, `/apply on a phone (${locale})`);

      await page.goto('/apply/no-such-network');
      await settled(page);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(locale === 'de' ? 'Formular nicht gefunden' : 'النموذج غير موجود');
    });
  }
});

test.describe('certificate verification', () => {
  /** A completed sustainability module for a new volunteer, through the API as the office does it. */
  async function certificateAddress(baseURL: string, stamp: string): Promise<string> {
    const api = await apiSession(baseURL, COORDINATOR);
    try {
      const volunteer = await ok<{ id: string }>(api.post('/api/v1/volunteers', { data: { firstName: 'Mariam', lastName: `Yousef ${stamp}`, status: 'in_training' } }), 201);
      const course = await ok<{ id: string }>(api.post('/api/v1/courses', { data: { kind: 'sustainability', title: `Nachhaltigkeit im Alltag ${stamp}`, teachingHours: 6 } }), 201);
      const run = await ok<{ id: string }>(api.post(`/api/v1/courses/${course.id}/runs`, { data: { capacity: 12, status: 'open' } }), 201);
      const sessions = [];
      for (const date of ['2026-03-03', '2026-03-10']) {
        sessions.push(
          await ok<{ id: string }>(api.post(`/api/v1/course-runs/${run.id}/sessions`, { data: { date, startTime: '17:00', endTime: '19:15', teachingHours: 3, instructors: ['R. Aydin', 'P. Lange'] } }), 201),
        );
      }
      const enrollment = await ok<{ id: string }>(api.post(`/api/v1/course-runs/${run.id}/enrollments`, { data: { volunteerId: volunteer.id } }), 201);
      for (const s of sessions) await ok(api.put(`/api/v1/course-sessions/${s.id}/attendance`, { data: { entries: [{ enrollmentId: enrollment.id, present: true }] } }));
      const completion = await ok<{ results: { enrollmentId: string; status: string }[] }>(api.post(`/api/v1/course-runs/${run.id}/complete`));
      expect(completion.results).toContainEqual(expect.objectContaining({ enrollmentId: enrollment.id, status: 'completed' }));

      // The QR code's target is also the PDF's link annotation, in plain text.
      const pdf = await api.get(`/api/v1/enrollments/${enrollment.id}/certificate.pdf`);
      expect(pdf.status()).toBe(200);
      const uri = /\/URI \((http[^)]+)\)/.exec((await pdf.body()).toString('latin1'));
      expect(uri).not.toBeNull();
      return uri![1]!;
    } finally {
      await api.dispose();
    }
  }

  test('the address in a certificate’s QR code shows it as genuine; a made-up code as not found', async ({ page, context, baseURL }) => {
    const stamp = Date.now().toString(36);
    const address = await certificateAddress(baseURL!, stamp);
    const url = new URL(address);
    expect(url.origin).toBe(new URL(baseURL!).origin);
    expect(url.pathname).toMatch(/^\/verify\/certificate\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{22}$/);

    await useLocale(context, 'de');
    await page.goto(url.pathname);
    await settled(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zertifikat prüfen');
    const result = page.getByRole('region', { name: 'Dieses Zertifikat ist echt.' });
    await expect(result).toBeVisible();
    await expect(result.getByRole('definition').filter({ hasText: `Mariam Yousef ${stamp}` })).toBeVisible();
    await expect(result.getByText(`Nachhaltigkeit im Alltag ${stamp}`)).toBeVisible();
    await expect(result.getByText('6 Unterrichtseinheiten zu je 45 Minuten besucht')).toBeVisible();
    await expect(result.getByText('10.03.2026')).toBeVisible();
    await expect(result.getByRole('definition').filter({ hasText: NETWORK })).toBeVisible();
    await expectNoViolations(page, 'genuine certificate (de)');

    const networkId = url.pathname.split('/').pop()!.split('.')[0]!;
    for (const made_up of [`${networkId}.AAAAAAAAAAAAAAAAAAAAAA`, 'kein-echter-code']) {
      await page.goto(`/verify/certificate/${made_up}`);
      await settled(page);
      await expect(page.getByRole('region', { name: 'Kein Zertifikat gefunden' })).toBeVisible();
      await expect(page.getByText(`Mariam Yousef ${stamp}`)).toHaveCount(0);
    }
    await expectNoViolations(page, 'unknown certificate (de)');
  });

  test('the verification page speaks Arabic, right to left, on a phone too', async ({ page, context, baseURL }) => {
    const stamp = Date.now().toString(36);
    const { pathname } = new URL(await certificateAddress(baseURL!, stamp));
    await useLocale(context, 'ar');
    await page.goto(pathname);
    await settled(page);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('region', { name: 'هذه الشهادة أصلية.' })).toBeVisible();
    await expectNoViolations(page, 'genuine certificate (ar)');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/verify/certificate/kein-echter-code');
    await settled(page);
    await expect(page.getByRole('region', { name: 'لم يتم العثور على شهادة' })).toBeVisible();
    await expectFitsWidth(page);
    await expectNoViolations(page, 'unknown certificate on a phone (ar)');
  });
});
