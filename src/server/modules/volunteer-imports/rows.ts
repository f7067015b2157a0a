import { CreateVolunteerBody } from '../../../common/api/volunteers.js';
import type { ImportColumn, ImportField } from '../../../common/api/volunteer-imports.js';
import { fieldErrorOf } from '../../http/problems.js';
import {
  cellText,
  isEmpty,
  listItems,
  readDate,
  readGender,
  readInteger,
  readLanguage,
  readLanguages,
  readPosition,
  readStatus,
  tradeOf,
  type CellProblem,
  type Read,
} from './cells.js';
import type { SheetRow } from './parse.js';

/** One spreadsheet row read into a CreateVolunteerBody, with its problems field by field. */

export type CatalogKindName = 'specializations' | 'topics' | 'districts';
/** Per catalogue: lower-case key or name → key. Only the importing network's entries are in it. */
export type CatalogLookup = Record<CatalogKindName, Map<string, string>>;

export const catalogLookup = (entries: { kind: CatalogKindName; key: string; name: string }[]): CatalogLookup => {
  const lookup: CatalogLookup = { specializations: new Map(), topics: new Map(), districts: new Map() };
  // Names first, keys after: a key always wins over another entry's equal name.
  for (const e of entries) lookup[e.kind].set(catalogWord(e.name), e.key);
  for (const e of entries) lookup[e.kind].set(catalogWord(e.key), e.key);
  return lookup;
};
const catalogWord = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

export interface RowProblem {
  field: string;
  column?: string;
  key: string;
  values?: Record<string, string | number>;
}

export interface ReadRow {
  row: number;
  /** The body to create, when the row has no problems. */
  body: CreateVolunteerBody | null;
  /** Only the fields the row fills: what a merge writes. */
  filled: Partial<CreateVolunteerBody>;
  problems: RowProblem[];
}

const TEXT_FIELDS = ['firstName', 'lastName', 'phone', 'street', 'postalCode', 'city', 'genderSelfDescribed', 'tradeFreeText', 'statusReason', 'notes'] as const;
const LIST_FIELDS = { specializations: 'specializations', topics: 'topics', competenceLimits: 'topics', interests: 'topics', districts: 'districts' } as const;

/** The import field a validation issue of the body belongs to. */
function fieldOfPath(path: PropertyKey[]): string {
  const [first, second, third] = path.map(String);
  if (first === 'onboarding' && second) return second;
  if (first === 'qualifications') return third === 'provider' ? 'basicCourseProvider' : 'basicCourseOn';
  return first ?? 'row';
}

export function readRow(sheetRow: SheetRow, columns: ImportColumn[], catalogs: CatalogLookup, today = new Date()): ReadRow {
  const problems: RowProblem[] = [];
  const raw: Record<string, unknown> = {};
  const columnOf = new Map<string, string>();
  const onboarding: Record<string, string> = {};
  let basicOn: string | undefined;
  let basicProvider: string | undefined;
  let tradeText: string | undefined;

  const take = <T>(field: ImportField, column: string, read: Read<T>, use: (v: T) => void) => {
    if (read.ok) use(read.value);
    else problems.push({ field, column, ...(read.problem as CellProblem) });
  };

  columns.forEach((column, i) => {
    const field = column.field;
    const cell = sheetRow.cells[i] ?? null;
    if (!field || isEmpty(cell)) return;
    columnOf.set(field, column.header);
    const h = column.header;
    switch (field) {
      case 'email':
        raw.email = cellText(cell).replace(/^mailto:/i, '');
        break;
      case 'birthYear':
        take(field, h, cell instanceof Date ? ({ ok: true, value: cell.getUTCFullYear() } as Read<number>) : readInteger(cell, 1900, 2100), (v) => (raw.birthYear = v));
        break;
      case 'maxActiveAgreements':
        take(field, h, readInteger(cell, 0, 50), (v) => (raw.maxActiveAgreements = v));
        break;
      case 'maxHoursPerMonth':
        take(field, h, readInteger(cell, 0, 300), (v) => (raw.maxHoursPerMonth = v));
        break;
      case 'gender':
        take(field, h, readGender(cell), (v) => {
          raw.gender = v.gender;
          if (v.selfDescribed && raw.genderSelfDescribed === undefined) raw.genderSelfDescribed = v.selfDescribed;
        });
        break;
      case 'contactLanguage':
        take(field, h, readLanguage(cell), (v) => (raw.contactLanguage = v));
        break;
      case 'languages':
        take(field, h, readLanguages(cell), (v) => (raw.languages = v));
        break;
      case 'trade': {
        const trade = tradeOf(cell);
        if (trade) raw.trade = trade;
        else tradeText = cellText(cell);
        break;
      }
      case 'professionalPosition':
        take(field, h, readPosition(cell), (v) => (raw.professionalPosition = v));
        break;
      case 'status':
        take(field, h, readStatus(cell), (v) => (raw.status = v));
        break;
      case 'homeDistrict': {
        const text = cellText(cell);
        const key = catalogs.districts.get(catalogWord(text));
        if (key) raw.homeDistrict = key;
        else problems.push({ field, column: h, key: 'unknownCatalogKey', values: { key: text.slice(0, 60) } });
        break;
      }
      case 'specializations':
      case 'topics':
      case 'competenceLimits':
      case 'interests':
      case 'districts': {
        const keys: string[] = [];
        for (const item of listItems(cell)) {
          const key = catalogs[LIST_FIELDS[field]].get(catalogWord(item));
          if (key) {
            if (!keys.includes(key)) keys.push(key);
          } else problems.push({ field, column: h, key: 'unknownCatalogKey', values: { key: item.slice(0, 60) } });
        }
        raw[field] = keys;
        break;
      }
      case 'basicCourseOn':
        take(field, h, readDate(cell, today), (v) => (basicOn = v));
        break;
      case 'basicCourseProvider':
        basicProvider = cellText(cell);
        break;
      case 'confidentialitySignedOn':
      case 'dataProtectionConsentOn':
      case 'insuranceNotedOn':
      case 'policeCertificateOn':
        take(field, h, readDate(cell, today), (v) => (onboarding[field] = v));
        break;
      case 'lastSupervisionOn':
        take(field, h, readDate(cell, today), (v) => (raw.lastSupervisionOn = v));
        break;
      default:
        if ((TEXT_FIELDS as readonly string[]).includes(field)) raw[field] = cellText(cell);
    }
  });

  if (tradeText !== undefined && raw.tradeFreeText === undefined) raw.tradeFreeText = tradeText;
  if (raw.genderSelfDescribed !== undefined && raw.gender === undefined) raw.gender = 'self_described';
  if (raw.genderSelfDescribed !== undefined && raw.gender !== 'self_described') {
    problems.push({ field: 'genderSelfDescribed', column: columnOf.get('genderSelfDescribed'), key: 'selfDescribedOnly' });
  }
  if (Object.keys(onboarding).length) raw.onboarding = onboarding;
  if (basicOn) raw.qualifications = [{ type: 'basic', completedOn: basicOn, provider: basicProvider ?? null }];
  else if (basicProvider) problems.push({ field: 'basicCourseOn', column: columnOf.get('basicCourseProvider'), key: 'required' });
  for (const required of ['firstName', 'lastName'] as const) {
    if (raw[required] === undefined) problems.push({ field: required, key: 'required' });
  }

  // The same rules as POST /api/v1/volunteers, for what the cells gave.
  const parsed = CreateVolunteerBody.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path);
      if (problems.some((p) => p.field === field)) continue;
      for (const e of fieldErrorOf(issue as Parameters<typeof fieldErrorOf>[0], '')) {
        problems.push({ field, column: columnOf.get(field), key: e.key, ...(e.values ? { values: e.values as Record<string, string | number> } : {}) });
      }
    }
  }
  if (problems.length || !parsed.success) return { row: sheetRow.row, body: null, filled: {}, problems };
  const body = parsed.data;
  const filled = Object.fromEntries(Object.keys(raw).map((k) => [k, body[k as keyof CreateVolunteerBody]])) as Partial<CreateVolunteerBody>;
  return { row: sheetRow.row, body, filled, problems };
}

/** Keys under which two people count as the same: e-mail, or first and last name with birth year. */
export const emailKey = (email: string | null | undefined): string | null => (email ? email.trim().toLowerCase() : null);
export const nameKey = (first: string, last: string, birthYear: number | null | undefined): string | null =>
  birthYear ? `${catalogWord(first)}\u0000${catalogWord(last)}\u0000${birthYear}` : null;
