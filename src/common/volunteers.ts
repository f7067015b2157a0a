/** Vocabulary of the competence profile, shared by server and web app. */
/**
 * Language levels: CEFR, native, and `unknown` — a language someone speaks whose level nobody wrote
 * down (an imported list that says only "Türkisch"). `unknown` ranks 0: it meets no minimum level.
 */
export const LANGUAGE_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native', 'unknown'] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];
/**
 * The levels a guide request may ask for as its minimum: every level but `unknown`, which as a
 * minimum would mean "any level" (a request without a language need says that already).
 */
export const REQUESTABLE_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const satisfies readonly LanguageLevel[];
export type RequestableLevel = (typeof REQUESTABLE_LEVELS)[number];
/** Rank of a level for "at least" comparisons: A1 = 1 … native = 7, unknown = 0. */
const LEVEL_RANKS: Readonly<Record<string, number>> = { A1: 1, A2: 2, B1: 3, B2: 4, C1: 5, C2: 6, native: 7, unknown: 0 };
/** Rank of a level (0 for an unknown one); a lookup, as matching compares levels for every pair. */
export const levelRank = (level: LanguageLevel): number => LEVEL_RANKS[level] ?? 0;

export const VOLUNTEER_STATUSES = ['interested', 'onboarding', 'in_training', 'active', 'paused', 'left'] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];

export const GENDERS = ['female', 'male', 'diverse', 'self_described'] as const;

/** Berufliche Stellung: for ambassadors of the crafts and for everyone else. */
export const PROFESSIONAL_POSITIONS = ['apprentice', 'journeyman', 'master', 'employee', 'self_employed', 'student', 'retired', 'other'] as const;

export const QUALIFICATION_TYPES = ['basic', 'specialization', 'advanced', 'sustainability', 'other'] as const;
export type QualificationType = (typeof QUALIFICATION_TYPES)[number];
/** How much of a qualification's date is known (an imported "2016", "03/2018" or "ja"). */
export const QUALIFICATION_DATE_PRECISIONS = ['day', 'month', 'year', 'unknown'] as const;
export type QualificationDatePrecision = (typeof QUALIFICATION_DATE_PRECISIONS)[number];

/**
 * Crafts of the German Trade and Crafts Code (HwO, Anlage A and a selection of B1), by key; the
 * UI names them through the message catalogues. Free text covers everything else.
 */
export const TRADES = [
  'mason', 'concrete_builder', 'stove_builder', 'carpenter', 'roofer', 'road_builder', 'insulation_installer', 'well_builder',
  'stonemason', 'plasterer', 'painter', 'scaffolder', 'chimney_sweep', 'metalworker', 'surgical_instrument_maker',
  'vehicle_body_builder', 'precision_mechanic', 'bicycle_mechanic', 'refrigeration_technician', 'it_technician',
  'motor_vehicle_technician', 'agricultural_machinery_mechanic', 'gunsmith', 'plumber', 'electrician', 'electrical_machine_builder',
  'joiner', 'boat_builder', 'rope_maker', 'baker', 'confectioner', 'butcher', 'optician', 'hearing_aid_acoustician',
  'orthopaedic_technician', 'orthopaedic_shoemaker', 'dental_technician', 'hairdresser', 'glazier', 'glassblower',
  'mechatronics_technician', 'tiler', 'goldsmith', 'tailor', 'upholsterer', 'photographer', 'other',
] as const;

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * Birth years a profile or an application may carry; server schemas and web forms read these, so
 * both refuse the same years with the same message (1890 is refused, not turned into 1900).
 * The upper limit is the year the process started: nobody volunteers before being born.
 */
export const BIRTH_YEAR_MIN = 1900;
export const BIRTH_YEAR_MAX = new Date().getUTCFullYear();
