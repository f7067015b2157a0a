import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WEIGHTS,
  distanceKm,
  evaluate,
  exclusionsOf,
  isExcluded,
  prepareRequest,
  rankCandidates,
  scoreOf,
  scoreValueOf,
  type MatchRequest,
  type MatchVolunteer,
  type MatchingSettings,
} from './criteria.js';

const settings: MatchingSettings = { weights: { ...DEFAULT_WEIGHTS }, radiusKm: 15, policeCertificateValidYears: 5 };
const TODAY = '2026-11-23';
// Hannover: Linden-Limmer and Mitte (about 2.5 km apart), Misburg further out.
const LINDEN = { lat: 52.3667, lon: 9.7167 };
const MITTE = { lat: 52.3744, lon: 9.7386 };
const MISBURG = { lat: 52.3905, lon: 9.8654 };

function volunteer(overrides: Partial<MatchVolunteer> = {}): MatchVolunteer {
  return {
    id: 'v-amira',
    name: 'Amira Haddad',
    status: 'active',
    hasBasic: true,
    languages: [
      { code: 'ar', level: 'native' },
      { code: 'de', level: 'C1' },
    ],
    specializations: ['elternlotse'],
    topics: ['school'],
    competenceLimits: [],
    gender: 'female',
    origins: ['SY'],
    home: LINDEN,
    districts: ['linden-limmer'],
    availability: [{ weekday: 2, from: '14:00', to: '18:00' }],
    absences: [],
    maxActiveAgreements: 3,
    activeAgreements: 0,
    maxHoursPerMonth: 20,
    hoursThisMonth: 0,
    policeCertificateOn: '2024-03-01',
    goodAgreementsWith: {},
    ...overrides,
  };
}

function request(overrides: Partial<MatchRequest> = {}): MatchRequest {
  return {
    topic: 'school',
    languages: [{ code: 'ar', minLevel: 'B2' }],
    requiredSpecializations: [],
    involvesMinors: false,
    districtKey: 'mitte',
    place: MITTE,
    // Tuesday 1 December 2026, 15:00–16:30 in Berlin (UTC+1).
    startsAt: new Date('2026-12-01T14:00:00Z'),
    endsAt: new Date('2026-12-01T15:30:00Z'),
    schedule: [],
    expectedHours: 1.5,
    seeker: { genderPreference: null, wantsPeerMatch: false, origins: [] },
    requesterOrganizationId: null,
    ...overrides,
  };
}

const rulesOf = (r: MatchRequest, v: MatchVolunteer) => exclusionsOf(prepareRequest(r, TODAY, settings), v, settings, true).map((e) => e.rule);

describe('exclusion rules', () => {
  it('lets a fitting, active, trained volunteer through', () => {
    expect(rulesOf(request(), volunteer())).toEqual([]);
  });

  it('excludes a volunteer who is not active', () => {
    for (const status of ['interested', 'onboarding', 'in_training', 'paused', 'left'] as const) {
      expect(rulesOf(request(), volunteer({ status }))).toEqual(['status']);
    }
  });

  it('excludes a volunteer without the basic qualification', () => {
    expect(rulesOf(request(), volunteer({ hasBasic: false }))).toEqual(['basic_qualification']);
  });

  it('excludes a missing language and a level below the minimum, but not a higher one', () => {
    expect(rulesOf(request({ languages: [{ code: 'fa', minLevel: 'A2' }] }), volunteer())).toEqual(['language']);
    const low = exclusionsOf(prepareRequest(request({ languages: [{ code: 'de', minLevel: 'C2' }] }), TODAY, settings), volunteer(), settings, true);
    expect(low).toEqual([{ rule: 'language', reason: { key: 'matching.rules.languageLevel', values: { language: 'de', level: 'C1', minLevel: 'C2' } } }]);
    expect(rulesOf(request({ languages: [{ code: 'de', minLevel: 'B1' }] }), volunteer())).toEqual([]);
    expect(rulesOf(request({ languages: [{ code: 'ar', minLevel: 'native' }] }), volunteer())).toEqual([]);
  });

  it('excludes a missing required specialisation', () => {
    expect(rulesOf(request({ requiredSpecializations: ['sportlotse'] }), volunteer())).toEqual(['specialization']);
    expect(rulesOf(request({ requiredSpecializations: ['elternlotse'] }), volunteer())).toEqual([]);
  });

  it('excludes a topic among the volunteer’s competence limits', () => {
    expect(rulesOf(request({ topic: 'health' }), volunteer({ competenceLimits: ['health'] }))).toEqual(['competence_limit']);
  });

  it('excludes a volunteer without free capacity, by agreements or by the month’s hours', () => {
    expect(rulesOf(request(), volunteer({ activeAgreements: 3 }))).toEqual(['capacity']);
    expect(rulesOf(request(), volunteer({ hoursThisMonth: 20 }))).toEqual(['capacity']);
    expect(rulesOf(request(), volunteer({ activeAgreements: 2, hoursThisMonth: 19.5 }))).toEqual([]);
    expect(rulesOf(request(), volunteer({ maxActiveAgreements: null, maxHoursPerMonth: null, activeAgreements: 9 }))).toEqual([]);
  });

  it('excludes a volunteer absent on the day, in Berlin time', () => {
    expect(rulesOf(request(), volunteer({ absences: [{ from: '2026-11-28', to: '2026-12-01' }] }))).toEqual(['absence']);
    expect(rulesOf(request(), volunteer({ absences: [{ from: '2026-12-02', to: '2026-12-10' }] }))).toEqual([]);
    // 23:30 UTC on 30 November is already 1 December in Berlin.
    const lateNight = request({ startsAt: new Date('2026-11-30T23:30:00Z'), endsAt: null });
    expect(rulesOf(lateNight, volunteer({ absences: [{ from: '2026-12-01', to: '2026-12-01' }] }))).toEqual(['absence']);
  });

  it('requires a valid police certificate only when minors are involved', () => {
    expect(rulesOf(request({ involvesMinors: true }), volunteer({ policeCertificateOn: null }))).toEqual(['police_certificate']);
    expect(rulesOf(request({ involvesMinors: true }), volunteer({ policeCertificateOn: '2021-11-22' }))).toEqual(['police_certificate']);
    expect(rulesOf(request({ involvesMinors: true }), volunteer({ policeCertificateOn: '2021-11-24' }))).toEqual([]);
    expect(rulesOf(request({ involvesMinors: false }), volunteer({ policeCertificateOn: null }))).toEqual([]);
  });

  it('lists every rule that excludes when asked to explain, and stops at the first otherwise', () => {
    const v = volunteer({ status: 'paused', hasBasic: false, activeAgreements: 3 });
    expect(rulesOf(request(), v)).toEqual(['status', 'basic_qualification', 'capacity']);
    expect(exclusionsOf(prepareRequest(request(), TODAY, settings), v, settings, false)).toHaveLength(1);
  });

  it('the fast check and the explained rules agree on 2,000 varied pairs', () => {
    let x = 99;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
    let excluded = 0;
    for (let i = 0; i < 2000; i++) {
      const v = volunteer({
        status: rnd() < 0.9 ? 'active' : 'paused',
        hasBasic: rnd() < 0.9,
        languages: [
          { code: rnd() < 0.85 ? 'ar' : 'de', level: pick(['A2', 'B2', 'native', 'native'] as const) },
          { code: 'fa', level: pick(['A2', 'B2', 'native', 'native'] as const) },
        ],
        specializations: rnd() < 0.5 ? ['elternlotse'] : [],
        competenceLimits: rnd() < 0.2 ? ['school'] : [],
        activeAgreements: Math.floor(rnd() * 3.5),
        hoursThisMonth: Math.floor(rnd() * 22),
        absences: rnd() < 0.2 ? [{ from: '2026-11-30', to: '2026-12-02' }] : [],
        policeCertificateOn: pick([null, '2021-11-23', '2021-11-24', '2026-11-24', '2025-01-01']),
      });
      const r = request({
        languages: [{ code: pick(['ar', 'fa']), minLevel: pick(['A2', 'B2'] as const) }],
        requiredSpecializations: rnd() < 0.3 ? ['elternlotse'] : [],
        involvesMinors: rnd() < 0.3,
      });
      const p = prepareRequest(r, TODAY, settings);
      const explained = exclusionsOf(p, v, settings, true);
      expect(isExcluded(p, v), JSON.stringify({ i, explained })).toBe(explained.length > 0);
      if (explained.length) excluded++;
    }
    // Both outcomes occur often enough for the comparison to mean something.
    expect(excluded).toBeGreaterThan(200);
    expect(excluded).toBeLessThan(1900);
  });
});

describe('soft criteria', () => {
  const scored = (r: MatchRequest, v: MatchVolunteer) => {
    const result = evaluate(prepareRequest(r, TODAY, settings), v, settings);
    if (!result.eligible) throw new Error('expected eligible');
    return result;
  };

  it('explains every criterion with its score, weight and a reason', () => {
    const result = scored(request({ requesterOrganizationId: 'org-school' }), volunteer({ goodAgreementsWith: { 'org-school': 1 } }));
    const byKey = Object.fromEntries(result.criteria.map((c) => [c.key, c]));
    expect(Object.keys(byKey).sort()).toEqual(['availability', 'distance', 'history', 'interests', 'load']);
    expect(byKey.distance!.reason).toEqual({ key: 'matching.criteria.distance', values: { km: expect.closeTo(1.7, 0) } });
    // Tuesday 15:00–16:30 lies inside her Tuesday 14:00–18:00 slot.
    expect(byKey.availability).toMatchObject({ score: 1, weight: 3, reason: { values: { percent: 100 } } });
    expect(byKey.load!.score).toBe(1);
    expect(byKey.interests!.score).toBe(1);
    expect(byKey.history!.score).toBe(0.5);
    expect(result.score).toBeGreaterThan(80);
    expect(result.score).toBeLessThanOrEqual(100);
  });

  it('scores partly covered time as a share', () => {
    const result = scored(request(), volunteer({ availability: [{ weekday: 2, from: '15:45', to: '20:00' }] }));
    expect(result.criteria.find((c) => c.key === 'availability')!.score).toBe(0.5);
  });

  it('serving the district beats living close; far away scores lower', () => {
    const serves = scored(request(), volunteer({ districts: ['mitte'], home: MISBURG })).criteria.find((c) => c.key === 'distance')!;
    const near = scored(request(), volunteer({ home: LINDEN })).criteria.find((c) => c.key === 'distance')!;
    const far = scored(request(), volunteer({ home: MISBURG })).criteria.find((c) => c.key === 'distance')!;
    expect(serves.score).toBe(1);
    expect(near.score).toBeGreaterThan(far.score);
    expect(distanceKm(MITTE, MISBURG)).toBeGreaterThan(8);
  });

  it('uses peer match and gender preference only when the seeker asks for them', () => {
    const plain = scored(request(), volunteer());
    expect(plain.criteria.map((c) => c.key)).not.toContain('peer');
    const peer = scored(request({ seeker: { genderPreference: 'female', wantsPeerMatch: true, origins: ['SY', 'IQ'] } }), volunteer());
    expect(peer.criteria.find((c) => c.key === 'peer')).toMatchObject({ score: 1, reason: { values: { country: 'SY' } } });
    expect(peer.criteria.find((c) => c.key === 'gender')!.score).toBe(1);
    const noConsent = scored(request({ seeker: { genderPreference: 'male', wantsPeerMatch: true, origins: ['SY'] } }), volunteer({ origins: [] }));
    expect(noConsent.criteria.find((c) => c.key === 'peer')).toMatchObject({ score: 0, reason: { key: 'matching.criteria.peerUnknown' } });
    expect(noConsent.criteria.find((c) => c.key === 'gender')!.score).toBe(0);
  });

  it('the plan’s score-only path gives the same total as the explained criteria on 2,000 varied pairs', () => {
    let x = 7;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
    const totals = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = volunteer({
        home: pick([LINDEN, MITTE, MISBURG, null]),
        districts: rnd() < 0.3 ? ['mitte'] : ['linden-limmer'],
        availability: pick([[], [{ weekday: 2, from: '15:45', to: '20:00' }], [{ weekday: 2, from: '14:00', to: '15:30' }, { weekday: 2, from: '15:00', to: '16:00' }]]),
        gender: pick(['female', 'male', null]),
        origins: pick([[], ['SY'], ['AF']]),
        topics: rnd() < 0.5 ? ['school'] : [],
        activeAgreements: Math.floor(rnd() * 3),
        maxActiveAgreements: pick([3, null]),
        hoursThisMonth: Math.floor(rnd() * 20),
        maxHoursPerMonth: pick([20, null]),
        goodAgreementsWith: rnd() < 0.5 ? { 'org-school': Math.floor(rnd() * 4) } : {},
      });
      const r = request({
        districtKey: pick(['mitte', null]),
        place: pick([MITTE, null]),
        topic: pick(['school', null]),
        schedule: rnd() < 0.3 ? [{ weekday: 2, from: '15:00', to: '17:00' }] : [],
        startsAt: rnd() < 0.2 ? null : new Date('2026-12-01T14:00:00Z'),
        seeker: { genderPreference: pick(['female', 'male', null]), wantsPeerMatch: rnd() < 0.5, origins: ['SY'] },
        requesterOrganizationId: pick(['org-school', null]),
      });
      const weights = { ...DEFAULT_WEIGHTS, distance: pick([0, 3]), peer: pick([2, 5]) };
      const s = { ...settings, weights };
      const p = prepareRequest(r, TODAY, s);
      const total = scoreOf(p, v, s).score;
      expect(scoreValueOf(p, v, s), JSON.stringify({ i })).toBe(total);
      totals.add(total);
    }
    // The pairs differ enough for the comparison to mean something.
    expect(totals.size).toBeGreaterThan(100);
  });

  it('a weight of 0 switches a criterion off', () => {
    const result = evaluate(prepareRequest(request(), TODAY, settings), volunteer(), { ...settings, weights: { ...DEFAULT_WEIGHTS, distance: 0 } });
    expect(result.eligible && result.criteria.map((c) => c.key)).not.toContain('distance');
  });
});

describe('rankCandidates', () => {
  it('ranks the free, close, available volunteer first and the loaded one lower', () => {
    const volunteers = [
      volunteer({ id: 'v-busy', name: 'Bernd Busy', activeAgreements: 2, hoursThisMonth: 15 }),
      volunteer({ id: 'v-far', name: 'Fatma Far', home: MISBURG, districts: [] }),
      volunteer({ id: 'v-best', name: 'Amira Haddad' }),
      volunteer({ id: 'v-never', name: 'Nora Never', availability: [{ weekday: 5, from: '09:00', to: '12:00' }] }),
      volunteer({ id: 'v-paused', name: 'Paul Paused', status: 'paused' }),
    ];
    const ranked = rankCandidates(prepareRequest(request(), TODAY, settings), volunteers, settings, true);
    expect(ranked.items.map((i) => i.volunteerId)).toEqual(['v-best', 'v-far', 'v-busy', 'v-never']);
    expect(ranked.excluded).toEqual([{ volunteerId: 'v-paused', name: 'Paul Paused', reasons: [{ rule: 'status', reason: { key: 'matching.rules.status', values: { status: 'paused' } } }] }]);
    const scores = ranked.items.map((i) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('orders equal scores by name', () => {
    const ranked = rankCandidates(prepareRequest(request(), TODAY, settings), [volunteer({ id: 'b', name: 'Zoe' }), volunteer({ id: 'a', name: 'Ali' })], settings);
    expect(ranked.items.map((i) => i.name)).toEqual(['Ali', 'Zoe']);
    expect(ranked.excluded).toEqual([]);
  });
});
