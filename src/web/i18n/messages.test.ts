import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { compileMessage, type Catalogue } from './compile.js';
import { formatMessage } from './messages.js';

type Node = ReturnType<IntlMessageFormat['getAst']>[number];

function messages(catalogue: Catalogue, prefix = ''): [string, string][] {
  return Object.entries(catalogue).flatMap(([k, v]) =>
    typeof v === 'string' ? [[prefix + k, v] as [string, string]] : messages(v, `${prefix}${k}.`),
  );
}

/** Values for every placeholder of a message, one set per plural count and select option. */
function samples(nodes: Node[]): Record<string, unknown>[] {
  const base: Record<string, unknown> = {};
  const variants: [string, unknown[]][] = [];
  const walk = (ns: Node[]) => {
    for (const n of ns) {
      if (n.type === 1) base[n.value] ??= `‹${n.value}›`;
      if (n.type === 2) base[n.value] = 1234.5;
      if (n.type === 3 || n.type === 4) base[n.value] = new Date(Date.UTC(2026, 2, 29, 9, 5, 7));
      if (n.type === 5) {
        base[n.value] ??= Object.keys(n.options)[0];
        variants.push([n.value, [...Object.keys(n.options), 'zzz']]);
        Object.values(n.options).forEach((o) => walk(o.value));
      }
      if (n.type === 6) {
        base[n.value] = 1;
        variants.push([n.value, [0, 1, 2, 3, 11, 21, 100, 1.5]]);
        Object.values(n.options).forEach((o) => walk(o.value));
      }
    }
  };
  walk(nodes);
  const sets = [base];
  for (const [name, values] of variants) for (const v of values) sets.push({ ...base, [name]: v });
  return sets;
}

describe('precompiled ICU messages', () => {
  for (const locale of ['de', 'en', 'ar']) {
    it(`format every ${locale} message as intl-messageformat does`, () => {
      const catalogue = JSON.parse(
        readFileSync(fileURLToPath(new URL(`../../../locales/${locale}.json`, import.meta.url)), 'utf8'),
      ) as Catalogue;
      let checked = 0;
      for (const [key, source] of messages(catalogue)) {
        let reference: IntlMessageFormat;
        try {
          reference = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true });
        } catch {
          expect(compileMessage(source, locale), key).toBe(source);
          continue;
        }
        const compiled = compileMessage(source, locale);
        for (const values of samples(reference.getAst())) {
          expect(formatMessage(compiled, values, locale), key).toBe(String(reference.format(values)));
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(500);
    });
  }

  it('resolves ICU escapes at build time', () => {
    expect(compileMessage("It''s '{'literal'}'", 'en')).toBe("It's {literal}");
  });
});
