import { Anchor, Box, Card, Center, Group, Loader, Stack, Text, Button } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { flatItems, usePagedList } from '../../api/hooks.js';
import type { OutboxMail } from '../../api/types.js';
import { EmptyState } from '../../components/data.js';
import { Page } from '../../components/page.js';
import { StatusBadge } from '../../components/status-badge.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDateTime, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';

const STATUS_COLOR: Record<OutboxMail['status'], string> = { queued: 'blue', sent: 'green', failed: 'red', logged: 'gray' };

/** Mail text with its links made clickable (invitation and reset links are what admins look for). */
function MailText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <Box component="pre" className="mail-text" dir="auto">
      {parts.map((p, i) =>
        /^https?:\/\//.test(p) ? (
          <Anchor key={i} href={p} dir="ltr">
            {p}
          </Anchor>
        ) : (
          <Fragment key={i}>{p}</Fragment>
        ),
      )}
    </Box>
  );
}

export default function OutboxPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const list = usePagedList<OutboxMail>('outbox', '/api/v1/outbox', {}, 20);
  const items = flatItems(list.data);

  return (
    <Page title={t('outbox.title')}>
      <Text>{t('outbox.intro')}</Text>
      {list.error ? (
        <ProblemAlert error={list.error} />
      ) : list.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} role="status" />
        </Center>
      ) : items.length === 0 ? (
        <EmptyState what={t('outbox.empty')} next={t('outbox.emptyNext')} />
      ) : (
        <Stack component="ul" gap="md" className="plain-list">
          {items.map((m) => (
            <Card component="li" key={m.id} withBorder radius="md" padding="md">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text fw={600} dir="auto">
                  {m.subject}
                </Text>
                <StatusBadge color={STATUS_COLOR[m.status]}>{t(`outbox.status.${m.status}`)}</StatusBadge>
              </Group>
              <Text size="sm" mt={4}>
                {t('outbox.meta', { to: isolate(m.to), at: formatDateTime(m.createdAt, locale) })}
              </Text>
              {m.lastError && (
                <Text size="sm" c="red.9" mt={4}>
                  {t('outbox.error', { error: m.lastError, attempts: m.attempts })}
                </Text>
              )}
              <details className="mail-details">
                <summary>{t('outbox.showText')}</summary>
                <MailText text={m.text} />
              </details>
            </Card>
          ))}
        </Stack>
      )}
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </Page>
  );
}
