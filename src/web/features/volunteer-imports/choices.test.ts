import { describe, expect, it } from 'vitest';
import { choiceKey, choiceList, mergeAmbiguities, rowRanges, type Ambiguity } from './choices.js';

const misburg: Ambiguity = {
  field: 'homeDistrict',
  value: 'Misburg',
  rows: [4, 5],
  candidates: [
    { key: 'misburg-nord', name: 'Misburg-Nord' },
    { key: 'misburg-sued', name: 'Misburg-Süd' },
  ],
};
const linden: Ambiguity = { field: 'districts', value: 'Linden', rows: [7], candidates: [{ key: 'linden-nord', name: 'Linden-Nord' }] };

describe('the answers to ambiguous catalogue values', () => {
  it('sends only the answered ones, "do not take it" as a null key', () => {
    const choices = { [choiceKey('homeDistrict', 'Misburg')]: 'misburg-nord', [choiceKey('districts', 'Linden')]: null };
    expect(choiceList(choices, [misburg, linden])).toEqual([
      { field: 'homeDistrict', value: 'Misburg', key: 'misburg-nord' },
      { field: 'districts', value: 'Linden', key: null },
    ]);
    expect(choiceList({}, [misburg, linden])).toEqual([]);
  });

  it('keeps an answered ambiguity listed in its place once the server no longer reports it', () => {
    const known = mergeAmbiguities([], [misburg, linden]);
    expect(mergeAmbiguities(known, [linden]).map((a) => a.value)).toEqual(['Misburg', 'Linden']);
    const other: Ambiguity = { ...linden, value: 'Süd' };
    expect(mergeAmbiguities(known, [other, misburg]).map((a) => a.value)).toEqual(['Misburg', 'Linden', 'Süd']);
  });
});

describe('row numbers in a sentence', () => {
  it('joins consecutive rows to a range, in order and once each', () => {
    expect(rowRanges([19, 2, 17, 18, 5, 18], 'de')).toBe('2, 5, 17–19');
    expect(rowRanges([1234], 'de')).toBe('1.234');
    expect(rowRanges([3, 4], 'ar')).toBe('3–4');
  });
});
