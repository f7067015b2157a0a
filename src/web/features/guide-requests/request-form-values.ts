import type { UseFormReturnType } from '@mantine/form';
import type { GuideRequestDetail, GuideRequestKind, URGENCIES } from '../../../common/api/guide-requests.js';
import type { LanguageLevel } from '../../../common/volunteers.js';
import { berlinLocalToInstant, instantToBerlinLocal } from './vocabulary.js';

export interface FormValues {
  title: string;
  kind: GuideRequestKind | '';
  topic: string;
  description: string;
  languages: { code: string; minLevel: LanguageLevel }[];
  districtKey: string;
  place: string;
  timing: 'once' | 'weekly';
  startsAt: string;
  endsAt: string;
  schedule: { weekday: string; from: string; to: string }[];
  expectedHours: string | number;
  volunteersNeeded: string | number;
  requiredSpecializations: string[];
  involvesMinors: boolean;
  seeker: { ageGroup: string; languages: string[]; genderPreference: string; wantsPeerMatch: boolean; origins: string[] };
  contact: { name: string; phone: string; email: string };
  urgency: (typeof URGENCIES)[number];
  requesterOrganizationId: string;
}

export function emptyValues(): FormValues {
  return {
    title: '',
    kind: '',
    topic: '',
    description: '',
    languages: [],
    districtKey: '',
    place: '',
    timing: 'once',
    startsAt: '',
    endsAt: '',
    schedule: [],
    expectedHours: '',
    volunteersNeeded: 1,
    requiredSpecializations: [],
    involvesMinors: false,
    seeker: { ageGroup: '', languages: [], genderPreference: '', wantsPeerMatch: false, origins: [] },
    contact: { name: '', phone: '', email: '' },
    urgency: 'normal',
    requesterOrganizationId: '',
  };
}

export function valuesOf(r: GuideRequestDetail): FormValues {
  return {
    title: r.title,
    kind: r.kind ?? '',
    topic: r.topic ?? '',
    description: r.description ?? '',
    languages: r.languages.map((l) => ({ ...l })),
    districtKey: r.districtKey ?? '',
    place: r.place ?? '',
    timing: r.schedule.length ? 'weekly' : 'once',
    startsAt: instantToBerlinLocal(r.startsAt),
    endsAt: instantToBerlinLocal(r.endsAt),
    schedule: r.schedule.map((s) => ({ weekday: String(s.weekday), from: s.from, to: s.to })),
    expectedHours: r.expectedHours ?? '',
    volunteersNeeded: r.volunteersNeeded,
    requiredSpecializations: [...r.requiredSpecializations],
    involvesMinors: r.involvesMinors,
    seeker: {
      ageGroup: r.seeker.ageGroup ?? '',
      languages: [...r.seeker.languages],
      genderPreference: r.seeker.genderPreference ?? '',
      wantsPeerMatch: r.seeker.wantsPeerMatch,
      origins: [...(r.seeker.origins ?? [])],
    },
    contact: { name: r.contact?.name ?? '', phone: r.contact?.phone ?? '', email: r.contact?.email ?? '' },
    urgency: r.urgency,
    requesterOrganizationId: r.requesterOrganizationId ?? '',
  };
}

export interface Access {
  /** Picks the requesting organisation (coordinators). */
  organization: boolean;
  /** Reads and writes seekers' origins (special category). */
  origins: boolean;
}

const text = (v: string) => (v.trim() === '' ? null : v.trim());

/** The request body for the values, in the API's terms. */
export function bodyOf(v: FormValues, access: Access): Record<string, unknown> {
  const contactGiven = v.contact.name.trim() || v.contact.phone.trim() || v.contact.email.trim();
  const body: Record<string, unknown> = {
    title: v.title.trim(),
    kind: v.kind || null,
    topic: v.topic || null,
    description: text(v.description),
    languages: v.languages.map((l) => ({ code: l.code, minLevel: l.minLevel })),
    districtKey: v.districtKey || null,
    place: text(v.place),
    startsAt: v.startsAt ? (berlinLocalToInstant(v.startsAt) ?? v.startsAt) : null,
    endsAt: v.endsAt ? (berlinLocalToInstant(v.endsAt) ?? v.endsAt) : null,
    schedule: v.timing === 'weekly' ? v.schedule.map((s) => ({ weekday: Number(s.weekday), from: s.from, to: s.to })) : [],
    expectedHours: v.expectedHours === '' ? null : Number(v.expectedHours),
    volunteersNeeded: v.volunteersNeeded === '' ? 1 : Number(v.volunteersNeeded),
    requiredSpecializations: v.requiredSpecializations,
    involvesMinors: v.involvesMinors,
    seeker: {
      ageGroup: v.seeker.ageGroup || null,
      languages: v.seeker.languages,
      genderPreference: v.seeker.genderPreference || null,
      wantsPeerMatch: v.seeker.wantsPeerMatch,
      origins: access.origins && v.seeker.wantsPeerMatch ? v.seeker.origins : [],
    },
    contact: contactGiven ? { name: v.contact.name.trim(), phone: text(v.contact.phone), email: text(v.contact.email) } : null,
    urgency: v.urgency,
  };
  if (access.organization) body.requesterOrganizationId = v.requesterOrganizationId || null;
  return body;
}

/** Only what changed goes to the server, so that the audit names real changes. */
export function changedFields(body: Record<string, unknown>, before: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(body)) if (JSON.stringify(value) !== JSON.stringify(before[k])) out[k] = value;
  return out;
}

export type RequestFormApi = UseFormReturnType<FormValues>;

/** Whether a wall-clock time in Berlin (datetime-local) lies before now. */
export function startsInPast(local: string): boolean {
  const instant = local ? berlinLocalToInstant(local) : null;
  return instant !== null && new Date(instant).getTime() < Date.now();
}
