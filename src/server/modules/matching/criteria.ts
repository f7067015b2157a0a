/**
 * Explainable matching of one request against one volunteer: hard rules that exclude, soft
 * criteria that rank. Pure functions over plain data (no database), so that the rules are tested
 * on their own and the ranking of 10,000 volunteers stays a tight loop.
 *
 * Reasons are message keys with values; the HTTP layer words them in the reader's language.
 */
import type { LanguageLevel, VolunteerStatus } from '../../../common/volunteers.js';
import { levelRank } from '../../../common/volunteers.js';
import { toBerlin } from '../courses/berlin.js';
import { toMinute } from '../volunteers/profile.js';

export { CRITERIA, EXCLUSION_RULES, type CriterionKey, type ExclusionRule } from '../../../common/matching.js';
import type { CriterionKey, ExclusionRule } from '../../../common/matching.js';

/** Default weights; a network may change them (0 switches a criterion off). */
export const DEFAULT_WEIGHTS: Record<CriterionKey, number> = {
  distance: 3,
  availability: 3,
  load: 2,
  peer: 2,
  gender: 2,
  interests: 1,
  history: 1,
};

export interface MatchingSettings {
  weights: Record<CriterionKey, number>;
  /** Beyond this distance between home district and place, the distance criterion scores 0. */
  radiusKm: number;
  policeCertificateValidYears: number;
}

export interface Reason {
  /** A message key under `matching.` in the catalogues. */
  key: string;
  values?: Record<string, string | number>;
}

export interface Point {
  lat: number;
  lon: number;
}

export interface WeeklySlot {
  weekday: number;
  from: string;
  to: string;
}

export interface MatchVolunteer {
  id: string;
  name: string;
  status: VolunteerStatus;
  /** Holds a `basic` qualification: deployable. */
  hasBasic: boolean;
  languages: { code: string; level: LanguageLevel }[];
  specializations: string[];
  /** Fields of deployment the volunteer wants. */
  topics: string[];
  competenceLimits: string[];
  gender: string | null;
  /** Only present while the volunteer's consent to store origins is on record. */
  origins: string[];
  home: Point | null;
  /** District keys the volunteer serves (quarters included). */
  districts: string[];
  availability: WeeklySlot[];
  absences: { from: string; to: string }[];
  maxActiveAgreements: number | null;
  activeAgreements: number;
  maxHoursPerMonth: number | null;
  hoursThisMonth: number;
  policeCertificateOn: string | null;
  /** Agreements with an organisation that ended well, by organisation id. */
  goodAgreementsWith: Record<string, number>;
}

export interface MatchRequest {
  topic: string | null;
  languages: { code: string; minLevel: LanguageLevel }[];
  requiredSpecializations: string[];
  involvesMinors: boolean;
  districtKey: string | null;
  place: Point | null;
  startsAt: Date | null;
  endsAt: Date | null;
  /** A recurring request: weekly slots instead of (or besides) one date. */
  schedule: WeeklySlot[];
  expectedHours: number | null;
  seeker: { genderPreference: 'female' | 'male' | null; wantsPeerMatch: boolean; origins: string[] };
  requesterOrganizationId: string | null;
}

/** What the ranking needs of a request, worked out once and reused for every volunteer. */
export interface PreparedRequest {
  request: MatchRequest;
  languages: { code: string; minRank: number; minLevel: LanguageLevel }[];
  /** The Berlin date on which the request starts (absences are checked against it). */
  firstDay: string | null;
  /** Requested weekly windows in minutes of the Berlin day. */
  windows: { weekday: number; from: number; to: number }[];
  today: string;
  /** A police certificate issued on or before this day is too old. */
  policeCertificateCutoff: string;
}

function yearsBefore(isoDate: string, years: number): string {
  return `${String(Number(isoDate.slice(0, 4)) - years).padStart(4, '0')}${isoDate.slice(4)}`;
}

export function prepareRequest(request: MatchRequest, today: string, settings: Pick<MatchingSettings, 'policeCertificateValidYears'>): PreparedRequest {
  const windows = request.schedule.map((s) => ({ weekday: s.weekday, from: toMinute(s.from), to: toMinute(s.to) }));
  let firstDay: string | null = null;
  if (request.startsAt) {
    const start = toBerlin(request.startsAt);
    firstDay = start.date;
    if (windows.length === 0) {
      const end = request.endsAt ? toBerlin(request.endsAt) : null;
      const weekday = ((new Date(`${start.date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
      const from = toMinute(start.time);
      const to = end && end.date === start.date ? toMinute(end.time) : Math.min(24 * 60, from + 60 * Math.max(1, request.expectedHours ?? 1));
      if (to > from) windows.push({ weekday, from, to });
    }
  }
  return {
    request,
    languages: request.languages.map((l) => ({ code: l.code, minLevel: l.minLevel, minRank: levelRank(l.minLevel) })),
    firstDay,
    windows,
    today,
    policeCertificateCutoff: yearsBefore(today, settings.policeCertificateValidYears),
  };
}

export interface Exclusion {
  rule: ExclusionRule;
  reason: Reason;
}

export interface CriterionScore {
  key: CriterionKey;
  /** 0 … 1 */
  score: number;
  weight: number;
  reason: Reason;
}

export type Evaluation =
  | { eligible: true; /** 0 … 100, one decimal */ score: number; criteria: CriterionScore[] }
  | { eligible: false; exclusions: Exclusion[] };

/** The hard rules as one yes/no, without allocating: the hot path when ranking thousands. */
export function isExcluded(p: PreparedRequest, v: MatchVolunteer): boolean {
  if (v.status !== 'active' || !v.hasBasic) return true;
  for (const need of p.languages) {
    let ok = false;
    for (const l of v.languages) if (l.code === need.code) ok = levelRank(l.level) >= need.minRank;
    if (!ok) return true;
  }
  const r = p.request;
  for (const key of r.requiredSpecializations) if (!v.specializations.includes(key)) return true;
  if (r.topic && v.competenceLimits.includes(r.topic)) return true;
  if (v.maxActiveAgreements !== null && v.activeAgreements >= v.maxActiveAgreements) return true;
  if (v.maxHoursPerMonth !== null && v.hoursThisMonth >= v.maxHoursPerMonth) return true;
  if (p.firstDay) for (const a of v.absences) if (a.from <= p.firstDay && p.firstDay <= a.to) return true;
  if (r.involvesMinors && !policeCertificateOk(p, v)) return true;
  return false;
}

/** Issued, and younger than the network's limit (the same rule as the profile's flag). */
function policeCertificateOk(p: PreparedRequest, v: MatchVolunteer): boolean {
  return v.policeCertificateOn !== null && v.policeCertificateOn > p.policeCertificateCutoff && v.policeCertificateOn <= p.today;
}

/** The hard rules. With `all` false it stops at the first rule that excludes. */
export function exclusionsOf(p: PreparedRequest, v: MatchVolunteer, settings: MatchingSettings, all: boolean): Exclusion[] {
  const out: Exclusion[] = [];
  const hit = (rule: ExclusionRule, key: string, values?: Reason['values']) => {
    out.push({ rule, reason: { key: `matching.rules.${key}`, values } });
    return !all;
  };
  const r = p.request;
  if (v.status !== 'active' && hit('status', 'status', { status: v.status })) return out;
  if (!v.hasBasic && hit('basic_qualification', 'basicQualification')) return out;
  for (const need of p.languages) {
    const has = v.languages.find((l) => l.code === need.code);
    if (!has) {
      if (hit('language', 'languageMissing', { language: need.code })) return out;
    } else if (levelRank(has.level) < need.minRank) {
      if (hit('language', 'languageLevel', { language: need.code, level: has.level, minLevel: need.minLevel })) return out;
    }
  }
  for (const key of r.requiredSpecializations) {
    if (!v.specializations.includes(key) && hit('specialization', 'specializationMissing', { specialization: key })) return out;
  }
  if (r.topic && v.competenceLimits.includes(r.topic) && hit('competence_limit', 'competenceLimit', { topic: r.topic })) return out;
  if (v.maxActiveAgreements !== null && v.activeAgreements >= v.maxActiveAgreements) {
    if (hit('capacity', 'agreementsFull', { active: v.activeAgreements, max: v.maxActiveAgreements })) return out;
  } else if (v.maxHoursPerMonth !== null && v.hoursThisMonth >= v.maxHoursPerMonth) {
    if (hit('capacity', 'hoursUsed', { hours: v.hoursThisMonth, max: v.maxHoursPerMonth })) return out;
  }
  if (p.firstDay) {
    const absence = v.absences.find((a) => a.from <= p.firstDay! && p.firstDay! <= a.to);
    if (absence && hit('absence', 'absent', { from: absence.from, to: absence.to })) return out;
  }
  if (r.involvesMinors) {
    if (!v.policeCertificateOn) {
      if (hit('police_certificate', 'policeCertificateMissing')) return out;
    } else if (!policeCertificateOk(p, v)) {
      if (hit('police_certificate', 'policeCertificateExpired', { issuedOn: v.policeCertificateOn, years: settings.policeCertificateValidYears })) return out;
    }
  }
  return out;
}

const EARTH_KM = 6371;
export function distanceKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function distanceCriterion(p: PreparedRequest, v: MatchVolunteer, settings: MatchingSettings): Omit<CriterionScore, 'key' | 'weight'> | null {
  const r = p.request;
  if (!r.place && !r.districtKey) return null;
  if (r.districtKey && v.districts.includes(r.districtKey)) return { score: 1, reason: { key: 'matching.criteria.servesDistrict' } };
  if (!r.place || !v.home) return { score: 0.5, reason: { key: 'matching.criteria.distanceUnknown' } };
  const km = distanceKm(v.home, r.place);
  return { score: Math.max(0, 1 - km / settings.radiusKm), reason: { key: 'matching.criteria.distance', values: { km: round1(km) } } };
}

function availabilityCriterion(p: PreparedRequest, v: MatchVolunteer): Omit<CriterionScore, 'key' | 'weight'> | null {
  if (p.windows.length === 0) return null;
  if (v.availability.length === 0) return { score: 0.3, reason: { key: 'matching.criteria.availabilityUnknown' } };
  let wanted = 0;
  let covered = 0;
  for (const w of p.windows) {
    wanted += w.to - w.from;
    // Slots may overlap each other: count each requested minute once.
    const parts = v.availability
      .filter((s) => s.weekday === w.weekday)
      .map((s) => [Math.max(w.from, toMinute(s.from)), Math.min(w.to, toMinute(s.to))] as const)
      .filter(([a, b]) => b > a)
      .sort((a, b) => a[0] - b[0]);
    let end = -1;
    for (const [a, b] of parts) {
      const from = Math.max(a, end);
      if (b > from) covered += b - from;
      end = Math.max(end, b);
    }
  }
  const share = wanted > 0 ? covered / wanted : 0;
  return { score: share, reason: { key: 'matching.criteria.availability', values: { percent: Math.round(share * 100) } } };
}

/** Free capacity as a share: the fuller the volunteer, the lower — spread the work, protect the overloaded. */
export function loadShare(v: MatchVolunteer): number {
  const shares: number[] = [];
  if (v.maxActiveAgreements) shares.push(v.activeAgreements / v.maxActiveAgreements);
  if (v.maxHoursPerMonth) shares.push(v.hoursThisMonth / v.maxHoursPerMonth);
  if (shares.length === 0) shares.push(Math.min(1, v.activeAgreements / 3));
  return Math.min(1, Math.max(...shares));
}

function loadCriterion(v: MatchVolunteer): Omit<CriterionScore, 'key' | 'weight'> {
  const share = loadShare(v);
  return {
    score: 1 - share,
    reason: {
      key: 'matching.criteria.load',
      values: { active: v.activeAgreements, hours: round1(v.hoursThisMonth), percent: Math.round(share * 100) },
    },
  };
}

function peerCriterion(p: PreparedRequest, v: MatchVolunteer): Omit<CriterionScore, 'key' | 'weight'> | null {
  const seeker = p.request.seeker;
  if (!seeker.wantsPeerMatch) return null;
  if (v.origins.length === 0) return { score: 0, reason: { key: 'matching.criteria.peerUnknown' } };
  const shared = seeker.origins.find((o) => v.origins.includes(o));
  return shared ? { score: 1, reason: { key: 'matching.criteria.peer', values: { country: shared } } } : { score: 0, reason: { key: 'matching.criteria.peerNone' } };
}

function genderCriterion(p: PreparedRequest, v: MatchVolunteer): Omit<CriterionScore, 'key' | 'weight'> | null {
  const wanted = p.request.seeker.genderPreference;
  if (!wanted) return null;
  return v.gender === wanted
    ? { score: 1, reason: { key: 'matching.criteria.genderMatches', values: { gender: wanted } } }
    : { score: 0, reason: { key: 'matching.criteria.genderDiffers', values: { gender: wanted } } };
}

function interestsCriterion(p: PreparedRequest, v: MatchVolunteer): Omit<CriterionScore, 'key' | 'weight'> | null {
  const topic = p.request.topic;
  if (!topic) return null;
  return v.topics.includes(topic)
    ? { score: 1, reason: { key: 'matching.criteria.topicWanted', values: { topic } } }
    : { score: 0, reason: { key: 'matching.criteria.topicNotChosen', values: { topic } } };
}

function historyCriterion(p: PreparedRequest, v: MatchVolunteer): Omit<CriterionScore, 'key' | 'weight'> | null {
  const org = p.request.requesterOrganizationId;
  if (!org) return null;
  const count = v.goodAgreementsWith[org] ?? 0;
  return { score: Math.min(1, count / 2), reason: { key: 'matching.criteria.history', values: { count } } };
}

/** The soft criteria that apply to this request, each scored 0 … 1, and the weighted total 0 … 100. */
export function scoreOf(p: PreparedRequest, v: MatchVolunteer, settings: MatchingSettings): { score: number; criteria: CriterionScore[] } {
  const parts: [CriterionKey, Omit<CriterionScore, 'key' | 'weight'> | null][] = [
    ['distance', distanceCriterion(p, v, settings)],
    ['availability', availabilityCriterion(p, v)],
    ['load', loadCriterion(v)],
    ['peer', peerCriterion(p, v)],
    ['gender', genderCriterion(p, v)],
    ['interests', interestsCriterion(p, v)],
    ['history', historyCriterion(p, v)],
  ];
  const criteria: CriterionScore[] = [];
  let weighted = 0;
  let weights = 0;
  for (const [key, part] of parts) {
    const weight = settings.weights[key];
    if (!part || weight <= 0) continue;
    const score = Math.round(part.score * 1000) / 1000;
    criteria.push({ key, score, weight, reason: part.reason });
    weighted += score * weight;
    weights += weight;
  }
  return { score: weights > 0 ? round1((100 * weighted) / weights) : 0, criteria };
}

export function evaluate(p: PreparedRequest, v: MatchVolunteer, settings: MatchingSettings, explain = false): Evaluation {
  if (!explain && !isExcluded(p, v)) return { eligible: true, ...scoreOf(p, v, settings) };
  const exclusions = exclusionsOf(p, v, settings, explain);
  if (exclusions.length > 0) return { eligible: false, exclusions };
  return { eligible: true, ...scoreOf(p, v, settings) };
}

const byName = new Intl.Collator('de');

export interface RankedCandidate {
  volunteerId: string;
  name: string;
  score: number;
  criteria: CriterionScore[];
}

/** Ranks volunteers for one request: best score first, ties by name, then id (stable pages). */
export function rankCandidates(
  p: PreparedRequest,
  volunteers: MatchVolunteer[],
  settings: MatchingSettings,
  explainExcluded = false,
): { items: RankedCandidate[]; excluded: { volunteerId: string; name: string; reasons: { rule: ExclusionRule; reason: Reason }[] }[] } {
  const items: RankedCandidate[] = [];
  const excluded: { volunteerId: string; name: string; reasons: Exclusion[] }[] = [];
  for (const v of volunteers) {
    const result = evaluate(p, v, settings, explainExcluded);
    if (result.eligible) items.push({ volunteerId: v.id, name: v.name, score: result.score, criteria: result.criteria });
    else if (explainExcluded) excluded.push({ volunteerId: v.id, name: v.name, reasons: result.exclusions });
  }
  items.sort((a, b) => b.score - a.score || byName.compare(a.name, b.name) || (a.volunteerId < b.volunteerId ? -1 : 1));
  excluded.sort((a, b) => byName.compare(a.name, b.name));
  return { items, excluded };
}
