import { Anchor, Button, Checkbox, Collapse, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import type { ImportReport, ImportRowReport } from '../../../common/api/volunteer-imports.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatNumber, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { choiceKey, rowRanges, type Ambiguity, type Choices } from './choices.js';

export function Summary({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const s = report.summary;
  const items: [string, string, number][] = [
    ['total', t('import.summary.total'), s.total],
    ['in', report.dryRun ? t('import.summary.comeIn') : t('import.summary.cameIn'), s.created + s.merged],
    ['dropped', t('import.summary.withDroppedCells'), s.withDroppedCells],
    ['invalid', t('import.summary.invalid'), s.invalid],
    ['duplicates', t('import.summary.duplicates'), s.duplicates],
  ];
  return (
    <dl className="import-summary">
      {items.map(([key, label, value]) => (
        <div key={key}>
          <dt>{label}</dt>
          <dd>{formatNumber(value, locale)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One select per ambiguous catalogue value: answered once, it holds for every row with that value. */
export function AmbiguityChoices({
  ambiguities,
  choices,
  onChoose,
}: {
  ambiguities: Ambiguity[];
  choices: Choices;
  onChoose: (a: Ambiguity, key: string | null | undefined) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const open = ambiguities.filter((a) => !(choiceKey(a.field, a.value) in choices)).length;
  return (
    <section className="import-box" aria-labelledby="import-ambiguities">
      <Stack gap="sm">
        <Title order={3} size="h4" id="import-ambiguities">
          {t('import.ambiguities.heading', { count: ambiguities.length })}
        </Title>
        <Text size="sm">{t('import.ambiguities.intro')}</Text>
        {open > 0 && (
          <Text size="sm" fw={600}>
            {t('import.ambiguities.open', { count: open })}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {ambiguities.map((a) => {
            const key = choiceKey(a.field, a.value);
            const chosen = key in choices ? (choices[key] ?? NONE) : '';
            return (
              <NativeSelect
                key={key}
                label={t('import.ambiguities.label', {
                  value: isolate(a.value),
                  field: t(`import.fields.${a.field}`, { defaultValue: a.field }),
                })}
                description={t('import.ambiguities.rows', { count: a.rows.length, rows: rowRanges(a.rows, locale) })}
                value={chosen}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  onChoose(a, v === '' ? undefined : v === NONE ? null : v);
                }}
                data={[
                  { value: '', label: t('import.ambiguities.unanswered') },
                  ...a.candidates.map((c) => ({ value: c.key, label: isolate(c.name) })),
                  { value: NONE, label: t('import.ambiguities.none') },
                ]}
              />
            );
          })}
        </SimpleGrid>
      </Stack>
    </section>
  );
}
const NONE = '\u0000none';

/** Rows that are not people (a repeated header, a totals line, an empty row), by reason. */
export function SkippedRows({ skipped }: { skipped: ImportReport['skippedRows'] }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const reasons = (['repeatedHeader', 'totals', 'empty'] as const)
    .map((reason) => ({ reason, rows: skipped.filter((s) => s.reason === reason).map((s) => s.row) }))
    .filter((g) => g.rows.length > 0);
  if (reasons.length === 0) return null;
  return (
    <section aria-labelledby="import-skipped">
      <Title order={3} size="h5" id="import-skipped">
        {t('import.skipped.heading', { count: skipped.length })}
      </Title>
      <ul className="plain-list import-skipped">
        {reasons.map((g) => (
          <li key={g.reason}>{t(`import.skipped.${g.reason}`, { count: g.rows.length, rows: rowRanges(g.rows, locale) })}</li>
        ))}
      </ul>
    </section>
  );
}

export type Group = 'error' | 'duplicate' | 'dropped' | 'note' | 'clean';
const GROUPS: Group[] = ['error', 'duplicate', 'dropped', 'note', 'clean'];
const GROUP_PAGE = 25;
const SEVERITY_ORDER = { error: 0, dropped: 1, note: 2 } as const;

function groupOf(r: ImportRowReport): Group {
  if (r.status === 'invalid') return 'error';
  if (r.status === 'duplicate') return 'duplicate';
  if (r.problems.some((p) => p.severity === 'dropped')) return 'dropped';
  if (r.problems.length > 0) return 'note';
  return 'clean';
}

const ACTION_COLOR = { create: 'green', merge: 'blue', skip: 'gray', rejected: 'red' } as const;

function PersonNotes({ row }: { row: ImportRowReport }) {
  const { t } = useTranslation();
  const problems = [...row.problems].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const d = row.duplicateOf;
  return (
    <>
      {problems.length > 0 && (
        <ul className="plain-list import-notes">
          {problems.map((p, i) => (
            <li key={i} data-severity={p.severity}>
              <span className="import-severity">{t(`import.severity.${p.severity}`)}</span>{' '}
              {p.column
                ? t('import.preview.inColumn', { column: isolate(p.column) })
                : t(`import.fields.${p.field}`, { defaultValue: p.field })}
              : {p.message}
            </li>
          ))}
        </ul>
      )}
      {d && d.volunteerId && (
        <Text size="sm">
          {d.name
            ? t(`import.preview.duplicateInPoolNamed.${d.reason}`, { name: isolate(d.name) })
            : t(`import.preview.duplicateInPool.${d.reason}`)}{' '}
          <Anchor component={Link} to={`/volunteers/${d.volunteerId}`}>
            {t('import.preview.openProfile')}
          </Anchor>
        </Text>
      )}
      {d && !d.volunteerId && d.row !== undefined && (
        <Text size="sm">{t(`import.preview.duplicateOfRow.${d.reason}`, { row: d.row })}</Text>
      )}
    </>
  );
}

function Person({ row, done }: { row: ImportRowReport; done: boolean }) {
  const { t } = useTranslation();
  const action = row.status === 'invalid' ? 'rejected' : (row.action ?? 'skip');
  return (
    <li className="import-person">
      <div className="import-person-head">
        <span className="import-person-name">
          <Text component="span" fw={600}>
            {row.name ? <bdi>{row.name}</bdi> : t('import.preview.noName')}
          </Text>{' '}
          <Text component="span" size="sm" className="secondary-text import-row-number">
            {t('import.preview.rowNumber', { row: row.row })}
          </Text>
        </span>
        <StatusBadge color={ACTION_COLOR[action]}>
          {done ? t(`import.rowActionDone.${action}`) : t(`import.rowAction.${action}`)}
        </StatusBadge>
      </div>
      <PersonNotes row={row} />
    </li>
  );
}

/** A group of people under a heading that folds it; `done` after the import (the past tense, a title of its own). */
export function PeopleGroup({
  group,
  rows,
  title,
  done = false,
}: {
  group: Group;
  rows: ImportRowReport[];
  title?: string;
  done?: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const [open, setOpen] = useState(true);
  const [shown, setShown] = useState(GROUP_PAGE);
  const id = useId();
  const rest = rows.length - shown;
  return (
    <section className="import-group" data-group={group} aria-labelledby={`${id}-h`}>
      <Title order={3} size="h5" id={`${id}-h`}>
        <UnstyledButton
          className="import-group-toggle"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-controls={`${id}-list`}
        >
          <span className="import-chevron" aria-hidden="true" data-open={open || undefined} />
          {title ?? t(`import.groups.${group}`, { number: formatNumber(rows.length, locale) })}
        </UnstyledButton>
      </Title>
      <Collapse in={open} id={`${id}-list`}>
        <ul className="plain-list import-people">
          {rows.slice(0, shown).map((r) => (
            <Person key={r.row} row={r} done={done} />
          ))}
        </ul>
        {rest > 0 && (
          <Button variant="default" size="xs" mt="xs" onClick={() => setShown((n) => n + 100)}>
            {rest <= 100
              ? t('import.groups.more', { count: rest })
              : t('import.groups.moreOf', { count: 100, rest: formatNumber(rest, locale) })}
          </Button>
        )}
      </Collapse>
    </section>
  );
}

/**
 * The people of the file, grouped by what happens to them: not imported, duplicates, in with cells
 * left out, in with a note, in as they are. Each group folds; the last one is hidden while only
 * people with something to say are shown, and a search finds one person among hundreds.
 */
export function PeopleList({ rows }: { rows: ImportRowReport[] }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const hasNotes = rows.some((r) => groupOf(r) !== 'clean');
  const [onlyNotes, setOnlyNotes] = useState(hasNotes);
  const [query, setQuery] = useState('');
  const grouped = useMemo(() => {
    const q = query.trim().toLocaleLowerCase(locale);
    const match = (r: ImportRowReport) => !q || String(r.row) === q || (r.name ?? '').toLocaleLowerCase(locale).includes(q);
    const out = new Map<Group, ImportRowReport[]>(GROUPS.map((g) => [g, []]));
    for (const r of rows) if (match(r)) out.get(groupOf(r))!.push(r);
    return out;
  }, [rows, query, locale]);
  const visible = GROUPS.filter((g) => (grouped.get(g)?.length ?? 0) > 0 && !(onlyNotes && g === 'clean'));
  const hiddenClean = onlyNotes ? (grouped.get('clean')?.length ?? 0) : 0;
  return (
    <section aria-labelledby="import-people" className="import-people-section">
      <Stack gap="sm">
        <Title order={3} size="h4" id="import-people">
          {t('import.people.heading')}
        </Title>
        <div className="import-people-filters">
          <TextInput
            label={t('import.people.search')}
            description={t('import.people.searchDescription')}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            type="search"
            maw={360}
          />
          <Checkbox
            label={t('import.people.onlyWithNotes')}
            checked={onlyNotes}
            onChange={(e) => setOnlyNotes(e.currentTarget.checked)}
            disabled={!hasNotes}
          />
        </div>
        {visible.map((g) => (
          <PeopleGroup key={g} group={g} rows={grouped.get(g)!} />
        ))}
        <Text size="sm" role="status" className="secondary-text">
          {visible.length === 0 && query.trim()
            ? t('import.people.noMatch')
            : hiddenClean > 0
              ? t('import.people.hiddenClean', { count: hiddenClean })
              : ''}
        </Text>
      </Stack>
    </section>
  );
}
