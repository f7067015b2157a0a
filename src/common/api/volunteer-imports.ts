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

/** Fields whose cells name catalogue entries (and so can be ambiguous). */
export const IMPORT_CHOICE_FIELDS = ['homeDistrict', 'districts', 'specializations', 'topics', 'competenceLimits', 'interests'] as const;
export type ImportChoiceField = (typeof IMPORT_CHOICE_FIELDS)[number];

export const ImportChoice = z
  .object({
    field: z.enum(IMPORT_CHOICE_FIELDS),
    /** The value as written in the file. */
    value: z.string().max(500),
    /** The catalogue key to take, or null to take nothing. */
    key: z.string().max(100).nullable(),
  })
  .strict();
export type ImportChoice = z.infer<typeof ImportChoice>;

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The form fields that come with the uploaded file (multipart). */
export const ImportOptions = z
  .object({
    dryRun: Flag.default(false),
    /** `{ "<column header>": "<field>" | null }`; columns not named use the remembered or guessed field. */
    mapping: z.record(z.string().max(200), z.string().max(60).nullable()).optional(),
    onDuplicate: z.enum(['skip', 'merge']).default('skip'),
    rememberMapping: Flag.default(true),
    /** 1-based row number of the header row as the spreadsheet shows it; absent: Lotse finds it. */
    headerRow: z
      .string()
      .regex(/^[1-9][0-9]{0,5}$/)
      .transform(Number)
      .optional(),
    /** JSON: the user's once-for-all-rows answers to ambiguous catalogue values (`key: null` = do not take it). */
    choices: z.array(ImportChoice).max(500).optional(),
  })
  .strict();
export type ImportOptions = z.infer<typeof ImportOptions>;

export const ImportColumn = z.object({
  header: z.string(),
  field: z.enum(IMPORT_FIELDS).nullable(),
  /** True when Lotse guessed the field from the header (neither given nor remembered). */
  guessed: z.boolean(),
  source: z.enum(['given', 'remembered', 'guessed']),
  /** Up to 3 distinct non-empty values from the data rows (as text, 60 characters at most). */
  samples: z.array(z.string()),
  /** The column is hidden in the XLSX. */
  hidden: z.boolean(),
});
export type ImportColumn = z.infer<typeof ImportColumn>;

/**
 * `error`: the row is not imported (no usable name, or nothing usable at all).
 * `dropped`: this cell was not taken (field left empty); the person is still imported.
 * `note`: the value was taken with an interpretation worth saying.
 */
export const IMPORT_PROBLEM_SEVERITIES = ['error', 'dropped', 'note'] as const;
export type ImportProblemSeverity = (typeof IMPORT_PROBLEM_SEVERITIES)[number];

export const ImportRowProblem = z.object({
  field: z.string(),
  column: z.string().optional(),
  message: z.string(),
  severity: z.enum(IMPORT_PROBLEM_SEVERITIES),
});

export const ImportRowReport = z.object({
  /** The spreadsheet's own row number (1-based; the header row is usually 1). */
  row: z.number().int(),
  /** "First Last" as read from the row. */
  name: z.string().nullable(),
  status: z.enum(['valid', 'invalid', 'duplicate']),
  problems: z.array(ImportRowProblem),
  duplicateOf: z
    .object({
      volunteerId: Id.optional(),
      row: z.number().int().optional(),
      reason: z.enum(['email', 'name_birth_year', 'name_phone']),
      /** The existing profile's (or earlier row's) "First Last". */
      name: z.string().optional(),
    })
    .optional(),
  action: z.enum(['create', 'merge', 'skip']).optional(),
});
export type ImportRowReport = z.infer<typeof ImportRowReport>;

export const ImportReport = z
  .object({
    dryRun: z.boolean(),
    /** The row taken as header (1-based). */
    headerRow: z.number().int(),
    /** True when Lotse found the header row (it was not given). */
    headerRowGuessed: z.boolean(),
    /** Up to 10 first non-empty rows (at most 12 cells of 60 characters each) to pick another header row from. */
    headerCandidates: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
    columns: z.array(ImportColumn),
    rows: z.array(ImportRowReport),
    /** Rows recognised as non-person rows; reported, never imported. */
    skippedRows: z.array(z.object({ row: z.number().int(), reason: z.enum(['repeatedHeader', 'totals', 'empty']) })),
    /** Catalogue values matching several entries; until answered in `choices`, such a cell is dropped. */
    ambiguities: z.array(
      z.object({
        field: z.string(),
        value: z.string(),
        rows: z.array(z.number().int()),
        candidates: z.array(z.object({ key: z.string(), name: z.string() })),
      }),
    ),
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
      /** Valid rows with at least one dropped cell. */
      withDroppedCells: z.number().int(),
    }),
  })
  .meta({ id: 'VolunteerImportReport' });
export type ImportReport = z.infer<typeof ImportReport>;
