import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Volunteer } from '../../../common/api/volunteers.js';
import type { Locale } from '../../../common/locales.js';
import { t } from '../../i18n.js';

/** The pool as a spreadsheet: the columns an office keeps in its Excel list today. */
const COLUMNS: { key: string; value: (v: Volunteer) => string | number | null; origins?: true }[] = [
  { key: 'lastName', value: (v) => v.lastName },
  { key: 'firstName', value: (v) => v.firstName },
  { key: 'email', value: (v) => v.email },
  { key: 'phone', value: (v) => v.phone },
  { key: 'postalCode', value: (v) => v.postalCode },
  { key: 'city', value: (v) => v.city },
  { key: 'birthYear', value: (v) => v.birthYear },
  { key: 'status', value: (v) => v.status },
  { key: 'languages', value: (v) => formatLanguages(v.languages) },
  { key: 'origins', value: (v) => (v.origins ?? []).join('; '), origins: true },
  { key: 'homeDistrict', value: (v) => v.homeDistrict },
  { key: 'districts', value: (v) => v.districts.join('; ') },
  { key: 'specializations', value: (v) => v.specializations.join('; ') },
  { key: 'topics', value: (v) => v.topics.join('; ') },
  { key: 'competenceLimits', value: (v) => v.competenceLimits.join('; ') },
  { key: 'trade', value: (v) => v.trade ?? v.tradeFreeText },
  { key: 'maxActiveAgreements', value: (v) => v.maxActiveAgreements },
  { key: 'maxHoursPerMonth', value: (v) => v.maxHoursPerMonth },
  { key: 'deployable', value: (v) => (v.deployable ? 1 : 0) },
  { key: 'policeCertificateOn', value: (v) => v.onboarding.policeCertificateOn },
  { key: 'lastSupervisionOn', value: (v) => v.wellbeing.lastSupervisionOn },
];

/** The import reads this form too: `ar:native; de:B2`. */
export const formatLanguages = (languages: Volunteer['languages']) => languages.map((l) => `${l.code}:${l.level}`).join('; ');

function table(volunteers: Volunteer[], locale: Locale, withOrigins: boolean) {
  const columns = COLUMNS.filter((c) => withOrigins || !c.origins);
  return {
    header: columns.map((c) => t(locale, `export.volunteers.${c.key}`)),
    rows: volunteers.map((v) => columns.map((c) => c.value(v) ?? '')),
  };
}

export function volunteersCsv(volunteers: Volunteer[], locale: Locale, withOrigins: boolean): Buffer {
  const { header, rows } = table(volunteers, locale, withOrigins);
  // A byte-order mark, so Excel opens umlauts and Arabic names correctly.
  return Buffer.concat([Buffer.from('\ufeff'), Buffer.from(stringify([header, ...rows], { delimiter: ';' }))]);
}

export async function volunteersXlsx(volunteers: Volunteer[], locale: Locale, withOrigins: boolean): Promise<Buffer> {
  const { header, rows } = table(volunteers, locale, withOrigins);
  const book = new ExcelJS.Workbook();
  book.creator = 'Lotse';
  const sheet = book.addWorksheet(t(locale, 'export.volunteers.sheet'), { views: [{ state: 'frozen', ySplit: 1, rightToLeft: locale === 'ar' }] });
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}
