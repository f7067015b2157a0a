import './import.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import type { ImportColumn, ImportReport } from '../../../common/api/volunteer-imports.js';
import { useInvalidate } from '../../api/hooks.js';
import { Page } from '../../components/page.js';
import { isolate } from '../../i18n/format.js';
import { uploadImport, type ImportProgress } from './api.js';
import { REQUIRED_FIELDS } from './fields.js';
import { choiceKey, choiceList, mergeAmbiguities, type Ambiguity, type Choices } from './choices.js';
import { FileStep } from './file-step.js';
import { MappingStep, type Mapping, type Sheet } from './mapping-step.js';
import { PreviewStep } from './preview-step.js';
import { ResultStep } from './result-step.js';
import { StepList, type Step } from './wizard.js';

export default function VolunteerImportPage() {
  const { t } = useTranslation();
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

  const mappedFields = new Set(Object.values(mapping).filter(Boolean));
  const shownAmbiguities = ambiguities.filter((a) => mappedFields.has(a.field));
  const stepProps = { moved, busy, progress, error };
  return (
    <Page title={t('import.title')}>
      <StepList current={step} />
      <div role="status" className="visually-hidden">
        {busy && progress?.phase === 'processing' ? t('import.progress.processing') : busy ? t('import.progress.started') : ''}
      </div>

      {step === 'file' && (
        <FileStep
          {...stepProps}
          file={file}
          fileError={fileError}
          onFileChange={(f) => {
            setFile(f);
            setFileError(null);
            setError(null);
          }}
          onNext={() => void readFile()}
        />
      )}

      {step === 'mapping' && (
        <MappingStep
          {...stepProps}
          fileName={file?.name ?? ''}
          sheet={sheet}
          headerRow={headerRow}
          columns={columns}
          mapping={mapping}
          onMappingChange={setMapping}
          columnErrors={taken.errors}
          missingRequired={missingRequired}
          mappingTried={mappingTried}
          onChooseHeaderRow={(row) => void chooseHeaderRow(row)}
          onBack={() => setStep('file')}
          onNext={() => void toPreview()}
        />
      )}

      {step === 'preview' && preview && (
        <PreviewStep
          {...stepProps}
          preview={preview}
          ambiguities={shownAmbiguities}
          choices={choices}
          onChoose={(a, key) => void choose(a, key)}
          onDuplicate={onDuplicate}
          onChangeDuplicates={(v) => void changeDuplicates(v)}
          rememberMapping={rememberMapping}
          onRememberMapping={setRememberMapping}
          onBack={() => setStep('mapping')}
          onCommit={() => void commit()}
        />
      )}

      {step === 'import' && <ResultStep {...stepProps} result={result} onBackToPreview={() => setStep('preview')} onRestart={restart} />}
    </Page>
  );
}
