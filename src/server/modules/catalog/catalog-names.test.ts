// Names in every UI language: catalogue entries and course titles carry a German name (required)
// and optional names in the other languages; every reader gets `label` in their language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeNetwork, makePortalLogin, makeReadyRequest, makeOrganization, makeUser, makeVolunteer, type TestNetwork } from '../../../../tests/factories.js';
import { addDays } from '../../../common/agreement-term.js';
import { berlinToday } from '../volunteers/profile.js';

let t: TestApp;
let network: TestNetwork;
let coordinator: string;
let coordinatorEmail: string;
let volunteer: string;
let slug: string;

beforeAll(async () => {
  t = await createTestApp();
  network = await makeNetwork(t.database, 'Integrationsnetz Namen');
  coordinatorEmail = (await makeUser(t.database, network, 'coordinator')).email;
  coordinator = await login(t.app, coordinatorEmail);
  volunteer = await login(t.app, (await makeUser(t.database, network, 'volunteer')).email);
  slug = (await t.app.inject({ method: 'GET', url: '/api/v1/network', headers: { cookie: coordinator } })).json().slug;
});
afterAll(() => t.close());

type Entry = { key: string; name: string; names: Record<string, string>; label: string; version: number };

const create = (kind: string, payload: object, locale = 'de', cookie = coordinator) =>
  t.app.inject({ method: 'POST', url: `/api/v1/catalog/${kind}`, headers: asBrowser(cookie, locale), payload });
const patch = (kind: string, key: string, payload: object, locale = 'de', cookie = coordinator) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/catalog/${kind}/${key}`, headers: asBrowser(cookie, locale), payload });
const list = async (kind: string, headers: Record<string, string>, query = '') => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/catalog/${kind}${query}`, headers });
  expect(res.statusCode).toBe(200);
  return res.json().items as Entry[];
};
const entry = async (kind: string, key: string, locale: string) => (await list(kind, { cookie: coordinator, 'accept-language': locale })).find((e) => e.key === key);

describe('catalogue names in every language', () => {
  it('saves names in other languages beside the German one and answers each reader in their language, German where none is given', async () => {
    const created = await create('specializations', { key: 'elternlotse', name: 'Elternlotse', names: { en: 'Parents’ guide', ar: 'مرشد أولياء الأمور' } }, 'ar');
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ key: 'elternlotse', name: 'Elternlotse', names: { en: 'Parents’ guide', ar: 'مرشد أولياء الأمور' }, label: 'مرشد أولياء الأمور', version: 1 });
    expect((await create('specializations', { key: 'sportlotse', name: 'Sportlotse', names: { en: 'Sports guide' } })).statusCode).toBe(201);

    expect((await entry('specializations', 'elternlotse', 'de'))?.label).toBe('Elternlotse');
    expect((await entry('specializations', 'elternlotse', 'en'))?.label).toBe('Parents’ guide');
    expect((await entry('specializations', 'elternlotse', 'ar-SY,ar;q=0.9'))?.label).toBe('مرشد أولياء الأمور');
    // No Arabic name: the German one.
    expect(await entry('specializations', 'sportlotse', 'ar')).toMatchObject({ name: 'Sportlotse', names: { en: 'Sports guide' }, label: 'Sportlotse' });
    // A language Lotse does not speak falls back to German too.
    expect((await entry('specializations', 'elternlotse', 'fr'))?.label).toBe('Elternlotse');
  });

  it('reads one entry with all its names and the label in the reader’s language', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/specializations/elternlotse', headers: { cookie: coordinator, 'accept-language': 'en' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ key: 'elternlotse', name: 'Elternlotse', names: { en: 'Parents’ guide', ar: 'مرشد أولياء الأمور' }, label: 'Parents’ guide' });
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/specializations/nowhere', headers: { cookie: coordinator, 'accept-language': 'en' } });
    expect(missing.statusCode).toBe(404);
  });

  it('gives the label in the account’s language when the request names none', async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: volunteer } });
    const changed = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: asBrowser(volunteer), payload: { locale: 'ar', version: me.json().user.version } });
    expect(changed.statusCode).toBe(200);
    const items = await list('specializations', { cookie: volunteer });
    expect(items.find((e) => e.key === 'elternlotse')?.label).toBe('مرشد أولياء الأمور');
  });

  it('refuses a name for a language that is not a UI language, and a German one outside `name`, with 422 naming the key', async () => {
    const french = await create('topics', { key: 'wohnen', name: 'Wohnen', names: { fr: 'Logement' } }, 'en');
    expect(french.statusCode).toBe(422);
    expect(french.json().errors).toEqual([{ path: 'body.names.fr', message: expect.any(String) }]);
    const german = await create('topics', { key: 'wohnen', name: 'Wohnen', names: { de: 'Wohnen' } }, 'en');
    expect(german.statusCode).toBe(422);
    expect(german.json().errors[0].path).toBe('body.names.de');
    const notText = await create('topics', { key: 'wohnen', name: 'Wohnen', names: { en: 42 } }, 'en');
    expect(notText.statusCode).toBe(422);
    expect(notText.json().errors[0].path).toBe('body.names.en');
    const tooLong = await create('topics', { key: 'wohnen', name: 'Wohnen', names: { en: 'x'.repeat(201) } }, 'en');
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json().errors).toEqual([{ path: 'body.names.en', message: 'At most 200 characters' }]);
    expect(await entry('topics', 'wohnen', 'de')).toBeUndefined();
  });

  it('requires the German name even when other names are given', async () => {
    const missing = await create('topics', { key: 'gesundheit', names: { en: 'Health' } }, 'en');
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toEqual([{ path: 'body.name', message: expect.any(String) }]);
    const blank = await create('topics', { key: 'gesundheit', name: '  ', names: { en: 'Health' } }, 'en');
    expect(blank.statusCode).toBe(422);
    expect(blank.json().errors[0].path).toBe('body.name');
  });

  it('treats an empty or blank name as none, so the German one applies', async () => {
    const res = await create('topics', { key: 'gesundheit', name: 'Gesundheit', names: { en: '', ar: '   ' } }, 'ar');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ names: {}, label: 'Gesundheit' });
  });

  it('replaces the other names as a whole with the version read, and refuses a stale version with 409', async () => {
    const before = (await entry('specializations', 'sportlotse', 'en'))!;
    const res = await patch('specializations', 'sportlotse', { names: { ar: 'مرشد الرياضة' }, version: before.version }, 'en');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Sportlotse', names: { ar: 'مرشد الرياضة' }, label: 'Sportlotse', version: before.version + 1 });
    const cleared = await patch('specializations', 'sportlotse', { names: { ar: '' }, version: before.version + 1 }, 'ar');
    expect(cleared.json()).toMatchObject({ names: {}, label: 'Sportlotse' });
    const stale = await patch('specializations', 'sportlotse', { names: { en: 'Sports' }, version: before.version }, 'en');
    expect(stale.statusCode).toBe(409);
    expect((await entry('specializations', 'sportlotse', 'en'))?.names).toEqual({});
    const unknown = await patch('specializations', 'sportlotse', { names: { tr: 'Spor rehberi' }, version: before.version + 2 }, 'en');
    expect(unknown.statusCode).toBe(422);
  });

  it('finds an entry by any of its names', async () => {
    const byArabic = await list('specializations', { cookie: coordinator }, `?q=${encodeURIComponent('أولياء')}`);
    expect(byArabic.map((e) => e.key)).toEqual(['elternlotse']);
    const byEnglish = await list('specializations', { cookie: coordinator }, '?q=parents');
    expect(byEnglish.map((e) => e.key)).toEqual(['elternlotse']);
    expect((await list('specializations', { cookie: coordinator }, '?q=sport')).map((e) => e.key)).toEqual(['sportlotse']);
  });

  it('lets another network neither read nor change the names', async () => {
    const other = await makeNetwork(t.database);
    const otherAdmin = await login(t.app, other.adminEmail);
    expect(await list('specializations', { cookie: otherAdmin, 'accept-language': 'ar' })).toEqual([]);
    expect(await list('specializations', { cookie: otherAdmin }, `?q=${encodeURIComponent('أولياء')}`)).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/catalog/specializations/elternlotse', headers: { cookie: otherAdmin } })).statusCode).toBe(404);
    const res = await patch('specializations', 'elternlotse', { names: { ar: 'مخترق' }, version: 1 }, 'de', otherAdmin);
    expect(res.statusCode).toBe(404);
    expect((await entry('specializations', 'elternlotse', 'ar'))?.label).toBe('مرشد أولياء الأمور');
  });

  it('shows the public application form’s topics and districts in the reader’s language', async () => {
    expect((await create('topics', { key: 'schule', name: 'Schule und Eltern', names: { en: 'School and parents', ar: 'المدرسة وأولياء الأمور' } })).statusCode).toBe(201);
    expect((await create('districts', { key: 'linden', name: 'Linden', lat: 52.37, lon: 9.71 })).statusCode).toBe(201);
    const form = async (locale: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/${slug}`, headers: { 'accept-language': locale } });
      expect(res.statusCode).toBe(200);
      return res.json() as { topics: { key: string; name: string; label: string }[]; districts: { key: string; label: string }[] };
    };
    const ar = await form('ar');
    expect(ar.topics.find((e) => e.key === 'schule')).toEqual({ key: 'schule', name: 'Schule und Eltern', label: 'المدرسة وأولياء الأمور' });
    expect(ar.topics.find((e) => e.key === 'gesundheit')?.label).toBe('Gesundheit');
    expect(ar.districts.find((e) => e.key === 'linden')?.label).toBe('Linden');
    expect((await form('de')).topics.find((e) => e.key === 'schule')?.label).toBe('Schule und Eltern');
  });

  it('names a missing specialisation in the reader’s language when matching explains why someone is left out', async () => {
    const school = await makeOrganization(t.database, network, 'Grundschule Linden');
    const partner = await login(t.app, (await makeUser(t.database, network, 'partner', school.id)).email);
    const volunteerId = await makeVolunteer(t.app, coordinator, { firstName: 'Ohne', lastName: 'Spezialisierung', homeDistrict: 'linden' });
    const day = addDays(berlinToday(), 7);
    const { id } = await makeReadyRequest(t.app, partner, coordinator, {
      title: 'Elternsprechtag',
      kind: 'parents_evening',
      topic: 'schule',
      description: 'Eine Mutter möchte zum Elternsprechtag begleitet werden.',
      languages: [{ code: 'de', minLevel: 'B1' }],
      requiredSpecializations: ['elternlotse'],
      involvesMinors: false,
      districtKey: 'linden',
      place: 'Grundschule Linden',
      startsAt: `${day}T15:00:00.000Z`,
      endsAt: `${day}T16:30:00.000Z`,
      expectedHours: 1.5,
      seeker: { ageGroup: 'adult', languages: ['de'] },
      contact: { name: 'Frau Schulz', email: 'schulz@gs-linden.example' },
    });
    const reasonsIn = async (locale: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/guide-requests/${id}/candidates?explain=excluded`, headers: asBrowser(coordinator, locale) });
      expect(res.statusCode).toBe(200);
      const excluded = res.json().excluded as { volunteerId: string; reasons: { rule: string; reason: string }[] }[];
      return excluded.find((e) => e.volunteerId === volunteerId)?.reasons.filter((r) => r.rule === 'specialization').map((r) => r.reason);
    };
    expect((await reasonsIn('ar'))?.[0]).toContain('مرشد أولياء الأمور');
    expect((await reasonsIn('en'))?.[0]).toContain('Parents’ guide');
    expect((await reasonsIn('de'))?.[0]).toContain('Elternlotse');
  });
});

describe('course titles in every language', () => {
  type Course = { id: string; title: string; titles: Record<string, string>; label: string; version: number };
  let course: Course;

  it('saves titles in other languages beside the German one; lists and reads give the reader’s language', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/courses',
      headers: asBrowser(coordinator, 'en'),
      payload: { kind: 'basic', title: 'Basisqualifizierung', titles: { en: 'Basic training', ar: 'التأهيل الأساسي', tr: 'Temel eğitim' } },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('body.titles.tr');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/courses',
      headers: asBrowser(coordinator, 'en'),
      payload: { kind: 'basic', title: 'Basisqualifizierung', titles: { en: 'Basic training', ar: 'التأهيل الأساسي' } },
    });
    expect(created.statusCode).toBe(201);
    course = created.json();
    expect(course).toMatchObject({ title: 'Basisqualifizierung', titles: { en: 'Basic training', ar: 'التأهيل الأساسي' }, label: 'Basic training' });
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/courses/${course.id}`, headers: { cookie: coordinator, 'accept-language': 'ar' } });
    expect(read.json().label).toBe('التأهيل الأساسي');
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/courses', headers: { cookie: coordinator, 'accept-language': 'de' } });
    expect(listed.json().items.find((c: Course) => c.id === course.id)).toMatchObject({ title: 'Basisqualifizierung', label: 'Basisqualifizierung' });
  });

  it('changes the titles with the version read, treats an empty title as none, and refuses a stale version with 409', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/courses/${course.id}`,
      headers: asBrowser(coordinator, 'en'),
      payload: { titles: { en: '', ar: 'التأهيل الأساسي للمرشدين' }, version: course.version },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Basisqualifizierung', titles: { ar: 'التأهيل الأساسي للمرشدين' }, label: 'Basisqualifizierung', version: course.version + 1 });
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/v1/courses/${course.id}`, headers: asBrowser(coordinator), payload: { titles: {}, version: course.version } });
    expect(stale.statusCode).toBe(409);
    const empty = await t.app.inject({ method: 'PATCH', url: `/api/v1/courses/${course.id}`, headers: asBrowser(coordinator, 'en'), payload: { title: '', version: course.version + 1 } });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors[0].path).toBe('body.title');
  });

  it('shows a volunteer their courses in their language in the portal', async () => {
    const volunteerId = await makeVolunteer(t.app, coordinator, { firstName: 'Portal', status: 'in_training', qualifications: [] });
    const portal = await makePortalLogin(t.app, t.database, network, volunteerId);
    const run = await t.app.inject({ method: 'POST', url: `/api/v1/courses/${course.id}/runs`, headers: asBrowser(coordinator), payload: { capacity: 10, status: 'open' } });
    expect(run.statusCode).toBe(201);
    const named = await t.app.inject({ method: 'POST', url: `/api/v1/courses/${course.id}/runs`, headers: asBrowser(coordinator), payload: { title: 'Abendkurs Linden', capacity: 10, status: 'open' } });
    for (const r of [run, named]) {
      const enrolled = await t.app.inject({ method: 'POST', url: `/api/v1/course-runs/${r.json().id}/enrollments`, headers: asBrowser(coordinator), payload: { volunteerId } });
      expect(enrolled.statusCode).toBe(201);
    }
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/me/enrollments', headers: { cookie: portal, 'accept-language': 'ar' } });
    expect(mine.statusCode).toBe(200);
    const labels = (mine.json() as { courseTitle: string; courseLabel: string; runLabel: string }[]).map((e) => [e.courseTitle, e.courseLabel, e.runLabel]).sort();
    expect(labels).toEqual([
      ['Basisqualifizierung', 'التأهيل الأساسي للمرشدين', 'Abendkurs Linden'],
      ['Basisqualifizierung', 'التأهيل الأساسي للمرشدين', 'التأهيل الأساسي للمرشدين'],
    ]);
  });

  it('lets another network neither read nor change a course’s titles', async () => {
    const other = await makeNetwork(t.database);
    const otherAdmin = await login(t.app, other.adminEmail);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/courses/${course.id}`, headers: { cookie: otherAdmin } })).statusCode).toBe(404);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/courses/${course.id}`, headers: asBrowser(otherAdmin), payload: { titles: { en: 'Hijacked' }, version: 2 } });
    expect(res.statusCode).toBe(404);
  });
});
