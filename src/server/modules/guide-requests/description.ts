/**
 * The standard for a complete request description, and the request's life cycle. Pure rules:
 * which fields a request still lacks before it can go to matching, and who may move it where.
 */
import type { GuideRequestKind, GuideRequestStatus } from '../../../common/api/guide-requests.js';

export interface Description {
  kind: GuideRequestKind | null;
  topic: string | null;
  description: string | null;
  languages: unknown[];
  districtKey: string | null;
  place: string | null;
  startsAt: Date | string | null;
  schedule: unknown[];
  expectedHours: number | null;
  seeker: { ageGroup: string | null };
  contact: { name: string; phone: string | null; email: string | null } | null;
}

/** Kinds without personal contact need no place; kinds with a seeker in person need the age group. */
const IN_PERSON: ReadonlySet<GuideRequestKind> = new Set(['accompaniment', 'parents_evening', 'event_appearance', 'mentoring', 'language_help']);
const WITH_SEEKER: ReadonlySet<GuideRequestKind> = new Set(['accompaniment', 'mentoring', 'language_help', 'parents_evening']);

/** The fields still missing, as body paths (`description`, `seeker.ageGroup`, …), in form order. */
export function missingFields(d: Description): string[] {
  const missing: string[] = [];
  if (!d.kind) missing.push('kind');
  if (!d.topic) missing.push('topic');
  if (!d.description?.trim()) missing.push('description');
  if (d.languages.length === 0) missing.push('languages');
  const inPerson = !d.kind || IN_PERSON.has(d.kind);
  if (inPerson && !d.districtKey) missing.push('districtKey');
  if (inPerson && !d.place?.trim()) missing.push('place');
  // An event happens once; everything else may be one date or a weekly schedule.
  if (!d.startsAt && (d.kind === 'event_appearance' || d.schedule.length === 0)) missing.push('startsAt');
  if (!d.expectedHours) missing.push('expectedHours');
  if ((!d.kind || WITH_SEEKER.has(d.kind)) && !d.seeker.ageGroup) missing.push('seeker.ageGroup');
  if (!d.contact) missing.push('contact');
  else if (!d.contact.phone && !d.contact.email) missing.push('contact.phone');
  return missing;
}

/** Status changes a person may make by hand; `proposed` and `agreed` follow proposals and agreements. */
const BY_COORDINATOR: Record<GuideRequestStatus, readonly GuideRequestStatus[]> = {
  new: ['needs_info', 'ready', 'cancelled'],
  needs_info: ['new', 'ready', 'cancelled'],
  ready: ['needs_info', 'cancelled'],
  proposed: ['ready', 'cancelled'],
  agreed: ['closed'],
  closed: [],
  cancelled: [],
};
/** A requester may only withdraw a request that no volunteer has been proposed for yet. */
const BY_REQUESTER: Record<GuideRequestStatus, readonly GuideRequestStatus[]> = {
  new: ['cancelled'],
  needs_info: ['cancelled'],
  ready: ['cancelled'],
  proposed: [],
  agreed: [],
  closed: [],
  cancelled: [],
};

export function canMove(from: GuideRequestStatus, to: GuideRequestStatus, asCoordinator: boolean): boolean {
  return (asCoordinator ? BY_COORDINATOR : BY_REQUESTER)[from].includes(to);
}

/** The description can still be changed: before a volunteer has agreed; requesters only before matching. */
export function isEditable(status: GuideRequestStatus, asCoordinator: boolean): boolean {
  return asCoordinator ? ['new', 'needs_info', 'ready', 'proposed'].includes(status) : ['new', 'needs_info'].includes(status);
}
