import { Alert, Button, Checkbox, FileInput, Group, List, NativeSelect, Paper, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import './import.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import type { ImportColumn, ImportReport } from '../../../common/api/volunteer-imports.js';
import { ProblemError } from '../../api/client.js';
import { useInvalidate } from '../../api/hooks.js';
import { IconInfo } from '../../components/icons.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatNumber, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { uploadImport, type ImportProgress } from './api.js';
import { FIELD_GROUPS, REQUIRED_FIELDS } from './fields.js';
import { choiceKey, choiceList, mergeAmbiguities, type Ambiguity, type Choices } from './choices.js';
import { AmbiguityChoices, PeopleGroup, PeopleList, SkippedRows, Summary } from './preview.js';
import { UploadProgress } from './upload-progress.js';

type Step = 'file' | 'mapping' | 'preview' | 'import';
const STEPS: Step[] = ['file', 'mapping', 'preview', 'import'];
type Mapping = Record<string, string | null>;
/** Where the headers were found, and the rows one may pick instead. */
type Sheet = Pick<ImportReport, 'headerRow' | 'headerRowGuessed' | 'headerCandidates'>;

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

/**
 * Up to six of a row's first cells, so a row is recognised by what it says; isolated as one run,
 * so that they stand in the file's order on an Arabic page too.
 */
function rowCells(cells: string[]): string {
  const filled = cells.filter((c) => c !== '');
  return isolate(filled.slice(0, 6).join(' · ') + (filled.length > 6 ? ' …' : ''));
}

/** What the mapping says under a column: how its field came about, whether it is hidden, what it holds. */
function ColumnDescription({ column, note }: { column: ImportColumn; note: string }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="import-column-note">
        {column.hidden && (
          <>
            <span className="import-hidden">{t('import.mapping.hidden')}</span>
            {' · '}
          </>
        )}
        {note}
      </span>
      <span className="import-samples">
        {column.samples.length === 0 ? (
          t('import.mapping.noSamples')
        ) : (
          <>
            {t('import.mapping.samples')}{' '}
            {column.samples.map((v, i) => (
              <span key={v}>
                {i > 0 && <span className="visually-hidden">, </span>}
                <bdi className="import-sample">{v}</bdi>{' '}
              </span>
            ))}
          </>
        )}
      </span>
    </>
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
  const [sheet, setSheet] = useState<Sheet | null>(null);
  /** The header row the user picked; null: the server finds it. */
  const [headerRow, setHeaderRow] = useState<number | null>(null);
  const [columns, setColumns] = useState<ImportColumn[]>([]);
  const [mapping, setMapping] = useState<Mapping>({});
  const [choices, setChoices] = useState<Choices>({});
  const [ambiguities, setAmbiguities] = useState<Ambiguity[]>([]);
  const [onDuplicate, setOnDuplicate] = useState<'skip' | 'merge'>('skip');
  const [rememberMapping, setRememberMapping] = useState(true);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mappingTried, setMappingTried] = useState(false);
  const running = useRef<AbortController | null>(null);
  const headerRequest = useRef(0);

  useEffect(() => () => running.current?.abort(), []);

  interface SendOptions {
    mapping?: Mapping;
    onDuplicate?: 'skip' | 'merge';
    headerRow?: number | null;
    choices?: Choices;
    ambiguities?: Ambiguity[];
  }

  async function send(dryRun: boolean, options: SendOptions = {}): Promise<ImportReport | null> {
    if (!file) return null;
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setBusy(true);
    setError(null);
    setProgress({ phase: 'uploading', loaded: 0, total: file.size });
    const row = options.headerRow === undefined ? headerRow : options.headerRow;
    try {
      return await uploadImport(
        {
          file,
          dryRun,
          mapping: options.mapping,
          onDuplicate: options.onDuplicate ?? onDuplicate,
          rememberMapping,
          ...(row !== null ? { headerRow: row } : {}),
          choices: choiceList(options.choices ?? choices, options.ambiguities ?? ambiguities),
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

  /** Takes the columns of a report that read the headers afresh (new file, or another header row). */
  function takeColumns(report: ImportReport) {
    setSheet({ headerRow: report.headerRow, headerRowGuessed: report.headerRowGuessed, headerCandidates: report.headerCandidates });
    setColumns(report.columns);
    setMapping(Object.fromEntries(report.columns.map((c) => [c.header, c.field])));
    setAmbiguities(report.ambiguities);
    setMappingTried(false);
  }

  // Step 1: the first dry run finds the header row and brings the remembered or guessed mapping.
  async function readFile() {
    if (!file) {
      setFileError(t('import.file.required'));
      return;
    }
    setHeaderRow(null);
    setChoices({});
    const report = await send(true, { headerRow: null, choices: {}, ambiguities: [] });
    if (!report) return;
    takeColumns(report);
    setStep('mapping');
  }

  async function chooseHeaderRow(row: number) {
    const previous = headerRow;
    const request = ++headerRequest.current;
    setHeaderRow(row);
    const report = await send(true, { headerRow: row });
    if (report) takeColumns(report);
    // A refused row gives way to the one before; a request overtaken by a newer one leaves it alone.
    else if (request === headerRequest.current) setHeaderRow(previous);
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

  function takePreview(report: ImportReport) {
    setPreview(report);
    setAmbiguities((known) => mergeAmbiguities(known, report.ambiguities));
  }

  async function toPreview() {
    setMappingTried(true);
    if (missingRequired.length || Object.keys(taken.errors).length) return;
    const report = await send(true, { mapping });
    if (!report) return;
    takePreview(report);
    setStep('preview');
  }

  async function changeDuplicates(value: 'skip' | 'merge') {
    setOnDuplicate(value);
    const report = await send(true, { mapping, onDuplicate: value });
    if (report) takePreview(report);
  }

  async function choose(a: Ambiguity, key: string | null | undefined) {
    const next = { ...choices };
    if (key === undefined) delete next[choiceKey(a.field, a.value)];
    else next[choiceKey(a.field, a.value)] = key;
    setChoices(next);
    const report = await send(true, { mapping, choices: next });
    if (report) takePreview(report);
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
    setSheet(null);
    setHeaderRow(null);
    setColumns([]);
    setMapping({});
    setChoices({});
    setAmbiguities([]);
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

  const headerOptions = useMemo(() => {
    if (!sheet) return [];
    const candidates = sheet.headerCandidates.some((c) => c.row === sheet.headerRow)
      ? sheet.headerCandidates
      : [...sheet.headerCandidates, { row: sheet.headerRow, cells: columns.map((c) => c.header) }].sort((a, b) => a.row - b.row);
    return candidates.map((c) => ({
      value: String(c.row),
      label: t('import.mapping.headerRowOption', { row: c.row, cells: rowCells(c.cells) }),
    }));
  }, [sheet, columns, t]);

  const sourceNote = (c: ImportColumn) => {
    if (mapping[c.header] !== c.field) return t('import.mapping.changed');
    if (c.source === 'remembered') return t('import.mapping.remembered');
    if (c.field) return t('import.mapping.guessed');
    return t('import.mapping.notRecognised');
  };

  const mappedFields = new Set(Object.values(mapping).filter(Boolean));
  const shownAmbiguities = ambiguities.filter((a) => mappedFields.has(a.field));
  const poolDuplicates = preview?.rows.filter((r) => r.duplicateOf?.volunteerId).length ?? 0;
  const toWrite = preview ? preview.summary.created + preview.summary.merged : 0;
  // After the import: the people who came in with cells left out, to be completed in their profiles.
  const incomplete =
    result?.rows.filter((r) => r.status !== 'invalid' && r.action !== 'skip' && r.problems.some((p) => p.severity === 'dropped')) ?? [];

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
            {sheet && (
              <div className="import-box">
                <Stack gap="xs">
                  <Text fw={600} role="status">
                    {sheet.headerRowGuessed
                      ? t('import.mapping.headerFound', { row: sheet.headerRow })
                      : t('import.mapping.headerChosen', { row: sheet.headerRow })}
                  </Text>
                  {headerOptions.length > 1 && (
                    <NativeSelect
                      label={t('import.mapping.headerRowLabel')}
                      description={t('import.mapping.headerRowDescription')}
                      data={headerOptions}
                      value={String(headerRow ?? sheet.headerRow)}
                      onChange={(e) => void chooseHeaderRow(Number(e.currentTarget.value))}
                      classNames={{ input: 'import-header-select' }}
                    />
                  )}
                </Stack>
              </div>
            )}
            {columns.some((c) => c.source === 'remembered') && (
              <Alert role="note" color="blue" variant="light" icon={<IconInfo />}>
                {t('import.mapping.rememberedNotice')}
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="lg">
              {columns.map((c) => (
                <NativeSelect
                  key={c.header}
                  label={t('import.mapping.columnLabel', {
                    column: isolate(c.header),
                  })}
                  description={<ColumnDescription column={c} note={sourceNote(c)} />}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
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
            {shownAmbiguities.length > 0 && (
              <AmbiguityChoices ambiguities={shownAmbiguities} choices={choices} onChoose={(a, key) => void choose(a, key)} />
            )}
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
            <SkippedRows skipped={preview.skippedRows} />
            <PeopleList rows={preview.rows} />
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
                  {result.summary.withDroppedCells > 0 && (
                    <Text size="sm" mt={4}>
                      {t('import.result.withDroppedCells', { count: result.summary.withDroppedCells })}
                    </Text>
                  )}
                </Alert>
                <Summary report={result} />
                {incomplete.length > 0 && (
                  <PeopleGroup
                    group="dropped"
                    rows={incomplete}
                    done
                    title={t('import.result.incomplete', { number: formatNumber(incomplete.length, locale) })}
                  />
                )}
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
