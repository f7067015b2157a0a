import ExcelJS from 'exceljs';
import type { Volunteer } from '../../../common/api/volunteers.js';
import type { Locale } from '../../../common/locales.js';
import { csvFile } from '../../http/csv.js';
import { t } from '../../i18n.js';

/** Names of catalogue entries by `kind:key`, so the file shows "Linden-Limmer", not "linden-limmer". */
export type CatalogNames = ReadonlyMap<string, string>;

interface Context {
  locale: Locale;
  names: CatalogNames;
}

const named = (c: Context, kind: string, keys: string[]) => keys.map((k) => c.names.get(`${kind}:${k}`) ?? k).join('; ');

/**
 * The pool as a spreadsheet: the columns an office keeps in its Excel list today, in words people
 * read (status, catalogue names, crafts) — words the import reads back, too. Languages keep the
 * import's own short form `ar:native; de:B2`.
 */
const COLUMNS: { key: string; value: (v: Volunteer, c: Context) => string | number | null; origins?: true; kind?: 'date' | 'text' }[] = [
  { key: 'lastName', value: (v) => v.lastName },
  { key: 'firstName', value: (v) => v.firstName },
  { key: 'email', value: (v) => v.email },
  { key: 'phone', value: (v) => v.phone, kind: 'text' },
  { key: 'postalCode', value: (v) => v.postalCode, kind: 'text' },
  { key: 'city', value: (v) => v.city },
  { key: 'birthYear', value: (v) => v.birthYear },
  { key: 'status', value: (v, c) => t(c.locale, `volunteers.status.${v.status}`) },
  { key: 'languages', value: (v) => formatLanguages(v.languages) },
  { key: 'origins', value: (v) => (v.origins ?? []).join('; '), origins: true },
  { key: 'homeDistrict', value: (v, c) => (v.homeDistrict ? named(c, 'districts', [v.homeDistrict]) : null) },
  { key: 'districts', value: (v, c) => named(c, 'districts', v.districts) },
  { key: 'specializations', value: (v, c) => named(c, 'specializations', v.specializations) },
  { key: 'topics', value: (v, c) => named(c, 'topics', v.topics) },
  { key: 'competenceLimits', value: (v, c) => named(c, 'topics', v.competenceLimits) },
  { key: 'trade', value: (v, c) => (v.trade && v.trade !== 'other' ? t(c.locale, `volunteers.trades.${v.trade}`) : v.tradeFreeText) },
  { key: 'maxActiveAgreements', value: (v) => v.maxActiveAgreements },
  { key: 'maxHoursPerMonth', value: (v) => v.maxHoursPerMonth },
  { key: 'deployable', value: (v, c) => t(c.locale, v.deployable ? 'export.yes' : 'export.no') },
  { key: 'basicCourseOn', value: (v) => basicCourse(v), kind: 'date' },
  { key: 'policeCertificateOn', value: (v) => v.onboarding.policeCertificateOn, kind: 'date' },
  { key: 'lastSupervisionOn', value: (v) => v.wellbeing.lastSupervisionOn, kind: 'date' },
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The basic course as far as its date is known, in forms the import reads back with the same
 * precision: a date (day), `03/2018` (month), `2016` (year), `✓` (done, date not recorded — a mark
 * that reads the same in every language).
 */
function basicCourse(v: Volunteer): string | null {
  const basic = v.qualifications.find((q) => q.type === 'basic');
  if (!basic) return null;
  const [year, month] = basic.completedOn.split('-');
  switch (basic.completedOnPrecision) {
    case 'year':
      return year!;
    case 'month':
      return `${month}/${year}`;
    case 'unknown':
      return '✓';
    default:
      return basic.completedOn;
  }
}

/** The import reads this form too: `ar:native; de:B2`. */
export const formatLanguages = (languages: Volunteer['languages']) => languages.map((l) => `${l.code}:${l.level}`).join('; ');

function table(volunteers: Volunteer[], locale: Locale, withOrigins: boolean, names: CatalogNames) {
  const columns = COLUMNS.filter((c) => withOrigins || !c.origins);
  const context = { locale, names };
  return {
    header: columns.map((c) => t(locale, `export.volunteers.${c.key}`)),
    kinds: columns.map((c) => c.kind),
    rows: volunteers.map((v) => columns.map((c) => c.value(v, context) ?? '')),
  };
}

export function volunteersCsv(volunteers: Volunteer[], locale: Locale, withOrigins: boolean, names: CatalogNames): Buffer {
  const { header, rows } = table(volunteers, locale, withOrigins, names);
  return csvFile([header, ...rows], ';');
}

export async function volunteersXlsx(volunteers: Volunteer[], locale: Locale, withOrigins: boolean, names: CatalogNames): Promise<Buffer> {
  const { header, kinds, rows } = table(volunteers, locale, withOrigins, names);
  const book = new ExcelJS.Workbook();
  book.creator = 'Lotse';
  const sheet = book.addWorksheet(t(locale, 'export.volunteers.sheet'), { views: [{ state: 'frozen', ySplit: 1, rightToLeft: locale === 'ar' }] });
  sheet.addRow(header).font = { bold: true };
  // Dates as real date cells (Excel sorts and filters them); phone numbers and postcodes as text,
  // so Excel keeps their leading zeros.
  for (const row of rows) {
    // A date known only in part ("2016", "03/2018") stays text: a date cell would invent a day.
    const isDate = (value: unknown, i: number) => kinds[i] === 'date' && typeof value === 'string' && ISO_DATE.test(value);
    const added = sheet.addRow(row.map((value, i) => (isDate(value, i) ? new Date(`${value}T00:00:00Z`) : value)));
    row.forEach((value, i) => {
      if (isDate(value, i)) added.getCell(i + 1).numFmt = 'dd.mm.yyyy';
      else if (kinds[i] === 'text' || (kinds[i] === 'date' && value !== '')) added.getCell(i + 1).numFmt = '@';
    });
  }
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}
