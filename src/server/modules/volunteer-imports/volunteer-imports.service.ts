import { and, eq, sql } from 'drizzle-orm';
import type { ImportColumn, ImportOptions, ImportReport, ImportRowReport } from '../../../common/api/volunteer-imports.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { invalidFields } from '../../http/problems.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { listCatalog } from '../catalog/catalog.service.js';
import type { Visibility } from '../volunteers/volunteers.service.js';
import { CatalogMatcher, type CatalogKindName } from './catalogue.js';
import { cellText, isEmpty } from './cells.js';
import { atRow, createRows, mergeInto } from './import-writes.service.js';
import { headerSetKey, mappingToRemember, normaliseHeader, resolveColumns } from './mapping.js';
import type { Sheet, SheetRow } from './parse.js';
import { byReason, duplicateKeys, fileUnder, firstMatch, poolMatches, type PoolPerson } from './pool-matches.js';
import { choiceId, readRow, type ReadRow, type RowProblem } from './rows.js';
import { volunteerImportMappings } from './volunteer-imports.table.js';

/** A row's report before its messages are put into the reader's language. */
export type RowOutcome = Omit<ImportRowReport, 'problems'> & { problems: RowProblem[] };

export interface ImportOutcome {
  dryRun: boolean;
  headerRow: number;
  headerRowGuessed: boolean;
  headerCandidates: ImportReport['headerCandidates'];
  columns: ImportColumn[];
  rows: RowOutcome[];
  skippedRows: ImportReport['skippedRows'];
  ambiguities: ImportReport['ambiguities'];
  summary: ImportReport['summary'];
}

const AUDIT_ENTITY = 'volunteer_import';

async function catalogOf(tx: Db, networkId: string): Promise<CatalogMatcher> {
  const entries: { kind: CatalogKindName; key: string; name: string }[] = [];
  for (const kind of ['specializations', 'topics', 'districts'] as const) {
    let cursor: string | undefined;
    do {
      const page = await listCatalog(tx, networkId, kind, { limit: 500, cursor });
      entries.push(...page.items.map((e) => ({ kind, key: e.key, name: e.name })));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return new CatalogMatcher(entries);
}

async function rememberedMapping(tx: Db, networkId: string, headerKey: string) {
  const [row] = await tx
    .select({ mapping: volunteerImportMappings.mapping })
    .from(volunteerImportMappings)
    .where(and(eq(volunteerImportMappings.networkId, networkId), eq(volunteerImportMappings.headerKey, headerKey)));
  return row?.mapping;
}

async function rememberMapping(tx: Db, networkId: string, headerKey: string, mapping: Record<string, string | null>) {
  await tx
    .insert(volunteerImportMappings)
    .values({ networkId, headerKey, mapping })
    .onConflictDoUpdate({
      target: [volunteerImportMappings.networkId, volunteerImportMappings.headerKey],
      set: { mapping, version: sql`${volunteerImportMappings.version} + 1`, updatedAt: new Date() },
    });
}

// ---------------------------------------------------------------------------------------------
// Rows that are not people

const TOTALS = /^(?:summe|gesamt|insgesamt|gesamtzahl|anzahl|total|sum|count|ergebnis)\b/iu;

/**
 * A row the office added around its people: the header row repeated (printing or pasting lists
 * together), a totals row ("Summe: 40", "Anzahl 40", a count alone under the names).
 */
function nonPersonRow(row: SheetRow, headers: string[], columns: ImportColumn[]): 'repeatedHeader' | 'totals' | null {
  const texts = row.cells.map((c) => (isEmpty(c) ? '' : cellText(c)));
  const filled = texts.filter(Boolean);
  const sameAsHeader = texts.filter((t, i) => t && normaliseHeader(t) === normaliseHeader(headers[i] ?? '')).length;
  if (sameAsHeader >= 2 || (sameAsHeader >= 1 && filled.length === 1)) return 'repeatedHeader';
  if (filled.length <= 4 && filled.some((t) => TOTALS.test(t.trim())) && !filled.some((t) => t.includes('@'))) return 'totals';
  const nameColumns = columns.flatMap((c, i) => (c.field === 'firstName' || c.field === 'lastName' ? [i] : []));
  // Only numbers, and a number where the names are: a count.
  if (filled.length <= 3 && filled.every((t) => /^[\d\s.,:=]+$/.test(t)) && nameColumns.some((i) => texts[i])) return 'totals';
  return null;
}

/** Up to 3 distinct values per column, 60 characters each, for the preview. */
function samplesOf(rows: SheetRow[], width: number): string[][] {
  const out: string[][] = Array.from({ length: width }, () => []);
  for (const r of rows) {
    for (let i = 0; i < width; i++) {
      const list = out[i]!;
      if (list.length >= 3) continue;
      const c = r.cells[i] ?? null;
      if (isEmpty(c)) continue;
      const text = cellText(c).slice(0, 60);
      if (!list.includes(text)) list.push(text);
    }
    if (out.every((l) => l.length >= 3)) break;
  }
  return out;
}

const fullName = (first: string, last: string) => `${first} ${last}`.trim();

/** Reads every row, checks it and finds duplicates; with `dryRun: false`, writes in the caller's transaction. */
export async function importVolunteers(tx: Db, actor: Actor, sheet: Sheet, options: ImportOptions, visibility: Visibility): Promise<ImportOutcome> {
  const headerKey = headerSetKey(sheet.headers);
  const remembered = options.mapping ? undefined : await rememberedMapping(tx, actor.networkId, headerKey);
  // A given mapping may name only some columns; the others keep what was remembered or guessed.
  const rememberedForRest = options.mapping ? await rememberedMapping(tx, actor.networkId, headerKey) : remembered;
  const { columns: mapped, problems } = resolveColumns(sheet.headers, options.mapping, rememberedForRest);
  if (problems.length) throw invalidFields(problems.map((p) => ({ path: `body.${p.path}`, key: p.key, values: p.values })));

  const skippedRows: ImportOutcome['skippedRows'] = sheet.emptyRows.map((row) => ({ row, reason: 'empty' as const }));
  const people: SheetRow[] = [];
  for (const r of sheet.rows) {
    const reason = nonPersonRow(r, sheet.headers, mapped as ImportColumn[]);
    if (reason) skippedRows.push({ row: r.row, reason });
    else people.push(r);
  }
  skippedRows.sort((a, b) => a.row - b.row);
  const samples = samplesOf(people, sheet.headers.length);
  const columns: ImportColumn[] = mapped.map((c, i) => ({ ...c, samples: samples[i] ?? [], hidden: sheet.hidden[i] ?? false }));

  const catalogs = await catalogOf(tx, actor.networkId);
  const choices = new Map((options.choices ?? []).map((c) => [choiceId(c.field, c.value), c.key]));
  const context = { catalogs, choices, today: new Date(), hasFirstNameColumn: columns.some((c) => c.field === 'firstName') };
  const read: ReadRow[] = people.map((r) => readRow(r, columns, context));

  const ambiguities = new Map<string, ImportOutcome['ambiguities'][number]>();
  for (const r of read) {
    for (const a of r.ambiguities) {
      const id = choiceId(a.field, a.value);
      const known = ambiguities.get(id);
      if (known) known.rows.push(r.row);
      else ambiguities.set(id, { field: a.field, value: a.value, rows: [r.row], candidates: a.candidates });
    }
  }

  const pool = await poolMatches(tx, actor.networkId, read.flatMap((r) => (r.body ? [r.body] : [])));
  const outcomes: RowOutcome[] = [];
  const toCreate: ReadRow[] = [];
  const toMerge: { person: PoolPerson; read: ReadRow }[] = [];
  const seen = byReason<ReadRow>();
  const claimed = new Map<string, number>();
  for (const r of read) {
    const base = { row: r.row, name: r.name, problems: r.problems };
    if (!r.body) {
      outcomes.push({ ...base, status: 'invalid', action: 'skip' });
      continue;
    }
    const keys = duplicateKeys(r.body);
    // Within the file, the first row wins.
    const earlier = firstMatch(seen, keys);
    fileUnder(seen, keys, r);
    if (earlier) {
      outcomes.push({ ...base, status: 'duplicate', duplicateOf: { row: earlier.found.row, reason: earlier.reason, ...(earlier.found.name ? { name: earlier.found.name } : {}) }, action: 'skip' });
      continue;
    }
    const match = firstMatch(pool, keys);
    if (match) {
      const person = match.found;
      const name = fullName(person.firstName, person.lastName);
      const firstRow = claimed.get(person.id);
      if (firstRow !== undefined) {
        outcomes.push({ ...base, status: 'duplicate', duplicateOf: { row: firstRow, reason: match.reason, name }, action: 'skip' });
        continue;
      }
      claimed.set(person.id, r.row);
      const merge = options.onDuplicate === 'merge';
      if (merge) toMerge.push({ person, read: r });
      outcomes.push({ ...base, status: 'duplicate', duplicateOf: { volunteerId: person.id, reason: match.reason, name }, action: merge ? 'merge' : 'skip' });
      continue;
    }
    toCreate.push(r);
    outcomes.push({ ...base, status: 'valid', action: 'create' });
  }

  const summary = {
    total: outcomes.length,
    valid: outcomes.filter((o) => o.status === 'valid').length,
    invalid: outcomes.filter((o) => o.status === 'invalid').length,
    duplicates: outcomes.filter((o) => o.status === 'duplicate').length,
    created: toCreate.length,
    merged: toMerge.length,
    skipped: outcomes.filter((o) => o.action === 'skip').length,
    withDroppedCells: outcomes.filter((o) => o.status === 'valid' && o.problems.some((p) => p.severity === 'dropped')).length,
  };

  if (!options.dryRun) {
    await createRows(tx, actor, toCreate);
    for (const m of toMerge) await atRow(m.read.row, () => mergeInto(tx, actor, m.person, m.read, visibility));
    if (options.rememberMapping) await rememberMapping(tx, actor.networkId, headerKey, mappingToRemember(columns));
    const fields = columns.flatMap((c) => (c.field ? [c.field] : []));
    await recordAudit(tx, actor, {
      action: 'create',
      entity: AUDIT_ENTITY,
      entityId: newId(),
      fields: [...fields, `created:${summary.created}`, `merged:${summary.merged}`, `skipped:${summary.skipped}`],
    });
  }
  return {
    dryRun: options.dryRun,
    headerRow: sheet.headerRow,
    headerRowGuessed: sheet.headerRowGuessed,
    headerCandidates: sheet.headerCandidates,
    columns,
    rows: outcomes,
    skippedRows,
    ambiguities: [...ambiguities.values()],
    summary,
  };
}
