import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from '../../i18n/translate.js';

/** A part of the portal page: a card with its own heading, named for screen readers by it. */
export function Section({ id, title, intro, children }: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby={id}>
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id={id}>
            {title}
          </Title>
          {intro && (
            <Text mt={4} className="secondary-text">
              {intro}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * The save button of one part, with a word about its state: unsaved changes, or saved. The
 * "saved" line is a live status, so screen readers hear that saving worked.
 */
export function SaveBar({ label, loading, dirty, saved }: { label: string; loading: boolean; dirty: boolean; saved: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" align="center">
      <Button type="submit" loading={loading}>
        {label}
      </Button>
      <Text size="sm" role="status" className="secondary-text">
        {dirty ? t('portal.unsaved') : saved ? t('portal.saved') : ''}
      </Text>
    </Group>
  );
}
