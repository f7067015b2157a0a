import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import type { VolunteerDetail } from '../../../common/api/volunteers.js';
import { formatDateTime, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Facts, Section, VolunteerStatusBadge } from './components.js';

export function HistoryTab({ v }: { v: VolunteerDetail }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const history = [...v.statusHistory].reverse();
  return (
    <Stack gap="lg">
      <Section id="history-status" title={t('volunteers.history.title')}>
        {history.length === 0 ? (
          <Text>{t('volunteers.history.none')}</Text>
        ) : (
          <ol className="history">
            {history.map((h, i) => (
              <li key={`${h.at}-${i}`}>
                <Group gap="xs" wrap="wrap">
                  <VolunteerStatusBadge status={h.status} />
                  <Text size="sm">{formatDateTime(h.at, locale)}</Text>
                </Group>
                {h.reason && <Text size="sm">{t('volunteers.history.reason', { reason: h.reason })}</Text>}
                <Text size="sm" className="secondary-text">
                  {h.byName ? t('volunteers.history.by', { name: isolate(h.byName) }) : t('volunteers.history.bySystem')}
                </Text>
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section id="history-record" title={t('volunteers.history.record')}>
        <Facts
          items={[
            { label: t('volunteers.history.createdAt'), value: formatDateTime(v.createdAt, locale) },
            { label: t('volunteers.history.updatedAt'), value: formatDateTime(v.updatedAt, locale) },
          ]}
        />
      </Section>
    </Stack>
  );
}
