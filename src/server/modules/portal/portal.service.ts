import type { Locale } from '../../../common/locales.js';
import type { PendingBankAccount } from '../../../common/api/volunteers.js';
import type { Actor } from '../audit/actor.js';
import type { PortalAppointment, PortalOverview } from '../../../common/api/portal.js';
import { addDays } from '../../../common/agreement-term.js';
import type { Db } from '../../db/client.js';
import { notFound } from '../../http/problems.js';
import { listAgreements } from '../agreements/agreements.service.js';
import type { PlacementScope } from '../agreements/scope.js';
import { upcomingSessionsOf } from '../courses/upcoming-sessions.js';
import { loggedSummaryOf } from '../deployments/logged-summary.js';
import { claimCounts } from '../deployments/deployments.service.js';
import { claimsInProgressOf } from '../expense-claims/in-progress.js';
import { listProposals } from '../proposals/proposals.service.js';
import { decideOwnBankChange, pendingBankAccount } from '../volunteers/bank-account.js';
import { berlinToday } from '../volunteers/profile.js';
import { volunteerIdOfUser } from '../volunteers/volunteers.service.js';

/** How many items of each section the landing page shows; the counts are always whole. */
const FIRST = 5;
/** An agreement with no deployment logged for this many days is named under "to log". */
export const LOGGING_DUE_DAYS = 14;
/** A volunteer holds only a few proposals and agreements at a time (capacity): one page of each is all of them. */
const ALL = 200;

/**
 * What waits for the signed-in volunteer, read from the modules that own each piece. Everything is
 * hers alone: the scope names her volunteer record and no organisation, and every query also
 * filters by the network (row-level security is the second wall).
 */
export async function portalOverview(tx: Db, networkId: string, userId: string, locale: Locale, now = new Date()): Promise<PortalOverview> {
  const volunteerId = await volunteerIdOfUser(tx, networkId, userId);
  if (!volunteerId) throw notFound('volunteer');
  const scope: PlacementScope = { all: false, organizationIds: [], volunteerId, userId };
  const today = berlinToday(now);

  const proposals = (await listProposals(tx, networkId, scope, { status: 'pending', limit: ALL })).items;
  const agreements = (await listAgreements(tx, networkId, scope, { status: 'active', sort: 'endsOn', limit: ALL })).items;
  const logged = await loggedSummaryOf(tx, networkId, volunteerId);
  const claims = await claimsInProgressOf(tx, networkId, volunteerId, FIRST);
  const counts = await claimCounts(
    tx,
    networkId,
    claims.items.map((c) => c.id),
  );
  const sessions = await upcomingSessionsOf(tx, networkId, volunteerId, now, FIRST, locale);

  const ref = (a: (typeof agreements)[number]) => ({
    agreementId: a.id,
    title: a.requestTitle ?? a.scope,
    organizationName: a.organizationName,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
  });
  const dueBefore = addDays(today, -LOGGING_DUE_DAYS);
  const toLog = agreements
    .filter((a) => a.startsOn <= today && (logged.lastOn.get(a.id) ?? '') <= dueBefore)
    .map((a) => ({ ...ref(a), lastDeploymentOn: logged.lastOn.get(a.id) ?? null }));
  const starts = agreements.filter((a) => a.startsOn > today).map((a): PortalAppointment => ({ kind: 'agreementStart', ...ref(a) }));
  const appointments = [...sessions.items.map((s): PortalAppointment => ({ kind: 'courseSession', ...s })), ...starts]
    .sort((x, y) => sortKey(x).localeCompare(sortKey(y)))
    .slice(0, FIRST);

  return {
    proposals: {
      count: proposals.length,
      items: proposals.slice(0, FIRST).map((p) => ({
        id: p.id,
        requestTitle: p.request.title,
        organizationName: p.request.organizationName,
        expiresAt: p.expiresAt,
        startsAt: p.request.startsAt,
      })),
    },
    agreements: {
      count: agreements.length,
      items: agreements.slice(0, FIRST).map((a) => ({ ...ref(a), endingSoon: a.endingSoon, deployments: a.deployments })),
    },
    appointments: { count: sessions.count + starts.length, items: appointments },
    toLog: { count: toLog.length, items: toLog.slice(0, FIRST) },
    claims: { count: claims.count, items: claims.items.map((c) => ({ ...c, deploymentCount: counts.get(c.id)?.deployments ?? 0 })) },
    unclaimedDeployments: logged.unclaimed,
    loggingDueDays: LOGGING_DUE_DAYS,
  };
}

/** Sessions by their instant, agreement starts at the beginning of their day (both sort as ISO text). */
function sortKey(a: PortalAppointment): string {
  return a.kind === 'courseSession' ? a.startsAt : `${a.startsOn}T00:00:00.000Z`;
}

async function ownVolunteerId(tx: Db, networkId: string, userId: string): Promise<string> {
  const volunteerId = await volunteerIdOfUser(tx, networkId, userId);
  if (!volunteerId) throw notFound('volunteer');
  return volunteerId;
}

/** The bank account change waiting for the signed-in volunteer's confirmation. */
export async function ownPendingBankAccount(tx: Db, networkId: string, userId: string): Promise<PendingBankAccount | null> {
  return pendingBankAccount(tx, networkId, await ownVolunteerId(tx, networkId, userId));
}

export async function decideOwnPendingBankAccount(tx: Db, actor: Actor, userId: string, changeId: string, decision: 'confirmed' | 'rejected'): Promise<void> {
  await decideOwnBankChange(tx, actor, await ownVolunteerId(tx, actor.networkId, userId), changeId, decision);
}
