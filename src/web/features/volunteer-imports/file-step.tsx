import { Button, FileInput, Group, List, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import type { ImportProgress } from './api.js';
import { UploadProgress } from './upload-progress.js';
import { ImportProblem, StepHeading } from './wizard.js';

/** Step 1: the file, with what it should look like. */
export function FileStep({
  moved,
  busy,
  progress,
  error,
  file,
  fileError,
  onFileChange,
  onNext,
}: {
  moved: boolean;
  busy: boolean;
  progress: ImportProgress | null;
  error: unknown;
  file: File | null;
  fileError: string | null;
  onFileChange: (file: File | null) => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  return (
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
          onChange={onFileChange}
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
          <Button onClick={onNext} loading={busy}>
            {t('import.file.next')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
