import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import { formatNumber } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import type { ImportProgress } from './api.js';

/** A file size in kB or MB, as the reader writes numbers and units. */
function formatSize(bytes: number, locale: string): string {
  const tag = locale === 'ar' ? 'ar-u-nu-latn' : locale;
  const mb = bytes >= 1_000_000;
  return new Intl.NumberFormat(tag, {
    style: 'unit',
    unit: mb ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: mb ? 1 : 0,
  }).format(mb ? bytes / 1_000_000 : bytes === 0 ? 0 : Math.max(1, Math.round(bytes / 1000)));
}

/**
 * The upload as it really goes: a percentage while the browser sends the file, then an
 * indeterminate bar while the server reads, checks and (on import) writes — it reports no steps.
 */
export function UploadProgress({ progress, label }: { progress: ImportProgress; label: string }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  if (progress.phase === 'uploading') {
    const percent = progress.total ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : 0;
    const text = t('import.progress.uploading', {
      percent: formatNumber(percent, locale),
      loaded: formatSize(progress.loaded, locale),
      total: formatSize(progress.total, locale),
    });
    return (
      <Stack gap={6}>
        <Progress.Root
          size="xl"
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={text}
        >
          <Progress.Section value={percent} withAria={false} />
        </Progress.Root>
        <Text size="sm" aria-hidden="true">
          {text}
        </Text>
      </Stack>
    );
  }
  const text = t('import.progress.processing');
  return (
    <Stack gap={6}>
      {/* No aria-valuenow: the server's share of the work is not known, and the bar does not pretend. */}
      <Progress.Root size="xl" role="progressbar" aria-label={label} aria-valuetext={text} aria-busy="true">
        <Progress.Section value={100} striped animated withAria={false} />
      </Progress.Root>
      <Text size="sm" aria-hidden="true">
        {text}
      </Text>
    </Stack>
  );
}
