import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { ConfirmModal } from '../data.js';

/** The part of a TanStack mutation a confirmation needs (delete, revoke). */
export interface ConfirmableMutation<V> {
  mutate: (variables: V, options: { onSuccess: () => void }) => void;
  isPending: boolean;
  error: unknown;
  reset: () => void;
}

interface RowConfirmation<T, V> {
  mutation: ConfirmableMutation<V>;
  /** What the mutation is called with for a row (its id, a catalogue entry's key). */
  variables: (item: T) => V;
  title: string;
  message: (item: T) => ReactNode;
  confirmLabel: string;
  /** The notification after it is done. */
  done: (item: T) => string;
}

/**
 * A row action that asks first (delete a record, revoke an invitation): `ask(row)` opens the dialog,
 * which shows the mutation's problem if it fails and a notification when it is done.
 */
export function useRowConfirmation<T, V>({ mutation, variables, title, message, confirmLabel, done }: RowConfirmation<T, V>) {
  const [asked, setAsked] = useState<T | null>(null);
  const close = () => {
    setAsked(null);
    mutation.reset();
  };
  const dialog = (
    <ConfirmModal
      opened={asked !== null}
      title={title}
      message={asked === null ? '' : message(asked)}
      confirmLabel={confirmLabel}
      loading={mutation.isPending}
      error={mutation.error}
      onClose={close}
      onConfirm={() =>
        asked !== null &&
        mutation.mutate(variables(asked), {
          onSuccess: () => {
            notifications.show({ color: 'green', message: done(asked) });
            close();
          },
        })
      }
    />
  );
  return { ask: (item: T) => setAsked(() => item), dialog };
}
