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
/** Room for one more agreement and hours left this month: the one hard rule that does not depend on the request. */
export function hasFreeCapacity(v: MatchVolunteer): boolean {
  return (v.maxActiveAgreements === null || v.activeAgreements < v.maxActiveAgreements) && (v.maxHoursPerMonth === null || v.hoursThisMonth < v.maxHoursPerMonth);
}

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
  if (!hasFreeCapacity(v)) return true;
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
    } else if (has.level === 'unknown') {
      // Speaks the language, but nobody wrote down how well (an imported list): no minimum is met.
      if (hit('language', 'languageLevelUnknown', { language: need.code, minLevel: need.minLevel })) return out;
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

/** Distance in km from the volunteer's home to the place; null when it cannot be told. */
function kmAway(p: PreparedRequest, v: MatchVolunteer): number | null {
  return p.request.place && v.home ? distanceKm(v.home, p.request.place) : null;
}

function servesDistrict(p: PreparedRequest, v: MatchVolunteer): boolean {
  return !!p.request.districtKey && v.districts.includes(p.request.districtKey);
}

function distanceScore(p: PreparedRequest, v: MatchVolunteer, settings: MatchingSettings): number | null {
  const r = p.request;
  if (!r.place && !r.districtKey) return null;
  if (servesDistrict(p, v)) return 1;
  const km = kmAway(p, v);
  return km === null ? 0.5 : Math.max(0, 1 - km / settings.radiusKm);
}

function distanceReason(p: PreparedRequest, v: MatchVolunteer): Reason {
  if (servesDistrict(p, v)) return { key: 'matching.criteria.servesDistrict' };
  const km = kmAway(p, v);
  return km === null ? { key: 'matching.criteria.distanceUnknown' } : { key: 'matching.criteria.distance', values: { km: round1(km) } };
}

/** The volunteer's weekly slots in minutes of the day, worked out once per profile. */
const slotMinutes = new WeakMap<WeeklySlot[], { weekday: number; from: number; to: number }[]>();
function minutesOf(slots: WeeklySlot[]) {
  let m = slotMinutes.get(slots);
  if (!m) slotMinutes.set(slots, (m = slots.map((s) => ({ weekday: s.weekday, from: toMinute(s.from), to: toMinute(s.to) }))));
  return m;
}

/** The share of the requested minutes the volunteer's slots cover (0 … 1). */
function availabilityShare(p: PreparedRequest, v: MatchVolunteer): number {
  const slots = minutesOf(v.availability);
  let wanted = 0;
  let covered = 0;
  for (const w of p.windows) {
    wanted += w.to - w.from;
    // Slots may overlap each other: count each requested minute once.
    const parts: [number, number][] = [];
    for (const s of slots) {
      if (s.weekday !== w.weekday) continue;
      const a = Math.max(w.from, s.from);
      const b = Math.min(w.to, s.to);
      if (b > a) parts.push([a, b]);
    }
    if (parts.length > 1) parts.sort((x, y) => x[0] - y[0]);
    let end = -1;
    for (const [a, b] of parts) {
      const from = Math.max(a, end);
      if (b > from) covered += b - from;
      end = Math.max(end, b);
    }
  }
  return wanted > 0 ? covered / wanted : 0;
}

function availabilityScore(p: PreparedRequest, v: MatchVolunteer): number | null {
  if (p.windows.length === 0) return null;
  return v.availability.length === 0 ? 0.3 : availabilityShare(p, v);
}

function availabilityReason(p: PreparedRequest, v: MatchVolunteer): Reason {
  if (v.availability.length === 0) return { key: 'matching.criteria.availabilityUnknown' };
  return { key: 'matching.criteria.availability', values: { percent: Math.round(availabilityShare(p, v) * 100) } };
}

/** Free capacity as a share: the fuller the volunteer, the lower — spread the work, protect the overloaded. */
export function loadShare(v: MatchVolunteer): number {
  let share = -1;
  if (v.maxActiveAgreements) share = v.activeAgreements / v.maxActiveAgreements;
  if (v.maxHoursPerMonth) share = Math.max(share, v.hoursThisMonth / v.maxHoursPerMonth);
  if (share < 0) share = Math.min(1, v.activeAgreements / 3);
  return Math.min(1, share);
}

function loadReason(v: MatchVolunteer): Reason {
  return { key: 'matching.criteria.load', values: { active: v.activeAgreements, hours: round1(v.hoursThisMonth), percent: Math.round(loadShare(v) * 100) } };
}

function sharedOrigin(p: PreparedRequest, v: MatchVolunteer): string | undefined {
  return p.request.seeker.origins.find((o) => v.origins.includes(o));
}

function peerScore(p: PreparedRequest, v: MatchVolunteer): number | null {
  if (!p.request.seeker.wantsPeerMatch) return null;
  return v.origins.length > 0 && sharedOrigin(p, v) !== undefined ? 1 : 0;
}

function peerReason(p: PreparedRequest, v: MatchVolunteer): Reason {
  if (v.origins.length === 0) return { key: 'matching.criteria.peerUnknown' };
  const shared = sharedOrigin(p, v);
  return shared ? { key: 'matching.criteria.peer', values: { country: shared } } : { key: 'matching.criteria.peerNone' };
}

function genderScore(p: PreparedRequest, v: MatchVolunteer): number | null {
  const wanted = p.request.seeker.genderPreference;
  return wanted ? (v.gender === wanted ? 1 : 0) : null;
}

function genderReason(p: PreparedRequest, v: MatchVolunteer): Reason {
  const gender = p.request.seeker.genderPreference!;
  return { key: v.gender === gender ? 'matching.criteria.genderMatches' : 'matching.criteria.genderDiffers', values: { gender } };
}

function interestsScore(p: PreparedRequest, v: MatchVolunteer): number | null {
  const topic = p.request.topic;
  return topic ? (v.topics.includes(topic) ? 1 : 0) : null;
}

function interestsReason(p: PreparedRequest, v: MatchVolunteer): Reason {
  const topic = p.request.topic!;
  return { key: v.topics.includes(topic) ? 'matching.criteria.topicWanted' : 'matching.criteria.topicNotChosen', values: { topic } };
}

const goodAgreements = (p: PreparedRequest, v: MatchVolunteer) => v.goodAgreementsWith[p.request.requesterOrganizationId!] ?? 0;

function historyScore(p: PreparedRequest, v: MatchVolunteer): number | null {
  return p.request.requesterOrganizationId ? Math.min(1, goodAgreements(p, v) / 2) : null;
}

/**
 * Each soft criterion as a score 0 … 1 (null when it does not apply to the request) and, apart,
 * its reason: the plan scores hundreds of thousands of pairs and needs only the numbers.
 */
const CRITERION_PARTS: readonly {
  key: CriterionKey;
  score: (p: PreparedRequest, v: MatchVolunteer, settings: MatchingSettings) => number | null;
  reason: (p: PreparedRequest, v: MatchVolunteer) => Reason;
}[] = [
  { key: 'distance', score: distanceScore, reason: distanceReason },
  { key: 'availability', score: availabilityScore, reason: availabilityReason },
  { key: 'load', score: (_p, v) => 1 - loadShare(v), reason: (_p, v) => loadReason(v) },
  { key: 'peer', score: peerScore, reason: peerReason },
  { key: 'gender', score: genderScore, reason: genderReason },
  { key: 'interests', score: interestsScore, reason: interestsReason },
  { key: 'history', score: historyScore, reason: (p, v) => ({ key: 'matching.criteria.history', values: { count: goodAgreements(p, v) } }) },
];

/** The soft criteria that apply to this request, each scored 0 … 1, and the weighted total 0 … 100. */
export function scoreOf(p: PreparedRequest, v: MatchVolunteer, settings: MatchingSettings): { score: number; criteria: CriterionScore[] } {
  const criteria: CriterionScore[] = [];
  for (const part of CRITERION_PARTS) {
    const weight = settings.weights[part.key];
    if (weight <= 0) continue;
    const score = part.score(p, v, settings);
    if (score === null) continue;
    criteria.push({ key: part.key, score: Math.round(score * 1000) / 1000, weight, reason: part.reason(p, v) });
  }
  return { score: totalOf(criteria), criteria };
}

/** The weighted total 0 … 100 alone (the same figure as `scoreOf`), without wording a reason. */
export function scoreValueOf(p: PreparedRequest, v: MatchVolunteer, settings: MatchingSettings): number {
  let weighted = 0;
  let weights = 0;
  for (const part of CRITERION_PARTS) {
    const weight = settings.weights[part.key];
    if (weight <= 0) continue;
    const score = part.score(p, v, settings);
    if (score === null) continue;
    weighted += (Math.round(score * 1000) / 1000) * weight;
    weights += weight;
  }
  return weights > 0 ? round1((100 * weighted) / weights) : 0;
}

function totalOf(criteria: CriterionScore[]): number {
  let weighted = 0;
  let weights = 0;
  for (const c of criteria) {
    weighted += c.score * c.weight;
    weights += c.weight;
  }
  return weights > 0 ? round1((100 * weighted) / weights) : 0;
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
    if (!explainExcluded) {
      // The hot path: a yes/no for the many who are out, reasons only for those ranked.
      if (isExcluded(p, v)) continue;
      const { score, criteria } = scoreOf(p, v, settings);
      items.push({ volunteerId: v.id, name: v.name, score, criteria });
      continue;
    }
    const result = evaluate(p, v, settings, true);
    if (result.eligible) items.push({ volunteerId: v.id, name: v.name, score: result.score, criteria: result.criteria });
    else excluded.push({ volunteerId: v.id, name: v.name, reasons: result.exclusions });
  }
  items.sort((a, b) => b.score - a.score || byName.compare(a.name, b.name) || (a.volunteerId < b.volunteerId ? -1 : 1));
  excluded.sort((a, b) => byName.compare(a.name, b.name));
  return { items, excluded };
}
