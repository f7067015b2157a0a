import { describe, expect, it } from 'vitest';
import { guessField, headerSetKey, mappingToRemember, resolveColumns } from './mapping.js';

describe('guessing a column’s field from its header', () => {
  it.each([
    ['Nachname', 'lastName'],
    ['Vorname', 'firstName'],
    ['E-Mail', 'email'],
    ['e-mail (privat)', 'email'],
    ['Sprachen', 'languages'],
    ['Stadtteil', 'homeDistrict'],
    ['Geburtsjahr', 'birthYear'],
    ['Last name', 'lastName'],
    ['Languages', 'languages'],
    ['Führungszeugnis vom', 'policeCertificateOn'],
    ['Basisqualifizierung am', 'basicCourseOn'],
    ['PLZ', 'postalCode'],
    ['Max. Std./Monat', null],
    ['Lieblingsfarbe', null],
  ])('%s → %s', (header, field) => {
    expect(guessField(header)).toBe(field);
  });

  it('reads the export’s own headers in every language', () => {
    expect(guessField('Einsatz-Stadtteile')).toBe('districts');
    expect(guessField('Home district')).toBe('homeDistrict');
  });

  it('never guesses origins', () => {
    expect(guessField('Herkunft')).toBeNull();
    expect(guessField('Country of origin')).toBeNull();
  });
});

describe('resolving the mapping', () => {
  const headers = ['Name', 'Vorname', 'Mail', 'Herkunft'];

  it('prefers the given mapping, then the remembered one, then the guess', () => {
    const remembered = { mail: 'email', name: 'lastName', vorname: null, herkunft: null };
    const { columns, problems } = resolveColumns(headers, { Vorname: 'firstName' }, remembered);
    expect(problems).toEqual([]);
    expect(columns).toEqual([
      { header: 'Name', field: 'lastName', source: 'remembered', guessed: false },
      { header: 'Vorname', field: 'firstName', source: 'given', guessed: false },
      { header: 'Mail', field: 'email', source: 'remembered', guessed: false },
      { header: 'Herkunft', field: null, source: 'remembered', guessed: false },
    ]);
  });

  it('refuses origins, unknown fields and columns, and one field twice', () => {
    const { problems } = resolveColumns(headers, { Herkunft: 'origins', Mail: 'mailbox', Telefon: 'phone', Name: 'lastName', Vorname: 'lastName' }, undefined);
    expect(problems).toEqual([
      { path: 'mapping.Herkunft', key: 'originsNotImportable' },
      { path: 'mapping.Mail', key: 'importUnknownField', values: { field: 'mailbox' } },
      { path: 'mapping.Telefon', key: 'importUnknownColumn', values: { column: 'Telefon' } },
      { path: 'mapping.Vorname', key: 'importFieldTwice', values: { column: 'Name' } },
    ]);
  });

  it('gives a guessed field to the first column only', () => {
    const { columns } = resolveColumns(['E-Mail', 'E-Mail privat'], undefined, undefined);
    expect(columns.map((c) => c.field)).toEqual(['email', null]);
  });

  it('identifies a layout by its header set, order and spelling aside', () => {
    expect(headerSetKey(['Nachname', 'E-Mail'])).toBe(headerSetKey(['email', 'NACHNAME']));
    expect(headerSetKey(['Nachname', 'E-Mail'])).not.toBe(headerSetKey(['Nachname', 'Telefon']));
    expect(mappingToRemember([{ header: 'E-Mail', field: 'email', source: 'guessed', guessed: true }])).toEqual({ email: 'email' });
  });
});
