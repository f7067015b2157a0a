import { Stack, Text } from '@mantine/core';
import type { RefObject } from 'react';
import { ProblemError } from '../../api/client.js';
import { FormActions } from '../../components/form-actions.js';
import { ProblemAlert } from '../../components/problem-alert.js';

/**
 * The foot of an edit form: the save's problem (focusable, so a failed save can take the person
 * there), a hint when someone else saved first, then cancel and submit.
 */
export function EditFormFoot({
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
        <FormActions onCancel={onCancel} submitLabel={submitLabel} loading={pending} />
      </Stack>
    </div>
  );
}
