// Writes one benchmark's section of bench/RESULTS.md; the other sections stay as they are.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');

/**
 * Milliseconds for a fixed piece of JavaScript work (the best of three): shared virtual machines
 * of the same name differ in speed from day to day, and this lets two runs be compared.
 */
export function cpuReferenceMs(): number {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    let x = 0;
    for (let i = 0; i < 100_000_000; i++) x = (x + i * 7) % 1_000_003;
    if (x < 0) throw new Error('unreachable');
    best = Math.min(best, performance.now() - started);
  }
  return Math.round(best);
}

/** "Machine: 2 × <CPU>, 24 GiB, Node v20…, linux … CPU reference: … ms" */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `Machine: ${os.availableParallelism()} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; CPU reference (10⁸ steps of integer arithmetic, best of three, lower is faster): ${cpuReferenceMs()} ms.`;
}

/** Replaces the section whose heading starts with `heading` (e.g. "## Volunteer import"), or appends it. */
export function writeSection(heading: string, body: string): void {
  const current = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const start = current.indexOf(heading);
  let next = start < 0 ? -1 : current.indexOf('\n## ', start + heading.length);
  if (next >= 0) next += 1;
  const updated = start < 0 ? `${current.trimEnd()}\n\n${body}` : `${current.slice(0, start)}${body}${next >= 0 ? `\n${current.slice(next)}` : ''}`;
  fs.writeFileSync(RESULTS, updated.trimEnd() + '\n');
  console.log(`wrote ${path.relative(process.cwd(), RESULTS)}`);
}

/** Percentile of a sorted list of numbers (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * A fresh database and an in-process app on it, as the tests make them: PGlite in memory, or a
 * database of its own on the PostgreSQL server at `serverUrl`.
 */
export async function benchApp(serverUrl: string | undefined) {
  const { createTestDatabase, ORIGIN } = await import('../tests/harness.js');
  const { buildApp } = await import('../src/server/app.js');
  const { loadConfig } = await import('../src/server/config.js');
  const saved = process.env.TEST_DATABASE_URL;
  if (serverUrl) process.env.TEST_DATABASE_URL = serverUrl;
  else delete process.env.TEST_DATABASE_URL;
  const { database, drop } = await createTestDatabase();
  if (saved === undefined) delete process.env.TEST_DATABASE_URL;
  else process.env.TEST_DATABASE_URL = saved;
  const app = await buildApp({ config: loadConfig({ PUBLIC_URL: ORIGIN, LOG_LEVEL: 'silent' }), database });
  await app.ready();
  return { app, database, drop, origin: ORIGIN };
}
