import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import type { ImportReport } from '../../../common/api/volunteer-imports.js';
import { formatNumber } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import type { ImportProgress } from './api.js';
import { PeopleGroup, Summary } from './preview.js';
import { UploadProgress } from './upload-progress.js';
import { ImportProblem, StepHeading } from './wizard.js';

/** Step 4: the import running, then what it did (or that nothing was written). */
export function ResultStep({
  moved,
  busy,
  progress,
  error,
  result,
  onBackToPreview,
  onRestart,
}: {
  moved: boolean;
  busy: boolean;
  progress: ImportProgress | null;
  error: unknown;
  result: ImportReport | null;
  onBackToPreview: () => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  // After the import: the people who came in with cells left out, to be completed in their profiles.
  const incomplete =
    result?.rows.filter((r) => r.status !== 'invalid' && r.action !== 'skip' && r.problems.some((p) => p.severity === 'dropped')) ?? [];

  return (
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
              <Button variant="default" onClick={onBackToPreview}>
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
              <Button variant="default" onClick={onRestart}>
                {t('import.result.again')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
