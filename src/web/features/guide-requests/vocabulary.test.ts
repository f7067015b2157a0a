import { describe, expect, it } from 'vitest';
import { berlinLocalToInstant, draftMissing, instantToBerlinLocal, type DescriptionDraft } from './vocabulary.js';

const complete: DescriptionDraft = {
  kind: 'accompaniment',
  topic: 'behoerden',
  description: 'Begleitung zum Bürgeramt',
  languages: [{ code: 'ar', minLevel: 'B2' }],
  districtKey: 'mitte',
  place: 'Rathaus',
  startsAt: '2027-01-20T16:30',
  schedule: [],
  expectedHours: 2,
  seeker: { ageGroup: 'adult' },
  contact: { name: 'Jens Brandt', phone: '0511 1', email: '' },
};

describe('Berlin wall-clock times', () => {
  it('turns winter and summer times into the right UTC instants and back', () => {
    expect(berlinLocalToInstant('2027-01-20T16:30')).toBe('2027-01-20T15:30:00.000Z');
    expect(berlinLocalToInstant('2027-07-01T09:00')).toBe('2027-07-01T07:00:00.000Z');
    expect(instantToBerlinLocal('2027-07-01T07:00:00.000Z')).toBe('2027-07-01T09:00');
    expect(instantToBerlinLocal('2026-10-25T00:30:00.000Z')).toBe('2026-10-25T02:30');
  });

  it('answers null for what is not a date and time', () => {
    expect(berlinLocalToInstant('')).toBeNull();
    expect(berlinLocalToInstant('20.01.2027')).toBeNull();
  });
});

describe('what a draft still lacks for matching', () => {
  it('finds nothing in a complete description', () => {
    expect(draftMissing(complete)).toEqual([]);
  });

  it('lists every field of an empty draft in form order', () => {
    const empty: DescriptionDraft = {
      kind: '',
      topic: '',
      description: ' ',
      languages: [],
      districtKey: '',
      place: '',
      startsAt: '',
      schedule: [],
      expectedHours: '',
      seeker: { ageGroup: '' },
      contact: { name: '', phone: '', email: '' },
    };
    expect(draftMissing(empty)).toEqual([
      'kind',
      'topic',
      'description',
      'languages',
      'districtKey',
      'place',
      'startsAt',
      'expectedHours',
      'seeker.ageGroup',
      'contact',
    ]);
  });

  it('asks office help for neither place nor age group, and a weekly schedule replaces the start', () => {
    expect(
      draftMissing({
        ...complete,
        kind: 'office_help',
        districtKey: '',
        place: '',
        seeker: { ageGroup: '' },
        startsAt: '',
        schedule: [{}],
      }),
    ).toEqual([]);
  });

  it('needs a start for an event even with a schedule, and a way to reach the contact', () => {
    expect(
      draftMissing({ ...complete, kind: 'event_appearance', startsAt: '', schedule: [{}], contact: { name: 'X', phone: ' ', email: '' } }),
    ).toEqual(['startsAt', 'contact.phone']);
  });
});
