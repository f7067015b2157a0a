import type { Candidates, CandidatesQuery, PlanBody, PlanResult } from '../../../common/api/matching.js';
import type { NetworkSettings } from '../../../common/api/network.js';
import { ALREADY_PROPOSED } from '../../../common/matching.js';
import { levelRank } from '../../../common/volunteers.js';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../http/problems.js';
import { t } from '../../i18n.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { catalogNames } from '../catalog/catalog.service.js';
import { needsProfessional, requestForMatching, requestIncomplete, requestsForPlan, type RequestForMatching } from '../guide-requests/guide-requests.service.js';
import { getNetwork } from '../networks/networks.service.js';
import { openProposalsByRequest, openProposalsOf, pendingByVolunteer } from '../proposals/open-proposals.js';
import { berlinToday } from '../volunteers/profile.js';
import { matchProfiles } from '../volunteers/match-profiles.service.js';
import { evaluate, hasFreeCapacity, isExcluded, prepareRequest, rankCandidates, scoreValueOf, type MatchingSettings, type MatchVolunteer, type PreparedRequest } from './criteria.js';
import { wordReason, type Wording } from './explain.js';
import type { MatchingPools } from './matching-pool.js';
import { MAX_SCORE, planAssignments, type PlanRequest } from './plan.js';

export function matchingSettings(settings: NetworkSettings): MatchingSettings {
  return { weights: settings.matchingWeights, radiusKm: settings.matchingRadiusKm, policeCertificateValidYears: settings.policeCertificateValidYears };
}

export const requestNotWaiting = (statusMessage: string) =>
  new DomainError('GUIDE_REQUEST_NOT_WAITING', 409, 'request-not-waiting', 'requestNotWaiting', { statusMessage });

/** A request may go to matching when it is complete, not for professionals, and waiting for volunteers. */
export function assertMatchable(r: RequestForMatching): void {
  if (r.missingFields.length) throw requestIncomplete(r.missingFields);
  if (r.needsProfessional) throw needsProfessional();
  if (r.status !== 'ready' && r.status !== 'proposed') throw requestNotWaiting(`guideRequests.status.${r.status}`);
}

/** The volunteers eligible for a request, ranked, with every criterion explained. */
export async function candidatesFor(
  tx: Db,
  pools: MatchingPools,
  actor: Actor,
  requestId: string,
  query: CandidatesQuery,
  wording: Omit<Wording, 'names'>,
): Promise<Candidates> {
  const request = await requestForMatching(tx, actor.networkId, requestId);
  assertMatchable(request);
  const settings = matchingSettings((await getNetwork(tx, actor.networkId)).settings);
  const today = berlinToday();
  const prepared = prepareRequest(request.match, today, settings);
  const explain = query.explain === 'excluded';
  // Everyone when the exclusions are to be explained; otherwise the eligible pool, which the hard rules narrow.
  const volunteers = explain ? await matchProfiles(tx, actor.networkId, { eligibleOnly: false }, today) : await pools.eligible(tx, actor.networkId, today);
  const open = await openProposalsOf(tx, actor.networkId, requestId);
  const names = await catalogNames(tx, actor.networkId, wording.locale);
  const proposedIds = new Set(open.map((p) => p.volunteerId));
  const ranked = rankCandidates(
    prepared,
    volunteers.filter((v) => !proposedIds.has(v.id)),
    settings,
    explain,
  );
  const w: Wording = { ...wording, names };
  const byId = new Map(volunteers.map((v) => [v.id, v]));
  const excluded: Candidates['excluded'] = ranked.excluded.map((e) => ({ volunteerId: e.volunteerId, name: e.name, reasons: e.reasons.map((r) => ({ rule: r.rule, reason: wordReason(r.reason, w) })) }));
  if (explain) {
    for (const p of open) {
      excluded.push({
        volunteerId: p.volunteerId,
        name: byId.get(p.volunteerId)?.name ?? p.volunteerName,
        reasons: [{ rule: ALREADY_PROPOSED, reason: t(w.locale, `matching.rules.alreadyProposed.${p.status}`) }],
      });
    }
  }
  await recordAudit(tx, actor, { action: 'read', entity: 'guide_request_candidates', entityId: requestId, fields: [`count:${ranked.items.length}`] });
  return {
    items: ranked.items.slice(0, query.limit).map((c) => ({
      volunteerId: c.volunteerId,
      name: c.name,
      score: c.score,
      criteria: c.criteria.map((k) => ({ key: k.key, score: k.score, weight: k.weight, reason: wordReason(k.reason, w) })),
    })),
    total: ranked.items.length,
    excluded,
    proposed: open.map((p) => ({ volunteerId: p.volunteerId, name: p.volunteerName, proposalId: p.id, status: p.status })),
    // A pending proposal holds its place until it is answered, as creating a proposal counts it.
    openPlaces: Math.max(0, request.volunteersNeeded - open.length),
  };
}

/** The hard rules for one volunteer and one request: the reasons that exclude them, if any. */
export async function exclusionsFor(tx: Db, networkId: string, request: RequestForMatching, volunteerId: string, wording: Omit<Wording, 'names'>) {
  const settings = matchingSettings((await getNetwork(tx, networkId)).settings);
  const today = berlinToday();
  const prepared = prepareRequest(request.match, today, settings);
  const [volunteer] = await matchProfiles(tx, networkId, { eligibleOnly: false, ids: [volunteerId] }, today);
  if (!volunteer) return null;
  const result = evaluate(prepared, volunteer, settings, true);
  if (result.eligible) return { volunteer, score: result.score, reasons: [] };
  const w: Wording = { ...wording, names: await catalogNames(tx, networkId, wording.locale) };
  return { volunteer, score: null, reasons: result.exclusions.map((e) => ({ rule: e.rule, reason: wordReason(e.reason, w) })) };
}

/** The best volunteer not yet proposed for a request (offered when a proposal expires or is declined). */
export async function nextCandidate(tx: Db, pools: MatchingPools, networkId: string, requestId: string): Promise<{ volunteerId: string; name: string; score: number } | null> {
  const request = await requestForMatching(tx, networkId, requestId);
  if (request.missingFields.length || request.needsProfessional) return null;
  const settings = matchingSettings((await getNetwork(tx, networkId)).settings);
  const today = berlinToday();
  const prepared = prepareRequest(request.match, today, settings);
  const volunteers = await pools.eligible(tx, networkId, today);
  const open = await openProposalsOf(tx, networkId, requestId);
  const tried = await openProposalsOf(tx, networkId, requestId, true);
  const skip = new Set([...open, ...tried].map((p) => p.volunteerId));
  const best = rankCandidates(prepared, volunteers.filter((v) => !skip.has(v.id)), settings).items[0];
  return best ? { volunteerId: best.volunteerId, name: best.name, score: best.score } : null;
}

/**
 * The plan for many requests: every eligible (request, volunteer) pair is scored, then an exact
 * minimum-cost maximum flow fills as many places as possible with the largest total score,
 * within every volunteer's free agreements. Volunteers are read once; a language index keeps
 * the pairs to check near the eligible ones.
 */
export async function planFor(tx: Db, pools: MatchingPools, actor: Actor, body: PlanBody, locale: 'de' | 'en' | 'ar'): Promise<PlanResult> {
  const settings = matchingSettings((await getNetwork(tx, actor.networkId)).settings);
  const today = berlinToday();
  const requests = await requestsForPlan(tx, actor.networkId, body.requestIds ?? null);
  const skipped: PlanResult['skipped'] = [];
  const openByRequest = await openProposalsByRequest(tx, actor.networkId);
  const plannable: { r: RequestForMatching; p: PreparedRequest; places: number; open: Set<string> }[] = [];
  for (const r of requests) {
    let reason: string | null = null;
    if (r.missingFields.length) reason = t(locale, 'matching.plan.skippedIncomplete');
    else if (r.needsProfessional) reason = t(locale, 'matching.plan.skippedProfessional');
    else if (r.status !== 'ready' && r.status !== 'proposed') reason = t(locale, 'matching.plan.skippedStatus', { status: t(locale, `guideRequests.status.${r.status}`) });
    if (reason) {
      skipped.push({ requestId: r.id, requestTitle: r.title, reason });
      continue;
    }
    const open = openByRequest.get(r.id) ?? [];
    const places = r.volunteersNeeded - open.length;
    if (places <= 0) continue;
    plannable.push({ r, p: prepareRequest(r.match, today, settings), places, open: new Set(open) });
  }
  const volunteers = await pools.eligible(tx, actor.networkId, today);
  // Only volunteers with room for another agreement and hours left can be planned (the capacity
  // rule does not depend on the request, so it is checked once here rather than per pair).
  const free = volunteers.filter(hasFreeCapacity);
  // Speakers of each language, the most fluent first: a request's required language and level
  // narrow the volunteers to check to a prefix of one list.
  const byLanguage = new Map<string, { volunteer: MatchVolunteer; rank: number }[]>();
  for (const v of free) {
    for (const l of v.languages) {
      const entry = { volunteer: v, rank: levelRank(l.level) };
      const list = byLanguage.get(l.code);
      if (list) list.push(entry);
      else byLanguage.set(l.code, [entry]);
    }
  }
  for (const list of byLanguage.values()) list.sort((a, b) => b.rank - a.rank);

  const planRequests: PlanRequest[] = [];
  const eligibleCount = new Map<string, number>();
  for (const { r, p, places, open } of plannable) {
    // The rarest required language at its level narrows the volunteers to check.
    let prefix: { list: { volunteer: MatchVolunteer }[]; n: number } | null = null;
    for (const need of p.languages) {
      const list = byLanguage.get(need.code) ?? [];
      let n = 0;
      while (n < list.length && list[n]!.rank >= need.minRank) n++;
      if (!prefix || n < prefix.n) prefix = { list, n };
    }
    const candidates: PlanRequest['candidates'] = [];
    const count = prefix ? prefix.n : free.length;
    for (let i = 0; i < count; i++) {
      const v = prefix ? prefix.list[i]!.volunteer : free[i]!;
      if (open.has(v.id) || isExcluded(p, v)) continue;
      candidates.push({ volunteerId: v.id, score: Math.round((scoreValueOf(p, v, settings) / 100) * MAX_SCORE) });
    }
    eligibleCount.set(r.id, candidates.length);
    planRequests.push({ id: r.id, places, candidates });
  }
  // A pending proposal holds a place in the volunteer's capacity until it is answered.
  const pending = await pendingByVolunteer(tx, actor.networkId);
  const capacity = volunteers
    .map((v) => ({ id: v.id, capacity: Math.max(0, (v.maxActiveAgreements ?? 0) - v.activeAgreements - (pending.get(v.id) ?? 0)) }))
    .filter((v) => v.capacity > 0);
  const plan = planAssignments(planRequests, capacity);
  const titles = new Map(requests.map((r) => [r.id, r.title]));
  const names = new Map(volunteers.map((v) => [v.id, v.name]));
  await recordAudit(tx, actor, { action: 'read', entity: 'matching_plan', fields: [`requests:${planRequests.length}`] });
  const assignments = plan.assignments.map((a) => ({
    requestId: a.requestId,
    requestTitle: titles.get(a.requestId) ?? '',
    volunteerId: a.volunteerId,
    volunteerName: names.get(a.volunteerId) ?? '',
    score: Math.round((a.score / MAX_SCORE) * 1000) / 10,
  }));
  const unassigned = plan.unassigned.map((u) => ({ requestId: u.requestId, requestTitle: titles.get(u.requestId) ?? '', openPlaces: u.openPlaces, eligible: eligibleCount.get(u.requestId) ?? 0 }));
  return {
    assignments,
    unassigned,
    totalScore: Math.round(assignments.reduce((s, a) => s + a.score, 0) * 10) / 10,
    filledPlaces: plan.filledPlaces,
    openPlaces: unassigned.reduce((s, u) => s + u.openPlaces, 0),
    skipped,
  };
}
