// npm run bench:matching: the matching core in process — rank one request among 10,000 volunteers,
// and plan 1,000 requests over the same volunteers exactly, compared with a greedy pass. Writes its
// section of bench/RESULTS.md. Aims (issue 5): ranking p95 under 20 ms in process; plan under 2 s.
import os from 'node:os';
import { HANNOVER_DISTRICTS } from '../src/server/demo/hannover.js';
import { DEFAULT_WEIGHTS, isExcluded, prepareRequest, rankCandidates, scoreValueOf, type MatchRequest, type MatchVolunteer, type MatchingSettings } from '../src/server/modules/matching/criteria.js';
import { greedyAssignments, MAX_SCORE, planAssignments, type PlanRequest } from '../src/server/modules/matching/plan.js';
import type { LanguageLevel } from '../src/common/volunteers.js';
import { machineLine, percentile, writeSection } from './results.js';

const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000);
const RANK_RUNS = Number(process.env.BENCH_RUNS ?? 200);
const SECTION = '## Matching';
const TODAY = '2026-11-23';

/** Repeatable pseudo-random numbers (xorshift), so that runs compare. */
let seed = 20261123;
const rnd = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x1_0000_0000;
};
const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;

const places = HANNOVER_DISTRICTS.flatMap((d) => [{ key: d.key, lat: d.lat, lon: d.lon }, ...d.quarters.map(([key, , lat, lon]) => ({ key, lat, lon }))]);
const LANGS = ['ar', 'fa', 'tr', 'ru', 'uk', 'en', 'fr', 'ti', 'ku', 'ps'];
const LEVELS: LanguageLevel[] = ['A2', 'B1', 'B2', 'C1', 'C2', 'native'];
const SPECS = ['sportlotse', 'elternlotse', 'hochschullotse', 'ausbildungslotse', 'toleranzlotse', 'umweltlotse'];
const TOPICS = ['behoerden', 'schule-eltern', 'gesundheit', 'wohnen', 'arbeit-ausbildung', 'freizeit', 'buero-it'];
const ORIGINS = ['SY', 'AF', 'IQ', 'UA', 'TR', 'ER', 'IR', 'RU'];

function volunteer(i: number): MatchVolunteer {
  const home = pick(places);
  const other = pick(LANGS);
  const active = rnd() < 0.75;
  const maxActive = 1 + Math.floor(rnd() * 3);
  return {
    id: `v${String(i).padStart(5, '0')}`,
    name: `Lotse ${i}`,
    status: active ? 'active' : pick(['paused', 'in_training', 'interested'] as const),
    hasBasic: rnd() < 0.9,
    languages: [
      { code: 'de', level: pick(LEVELS) },
      { code: other, level: pick(LEVELS) },
    ],
    specializations: rnd() < 0.5 ? [pick(SPECS)] : [],
    topics: [pick(TOPICS), pick(TOPICS)],
    competenceLimits: rnd() < 0.1 ? ['gesundheit'] : [],
    gender: pick(['female', 'male', 'female', 'male', 'diverse']),
    origins: rnd() < 0.4 ? [pick(ORIGINS)] : [],
    home: { lat: home.lat, lon: home.lon },
    districts: [home.key, pick(places).key],
    availability: [{ weekday: 1 + Math.floor(rnd() * 7), from: `${String(8 + Math.floor(rnd() * 10)).padStart(2, '0')}:00`, to: '20:00' }],
    absences: rnd() < 0.03 ? [{ from: '2026-11-30', to: '2026-12-12' }] : [],
    maxActiveAgreements: maxActive,
    activeAgreements: Math.floor(rnd() * (maxActive + 1)),
    maxHoursPerMonth: 10 + Math.floor(rnd() * 10),
    hoursThisMonth: Math.floor(rnd() * 12),
    policeCertificateOn: rnd() < 0.7 ? '2023-05-01' : null,
    goodAgreementsWith: rnd() < 0.1 ? { 'org-schule': 1 + Math.floor(rnd() * 3) } : {},
  };
}

function request(): MatchRequest & { volunteersNeeded: number } {
  const place = pick(places);
  const day = 1 + Math.floor(rnd() * 28);
  const hour = 8 + Math.floor(rnd() * 10);
  const starts = new Date(Date.UTC(2026, 11, day, hour - 1, 0));
  return {
    topic: pick(TOPICS),
    languages: [{ code: pick(LANGS), minLevel: pick(['A2', 'B1', 'B2'] as const) }],
    requiredSpecializations: rnd() < 0.2 ? [pick(SPECS)] : [],
    involvesMinors: rnd() < 0.3,
    districtKey: place.key,
    place: { lat: place.lat, lon: place.lon },
    startsAt: starts,
    endsAt: new Date(starts.getTime() + 90 * 60_000),
    schedule: [],
    expectedHours: 1.5,
    seeker: { genderPreference: rnd() < 0.2 ? pick(['female', 'male'] as const) : null, wantsPeerMatch: rnd() < 0.3, origins: [pick(ORIGINS)] },
    requesterOrganizationId: rnd() < 0.3 ? 'org-schule' : null,
    volunteersNeeded: rnd() < 0.8 ? 1 : 2 + Math.floor(rnd() * 2),
  };
}

const settings: MatchingSettings = { weights: { ...DEFAULT_WEIGHTS }, radiusKm: 15, policeCertificateValidYears: 5 };
const volunteers = Array.from({ length: VOLUNTEERS }, (_, i) => volunteer(i));
const requests = Array.from({ length: REQUESTS }, () => request());

// 1. Rank one request among all volunteers (a different request each run, as a coordinator would).
const rankTimes: number[] = [];
let eligibleSum = 0;
for (let i = 0; i < RANK_RUNS; i++) {
  const r = requests[i % requests.length]!;
  const started = performance.now();
  const ranked = rankCandidates(prepareRequest(r, TODAY, settings), volunteers, settings);
  rankTimes.push(performance.now() - started);
  eligibleSum += ranked.items.length;
}
rankTimes.sort((a, b) => a - b);
const explainTimes: number[] = [];
for (let i = 0; i < 50; i++) {
  const started = performance.now();
  rankCandidates(prepareRequest(requests[i]!, TODAY, settings), volunteers, settings, true);
  explainTimes.push(performance.now() - started);
}
explainTimes.sort((a, b) => a - b);

// 2. The plan: every request's eligible candidates with integer scores, then the exact plan.
const scoringStarted = performance.now();
const planRequests: PlanRequest[] = requests.map((r, i) => {
  const prepared = prepareRequest(r, TODAY, settings);
  const candidates: PlanRequest['candidates'] = [];
  for (const v of volunteers) {
    // As the plan endpoint does: the fast yes/no, then the score alone (no reasons to word).
    if (!isExcluded(prepared, v)) candidates.push({ volunteerId: v.id, score: Math.round((scoreValueOf(prepared, v, settings) / 100) * MAX_SCORE) });
  }
  return { id: `r${i}`, places: r.volunteersNeeded, candidates };
});
const scoringMs = performance.now() - scoringStarted;
const capacities = volunteers.map((v) => ({ id: v.id, capacity: Math.max(0, (v.maxActiveAgreements ?? 3) - v.activeAgreements) }));
const planStarted = performance.now();
const plan = planAssignments(planRequests, capacities);
const planMs = performance.now() - planStarted;
const greedyStarted = performance.now();
const greedy = greedyAssignments(planRequests, capacities);
const greedyMs = performance.now() - greedyStarted;
const totalPlaces = planRequests.reduce((s, r) => s + r.places, 0);
const pairs = planRequests.reduce((s, r) => s + r.candidates.length, 0);

const lines = [
  `rank one request among ${VOLUNTEERS}: p50 ${percentile(rankTimes, 50).toFixed(2)} ms, p95 ${percentile(rankTimes, 95).toFixed(2)} ms (${Math.round(eligibleSum / RANK_RUNS)} eligible on average)`,
  `with every excluded volunteer explained: p50 ${percentile(explainTimes, 50).toFixed(2)} ms, p95 ${percentile(explainTimes, 95).toFixed(2)} ms`,
  `scoring ${REQUESTS} × ${VOLUNTEERS}: ${(scoringMs / 1000).toFixed(2)} s, ${pairs} eligible pairs`,
  `plan: ${(planMs / 1000).toFixed(2)} s, ${plan.filledPlaces}/${totalPlaces} places, total score ${plan.totalScore}, ${plan.rounds} rounds`,
  `greedy: ${(greedyMs / 1000).toFixed(2)} s, ${greedy.filledPlaces}/${totalPlaces} places, total score ${greedy.totalScore}`,
];
for (const l of lines) console.log(l);

const section = [
  `${SECTION} (${new Date().toISOString().slice(0, 10)})`,
  '',
  machineLine(),
  `Written by \`npm run bench:matching\`: ${VOLUNTEERS.toLocaleString('en')} generated volunteers (Hannover districts and quarters, two languages`,
  'with levels, specialisations, topics, competence limits, one weekly slot, capacity partly used, some absent, some without',
  `police certificate) and ${REQUESTS.toLocaleString('en')} requests (one language with a minimum level, 20 % with a required specialisation,`,
  '30 % with minors, 30 % wanting a peer, 20 % with 2–3 places), all in process (the pure matching core, no database).',
  `Load average when the run began: ${os.loadavg()[0]!.toFixed(1)}. Aims (issue 5): ranking p95 under 20 ms in process; the exact plan under 2 s.`,
  '',
  '| measure | figure |',
  '|---|---|',
  `| rank one request among ${VOLUNTEERS.toLocaleString('en')} (p50 / p95) | ${percentile(rankTimes, 50).toFixed(1)} / ${percentile(rankTimes, 95).toFixed(1)} ms (${Math.round(eligibleSum / RANK_RUNS)} eligible on average) |`,
  `| same, with every excluded volunteer explained (p50 / p95) | ${percentile(explainTimes, 50).toFixed(1)} / ${percentile(explainTimes, 95).toFixed(1)} ms |`,
  `| score all ${REQUESTS.toLocaleString('en')} × ${VOLUNTEERS.toLocaleString('en')} pairs | ${(scoringMs / 1000).toFixed(2)} s (${pairs.toLocaleString('en')} eligible pairs) |`,
  `| exact plan (min-cost max-flow) | ${(planMs / 1000).toFixed(2)} s, ${plan.rounds} round(s) |`,
  `| greedy pass (best pair first) | ${(greedyMs / 1000).toFixed(2)} s |`,
  `| places filled: plan / greedy / asked | ${plan.filledPlaces} / ${greedy.filledPlaces} / ${totalPlaces} |`,
  `| total score: plan / greedy | ${plan.totalScore.toLocaleString('en')} / ${greedy.totalScore.toLocaleString('en')} (${plan.filledPlaces === greedy.filledPlaces ? `${(((plan.totalScore - greedy.totalScore) / Math.max(1, greedy.totalScore)) * 100).toFixed(2)} % more` : 'plan fills more places'}) |`,
  '',
].join('\n');
writeSection(SECTION, section);
