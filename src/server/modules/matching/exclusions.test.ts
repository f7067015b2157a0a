// Every hard rule of matching, through the API, on the database under test: each volunteer below
// fails exactly one rule. The ranked list (where the database pre-filters) and the explained list
// (where it does not) must agree, and the plan must not assign anyone the rules exclude.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, makePlacementCast, makeReadyRequest, makeVolunteer } from '../../../../tests/factories.js';
import { addDays } from '../../../common/agreement-term.js';
import { berlinToday } from '../volunteers/profile.js';

let t: TestApp;
let coordinator: string;
let partner: string;
let school: { id: string };
const ids: Record<string, string> = {};

const today = berlinToday();
// A week ahead, 18:00–19:30 in Berlin (17:00 UTC in winter, 16:00 in summer: either is inside the day).
const day = addDays(today, 7);
const yearsAgo = (years: number) => `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;

/** The rule each volunteer fails (null: fits). */
const expected: Record<string, string | null> = {
  fits: null,
  paused: 'status',
  noBasic: 'basic_qualification',
  noArabic: 'language',
  arabicA2: 'language',
  arabicUnknownLevel: 'language',
  noSpecialisation: 'specialization',
  competenceLimit: 'competence_limit',
  agreementsFull: 'capacity',
  hoursUsed: 'capacity',
  absent: 'absence',
  noPoliceCertificate: 'police_certificate',
  oldPoliceCertificate: 'police_certificate',
};

async function recordAgreement(volunteerId: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/agreements',
    headers: asBrowser(coordinator),
    payload: { volunteerId, organizationId: school.id, scope: 'Hausaufgabenhilfe', startsOn: today, endsOn: addDays(today, 60) },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  ({ coordinator, school, partner } = await makePlacementCast(t, 'Integrationsnetz Regeln', 'Grundschule Linden'));
  const base = {
    languages: [{ code: 'ar', level: 'C1' }],
    specializations: ['elternlotse'],
    homeDistrict: 'linden-nord',
    onboarding: { policeCertificateOn: yearsAgo(1) },
  };
  const variants: Record<string, object> = {
    fits: {},
    paused: { status: 'paused' },
    noBasic: { qualifications: [] },
    noArabic: { languages: [{ code: 'fa', level: 'native' }] },
    arabicA2: { languages: [{ code: 'ar', level: 'A2' }] },
    arabicUnknownLevel: { languages: [{ code: 'ar', level: 'unknown' }] },
    noSpecialisation: { specializations: [] },
    competenceLimit: { competenceLimits: ['schule'] },
    agreementsFull: { maxActiveAgreements: 1 },
    hoursUsed: { maxHoursPerMonth: 2 },
    absent: { absences: [{ from: addDays(day, -1), to: addDays(day, 1) }] },
    noPoliceCertificate: { onboarding: {} },
    oldPoliceCertificate: { onboarding: { policeCertificateOn: yearsAgo(6) } },
  };
  for (const [name, fields] of Object.entries(variants)) {
    ids[name] = await makeVolunteer(t.app, coordinator, { ...base, firstName: name, lastName: 'Regel', ...fields });
  }
  await recordAgreement(ids.agreementsFull!);
  // Two hours logged this month: the month's allowance of two hours is used up.
  const agreementId = await recordAgreement(ids.hoursUsed!);
  const logged = await t.app.inject({
    method: 'POST',
    url: '/api/v1/deployments',
    headers: asBrowser(coordinator),
    payload: { agreementId, date: today, hours: 2 },
  });
  expect(logged.statusCode).toBe(201);
});
afterAll(() => t.close());

async function readyRequest() {
  return (
    await makeReadyRequest(t.app, partner, coordinator, {
      title: 'Elternsprechtag mit Kind',
      kind: 'parents_evening',
      topic: 'schule',
      description: 'Ein Vater möchte zum Elternsprechtag begleitet werden; das Kind ist dabei.',
      languages: [{ code: 'ar', minLevel: 'B2' }],
      requiredSpecializations: ['elternlotse'],
      involvesMinors: true,
      districtKey: 'linden-nord',
      place: 'Grundschule Linden',
      startsAt: `${day}T15:00:00.000Z`,
      endsAt: `${day}T16:30:00.000Z`,
      expectedHours: 1.5,
      seeker: { ageGroup: 'adult', languages: ['ar'] },
      contact: { name: 'Frau Schulz', email: 'schulz@gs-linden.example' },
    })
  ).id;
}

describe('every hard rule through the API', () => {
  it('ranks only the volunteer who passes every rule; the explained list names the one rule each other fails', async () => {
    const requestId = await readyRequest();
    const ranked = await t.app.inject({
      method: 'GET',
      url: `/api/v1/guide-requests/${requestId}/candidates`,
      headers: asBrowser(coordinator),
    });
    expect(ranked.statusCode).toBe(200);
    expect(ranked.json().items.map((c: { volunteerId: string }) => c.volunteerId)).toEqual([ids.fits]);

    const explained = await t.app.inject({
      method: 'GET',
      url: `/api/v1/guide-requests/${requestId}/candidates?explain=excluded`,
      headers: asBrowser(coordinator, 'en'),
    });
    expect(explained.statusCode).toBe(200);
    const body = explained.json() as {
      items: { volunteerId: string }[];
      excluded: { volunteerId: string; reasons: { rule: string; reason: string }[] }[];
    };
    expect(body.items.map((c) => c.volunteerId)).toEqual([ids.fits]);
    const rules = Object.fromEntries(body.excluded.map((e) => [e.volunteerId, e.reasons.map((r) => r.rule)]));
    for (const [name, rule] of Object.entries(expected)) {
      expect(rules[ids[name]!], name).toEqual(rule === null ? undefined : [rule]);
    }
    for (const e of body.excluded) for (const r of e.reasons) expect(r.reason.length, r.rule).toBeGreaterThan(5);
  });

  it("does not count a language of unknown level as meeting a minimum level, and says so in the reader's language", async () => {
    const requestId = await readyRequest();
    for (const [locale, text] of [
      ['de', 'Spricht Arabisch, aber das Niveau ist nicht erfasst; gebraucht wird mindestens B2.'],
      ['en', 'Speaks Arabic, but the level is not recorded; at least B2 is needed.'],
    ] as const) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/guide-requests/${requestId}/candidates?explain=excluded`,
        headers: asBrowser(coordinator, locale),
      });
      expect(res.statusCode).toBe(200);
      const body = res.json() as {
        items: { volunteerId: string }[];
        excluded: { volunteerId: string; reasons: { rule: string; reason: string }[] }[];
      };
      expect(body.items.map((c) => c.volunteerId)).not.toContain(ids.arabicUnknownLevel);
      const reasons = body.excluded.find((e) => e.volunteerId === ids.arabicUnknownLevel)?.reasons;
      expect(reasons).toEqual([{ rule: 'language', reason: text }]);
    }
  });

  it('refuses to propose anyone the rules exclude, naming the rule, and proposes the one who fits', async () => {
    const requestId = await readyRequest();
    for (const name of ['noBasic', 'hoursUsed', 'oldPoliceCertificate']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/guide-requests/${requestId}/proposals`,
        headers: asBrowser(coordinator),
        payload: { volunteerId: ids[name] },
      });
      expect(res.statusCode, name).toBe(422);
      expect(JSON.stringify(res.json()), name).toContain(expected[name]!);
    }
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/guide-requests/${requestId}/proposals`,
      headers: asBrowser(coordinator),
      payload: { volunteerId: ids.fits },
    });
    expect(ok.statusCode).toBe(201);
  });

  it('plans only the volunteer who passes every rule', async () => {
    const requestId = await readyRequest();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/matching/plan',
      headers: asBrowser(coordinator),
      payload: { requestIds: [requestId] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().assignments.map((a: { volunteerId: string }) => a.volunteerId)).toEqual([ids.fits]);
  });
});
