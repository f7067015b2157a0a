import { createHash } from 'node:crypto';
import { IMPORT_FIELDS, REFUSED_IMPORT_FIELDS, type ImportColumn, type ImportField } from '../../../common/api/volunteer-imports.js';
import { LOCALES } from '../../../common/locales.js';
import { t } from '../../i18n.js';
import { fold } from './cells.js';

/** Which column holds which profile field: guessed from headers, given, or remembered. */

/** Headers offices write for each field (German and English), compared after `fold`. */
const SYNONYMS: Record<ImportField, string[]> = {
  firstName: ['Vorname', 'Vornamen', 'First name', 'Firstname', 'Given name', 'Forename', 'Rufname'],
  lastName: ['Nachname', 'Familienname', 'Name', 'Last name', 'Lastname', 'Surname', 'Family name', 'Zuname', 'Name, Vorname', 'Nachname, Vorname', 'Name Vorname', 'Vor- und Nachname', 'Vor- und Zuname', 'Vollständiger Name', 'Full name'],
  email: ['E-Mail', 'Email', 'E-Mail-Adresse', 'Mail', 'Mailadresse', 'E-mail address', 'Email address', 'eMail-Adresse', 'Mail-Adresse'],
  phone: ['Telefon', 'Tel', 'Tel.', 'Tel./Handy', 'Telefon/Handy', 'Telefonnummer', 'Handy', 'Handynummer', 'Mobil', 'Mobilnummer', 'Mobiltelefon', 'Phone', 'Phone number', 'Mobile', 'Telephone'],
  street: ['Straße', 'Strasse', 'Str.', 'Straße und Hausnummer', 'Adresse', 'Anschrift', 'Street', 'Address'],
  postalCode: ['PLZ', 'Postleitzahl', 'Postal code', 'Postcode', 'ZIP', 'ZIP code'],
  city: ['Ort', 'Wohnort', 'Stadt', 'City', 'Town'],
  // Birth dates give the birth year; "Alter" (age) is not a birth year and is never guessed.
  birthYear: ['Geburtsjahr', 'Jahrgang', 'Geb.-Jahr', 'Geburtsdatum', 'Geb.-Datum', 'Geb.', 'Geb. am', 'Geboren am', 'Geburtstag', 'Birth year', 'Year of birth', 'Born', 'Date of birth', 'Birth date', 'Birthday', 'DOB'],
  gender: ['Geschlecht', 'Gender', 'Sex'],
  genderSelfDescribed: ['Geschlecht (Selbstbeschreibung)', 'Gender (self-described)'],
  contactLanguage: ['Kontaktsprache', 'Bevorzugte Sprache', 'Sprache für Kontakt', 'Contact language', 'Preferred language'],
  languages: ['Sprachen', 'Sprachkenntnisse', 'Sprache', 'Fremdsprachen', 'Sprachen (Niveau)', 'Languages', 'Language skills', 'Language'],
  trade: ['Beruf', 'Gewerk', 'Handwerk', 'Trade', 'Profession', 'Occupation', 'Craft'],
  tradeFreeText: ['Beruf (Freitext)', 'Trade (free text)', 'Tätigkeit'],
  professionalPosition: ['Berufliche Stellung', 'Stellung', 'Position', 'Professional position'],
  specializations: ['Spezialisierung', 'Spezialisierungen', 'Lotsenart', 'Lotsenart/Spezialisierung', 'Lotsentyp', 'Art der Lotsentätigkeit', 'Specialisation', 'Specialisations', 'Specialization', 'Specializations'],
  topics: ['Themen', 'Einsatzfelder', 'Einsatzbereiche', 'Einsatzbereich', 'Topics', 'Fields of deployment'],
  competenceLimits: ['Kompetenzgrenzen', 'Kompetenzgrenze', 'Nicht für', 'Competence limits'],
  interests: ['Interessen', 'Fortbildungswünsche', 'Interests'],
  homeDistrict: ['Stadtteil', 'Stadtbezirk', 'Wohnort Stadtteil', 'Wohnort/Stadtteil', 'Stadtteil (Wohnort)', 'Wohnstadtteil', 'Ortsteil', 'Home district', 'District'],
  districts: ['Einsatzgebiet', 'Einsatzgebiete', 'Einsatz-Stadtteile', 'Einsatzstadtteil', 'Einsatzstadtteile', 'Einsatzort', 'Einsatzorte', 'Stadtteile', 'Districts', 'Districts served'],
  maxActiveAgreements: ['Max. Vereinbarungen', 'Maximale Vereinbarungen', 'Anzahl Begleitungen', 'Max. agreements', 'Max active agreements'],
  maxHoursPerMonth: ['Max. Stunden/Monat', 'Stunden pro Monat', 'Stunden/Monat', 'Zeitbudget', 'Max. hours/month', 'Hours per month'],
  status: ['Status'],
  statusReason: ['Statusgrund', 'Grund', 'Status reason'],
  basicCourseOn: ['Basisqualifizierung', 'Basisqualifizierung am', 'Basisqualifizierung (Datum)', 'Basisquali', 'Basisqualifikation', 'Basisschulung', 'Basiskurs', 'Basiskurs am', 'Grundkurs', 'Basic course', 'Basic course completed', 'Basic qualification'],
  basicCourseProvider: ['Basisqualifizierung bei', 'Träger der Basisqualifizierung', 'Kursträger', 'Basic course provider'],
  confidentialitySignedOn: ['Schweigepflicht', 'Verschwiegenheitserklärung', 'Schweigepflichtserklärung', 'Confidentiality', 'Confidentiality signed'],
  dataProtectionConsentOn: ['Datenschutz', 'Datenschutzerklärung', 'Einwilligung Datenschutz', 'Data protection', 'Data protection consent'],
  insuranceNotedOn: ['Versicherung', 'Versicherungshinweis', 'Insurance', 'Insurance noted'],
  policeCertificateOn: ['Führungszeugnis', 'Führungszeugnis vom', 'Erweitertes Führungszeugnis', 'Police certificate', 'Police certificate of'],
  lastSupervisionOn: ['Letzte Supervision', 'Supervision', 'Last supervision'],
  notes: ['Notizen', 'Bemerkungen', 'Bemerkung', 'Anmerkungen', 'Kommentar', 'Notes', 'Comments', 'Remarks'],
};

/** Headers that name origins: never guessed (see REFUSED_IMPORT_FIELDS). */
const ORIGIN_HEADERS = ['Herkunft', 'Herkunftsland', 'Nationalität', 'Staatsangehörigkeit', 'Origin', 'Origins', 'Country of origin', 'Nationality', 'الأصل'];

/** The export's columns (`volunteers.export.ts`) and the fields they come back as. */
const EXPORT_COLUMNS: Record<string, ImportField | 'origins'> = {
  lastName: 'lastName',
  firstName: 'firstName',
  email: 'email',
  phone: 'phone',
  postalCode: 'postalCode',
  city: 'city',
  birthYear: 'birthYear',
  status: 'status',
  languages: 'languages',
  origins: 'origins',
  homeDistrict: 'homeDistrict',
  districts: 'districts',
  specializations: 'specializations',
  topics: 'topics',
  competenceLimits: 'competenceLimits',
  trade: 'trade',
  maxActiveAgreements: 'maxActiveAgreements',
  maxHoursPerMonth: 'maxHoursPerMonth',
  basicCourseOn: 'basicCourseOn',
  policeCertificateOn: 'policeCertificateOn',
  lastSupervisionOn: 'lastSupervisionOn',
};

let table: Map<string, ImportField | 'origins'> | undefined;

/** Known header → field, built once: the export's own column names in every language first, so an exported list imports without a mapping. */
export function headerTable(): Map<string, ImportField | 'origins'> {
  if (table) return table;
  const names = new Map<string, ImportField | 'origins'>();
  for (const locale of LOCALES) {
    for (const [key, field] of Object.entries(EXPORT_COLUMNS)) {
      const name = fold(t(locale, `export.volunteers.${key}`));
      if (name && !names.has(name)) names.set(name, field);
    }
  }
  for (const [field, synonyms] of Object.entries(SYNONYMS) as [ImportField, string[]][]) for (const n of synonyms) if (!names.has(fold(n))) names.set(fold(n), field);
  for (const n of ORIGIN_HEADERS) names.set(fold(n), 'origins');
  table = names;
  return names;
}

export const normaliseHeader = (header: string): string => fold(header) || header.trim().toLowerCase();

/** The field a header most likely means, or null. Origins are never guessed. */
export function guessField(header: string, names: Map<string, ImportField | 'origins'> = headerTable()): ImportField | null {
  const key = fold(header);
  const exact = names.get(key);
  if (exact) return exact === 'origins' ? null : exact;
  // "E-Mail (privat)", "Telefon mobil", "Sprachen und Niveau": the longest known name the header starts with.
  let best: { field: ImportField | 'origins'; length: number } | null = null;
  for (const [name, field] of names) {
    if (name.length >= 3 && key.startsWith(name) && (!best || name.length > best.length)) best = { field, length: name.length };
  }
  return best && best.field !== 'origins' ? best.field : null;
}

/** Identifies a spreadsheet layout by its set of headers, order and spelling aside. */
export function headerSetKey(headers: string[]): string {
  const set = [...new Set(headers.map(normaliseHeader))].sort();
  return createHash('sha256').update(set.join('\u0000')).digest('hex');
}

export interface MappingProblem {
  path: string;
  key: string;
  values?: Record<string, string>;
}

/** A column's field as resolved; the service adds samples and whether the column is hidden. */
export type MappedColumn = Pick<ImportColumn, 'header' | 'field' | 'guessed' | 'source'>;

/**
 * How much a row looks like the header row: the number of distinct fields (origins included) its
 * cells name. Title rows ("Lotsenliste – Stand März 2026") and data rows name none or one.
 */
export function headerScore(cells: string[], names: Map<string, ImportField | 'origins'> = headerTable()): number {
  const fields = new Set<string>();
  for (const cell of cells) {
    if (!cell || cell.length > 60) continue;
    const exact = names.get(fold(cell));
    const field = exact ?? guessField(cell, names);
    if (field) fields.add(field);
  }
  return fields.size;
}

export const isImportField = (f: string): f is ImportField => (IMPORT_FIELDS as readonly string[]).includes(f);

/**
 * Decides each column's field: given (the request's mapping) before remembered (this network's
 * last mapping of the same header set) before guessed. A field goes to one column only.
 */
export function resolveColumns(
  headers: string[],
  given: Record<string, string | null> | undefined,
  remembered: Record<string, string | null> | undefined,
  names: Map<string, ImportField | 'origins'> = headerTable(),
): { columns: MappedColumn[]; problems: MappingProblem[] } {
  const problems: MappingProblem[] = [];
  const byHeader = new Map<string, string | null>();
  if (given) {
    const known = new Map(headers.map((h) => [normaliseHeader(h), h]));
    for (const [header, field] of Object.entries(given)) {
      const column = known.get(normaliseHeader(header));
      if (!column) {
        problems.push({ path: `mapping.${header}`, key: 'importUnknownColumn', values: { column: header } });
        continue;
      }
      if (field !== null && (REFUSED_IMPORT_FIELDS as readonly string[]).includes(field)) {
        problems.push({ path: `mapping.${header}`, key: 'originsNotImportable' });
        continue;
      }
      if (field !== null && !isImportField(field)) {
        problems.push({ path: `mapping.${header}`, key: 'importUnknownField', values: { field } });
        continue;
      }
      byHeader.set(column, field);
    }
  }
  const taken = new Map<ImportField, string>();
  const columns: MappedColumn[] = headers.map((header) => {
    let source: ImportColumn['source'];
    let field: ImportField | null;
    if (byHeader.has(header)) {
      source = 'given';
      field = byHeader.get(header) as ImportField | null;
    } else if (remembered && normaliseHeader(header) in remembered) {
      source = 'remembered';
      const f = remembered[normaliseHeader(header)];
      field = f && isImportField(f) ? f : null;
    } else {
      source = 'guessed';
      field = guessField(header, names);
    }
    return { header, field, source, guessed: source === 'guessed' };
  });
  // Given fields claim first, then remembered, then guessed; a later claim of a taken field is dropped
  // (or, when both were given, refused).
  for (const source of ['given', 'remembered', 'guessed'] as const) {
    for (const column of columns) {
      if (column.source !== source || !column.field) continue;
      const owner = taken.get(column.field);
      if (owner === undefined) taken.set(column.field, column.header);
      else if (source === 'given' && columns.find((c) => c.header === owner)?.source === 'given') {
        problems.push({ path: `mapping.${column.header}`, key: 'importFieldTwice', values: { column: owner } });
      } else column.field = null;
    }
  }
  return { columns, problems };
}

/** What is remembered: normalised header → field. */
export const mappingToRemember = (columns: MappedColumn[]): Record<string, string | null> =>
  Object.fromEntries(columns.map((c) => [normaliseHeader(c.header), c.field]));
