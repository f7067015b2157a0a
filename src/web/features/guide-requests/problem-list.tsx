import { Stack } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import { ProblemError } from '../../api/client.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { fieldLabel } from './vocabulary.js';

/**
 * A problem with its field errors spelled out, where there is no form to carry them: the fields a
 * release still lacks, the rules that keep a volunteer out.
 */
export function ProblemWithDetails({ error, onReload }: { error: unknown; onReload?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const errors = error instanceof ProblemError ? (error.problem.errors ?? []) : [];
  return (
    <Stack gap={4}>
      <ProblemAlert error={error} onReload={onReload} />
      {errors.length > 0 && (
        <ul className="problem-fields">
          {errors.map((e) => (
            <li key={`${e.path}-${e.message}`}>
              {e.path.startsWith('body.') ? t('requests.problemField', { field: fieldLabel(e.path, t), message: e.message }) : e.message}
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
}
