import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  FileInput,
  Group,
  List,
  NativeSelect,
  Paper,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import './import.css';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportColumn, ImportReport, ImportRowReport } from '../../../common/api/volunteer-imports.js';
import { ProblemError } from '../../api/client.js';
import { useInvalidate } from '../../api/hooks.js';
import { ListTable } from '../../components/data.js';
import { IconInfo } from '../../components/icons.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatNumber, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { uploadImport, type ImportProgress } from './api.js';
import { FIELD_GROUPS, REQUIRED_FIELDS } from './fields.js';
import { UploadProgress } from './upload-progress.js';

type Step = 'file' | 'mapping' | 'preview' | 'import';
const STEPS: Step[] = ['file', 'mapping', 'preview', 'import'];
type Mapping = Record<string, string | null>;
type RowFilter = 'problems' | 'duplicates' | 'all';
const PAGE_ROWS = 100;

/** Which step the wizard is on, as a list that says so to screen readers too. */
function StepList({ current }: { current: Step }) {
  const { t } = useTranslation();
  const index = STEPS.indexOf(current);
  return (
    <nav aria-label={t('import.steps.label')}>
      <ol className="import-steps">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={s === current ? 'step' : undefined} data-state={i < index ? 'done' : i === index ? 'current' : 'todo'}>
            <span className="import-step-number" aria-hidden="true">
              {i + 1}
            </span>
            <span>
              <span className="visually-hidden">
                {t('import.steps.number', {
                  number: i + 1,
                  total: STEPS.length,
                })}{' '}
              </span>
              {t(`import.steps.${s}`)}
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The problem and, for mapping errors, each field's message. */
function ImportProblem({ error }: { error: unknown }) {
  if (!error) return null;
  const fieldErrors = error instanceof ProblemError ? (error.problem.errors ?? []) : [];
  return (
    <Stack gap="xs">
      <ProblemAlert error={error} />
      {fieldErrors.length > 0 && (
        <List size="sm" className="import-error-list">
          {fieldErrors.map((e) => (
            <List.Item key={e.path + e.message}>{e.message}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

function StepHeading({ children, focus }: { children: string; focus: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  // Moving to another step puts the reading position at its heading (not on the page's first load).
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <Title order={2} ref={ref} tabIndex={-1} className="page-title">
      {children}
    </Title>
  );
}

function Summary({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const s = report.summary;
  const items: [string, number][] = [
    [t('import.summary.total'), s.total],
    [t('import.summary.valid'), s.valid],
    [t('import.summary.invalid'), s.invalid],
    [t('import.summary.duplicates'), s.duplicates],
  ];
  return (
    <dl className="import-summary">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{formatNumber(value, locale)}</dd>
        </div>
      ))}
    </dl>
  );
}

const STATUS_COLOR: Record<ImportRowReport['status'], string> = {
  valid: 'green',
  invalid: 'red',
  duplicate: 'orange',
};

function RowNotes({ row }: { row: ImportRowReport }) {
  const { t } = useTranslation();
  const notes = row.problems.map((p) => {
    const where = p.column
      ? t('import.preview.inColumn', { column: isolate(p.column) })
      : t(`import.fields.${p.field}`, { defaultValue: p.field });
    return `${where}: ${p.message}`;
  });
  const d = row.duplicateOf;
  return (
    <Stack gap={2}>
      {notes.length > 0 && (
        <ul className="plain-list import-notes">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {d && d.row !== undefined && <Text size="sm">{t(`import.preview.duplicateOfRow.${d.reason}`, { row: d.row })}</Text>}
      {d && d.volunteerId && (
        <Text size="sm">
          {t(`import.preview.duplicateInPool.${d.reason}`)}{' '}
          <Anchor component={Link} to={`/volunteers/${d.volunteerId}`}>
            {t('import.preview.openProfile')}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}

export default function VolunteerImportPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const invalidate = useInvalidate();
  const [step, setCurrentStep] = useState<Step>('file');
  const [moved, setMoved] = useState(false);
  const setStep = (next: Step) => {
    setMoved(true);
    setCurrentStep(next);
  };
  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<ImportColumn[]>([]);
  const [mapping, setMapping] = useState<Mapping>({});
  const [onDuplicate, setOnDuplicate] = useState<'skip' | 'merge'>('skip');
  const [rememberMapping, setRememberMapping] = useState(true);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mappingTried, setMappingTried] = useState(false);
  const [filter, setFilter] = useState<RowFilter>('problems');
  const [shown, setShown] = useState(PAGE_ROWS);
  const running = useRef<AbortController | null>(null);
  const phone = useMediaQuery('(max-width: 36em)') ?? false;

  useEffect(() => () => running.current?.abort(), []);

  async function send(dryRun: boolean, options: { mapping?: Mapping; onDuplicate?: 'skip' | 'merge' } = {}): Promise<ImportReport | null> {
    if (!file) return null;
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setBusy(true);
    setError(null);
    setProgress({ phase: 'uploading', loaded: 0, total: file.size });
    try {
      return await uploadImport(
        {
          file,
          dryRun,
          mapping: options.mapping,
          onDuplicate: options.onDuplicate ?? onDuplicate,
          rememberMapping,
        },
        setProgress,
        controller.signal,
      );
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return null;
      setError(e);
      return null;
    } finally {
      if (running.current === controller) {
        setBusy(false);
        setProgress(null);
      }
    }
  }

  // Step 1: the first dry run reads the headers and brings the remembered or guessed mapping.
  async function readFile() {
    if (!file) {
      setFileError(t('import.file.required'));
      return;
    }
    const report = await send(true);
    if (!report) return;
    setColumns(report.columns);
    setMapping(Object.fromEntries(report.columns.map((c) => [c.header, c.field])));
    setMappingTried(false);
    setStep('mapping');
  }

  const taken = useMemo(() => {
    const owner = new Map<string, string>();
    const errors: Record<string, string> = {};
    for (const c of columns) {
      const field = mapping[c.header];
      if (!field) continue;
      const first = owner.get(field);
      if (first)
        errors[c.header] = t('validation.importFieldTwice', {
          column: isolate(first),
        });
      else owner.set(field, c.header);
    }
    return { owner, errors };
  }, [columns, mapping, t]);
  const missingRequired = REQUIRED_FIELDS.filter((f) => !taken.owner.has(f));

  async function toPreview() {
    setMappingTried(true);
    if (missingRequired.length || Object.keys(taken.errors).length) return;
    const report = await send(true, { mapping });
    if (!report) return;
    setPreview(report);
    setFilter(report.summary.invalid + report.summary.duplicates > 0 ? 'problems' : 'all');
    setShown(PAGE_ROWS);
    setStep('preview');
  }

  async function changeDuplicates(value: 'skip' | 'merge') {
    setOnDuplicate(value);
    const report = await send(true, { mapping, onDuplicate: value });
    if (report) setPreview(report);
  }

  async function commit() {
    setResult(null);
    setStep('import');
    const report = await send(false, { mapping });
    if (!report) return;
    setResult(report);
    await invalidate('volunteers');
  }

  function restart() {
    running.current?.abort();
    setStep('file');
    setFile(null);
    setColumns([]);
    setMapping({});
    setPreview(null);
    setResult(null);
    setError(null);
    setOnDuplicate('skip');
  }

  const fieldOptions = useMemo(
    () => [
      { value: '', label: t('import.mapping.ignore') },
      ...FIELD_GROUPS.map((g) => ({
        group: t(`import.fieldGroups.${g.group}`),
        items: g.fields.map((f) => ({
          value: f,
          label: t(`import.fields.${f}`),
        })),
      })),
    ],
    [t],
  );

  const sourceNote = (c: ImportColumn) => {
    if (mapping[c.header] !== c.field) return t('import.mapping.changed');
    if (c.source === 'remembered') return t('import.mapping.remembered');
    if (c.field) return t('import.mapping.guessed');
    return t('import.mapping.notRecognised');
  };

  const rows = preview?.rows ?? [];
  const filtered = rows.filter((r) => (filter === 'all' ? true : filter === 'problems' ? r.status !== 'valid' : r.status === 'duplicate'));
  const counts = {
    problems: rows.filter((r) => r.status !== 'valid').length,
    duplicates: rows.filter((r) => r.status === 'duplicate').length,
    all: rows.length,
  };
  const poolDuplicates = rows.filter((r) => r.duplicateOf?.volunteerId).length;
  const toWrite = preview ? preview.summary.created + preview.summary.merged : 0;

  return (
    <Page title={t('import.title')}>
      <StepList current={step} />
      <div role="status" className="visually-hidden">
        {busy && progress?.phase === 'processing' ? t('import.progress.processing') : busy ? t('import.progress.started') : ''}
      </div>

      {step === 'file' && (
        <Paper withBorder p="md" radius="md">
          <Stack>
            <StepHeading focus={moved}>{t('import.file.heading')}</StepHeading>
            <Text>{t('import.file.intro')}</Text>
            <List size="sm" spacing={4}>
              <List.Item>{t('import.file.hintHeader')}</List.Item>
              <List.Item>
                {t('import.file.hintLanguages')} <code dir="ltr">ar:native; de:B2</code>
              </List.Item>
              <List.Item>{t('import.file.hintDates')}</List.Item>
              <List.Item>{t('import.file.hintOrigins')}</List.Item>
            </List>
            <FileInput
              label={t('import.file.label')}
              description={t('import.file.description')}
              placeholder={t('import.file.placeholder')}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              value={file}
              onChange={(f) => {
                setFile(f);
                setFileError(null);
                setError(null);
              }}
              error={fileError}
              required
              clearable
              clearButtonProps={{ 'aria-label': t('import.file.clear') }}
              // Mantine's placeholder grey is below 4.5:1 on white.
              styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
              maw={520}
            />
            {busy && progress && <UploadProgress progress={progress} label={t('import.progress.readLabel')} />}
            <ImportProblem error={error} />
            <Group>
              <Button onClick={() => void readFile()} loading={busy}>
                {t('import.file.next')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {step === 'mapping' && (
        <Paper withBorder p="md" radius="md">
          <Stack>
            <StepHeading focus={moved}>{t('import.mapping.heading')}</StepHeading>
            <Text>
              {t('import.mapping.intro', {
                file: isolate(file?.name ?? ''),
                count: columns.length,
              })}
            </Text>
            {columns.some((c) => c.source === 'remembered') && (
              <Alert role="note" color="blue" variant="light" icon={<IconInfo />}>
                {t('import.mapping.rememberedNotice')}
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
              {columns.map((c) => (
                <NativeSelect
                  key={c.header}
                  label={t('import.mapping.columnLabel', {
                    column: isolate(c.header),
                  })}
                  description={sourceNote(c)}
                  data={fieldOptions}
                  value={mapping[c.header] ?? ''}
                  onChange={(e) =>
                    setMapping((m) => ({
                      ...m,
                      [c.header]: e.currentTarget.value || null,
                    }))
                  }
                  error={taken.errors[c.header]}
                />
              ))}
            </SimpleGrid>
            {mappingTried && missingRequired.length > 0 && (
              <Alert color="red" variant="light" role="alert" title={t('import.mapping.requiredTitle')}>
                {t('import.mapping.required', {
                  fields: missingRequired.map((f) => t(`import.fields.${f}`)).join(', '),
                })}
              </Alert>
            )}
            {busy && progress && <UploadProgress progress={progress} label={t('import.progress.checkLabel')} />}
            <ImportProblem error={error} />
            <Group justify="space-between">
              <Button variant="default" onClick={() => setStep('file')} disabled={busy}>
                {t('import.back')}
              </Button>
              <Button onClick={() => void toPreview()} loading={busy}>
                {t('import.mapping.next')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {step === 'preview' && preview && (
        <Paper withBorder p="md" radius="md">
          <Stack>
            <StepHeading focus={moved}>{t('import.preview.heading')}</StepHeading>
            <Text>{t('import.preview.intro')}</Text>
            <Summary report={preview} />
            {preview.summary.duplicates > 0 && (
              <Radio.Group
                label={t('import.preview.duplicatesLabel')}
                description={t('import.preview.duplicatesDescription', {
                  count: poolDuplicates,
                })}
                value={onDuplicate}
                onChange={(v) => void changeDuplicates(v as 'skip' | 'merge')}
              >
                <Stack gap="xs" mt="xs">
                  <Radio value="merge" label={t('import.preview.merge')} disabled={busy} />
                  <Radio value="skip" label={t('import.preview.skip')} disabled={busy} />
                </Stack>
              </Radio.Group>
            )}
            {busy && progress && <UploadProgress progress={progress} label={t('import.progress.checkLabel')} />}
            <ImportProblem error={error} />
            <SegmentedControl
              value={filter}
              onChange={(v) => {
                setFilter(v as RowFilter);
                setShown(PAGE_ROWS);
              }}
              aria-label={t('import.preview.filterLabel')}
              data={(['problems', 'duplicates', 'all'] as const).map((f) => ({
                value: f,
                label: t(`import.preview.filter.${f}`, {
                  count: formatNumber(counts[f], locale),
                }),
              }))}
              orientation={phone ? 'vertical' : 'horizontal'}
              fullWidth={phone}
            />
            <ListTable
              caption={t('import.preview.tableCaption')}
              isPending={false}
              error={null}
              columns={[
                { label: t('import.preview.row'), noPhoneLabel: true },
                { label: t('import.preview.status') },
                { label: t('import.preview.action') },
                { label: t('import.preview.notes'), wrap: true },
              ]}
              rows={filtered.slice(0, shown).map((r) => ({
                key: String(r.row),
                cells: [
                  <Text key="row" fw={600} size="sm">
                    {t('import.preview.rowNumber', { row: r.row })}
                  </Text>,
                  <StatusBadge key="status" color={STATUS_COLOR[r.status]}>
                    {t(`import.rowStatus.${r.status}`)}
                  </StatusBadge>,
                  t(`import.rowAction.${r.action ?? 'skip'}`),
                  <RowNotes key="notes" row={r} />,
                ],
              }))}
              hasNextPage={filtered.length > shown}
              onLoadMore={() => setShown((n) => n + PAGE_ROWS)}
            />
            <Checkbox
              label={t('import.preview.rememberMapping')}
              description={t('import.preview.rememberMappingDescription')}
              checked={rememberMapping}
              onChange={(e) => setRememberMapping(e.currentTarget.checked)}
            />
            {toWrite === 0 ? (
              <Alert role="note" color="orange" variant="light" icon={<IconInfo />}>
                {t('import.preview.nothingToImport')}
              </Alert>
            ) : (
              <Text fw={500}>
                {t('import.preview.willDo', {
                  created: preview.summary.created,
                  merged: preview.summary.merged,
                  skipped: preview.summary.skipped,
                })}
              </Text>
            )}
            <Group justify="space-between">
              <Button variant="default" onClick={() => setStep('mapping')} disabled={busy}>
                {t('import.preview.backToMapping')}
              </Button>
              <Button onClick={() => void commit()} disabled={busy || toWrite === 0}>
                {t('import.preview.commit')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      {step === 'import' && (
        <Paper withBorder p="md" radius="md">
          <Stack>
            <StepHeading focus={moved}>{result ? t('import.result.heading') : t('import.running.heading')}</StepHeading>
            {busy && progress && (
              <>
                <Text>{t('import.running.intro')}</Text>
                <UploadProgress progress={progress} label={t('import.progress.importLabel')} />
              </>
            )}
            {!busy && error !== null && (
              <>
                <ImportProblem error={error} />
                <Text>{t('import.running.nothingWritten')}</Text>
                <Group>
                  <Button variant="default" onClick={() => setStep('preview')}>
                    {t('import.running.backToPreview')}
                  </Button>
                </Group>
              </>
            )}
            {result && (
              <>
                <Alert color="green" variant="light" title={t('import.result.done')} role="status">
                  <Text size="sm">
                    {t('import.result.text', {
                      created: result.summary.created,
                      merged: result.summary.merged,
                      skipped: result.summary.skipped,
                    })}
                  </Text>
                </Alert>
                <Summary report={result} />
                <Group>
                  <Button component={Link} to="/volunteers">
                    {t('import.result.toPool')}
                  </Button>
                  <Button variant="default" onClick={restart}>
                    {t('import.result.again')}
                  </Button>
                </Group>
              </>
            )}
          </Stack>
        </Paper>
      )}
    </Page>
  );
}
