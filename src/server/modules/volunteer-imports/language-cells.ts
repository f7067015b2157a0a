import { levelRank, type LanguageLevel } from '../../../common/volunteers.js';
import type { Cell } from './parse.js';
import { cellText, fail, fold, ok, type CellProblem, type Read } from './cells.js';

/** Languages and their levels, by code or by name in German, English or Arabic. */

const THREE_LETTER = ['prs', 'ckb', 'kmr', 'fil', 'yue', 'tir', 'aii', 'syc', 'rom', 'gsw', 'nds'];
/** Names people write for languages, besides their names in German, English and Arabic. */
const LANGUAGE_ALIASES: Record<string, string> = {
  farsi: 'fa',
  persisch: 'fa',
  dari: 'prs',
  kurmandschi: 'kmr',
  kurmanci: 'kmr',
  kurmanji: 'kmr',
  sorani: 'ckb',
  tigrinya: 'ti',
  tigrinisch: 'ti',
  serbokroatisch: 'sh',
  bosnisch: 'bs',
  ukrainisch: 'uk',
  // Abbreviations offices write ("türk.", "dt.", "arab."), after `fold`.
  tuerk: 'tr',
  turk: 'tr',
  dt: 'de',
  deu: 'de',
  dtsch: 'de',
  arab: 'ar',
  engl: 'en',
  eng: 'en',
  franz: 'fr',
  frz: 'fr',
  franzoes: 'fr',
  russ: 'ru',
  pers: 'fa',
  kurd: 'ku',
  span: 'es',
  ital: 'it',
  poln: 'pl',
  port: 'pt',
  portug: 'pt',
  ukr: 'uk',
  alban: 'sq',
  serb: 'sr',
  kroat: 'hr',
  bulg: 'bg',
  rumaen: 'ro',
  griech: 'el',
  somal: 'so',
  tigr: 'ti',
  amhar: 'am',
  vietn: 'vi',
  viet: 'vi',
  chin: 'zh',
  jap: 'ja',
  niederl: 'nl',
  hebr: 'he',
  ungar: 'hu',
  tschech: 'cs',
  paschtu: 'ps',
  paschto: 'ps',
  pashto: 'ps',
};

let languageNames: Map<string, string> | undefined;
function languageTable(): Map<string, string> {
  if (languageNames) return languageNames;
  const table = new Map<string, string>();
  const codes: string[] = [...THREE_LETTER];
  for (let a = 97; a <= 122; a++) for (let b = 97; b <= 122; b++) codes.push(String.fromCharCode(a, b));
  for (const locale of ['en', 'de', 'ar']) {
    const names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
    for (const code of codes) {
      let name: string | undefined;
      try {
        name = names.of(code);
      } catch {
        name = undefined;
      }
      if (!name || name === code) continue;
      if (!table.has(code)) table.set(code, code);
      const folded = fold(name);
      if (folded && !table.has(folded)) table.set(folded, code);
    }
  }
  for (const [alias, code] of Object.entries(LANGUAGE_ALIASES)) table.set(fold(alias), code);
  languageNames = table;
  return table;
}

/** A language by ISO 639 code or by its name in German, English or Arabic. */
export function languageCode(text: string): string | undefined {
  const t = text.trim();
  if (/^[A-Za-z]{2,3}$/.test(t) && languageTable().get(t.toLowerCase()) === t.toLowerCase()) return t.toLowerCase();
  return languageTable().get(fold(t));
}

const NATIVE_WORDS = [
  'native', 'muttersprache', 'mutterspr', 'ms', 'erstsprache', 'mothertongue', 'l1', 'nativespeaker', 'muttersprachlich', 'muttersprachler',
  'muttersprachlerin', 'herkunftssprache', 'اللغةالأم', 'لغةأم',
];
/** Words for levels, after `fold`; all but the CEFR codes are taken with a note saying how they were read. */
const LEVEL_WORDS = new Map<string, LanguageLevel>([
  ...NATIVE_WORDS.map((w) => [w, 'native'] as [string, LanguageLevel]),
  ...(
    [
      ['anfaenger', 'A1'], ['anfaengerin', 'A1'], ['wenig', 'A1'], ['einwenig', 'A1'], ['etwas', 'A1'], ['bisschen', 'A1'], ['einbisschen', 'A1'], ['beginner', 'A1'], ['alittle', 'A1'],
      ['grundkenntnisse', 'A2'], ['grundlagen', 'A2'], ['basiskenntnisse', 'A2'], ['basic', 'A2'], ['elementar', 'A2'],
      ['mittel', 'B1'], ['mittelmaessig', 'B1'], ['ausreichend', 'B1'], ['befriedigend', 'B1'], ['intermediate', 'B1'],
      ['gut', 'B2'], ['gute', 'B2'], ['gutekenntnisse', 'B2'], ['good', 'B2'],
      ['sehrgut', 'C1'], ['sehrgute', 'C1'], ['sehrgutekenntnisse', 'C1'], ['fliessend', 'C1'], ['fluent', 'C1'], ['verygood', 'C1'],
      ['verhandlungssicher', 'C2'], ['perfekt', 'C2'], ['exzellent', 'C2'], ['proficient', 'C2'], ['businessfluent', 'C2'],
    ] as [string, LanguageLevel][]
  ),
]);
/** Words that say a level is not known: read as `unknown` without a note (the export writes `de:unknown`). */
const UNKNOWN_LEVEL_WORDS = new Set(['unknown', 'unbekannt', 'niveauunbekannt', 'levelunknown', '?']);
/** Words around languages and levels that carry nothing ("C1-Niveau", "Kenntnisse auf B2"); also German words that are language codes. */
const FILLER_WORDS = new Set(['niveau', 'level', 'sprachniveau', 'kenntnisse', 'sprachkenntnisse', 'auf', 'in', 'im', 'am', 'an', 'ab', 'da', 'ja', 'so', 'um', 'zu', 'spricht', 'speaks', 'auch', 'cefr', 'ger', 'sprache', 'sprachen', 'und', 'and', 'sowie', 'mit', 'ca', 'circa', 'evtl']);

/** A CEFR level, `native` or `unknown` by their codes, or a native-language word. */
export function languageLevel(text: string): LanguageLevel | undefined {
  const upper = text.trim().toUpperCase();
  if (/^[ABC][12]$/.test(upper)) return upper as LanguageLevel;
  const folded = fold(text);
  if (UNKNOWN_LEVEL_WORDS.has(folded)) return 'unknown';
  return NATIVE_WORDS.includes(folded) ? 'native' : undefined;
}

export interface LanguageSkillRead {
  code: string;
  level: LanguageLevel;
}

/**
 * Languages with levels in one cell, as the export writes them (`ar:native; de:B2`) and as offices
 * type them: names and abbreviations ("Türkisch", "türk.", "dt."), separated by `,` `;` `/` `+`
 * "und" or line breaks, levels as CEFR ("B2", "B2/C1" → B2, "C1-Niveau"), native words ("MS",
 * "Muttersprache") and plain words ("gut" → B2, with a note). A language without a level is kept
 * with the level `unknown` (with a note); a part naming no language is dropped, the rest is kept.
 */
export function readLanguages(cell: Cell): Read<LanguageSkillRead[]> {
  const notes: CellProblem[] = [];
  const dropped: CellProblem[] = [];
  const text = cellText(cell)
    .replace(/mother\s+tongue/gi, 'native')
    .replace(/native\s+speaker/gi, 'native')
    // "B2/C1", "B1-B2": the lower level, said in a note.
    .replace(/\b([ABC][12])\s*[/\-–]\s*([ABC][12])\b/gi, (range: string, low: string) => {
      notes.push({ key: 'importLanguageLevelRange', values: { value: range, level: low.toUpperCase() } });
      return low;
    });
  const out: { code: string; level?: LanguageLevel }[] = [];
  const add = (code: string, level: LanguageLevel | undefined) => {
    const same = out.find((l) => l.code === code);
    if (!same) {
      out.push({ code, level });
      return;
    }
    notes.push({ key: 'importLanguageTwice', values: { language: code } });
    if (level && (!same.level || levelRank(level) > levelRank(same.level))) same.level = level;
  };
  for (const segment of text.split(/[;,/+&\n\r]+|\s+(?:und|and|sowie)\s+/i)) {
    const tokens = segment.split(/[\s:=()[\]\-–.]+/).filter(Boolean);
    let current: { code: string; level?: LanguageLevel } | null = null;
    let pending: LanguageLevel | undefined;
    const ignored: string[] = [];
    let unknown: string | null = null;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      let level = languageLevel(token);
      let used = 1;
      if (!level) {
        for (const n of [3, 2, 1]) {
          const word = fold(tokens.slice(i, i + n).join(''));
          const found = i + n <= tokens.length ? LEVEL_WORDS.get(word) : undefined;
          if (found) {
            level = found;
            used = n;
            notes.push({ key: 'importLanguageLevelWord', values: { value: tokens.slice(i, i + n).join(' '), level: found } });
            break;
          }
        }
      }
      if (level) {
        i += used - 1;
        if (current && !current.level) current.level = level;
        else pending = level;
        continue;
      }
      if (FILLER_WORDS.has(fold(token)) && !/^[A-Z]{2,3}$/.test(token)) continue;
      const code = languageCode(token);
      if (code) {
        if (current) add(current.code, current.level);
        current = { code, level: pending };
        pending = undefined;
        continue;
      }
      if (current) ignored.push(token);
      else unknown ??= token;
    }
    if (current) add(current.code, current.level);
    else if (unknown !== null) dropped.push({ key: 'unknownLanguage', values: { value: unknown.slice(0, 40) } });
    if (current && ignored.length) notes.push({ key: 'importWordsIgnored', values: { value: ignored.join(' ').slice(0, 60) } });
  }
  if (!out.length && dropped.length) return { ok: false, problem: dropped[0]! };
  for (const l of out) {
    if (!l.level) {
      l.level = 'unknown';
      notes.push({ key: 'importLanguageLevelUnknown', values: { language: l.code } });
    }
  }
  return ok(out as LanguageSkillRead[], notes, dropped);
}

/** One language, for the preferred language of contact. */
export function readLanguage(cell: Cell): Read<string> {
  const text = cellText(cell);
  const code = languageCode(text);
  return code ? ok(code) : fail('unknownLanguage', { value: text.slice(0, 40) });
}
