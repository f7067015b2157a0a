import { fold } from './cells.js';

/**
 * Catalogue values as offices write them: "Linden Nord", "lindennord", "Lnden-Nord" for
 * Linden-Nord; "Elternlotsin", "Elternlotsinnen", "Elternlotsen" for Elternlotse. A value that
 * fits several entries equally ("Misburg": Misburg-Nord, Misburg-Süd) is ambiguous, never guessed.
 */

export type CatalogKindName = 'specializations' | 'topics' | 'districts';

export interface CatalogEntryRef {
  key: string;
  name: string;
}

export type CatalogMatch =
  | { key: string; /** The entry's name, when the value was a near miss worth a note. */ near?: string }
  | { candidates: CatalogEntryRef[] }
  | null;

/** Female and plural endings (-innen, -in, -en, -e, -n), so "Elternlotsin" and "Elternlotsen" meet "Elternlotse". */
export const stem = (folded: string): string => (folded.length > 5 ? folded.replace(/(?:innen|in|en|e|n)$/, '') : folded);

/** Levenshtein distance, stopping early once above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** Edits allowed for a near miss, relative to length: none up to 4 letters, 1 up to 8, then 2. */
const allowedEdits = (length: number) => (length <= 4 ? 0 : length <= 8 ? 1 : 2);

interface Prepared extends CatalogEntryRef {
  folded: string[];
  stems: string[];
  firstPart: string;
}

export class CatalogMatcher {
  private readonly entries: Record<CatalogKindName, Prepared[]> = { specializations: [], topics: [], districts: [] };
  private readonly memo = new Map<string, CatalogMatch>();

  constructor(entries: { kind: CatalogKindName; key: string; name: string }[]) {
    for (const e of entries) {
      const folded = [...new Set([fold(e.key), fold(e.name)].filter(Boolean))];
      this.entries[e.kind].push({
        key: e.key,
        name: e.name,
        folded,
        stems: [...new Set(folded.map(stem))],
        firstPart: fold(e.name.split(/[\s\-–/]+/)[0] ?? ''),
      });
    }
  }

  nameOf(kind: CatalogKindName, key: string): string | undefined {
    return this.entries[kind].find((e) => e.key === key)?.name;
  }

  has(kind: CatalogKindName, key: string): boolean {
    return this.entries[kind].some((e) => e.key === key);
  }

  match(kind: CatalogKindName, text: string): CatalogMatch {
    const id = `${kind}\u0000${text}`;
    if (!this.memo.has(id)) this.memo.set(id, this.find(kind, text.normalize('NFC').trim()));
    return this.memo.get(id)!;
  }

  private find(kind: CatalogKindName, text: string): CatalogMatch {
    const entries = this.entries[kind];
    const value = fold(text);
    if (!value) return null;
    const one = (found: Prepared[], near: boolean): CatalogMatch =>
      found.length === 1 ? { key: found[0]!.key, ...(near ? { near: found[0]!.name } : {}) } : { candidates: found.map(({ key, name }) => ({ key, name })) };
    // A key wins over another entry's equal name ("Mitte" the district beside "Mitte" the quarter).
    const byKey = entries.find((e) => e.key === text || fold(e.key) === value);
    if (byKey) return { key: byKey.key };
    const byName = entries.filter((e) => e.folded.includes(value));
    if (byName.length) return one(byName, false);
    const s = stem(value);
    const byStem = entries.filter((e) => e.stems.includes(s));
    if (byStem.length) return one(byStem, false);
    // "Misburg" for Misburg-Nord and Misburg-Süd: the first part of several names.
    const byPart = entries.filter((e) => e.firstPart === value && e.folded.every((f) => f !== value));
    if (byPart.length > 1) return { candidates: byPart.map(({ key, name }) => ({ key, name })) };
    const max = allowedEdits(s.length);
    if (max === 0) return byPart.length === 1 ? { key: byPart[0]!.key, near: byPart[0]!.name } : null;
    let best = max + 1;
    let found: Prepared[] = [];
    for (const e of entries) {
      const d = Math.min(...e.stems.map((x) => editDistance(s, x, max)));
      if (d < best) {
        best = d;
        found = [e];
      } else if (d === best && d <= max) found.push(e);
    }
    if (best <= max) return one(found, true);
    return byPart.length === 1 ? { key: byPart[0]!.key, near: byPart[0]!.name } : null;
  }
}
