import { Button, Group, Stack, Text } from '@mantine/core';
import type { RefObject } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { ProblemError } from '../../api/client.js';
import { ProblemAlert } from '../../components/problem-alert.js';

/**
 * The foot of an edit form: the save's problem (focusable, so a failed save can take the person
 * there), a hint when someone else saved first, then cancel and submit.
 */
export function FormActions({
  alertRef,
  error,
  onReload,
  conflictHint,
  onCancel,
  pending,
  submitLabel,
}: {
  alertRef: RefObject<HTMLDivElement | null>;
  error: unknown;
  onReload?: () => void;
  /** Shown under a 409 when the form can reload the stored record. */
  conflictHint: string;
  onCancel: () => void;
  pending: boolean;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const conflict = error instanceof ProblemError && error.status === 409;
  return (
    <div className="form-actions">
      <Stack gap="xs">
        <div ref={alertRef} tabIndex={-1}>
          <ProblemAlert error={error} onReload={onReload} />
          {conflict && onReload && (
            <Text size="sm" mt={4}>
              {conflictHint}
            </Text>
          )}
        </div>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </div>
  );
}
