import { IntlMessageFormat } from 'intl-messageformat';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../src/common/locales.js';

const load = (l: string) => JSON.parse(fs.readFileSync(path.join('locales', `${l}.json`), 'utf8')) as Record<string, unknown>;
const flatten = (o: Record<string, unknown>, prefix = ''): Record<string, string> =>
  Object.fromEntries(
    Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? Object.entries(flatten(v as Record<string, unknown>, `${prefix}${k}.`)) : [[`${prefix}${k}`, String(v)]])),
  );

const german = flatten(load('de'));

describe('message catalogues', () => {
  it.each(LOCALES.filter((l) => l !== 'de'))('%s has every key that German has, and no others', (locale) => {
    const other = flatten(load(locale));
    expect(Object.keys(german).filter((k) => !(k in other))).toEqual([]);
    expect(Object.keys(other).filter((k) => !(k in german))).toEqual([]);
  });

  it.each(LOCALES)('%s messages are valid ICU MessageFormat with the same placeholders as German', (locale) => {
    const messages = flatten(load(locale));
    const argsOf = (text: string, l: string) => {
      const names = new Set<string>();
      const walk = (els: unknown[]) => {
        for (const el of els as { type: number; value?: string; options?: Record<string, { value: unknown[] }> }[]) {
          if (el.type !== 0 && el.type !== 7 && el.value) names.add(el.value);
          if (el.options) for (const opt of Object.values(el.options)) walk(opt.value);
        }
      };
      walk(new IntlMessageFormat(text, l).getAst());
      return [...names].sort();
    };
    for (const [key, text] of Object.entries(messages)) {
      expect(() => new IntlMessageFormat(text, locale), key).not.toThrow();
      expect(argsOf(text, locale), key).toEqual(argsOf(german[key]!, 'de'));
    }
  });

  it('has no empty message', () => {
    for (const locale of LOCALES) for (const [key, text] of Object.entries(flatten(load(locale)))) expect(text.trim(), `${locale}:${key}`).not.toBe('');
  });
});
