import { z } from 'zod';
import { Id } from './shared.js';

/**
 * Fields a spreadsheet column can be mapped to: every profile field that fits in one cell.
 * `basicCourseOn` (with `basicCourseProvider`) becomes a `basic` qualification.
 */
export const IMPORT_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'street',
  'postalCode',
  'city',
  'birthYear',
  'gender',
  'genderSelfDescribed',
  'contactLanguage',
  'languages',
  'trade',
  'tradeFreeText',
  'professionalPosition',
  'specializations',
  'topics',
  'competenceLimits',
  'interests',
  'homeDistrict',
  'districts',
  'maxActiveAgreements',
  'maxHoursPerMonth',
  'status',
  'statusReason',
  'basicCourseOn',
  'basicCourseProvider',
  'confidentialitySignedOn',
  'dataProtectionConsentOn',
  'insuranceNotedOn',
  'policeCertificateOn',
  'lastSupervisionOn',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/**
 * Fields that exist in the profile but are never imported: origins are a special category
 * (GDPR Art. 9) and need consent recorded per person.
 */
export const REFUSED_IMPORT_FIELDS = ['origins', 'originConsent'] as const;

export const MAX_IMPORT_ROWS = 20_000;

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The form fields that come with the uploaded file (multipart). */
export const ImportOptions = z
  .object({
    dryRun: Flag.default(false),
    /** `{ "<column header>": "<field>" | null }`; columns not named use the remembered or guessed field. */
    mapping: z.record(z.string().max(200), z.string().max(60).nullable()).optional(),
    onDuplicate: z.enum(['skip', 'merge']).default('skip'),
    rememberMapping: Flag.default(true),
  })
  .strict();
export type ImportOptions = z.infer<typeof ImportOptions>;

export const ImportColumn = z.object({
  header: z.string(),
  field: z.enum(IMPORT_FIELDS).nullable(),
  /** True when Lotse guessed the field from the header (neither given nor remembered). */
  guessed: z.boolean(),
  source: z.enum(['given', 'remembered', 'guessed']),
});
export type ImportColumn = z.infer<typeof ImportColumn>;

export const ImportRowProblem = z.object({ field: z.string(), column: z.string().optional(), message: z.string() });

export const ImportRowReport = z.object({
  /** The spreadsheet's own row number (1-based; the header row is usually 1). */
  row: z.number().int(),
  status: z.enum(['valid', 'invalid', 'duplicate']),
  problems: z.array(ImportRowProblem),
  duplicateOf: z.object({ volunteerId: Id.optional(), row: z.number().int().optional(), reason: z.enum(['email', 'name_birth_year']) }).optional(),
  action: z.enum(['create', 'merge', 'skip']).optional(),
});
export type ImportRowReport = z.infer<typeof ImportRowReport>;

export const ImportReport = z
  .object({
    dryRun: z.boolean(),
    columns: z.array(ImportColumn),
    rows: z.array(ImportRowReport),
    summary: z.object({
      total: z.number().int(),
      valid: z.number().int(),
      invalid: z.number().int(),
      duplicates: z.number().int(),
      /** Written (or, in a dry run, to be written) as new volunteers. */
      created: z.number().int(),
      merged: z.number().int(),
      /** Not written: invalid rows and skipped duplicates. */
      skipped: z.number().int(),
    }),
  })
  .meta({ id: 'VolunteerImportReport' });
export type ImportReport = z.infer<typeof ImportReport>;
