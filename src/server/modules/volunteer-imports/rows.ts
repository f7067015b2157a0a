import { CreateVolunteerBody } from '../../../common/api/volunteers.js';
import type { ImportChoiceField, ImportColumn, ImportField } from '../../../common/api/volunteer-imports.js';
import { fieldErrorOf } from '../../http/problems.js';
import type { CatalogKindName, CatalogMatcher } from './catalogue.js';
import { cellText, fold, isEmpty, itemParts, listItems, readInteger, type CellProblem, type Read } from './cells.js';
import { readBasicCourse, readBirthYear, readDate, type DatePrecision } from './date-cells.js';
import { readLanguage, readLanguages } from './language-cells.js';
import { readGender, readPosition, readStatus, tradeOf } from './word-cells.js';
import type { Cell, SheetRow } from './parse.js';

/** One spreadsheet row read into a CreateVolunteerBody, with its problems field by field. */

export type { CatalogKindName };

export type ProblemSeverity = 'error' | 'dropped' | 'note';

export interface RowProblem {
  field: string;
  column?: string;
  key: string;
  values?: Record<string, string | number>;
  severity: ProblemSeverity;
}

export interface RowAmbiguity {
  field: ImportChoiceField;
  value: string;
  candidates: { key: string; name: string }[];
}

export interface ReadRow {
  row: number;
  /** "First Last" as read. */
  name: string | null;
  /** The body to create; null when the row cannot be imported (no usable name). */
  body: CreateVolunteerBody | null;
  /** Only the fields the row fills: what a merge writes. */
  filled: Partial<CreateVolunteerBody>;
  /** How exactly the basic course's date is known (the body carries the date). */
  basicPrecision?: BasicPrecision;
  problems: RowProblem[];
  ambiguities: RowAmbiguity[];
}

export type BasicPrecision = DatePrecision | 'unknown';

export interface RowContext {
  catalogs: CatalogMatcher;
  /** The user's answers to ambiguous values, by `choiceId(field, value)`: a key, or null for none. */
  choices: Map<string, string | null>;
  today: Date;
  /** Whether a column is mapped to `firstName` (else a "Haddad, Amira" name column is split). */
  hasFirstNameColumn: boolean;
}

export const choiceId = (field: string, value: string) => `${field}\u0000${fold(value)}`;

const TEXT_FIELDS = ['firstName', 'lastName', 'street', 'postalCode', 'city', 'genderSelfDescribed', 'tradeFreeText', 'statusReason', 'notes'] as const;
const LIST_FIELDS = { specializations: 'specializations', topics: 'topics', competenceLimits: 'topics', interests: 'topics', districts: 'districts' } as const;
const NAME_FIELDS = new Set(['firstName', 'lastName']);

/** The import field a validation issue of the body belongs to. */
function fieldOfPath(path: PropertyKey[]): string {
  const [first, second, third] = path.map(String);
  if (first === 'onboarding' && second) return second;
  if (first === 'qualifications') return third === 'provider' ? 'basicCourseProvider' : 'basicCourseOn';
  return first ?? 'row';
}

/** Takes the field out of the body being built, so the rest of the row can still be imported. */
function dropField(raw: Record<string, unknown>, field: string) {
  const onboarding = raw.onboarding as Record<string, unknown> | undefined;
  if (onboarding && field in onboarding) {
    delete onboarding[field];
    if (!Object.keys(onboarding).length) delete raw.onboarding;
  } else if (field === 'basicCourseOn' || field === 'basicCourseProvider') delete raw.qualifications;
  else delete raw[field];
}

/** A phone number that Excel stored as a number lost its leading zero (or its plus): it is put back, with a note. */
function phoneOf(cell: Cell): { phone: string; note?: CellProblem } {
  if (typeof cell !== 'number' || !Number.isInteger(cell)) return { phone: cellText(cell) };
  const digits = String(cell);
  if (digits.length < 6) return { phone: digits };
  const phone = digits.startsWith('49') && digits.length >= 11 ? `+${digits}` : `0${digits}`;
  return { phone, note: { key: 'importPhoneLeadingZero', values: { value: digits, phone } } };
}

export function readRow(sheetRow: SheetRow, columns: ImportColumn[], context: RowContext): ReadRow {
  const { catalogs, choices, today } = context;
  const problems: RowProblem[] = [];
  const ambiguities: RowAmbiguity[] = [];
  const raw: Record<string, unknown> = {};
  const columnOf = new Map<string, string>();
  const onboarding: Record<string, string> = {};
  let basic: { on: string | null; precision: BasicPrecision } | undefined;
  let basicProvider: string | undefined;
  let tradeText: string | undefined;
  let statusText: string | undefined;

  const push = (severity: ProblemSeverity, field: string, column: string | undefined, p: CellProblem) =>
    problems.push({ field, ...(column ? { column } : {}), key: p.key, ...(p.values ? { values: p.values } : {}), severity });
  const take = <T>(field: ImportField, column: string, read: Read<T>, use: (v: T) => void) => {
    if (read.ok) {
      use(read.value);
      for (const n of read.notes ?? []) push('note', field, column, n);
      for (const d of read.dropped ?? []) push('dropped', field, column, d);
    } else push('dropped', field, column, read.problem);
  };
  /** One catalogue value: matched, near-matched (with a note), chosen by the user, ambiguous or unknown. */
  const catalogueValue = (field: ImportChoiceField, column: string, kind: CatalogKindName, text: string, whole: boolean): string | null | undefined => {
    const chosen = choices.get(choiceId(field, text));
    if (chosen !== undefined) return chosen === null || !catalogs.has(kind, chosen) ? null : chosen;
    const match = catalogs.match(kind, text);
    if (!match) return undefined;
    if ('candidates' in match) {
      ambiguities.push({ field, value: text.slice(0, 200), candidates: match.candidates });
      push('dropped', field, column, { key: 'importCatalogueAmbiguous', values: { value: text.slice(0, 60), candidates: match.candidates.map((c) => c.name).join(', ') } });
      return null;
    }
    if (match.near && whole) push('note', field, column, { key: 'importCatalogueNearMatch', values: { value: text.slice(0, 60), name: match.near } });
    return match.key;
  };
  const catalogueItems = (field: ImportChoiceField, column: string, kind: CatalogKindName, cell: Cell): string[] => {
    const keys: string[] = [];
    const add = (key: string | null | undefined) => {
      if (key && !keys.includes(key)) keys.push(key);
    };
    for (const item of listItems(cell)) {
      const key = catalogueValue(field, column, kind, item, true);
      if (key !== undefined) {
        add(key);
        continue;
      }
      const parts = itemParts(item);
      if (parts.length < 2) {
        push('dropped', field, column, { key: 'unknownCatalogKey', values: { key: item.slice(0, 60) } });
        continue;
      }
      for (const part of parts) {
        const k = catalogueValue(field, column, kind, part, true);
        if (k === undefined) push('dropped', field, column, { key: 'unknownCatalogKey', values: { key: part.slice(0, 60) } });
        else add(k);
      }
    }
    return keys;
  };

  columns.forEach((column, i) => {
    const field = column.field;
    const cell = sheetRow.cells[i] ?? null;
    if (!field || isEmpty(cell)) return;
    columnOf.set(field, column.header);
    const h = column.header;
    switch (field) {
      case 'email': {
        const emails = cellText(cell)
          .replace(/mailto:/gi, '')
          .split(/[\s;,]+/)
          .filter(Boolean);
        raw.email = emails[0];
        if (emails.length > 1) push('note', field, h, { key: 'importEmailFirstOnly', values: { email: emails[0]! } });
        break;
      }
      case 'phone': {
        const { phone, note } = phoneOf(cell);
        raw.phone = phone;
        if (note) push('note', field, h, note);
        break;
      }
      case 'birthYear':
        take(field, h, readBirthYear(cell, today), (v) => (raw.birthYear = v));
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
      case 'status': {
        const read = readStatus(cell);
        take(field, h, read, (v) => (raw.status = v));
        // "Pause bis 3/2027": the whole text is kept as the status reason.
        if (read.ok && read.notes?.length) statusText = cellText(cell);
        break;
      }
      case 'homeDistrict': {
        const text = cellText(cell);
        const key = catalogueValue('homeDistrict', h, 'districts', text, true);
        if (key) raw.homeDistrict = key;
        else if (key === undefined) push('dropped', field, h, { key: 'unknownCatalogKey', values: { key: text.slice(0, 60) } });
        break;
      }
      case 'specializations':
      case 'topics':
      case 'competenceLimits':
      case 'interests':
      case 'districts':
        raw[field] = catalogueItems(field, h, LIST_FIELDS[field], cell);
        break;
      case 'basicCourseOn':
        take(field, h, readBasicCourse(cell, today), (v) => {
          if (v.completed) basic = { on: v.on, precision: v.precision };
        });
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

  // "Haddad, Amira" (or "Amira Haddad") in a name column, when no column holds first names.
  if (typeof raw.lastName === 'string' && raw.firstName === undefined && !context.hasFirstNameColumn) {
    const whole = raw.lastName;
    const comma = /^([^,]+),\s*(.+)$/.exec(whole);
    const words = whole.split(/\s+/);
    const split = comma ? { first: comma[2]!.trim(), last: comma[1]!.trim() } : words.length > 1 ? { first: words.slice(0, -1).join(' '), last: words.at(-1)! } : null;
    if (split) {
      raw.firstName = split.first;
      raw.lastName = split.last;
      push('note', 'lastName', columnOf.get('lastName'), { key: 'importNameSplit', values: { value: whole.slice(0, 60), first: split.first.slice(0, 60), last: split.last.slice(0, 60) } });
    }
  }
  for (const f of ['firstName', 'lastName'] as const) {
    const v = raw[f];
    // "Nguy?n": a letter the export could not write became a question mark.
    if (typeof v === 'string' && /\p{L}\?|\?\p{L}|\uFFFD/u.test(v)) push('note', f, columnOf.get(f), { key: 'importNameCharacterLost', values: { value: v.slice(0, 60) } });
  }

  if (tradeText !== undefined && raw.tradeFreeText === undefined) raw.tradeFreeText = tradeText;
  if (statusText !== undefined && raw.statusReason === undefined) raw.statusReason = statusText.slice(0, 300);
  if (raw.genderSelfDescribed !== undefined && raw.gender === undefined) raw.gender = 'self_described';
  if (raw.genderSelfDescribed !== undefined && raw.gender !== 'self_described') {
    push('dropped', 'genderSelfDescribed', columnOf.get('genderSelfDescribed'), { key: 'selfDescribedOnly' });
    delete raw.genderSelfDescribed;
  }
  if (Object.keys(onboarding).length) raw.onboarding = onboarding;
  let basicPrecision: BasicPrecision | undefined;
  if (basic) {
    const todayIso = today.toISOString().slice(0, 10);
    raw.qualifications = [{ type: 'basic', completedOn: basic.on ?? todayIso, provider: basicProvider ?? null }];
    basicPrecision = basic.precision;
  } else if (basicProvider) push('dropped', 'basicCourseProvider', columnOf.get('basicCourseProvider'), { key: 'importProviderWithoutCourse' });

  const name = [raw.firstName, raw.lastName].filter((v) => typeof v === 'string' && v.trim()).join(' ') || null;
  for (const required of ['firstName', 'lastName'] as const) {
    if (raw[required] === undefined) push('error', required, undefined, { key: 'required' });
  }

  // The same rules as POST /api/v1/volunteers, for what the cells gave: a field the rules refuse is
  // dropped (and said), the rest checked again; only the name is needed.
  let parsed = CreateVolunteerBody.safeParse(raw);
  for (let round = 0; !parsed.success && round < 10; round++) {
    let droppedAny = false;
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path);
      const severity: ProblemSeverity = NAME_FIELDS.has(field) ? 'error' : 'dropped';
      if (!problems.some((p) => p.field === field && p.severity !== 'note')) {
        for (const e of fieldErrorOf(issue as Parameters<typeof fieldErrorOf>[0], '')) {
          problems.push({ field, column: columnOf.get(field), key: e.key, ...(e.values ? { values: e.values as Record<string, string | number> } : {}), severity });
        }
      }
      if (severity === 'dropped' && field !== 'row') {
        dropField(raw, field);
        droppedAny = true;
      }
    }
    if (!droppedAny) break;
    parsed = CreateVolunteerBody.safeParse(raw);
  }
  if (!parsed.success || problems.some((p) => p.severity === 'error')) {
    return { row: sheetRow.row, name, body: null, filled: {}, problems, ambiguities };
  }
  const body = parsed.data;
  if (!raw.qualifications) basicPrecision = undefined;
  const filled = Object.fromEntries(Object.keys(raw).map((k) => [k, body[k as keyof CreateVolunteerBody]])) as Partial<CreateVolunteerBody>;
  return { row: sheetRow.row, name, body, filled, ...(basicPrecision ? { basicPrecision } : {}), problems, ambiguities };
}

const catalogWord = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/** Keys under which two people count as the same: e-mail, or first and last name with birth year or phone. */
export const emailKey = (email: string | null | undefined): string | null => (email ? email.trim().toLowerCase() : null);
export const nameKey = (first: string, last: string, birthYear: number | null | undefined): string | null =>
  birthYear ? `${catalogWord(first)}\u0000${catalogWord(last)}\u0000${birthYear}` : null;
/** A phone number's digits, the country code +49 / 0049 read as the leading 0: "+49 176 1234567" = "0176/1234567". */
export const phoneDigits = (phone: string | null | undefined): string | null => {
  if (!phone) return null;
  let digits = phone.replace(/^\s*\+/, '00').replace(/\D/g, '');
  if (digits.startsWith('0049')) digits = `0${digits.slice(4)}`;
  else if (digits.startsWith('49') && digits.length >= 11) digits = `0${digits.slice(2)}`;
  return digits.length >= 6 ? digits : null;
};
export const namePhoneKey = (first: string, last: string, phone: string | null | undefined): string | null => {
  const digits = phoneDigits(phone);
  return digits ? `${catalogWord(first)}\u0000${catalogWord(last)}\u0000${digits}` : null;
};
