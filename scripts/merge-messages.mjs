#!/usr/bin/env node
// Merges message fragments into the catalogues in one quick read-modify-write, so that several
// people adding messages at once do not overwrite each other. Usage:
//   node scripts/merge-messages.mjs fragment.json [more.json …]
// A fragment is {"de": {...}, "en": {...}, "ar": {...}}; nested objects merge, strings replace.
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../locales');
const merge = (into, from) => {
  for (const [k, v] of Object.entries(from)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) into[k] = merge(into[k] && typeof into[k] === 'object' ? into[k] : {}, v);
    else into[k] = v;
  }
  return into;
};
const fragments = process.argv.slice(2).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
if (!fragments.length) {
  console.error('usage: node scripts/merge-messages.mjs fragment.json [more.json …]');
  process.exit(2);
}
for (const locale of ['de', 'en', 'ar']) {
  const file = path.join(dir, `${locale}.json`);
  const catalogue = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const f of fragments) if (f[locale]) merge(catalogue, f[locale]);
  fs.writeFileSync(file, `${JSON.stringify(catalogue, null, 2)}\n`);
}
