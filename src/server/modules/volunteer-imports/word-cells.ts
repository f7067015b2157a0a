import { GENDERS, PROFESSIONAL_POSITIONS, TRADES, VOLUNTEER_STATUSES } from '../../../common/volunteers.js';
import { LOCALES } from '../../../common/locales.js';
import { t } from '../../i18n.js';
import type { Cell } from './parse.js';
import { cellText, fail, fold, ok, type Read } from './cells.js';

/** Words for the profile's enumerations: status, gender, professional position, craft. */


/**
 * Keys, the app's own labels in every language (what the export writes: "Im Einstieg", "Maurer*in")
 * and the words offices use, after `fold`. A gendered label "Maurer*in" also stands for "Maurer"
 * and "Maurerin".
 */
function lookupTable<T extends string>(keys: readonly T[], words: Record<string, T>, labels?: string): Map<string, T> {
  const table = new Map<string, T>();
  for (const k of keys) table.set(fold(k), k);
  if (labels) {
    for (const locale of LOCALES) {
      for (const k of keys) {
        const label = t(locale, `${labels}.${k}`);
        if (!label || label === `${labels}.${k}`) continue;
        for (const form of [label, label.replace(/[*:/]in\b/g, ''), label.replace(/[*:/](in)\b/g, '$1')]) if (fold(form) && !table.has(fold(form))) table.set(fold(form), k);
      }
    }
  }
  for (const [word, k] of Object.entries(words)) table.set(fold(word), k);
  return table;
}

type Status = (typeof VOLUNTEER_STATUSES)[number];
const STATUS_WORDS = lookupTable<Status>(VOLUNTEER_STATUSES, {
  interessiert: 'interested',
  interessent: 'interested',
  interessentin: 'interested',
  neu: 'interested',
  bewerbung: 'interested',
  einarbeitung: 'onboarding',
  'in einarbeitung': 'onboarding',
  'in ausbildung': 'in_training',
  'in schulung': 'in_training',
  'in qualifizierung': 'in_training',
  schulung: 'in_training',
  'in training': 'in_training',
  training: 'in_training',
  aktiv: 'active',
  pausiert: 'paused',
  pause: 'paused',
  ruhend: 'paused',
  ausgeschieden: 'left',
  beendet: 'left',
  inaktiv: 'left',
  ehemalig: 'left',
  ausgetreten: 'left',
  pausierend: 'paused',
  'in pause': 'paused',
  elternzeit: 'paused',
}, 'volunteers.status');

type Gender = (typeof GENDERS)[number];
const GENDER_WORDS = lookupTable<Gender>(GENDERS, {
  w: 'female',
  weiblich: 'female',
  frau: 'female',
  f: 'female',
  m: 'male',
  maennlich: 'male',
  mann: 'male',
  d: 'diverse',
  divers: 'diverse',
});

type Position = (typeof PROFESSIONAL_POSITIONS)[number];
const POSITION_WORDS = lookupTable<Position>(PROFESSIONAL_POSITIONS, {
  auszubildende: 'apprentice',
  auszubildender: 'apprentice',
  azubi: 'apprentice',
  lehrling: 'apprentice',
  geselle: 'journeyman',
  gesellin: 'journeyman',
  meister: 'master',
  meisterin: 'master',
  angestellt: 'employee',
  angestellte: 'employee',
  angestellter: 'employee',
  arbeitnehmer: 'employee',
  arbeitnehmerin: 'employee',
  selbststaendig: 'self_employed',
  selbstaendig: 'self_employed',
  'self-employed': 'self_employed',
  student: 'student',
  studentin: 'student',
  studierende: 'student',
  studierender: 'student',
  rentner: 'retired',
  rentnerin: 'retired',
  ruhestand: 'retired',
  sonstige: 'other',
  sonstiges: 'other',
});

type Trade = (typeof TRADES)[number];
const TRADE_WORDS = lookupTable<Trade>(TRADES, {
  maurer: 'mason',
  maurerin: 'mason',
  zimmerer: 'carpenter',
  zimmerin: 'carpenter',
  dachdecker: 'roofer',
  dachdeckerin: 'roofer',
  maler: 'painter',
  malerin: 'painter',
  'maler und lackierer': 'painter',
  'malerin und lackiererin': 'painter',
  schornsteinfeger: 'chimney_sweep',
  metallbauer: 'metalworker',
  metallbauerin: 'metalworker',
  'kfz-mechatroniker': 'motor_vehicle_technician',
  'kfz-mechatronikerin': 'motor_vehicle_technician',
  kfzmechaniker: 'motor_vehicle_technician',
  installateur: 'plumber',
  'anlagenmechaniker shk': 'plumber',
  elektriker: 'electrician',
  elektrikerin: 'electrician',
  elektroniker: 'electrician',
  elektronikerin: 'electrician',
  tischler: 'joiner',
  tischlerin: 'joiner',
  schreiner: 'joiner',
  schreinerin: 'joiner',
  baecker: 'baker',
  baeckerin: 'baker',
  konditor: 'confectioner',
  konditorin: 'confectioner',
  fleischer: 'butcher',
  fleischerin: 'butcher',
  metzger: 'butcher',
  metzgerin: 'butcher',
  augenoptiker: 'optician',
  augenoptikerin: 'optician',
  zahntechniker: 'dental_technician',
  zahntechnikerin: 'dental_technician',
  friseur: 'hairdresser',
  friseurin: 'hairdresser',
  frisoer: 'hairdresser',
  glaser: 'glazier',
  glaserin: 'glazier',
  fliesenleger: 'tiler',
  fliesenlegerin: 'tiler',
  goldschmied: 'goldsmith',
  goldschmiedin: 'goldsmith',
  schneider: 'tailor',
  schneiderin: 'tailor',
  massschneider: 'tailor',
  massschneiderin: 'tailor',
  raumausstatter: 'upholsterer',
  raumausstatterin: 'upholsterer',
  fotograf: 'photographer',
  fotografin: 'photographer',
  'informationstechniker': 'it_technician',
  'informationstechnikerin': 'it_technician',
  stuckateur: 'plasterer',
  stuckateurin: 'plasterer',
  geruestbauer: 'scaffolder',
  steinmetz: 'stonemason',
  steinmetzin: 'stonemason',
  'zweiradmechaniker': 'bicycle_mechanic',
  'zweiradmechanikerin': 'bicycle_mechanic',
}, 'volunteers.trades');

const readWord =
  <T>(table: Map<string, T>) =>
  (cell: Cell): Read<T> => {
    const value = table.get(fold(cellText(cell)));
    return value === undefined ? fail('invalidEnum') : ok(value);
  };

/**
 * A status word, also with more text after it: "aktiv (seit 2019)", "Pause bis 3/2027" — the status
 * is read from the first words, and the note says so (the row keeps the whole text as status reason).
 */
export function readStatus(cell: Cell): Read<Status> {
  const text = cellText(cell);
  const exact = STATUS_WORDS.get(fold(text));
  if (exact) return ok(exact);
  const words = text.replace(/[()[\],;:]/g, ' ').split(/\s+/).filter(Boolean);
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    const status = STATUS_WORDS.get(fold(words.slice(0, n).join(' ')));
    if (status) return ok(status, [{ key: 'importStatusWithText', values: { value: text.slice(0, 60), status } }]);
  }
  return fail('invalidEnum');
}
export const readPosition = readWord(POSITION_WORDS);
/** A craft of the Trade and Crafts Code, or `undefined` for a trade to keep as free text. */
export const tradeOf = (cell: Cell): Trade | undefined => TRADE_WORDS.get(fold(cellText(cell)));

/** Known words become the gender; anything else is kept as the person's own description. */
export function readGender(cell: Cell): Read<{ gender: Gender; selfDescribed?: string }> {
  const text = cellText(cell);
  const gender = GENDER_WORDS.get(fold(text));
  if (gender && gender !== 'self_described') return ok({ gender });
  if (text.length > 60) return fail('tooLong', { maximum: 60 });
  return ok({ gender: 'self_described', selfDescribed: text });
}
