import { Alert, Button, Checkbox, Group, Paper, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import type { ImportReport } from '../../../common/api/volunteer-imports.js';
import { IconInfo } from '../../components/icons.js';
import type { ImportProgress } from './api.js';
import type { Ambiguity, Choices } from './choices.js';
import { AmbiguityChoices, PeopleList, SkippedRows, Summary } from './preview.js';
import { UploadProgress } from './upload-progress.js';
import { ImportProblem, StepHeading } from './wizard.js';

/** Step 3: what the import would do, with the choices still open. */
export function PreviewStep({
  moved,
  busy,
  progress,
  error,
  preview,
  ambiguities,
  choices,
  onChoose,
  onDuplicate,
  onChangeDuplicates,
  rememberMapping,
  onRememberMapping,
  onBack,
  onCommit,
}: {
  moved: boolean;
  busy: boolean;
  progress: ImportProgress | null;
  error: unknown;
  preview: ImportReport;
  /** The open questions about values of mapped columns. */
  ambiguities: Ambiguity[];
  choices: Choices;
  onChoose: (a: Ambiguity, key: string | null | undefined) => void;
  onDuplicate: 'skip' | 'merge';
  onChangeDuplicates: (value: 'skip' | 'merge') => void;
  rememberMapping: boolean;
  onRememberMapping: (remember: boolean) => void;
  onBack: () => void;
  onCommit: () => void;
}) {
  const { t } = useTranslation();
  const poolDuplicates = preview.rows.filter((r) => r.duplicateOf?.volunteerId).length;
  const toWrite = preview.summary.created + preview.summary.merged;
  return (
    <Paper withBorder p="md" radius="md">
      <Stack>
        <StepHeading focus={moved}>{t('import.preview.heading')}</StepHeading>
        <Text>{t('import.preview.intro')}</Text>
        <Summary report={preview} />
        {ambiguities.length > 0 && <AmbiguityChoices ambiguities={ambiguities} choices={choices} onChoose={onChoose} />}
        {preview.summary.duplicates > 0 && (
          <Radio.Group
            label={t('import.preview.duplicatesLabel')}
            description={t('import.preview.duplicatesDescription', {
              count: poolDuplicates,
            })}
            value={onDuplicate}
            onChange={(v) => onChangeDuplicates(v as 'skip' | 'merge')}
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
          onChange={(e) => onRememberMapping(e.currentTarget.checked)}
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
          <Button variant="default" onClick={onBack} disabled={busy}>
            {t('import.preview.backToMapping')}
          </Button>
          <Button onClick={onCommit} disabled={busy || toWrite === 0}>
            {t('import.preview.commit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
