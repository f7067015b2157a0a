import { ActionIcon, Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';

/** The × at the end of a repeated row (a language, a slot, a qualification). */
export function RowRemove({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="default" size="lg" mb={2} aria-label={label} onClick={onClick}>
      <span aria-hidden="true">×</span>
    </ActionIcon>
  );
}

/** The button under a list of rows that adds one more. */
export function AddButton({ id, children, onClick }: { id?: string; children: ReactNode; onClick: () => void }) {
  return (
    <Group>
      <Button variant="default" size="xs" id={id} onClick={onClick}>
        {children}
      </Button>
    </Group>
  );
}
