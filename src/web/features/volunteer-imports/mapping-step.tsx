import { Alert, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo, type Dispatch, type SetStateAction } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import type { ImportColumn, ImportReport } from '../../../common/api/volunteer-imports.js';
import { IconInfo } from '../../components/icons.js';
import { isolate } from '../../i18n/format.js';
import type { ImportProgress } from './api.js';
import { FIELD_GROUPS } from './fields.js';
import { UploadProgress } from './upload-progress.js';
import { ImportProblem, StepHeading } from './wizard.js';

export type Mapping = Record<string, string | null>;
/** Where the headers were found, and the rows one may pick instead. */
export type Sheet = Pick<ImportReport, 'headerRow' | 'headerRowGuessed' | 'headerCandidates'>;

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

/** Step 2: which field each column fills, and which row holds the headers. */
export function MappingStep({
  moved,
  busy,
  progress,
  error,
  fileName,
  sheet,
  headerRow,
  columns,
  mapping,
  onMappingChange,
  columnErrors,
  missingRequired,
  mappingTried,
  onChooseHeaderRow,
  onBack,
  onNext,
}: {
  moved: boolean;
  busy: boolean;
  progress: ImportProgress | null;
  error: unknown;
  fileName: string;
  sheet: Sheet | null;
  /** The header row the user picked; null: the server finds it. */
  headerRow: number | null;
  columns: ImportColumn[];
  mapping: Mapping;
  onMappingChange: Dispatch<SetStateAction<Mapping>>;
  /** Per column header: the field is taken twice. */
  columnErrors: Record<string, string>;
  missingRequired: readonly string[];
  mappingTried: boolean;
  onChooseHeaderRow: (row: number) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
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

  return (
    <Paper withBorder p="md" radius="md">
      <Stack>
        <StepHeading focus={moved}>{t('import.mapping.heading')}</StepHeading>
        <Text>
          {t('import.mapping.intro', {
            file: isolate(fileName),
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
                  onChange={(e) => onChooseHeaderRow(Number(e.currentTarget.value))}
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
                onMappingChange((m) => ({
                  ...m,
                  [c.header]: e.currentTarget.value || null,
                }))
              }
              error={columnErrors[c.header]}
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
          <Button variant="default" onClick={onBack} disabled={busy}>
            {t('import.back')}
          </Button>
          <Button onClick={onNext} loading={busy}>
            {t('import.mapping.next')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
