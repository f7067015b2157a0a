import type { TFunction } from '../../i18n/translate.js';
import type { GuideRequestKind, GuideRequestStatus } from '../../../common/api/guide-requests.js';
import type { ProposalStatus } from '../../../common/api/placements.js';
import type { Locale } from '../../../common/locales.js';
import { TIME_ZONE } from '../../i18n/format.js';

export { berlinLocalToInstant } from '../../i18n/format.js';
import { weekdayLabel } from '../volunteers/vocabulary.js';

export const REQUEST_STATUS_COLORS: Record<GuideRequestStatus, string> = {
  new: 'cyan',
  needs_info: 'orange',
  ready: 'blue',
  proposed: 'violet',
  agreed: 'green',
  closed: 'gray',
  cancelled: 'gray',
};

export const PROPOSAL_STATUS_COLORS: Record<ProposalStatus, string> = {
  pending: 'yellow',
  accepted: 'green',
  declined: 'red',
  expired: 'gray',
  withdrawn: 'gray',
};

/** A field's name (server paths such as `body.seeker.ageGroup` or `missingFields` entries); unknown paths stay as they are. */
export function fieldLabel(path: string, t: TFunction): string {
  const key = path.replace(/^body\./, '');
  const known: Record<string, string> = {
    title: 'requests.fields.title',
    kind: 'requests.fields.kind',
    topic: 'requests.fields.topic',
    description: 'requests.fields.description',
    languages: 'requests.fields.languages',
    districtKey: 'requests.fields.district',
    place: 'requests.fields.place',
    startsAt: 'requests.fields.when',
    endsAt: 'requests.fields.endsAt',
    schedule: 'requests.fields.schedule',
    expectedHours: 'requests.fields.expectedHours',
    volunteersNeeded: 'requests.fields.volunteersNeeded',
    requiredSpecializations: 'requests.fields.requiredSpecializations',
    involvesMinors: 'requests.fields.involvesMinors',
    'seeker.ageGroup': 'requests.fields.ageGroup',
    'seeker.languages': 'requests.fields.seekerLanguages',
    'seeker.genderPreference': 'requests.fields.genderPreference',
    'seeker.origins': 'requests.fields.origins',
    contact: 'requests.fields.contactName',
    'contact.name': 'requests.fields.contactName',
    'contact.phone': 'requests.fields.contactReach',
    'contact.email': 'requests.fields.contactEmail',
    urgency: 'requests.fields.urgency',
    requesterOrganizationId: 'requests.fields.organization',
  };
  return known[key] ? t(known[key]) : key;
}

/** Where a missing field sits in the form (its input's name), to link the list to it. */
export function inputIdOf(path: string): string {
  const key = path.replace(/^body\./, '');
  if (key === 'contact') return 'request-contact-name';
  if (key === 'contact.phone') return 'request-contact-phone';
  if (key === 'languages') return 'request-languages';
  return `request-${key.replace(/\./g, '-')}`;
}

/** Kinds with a person met in place need district and place; kinds with a seeker need the age group. */
const IN_PERSON: ReadonlySet<GuideRequestKind> = new Set([
  'accompaniment',
  'parents_evening',
  'event_appearance',
  'mentoring',
  'language_help',
]);
const WITH_SEEKER: ReadonlySet<GuideRequestKind> = new Set(['accompaniment', 'mentoring', 'language_help', 'parents_evening']);

export interface DescriptionDraft {
  kind: GuideRequestKind | '';
  topic: string;
  description: string;
  languages: unknown[];
  districtKey: string;
  place: string;
  startsAt: string;
  schedule: unknown[];
  expectedHours: string | number;
  seeker: { ageGroup: string };
  contact: { name: string; phone: string; email: string };
}

/**
 * What the form still lacks for matching, while it is being filled in. The same standard as the
 * server's (src/server/modules/guide-requests/description.ts), which decides: the detail page
 * shows the server's own list after saving, and a release is refused there with the fields named.
 */
export function draftMissing(d: DescriptionDraft): string[] {
  const missing: string[] = [];
  const kind = d.kind || null;
  if (!kind) missing.push('kind');
  if (!d.topic) missing.push('topic');
  if (!d.description.trim()) missing.push('description');
  if (d.languages.length === 0) missing.push('languages');
  const inPerson = !kind || IN_PERSON.has(kind);
  if (inPerson && !d.districtKey) missing.push('districtKey');
  if (inPerson && !d.place.trim()) missing.push('place');
  if (!d.startsAt && (kind === 'event_appearance' || d.schedule.length === 0)) missing.push('startsAt');
  if (!Number(d.expectedHours)) missing.push('expectedHours');
  if ((!kind || WITH_SEEKER.has(kind)) && !d.seeker.ageGroup) missing.push('seeker.ageGroup');
  if (!d.contact.name.trim()) missing.push('contact');
  else if (!d.contact.phone.trim() && !d.contact.email.trim()) missing.push('contact.phone');
  return missing;
}

/** Whether a field may be asked for matching at all, given the kind (office help needs no place). */
export function neededFor(kind: GuideRequestKind | '', field: 'place' | 'ageGroup'): boolean {
  if (!kind) return true;
  return field === 'place' ? IN_PERSON.has(kind) : WITH_SEEKER.has(kind);
}

/** An instant as the wall-clock time in Berlin, for a datetime-local input. */
export function instantToBerlinLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** "Di 14:00–18:00, Do 09:00–12:00" */
export function scheduleText(schedule: { weekday: number; from: string; to: string }[], locale: Locale): string {
  return [...schedule]
    .sort((a, b) => a.weekday - b.weekday || a.from.localeCompare(b.from))
    .map((s) => `${weekdayLabel(s.weekday, locale, 'short')} ${s.from}–${s.to}`)
    .join(', ');
}
