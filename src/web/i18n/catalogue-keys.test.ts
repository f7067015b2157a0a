import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const webRoot = fileURLToPath(new URL('..', import.meta.url));
const de = JSON.parse(readFileSync(fileURLToPath(new URL('../../../locales/de.json', import.meta.url)), 'utf8')) as Record<string, unknown>;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function lookup(key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), de);
}

describe('the web app’s catalogue keys', () => {
  const files = sources(webRoot);
  const literal = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) literal.add(m[1]);
    for (const m of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.]+)\.\$\{/g)) prefixes.add(m[1]);
  }

  it('finds the keys it checks', () => {
    expect(literal.size).toBeGreaterThan(100);
  });

  it('has every literal key in the German reference catalogue', () => {
    expect([...literal].filter((k) => typeof lookup(k) !== 'string')).toEqual([]);
  });

  it('has a section for every computed key (roles.${role}, orgKinds.${kind}, …)', () => {
    expect([...prefixes].filter((p) => typeof lookup(p) !== 'object')).toEqual([]);
  });
});
