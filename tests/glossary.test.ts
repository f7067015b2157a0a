import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The glossary (locales/glossary.json) as a rule book: wherever the German reference names a
 * domain concept, the Arabic (and for some, the English) string uses the glossary's word and none
 * of the words that belong to another concept — an expense claim is never a طلب (request), a
 * payout never a دفعة (which is also a course cohort). The German decides which concept a string
 * is about, so new strings are checked without a list of keys.
 */

interface Check {
  de: string;
  unlessDe?: string;
  ar?: string;
  arNot?: string;
  en?: string;
}
interface Term {
  id: string;
  de: string;
  en: string;
  ar: string;
  note: string;
  check?: Check;
}
interface Glossary {
  terms: Term[];
  arBanned: { word: string; why: string }[];
  gender: { de: string; ar: string };
}

const file = (path: string) => fileURLToPath(new URL(`../locales/${path}`, import.meta.url));
const glossary = JSON.parse(readFileSync(file('glossary.json'), 'utf8')) as Glossary;

function flatten(node: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else flatten(value, path, out);
  }
  return out;
}
const catalogue = (locale: string) => flatten(JSON.parse(readFileSync(file(`${locale}.json`), 'utf8')));
const de = catalogue('de');
const en = catalogue('en');
const ar = catalogue('ar');

/** Keys whose German string is about the check's concept. */
function keysOf(check: { de: string; unlessDe?: string }): string[] {
  const about = new RegExp(check.de, 'i');
  const unless = check.unlessDe ? new RegExp(check.unlessDe, 'i') : null;
  return [...de].filter(([, text]) => about.test(text) && !unless?.test(text)).map(([key]) => key);
}

const cell = (s: string) => s.replace(/[|*]/g, (c) => `\\${c}`);
function renderGlossary(g: Glossary): string {
  const rows = g.terms.map((t) => `| ${cell(t.de)} | ${cell(t.en)} | ${cell(t.ar)} | ${cell(t.note)} |`);
  return ['| Deutsch | English | العربية | Meaning, and why this word |', '|---|---|---|---|', ...rows].join('\n');
}

const checked = glossary.terms.filter((t): t is Term & { check: Check } => !!t.check);

describe('the glossary in the catalogues', () => {
  it.each(checked.map((t) => [t.id, t.check] as const))('uses the glossary’s word for %s wherever German names it', (_id, check) => {
    const keys = keysOf(check);
    // A check that finds no string would pass forever.
    expect(keys.length).toBeGreaterThan(0);
    const wrong: string[] = [];
    for (const key of keys) {
      const text = ar.get(key) ?? '';
      if (check.ar && !new RegExp(check.ar).test(text)) wrong.push(`${key}: lacks /${check.ar}/ in “${text}”`);
      if (check.arNot && new RegExp(check.arNot).test(text)) wrong.push(`${key}: has /${check.arNot}/ in “${text}”`);
      if (check.en && !new RegExp(check.en).test(en.get(key) ?? '')) wrong.push(`${key}: English lacks /${check.en}/ in “${en.get(key)}”`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps an expense claim and a guide request apart in Arabic: claims never say طلب, requests never say مطالبة', () => {
    const claims = keysOf({ de: 'Abrechnung|abrechn|abgerechnet|Auslagen', unlessDe: 'Anfrage|Bewerbung' });
    const requests = keysOf({ de: 'Anfrage', unlessDe: 'Abrechnung|abrechn|abgerechnet|Auslagen' });
    expect(claims.length).toBeGreaterThan(20);
    expect(requests.length).toBeGreaterThan(50);
    expect(claims.filter((k) => /طلب/.test(ar.get(k)!))).toEqual([]);
    expect(requests.filter((k) => /مطالب/.test(ar.get(k)!))).toEqual([]);
  });

  it('keeps a payout and a course run apart in Arabic: payouts never say فوج or دفعة, runs never say صرف or دفعة', () => {
    const payouts = keysOf({ de: 'Auszahl|ausgezahlt' });
    const runs = keysOf({ de: 'Kursdurchgang|Durchgang|Durchgänge' });
    expect(payouts.length).toBeGreaterThan(5);
    expect(runs.length).toBeGreaterThan(5);
    expect(payouts.filter((k) => /فوج|دفعة/.test(ar.get(k)!))).toEqual([]);
    expect(runs.filter((k) => /صرف|دفعة/.test(ar.get(k)!))).toEqual([]);
  });

  it('uses none of the words the glossary rules out, anywhere in Arabic', () => {
    const wrong = glossary.arBanned.flatMap(({ word, why }) =>
      [...ar].filter(([, text]) => new RegExp(word).test(text)).map(([key, text]) => `${key}: “${text}” (${why})`),
    );
    expect(wrong).toEqual([]);
  });

  it('writes Arabic gender-inclusively wherever German does (Lots*in, Ehrenamtliche*r, Lotsinnen und Lotsen)', () => {
    const keys = keysOf({ de: glossary.gender.de });
    expect(keys.length).toBeGreaterThan(30);
    expect(keys.filter((k) => !new RegExp(glossary.gender.ar).test(ar.get(k)!)).map((k) => `${k}: ${de.get(k)} → ${ar.get(k)}`)).toEqual([]);
  });

  it('gives every term German, English, Arabic and a note, and uses no ruled-out word itself', () => {
    for (const t of glossary.terms) {
      expect([t.id, t.de, t.en, t.ar, t.note].every((s) => s.trim().length > 0), t.id).toBe(true);
      for (const { word } of glossary.arBanned) expect(new RegExp(word).test(t.ar), `${t.id}: ${t.ar}`).toBe(false);
    }
    expect(new Set(glossary.terms.map((t) => t.id)).size).toBe(glossary.terms.length);
  });

  it('shows the glossary in locales/README.md (WRITE_GLOSSARY=1 rewrites the table)', () => {
    const readme = readFileSync(file('README.md'), 'utf8');
    const start = '<!-- glossary:start -->\n';
    const end = '\n<!-- glossary:end -->';
    const from = readme.indexOf(start);
    const to = readme.indexOf(end);
    expect(from).toBeGreaterThanOrEqual(0);
    expect(to).toBeGreaterThan(from);
    const table = renderGlossary(glossary);
    if (process.env.WRITE_GLOSSARY) writeFileSync(file('README.md'), readme.slice(0, from + start.length) + table + readme.slice(to));
    else expect(readme.slice(from + start.length, to)).toBe(table);
  });
});
