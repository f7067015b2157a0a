#!/usr/bin/env node
// Merges new messages into the catalogues: `node scripts/merge-messages.mjs messages.json`, where
// messages.json is `{"de": {...}, "en": {...}, "ar": {...}}` with nested keys as in locales/*.json.
// Existing keys are overwritten by the new text; the catalogues are written back sorted as they were
// (insertion order) with two-space indentation. An exclusive lock file keeps two writers apart.
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const lockPath = join(root, 'locales', '.merge.lock');

function deepMerge(target, source) {
  for (const [key, value] of Object.entries(source)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if (!target[key] || typeof target[key] !== 'object') target[key] = {};
      deepMerge(target[key], value);
    } else {
      target[key] = value;
    }
  }
  return target;
}

async function withLock(fn) {
  for (let attempt = 0; ; attempt++) {
    try {
      closeSync(openSync(lockPath, 'wx'));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST' || attempt > 200) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lockPath, { force: true });
  }
}

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/merge-messages.mjs <messages.json>');
  process.exit(2);
}
const incoming = JSON.parse(readFileSync(file, 'utf8'));
await withLock(() => {
  for (const [locale, messages] of Object.entries(incoming)) {
    const path = join(root, 'locales', `${locale}.json`);
    const catalogue = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify(deepMerge(catalogue, messages), null, 2) + '\n');
  }
});
console.log(`merged ${Object.keys(incoming).join(', ')}`);
