import type { Inbox } from '../../../common/api/inbox.js';
import type { Db } from '../../db/client.js';
import { agreementsEndingSoon } from '../agreements/agreements.service.js';
import { claimsAwaitingApproval } from '../expense-claims/awaiting-approval.js';
import { requestsWaiting } from '../guide-requests/guide-requests.service.js';
import { answeredWithoutPlacement, pendingProposals } from '../proposals/proposals.service.js';
import { overloadedVolunteers } from '../volunteers/volunteer-pool.service.js';

const FIRST = 10;

/** The coordinator's day at a glance, read from the modules that own each piece. */
export async function inboxOf(tx: Db, networkId: string): Promise<Inbox> {
  const fresh = await requestsWaiting(tx, networkId, ['new'], FIRST);
  const ready = await requestsWaiting(tx, networkId, ['ready'], FIRST);
  const waiting = await pendingProposals(tx, networkId, FIRST);
  const followUp = await answeredWithoutPlacement(tx, networkId, FIRST);
  const ending = await agreementsEndingSoon(tx, networkId, FIRST);
  const claims = await claimsAwaitingApproval(tx, networkId, FIRST);
  const overloaded = await overloadedVolunteers(tx, networkId, FIRST);
  return {
    newRequests: {
      count: fresh.count,
      items: fresh.rows.map((r) => ({ id: r.id, title: r.title, status: r.status, urgency: r.urgency, missingFields: r.missing.length, createdAt: r.createdAt.toISOString() })),
    },
    readyRequests: {
      count: ready.count,
      items: ready.rows.map((r) => ({ id: r.id, title: r.title, urgency: r.urgency, startsAt: r.startsAt?.toISOString() ?? null, statusSince: r.statusSince.toISOString() })),
    },
    proposalsWaiting: waiting,
    proposalsToFollowUp: followUp,
    agreementsEndingSoon: ending,
    claimsToApprove: claims,
    overloadedVolunteers: overloaded,
  };
}
