import { Anchor, Box, Card, Group, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { usePagedList } from '../../api/hooks.js';
import type { OutboxMail } from '../../api/types.js';
import { PagedCards } from '../../components/list/paged-list.js';
import { Page } from '../../components/page.js';
import { StatusBadge } from '../../components/status-badge.js';
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

  return (
    <Page title={t('outbox.title')}>
      <Text>{t('outbox.intro')}</Text>
      <PagedCards
        list={list}
        empty={{ what: t('outbox.empty'), next: t('outbox.emptyNext') }}
        card={(m) => (
          <Card component="li" withBorder radius="md" padding="md">
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
        )}
      />
    </Page>
  );
}
