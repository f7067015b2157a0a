import { describe, expect, it } from 'vitest';
import { canMove, isEditable, missingFields, type Description } from './description.js';

const complete: Description = {
  kind: 'accompaniment',
  topic: 'behoerden',
  description: 'Begleitung zum Jobcenter, Termin zur Antragsabgabe',
  languages: [{ code: 'ar', minLevel: 'B2' }],
  districtKey: 'mitte',
  place: 'Jobcenter Hannover Mitte, Vahrenwalder Str. 145',
  startsAt: '2026-12-01T09:00:00Z',
  schedule: [],
  expectedHours: 2,
  seeker: { ageGroup: 'adult' },
  contact: { name: 'Frau Schulz', phone: '0511 123456', email: null },
};

describe('missingFields', () => {
  it('finds nothing missing in a complete description', () => {
    expect(missingFields(complete)).toEqual([]);
  });

  it('names every missing field of an empty draft, in form order', () => {
    const empty: Description = { kind: null, topic: null, description: '  ', languages: [], districtKey: null, place: null, startsAt: null, schedule: [], expectedHours: null, seeker: { ageGroup: null }, contact: null };
    expect(missingFields(empty)).toEqual(['kind', 'topic', 'description', 'languages', 'districtKey', 'place', 'startsAt', 'expectedHours', 'seeker.ageGroup', 'contact']);
  });

  it('accepts a weekly schedule instead of a date, except for an event', () => {
    const weekly = { ...complete, kind: 'mentoring' as const, startsAt: null, schedule: [{ weekday: 3, from: '16:00', to: '17:30' }] };
    expect(missingFields(weekly)).toEqual([]);
    expect(missingFields({ ...weekly, kind: 'event_appearance' })).toEqual(['startsAt']);
  });

  it('needs no place and no age group for office help without personal contact', () => {
    expect(missingFields({ ...complete, kind: 'office_help', districtKey: null, place: null, seeker: { ageGroup: null } })).toEqual([]);
  });

  it('needs a way to reach the contact person', () => {
    expect(missingFields({ ...complete, contact: { name: 'Frau Schulz', phone: null, email: null } })).toEqual(['contact.phone']);
    expect(missingFields({ ...complete, contact: { name: 'Frau Schulz', phone: null, email: 'schulz@example.org' } })).toEqual([]);
  });
});

describe('status changes', () => {
  it('lets a coordinator send back, release and cancel, but not skip to agreed', () => {
    expect(canMove('new', 'ready', true)).toBe(true);
    expect(canMove('new', 'needs_info', true)).toBe(true);
    expect(canMove('ready', 'needs_info', true)).toBe(true);
    expect(canMove('needs_info', 'ready', true)).toBe(true);
    expect(canMove('ready', 'agreed', true)).toBe(false);
    expect(canMove('new', 'proposed', true)).toBe(false);
    expect(canMove('agreed', 'closed', true)).toBe(true);
    expect(canMove('cancelled', 'new', true)).toBe(false);
  });

  it('lets a requester only withdraw before a proposal', () => {
    expect(canMove('new', 'cancelled', false)).toBe(true);
    expect(canMove('ready', 'cancelled', false)).toBe(true);
    expect(canMove('proposed', 'cancelled', false)).toBe(false);
    expect(canMove('new', 'ready', false)).toBe(false);
  });

  it('keeps the description editable until agreement, for requesters only until it is released', () => {
    expect(isEditable('proposed', true)).toBe(true);
    expect(isEditable('agreed', true)).toBe(false);
    expect(isEditable('needs_info', false)).toBe(true);
    expect(isEditable('ready', false)).toBe(false);
  });
});
