import { Anchor, Progress, Text } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import { EmptyState, ListTable } from '../../components/data.js';
import { Page } from '../../components/page.js';
import { formatNumber } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { useDemand } from './api.js';

/** Qualification demand: how many volunteers want training in each topic, most wanted first. */
export default function DemandPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const demand = useDemand();
  const items = demand.data ?? [];
  const max = Math.max(1, ...items.map((d) => d.volunteers));

  return (
    <Page title={t('courses.demand.title')}>
      <Anchor component={Link} to="/courses" size="sm">
        {t('courses.backToCatalogue')}
      </Anchor>
      <Text>{t('courses.demand.intro')}</Text>
      <ListTable
        caption={t('courses.demand.title')}
        empty={<EmptyState what={t('courses.empty.demand')} next={t('courses.empty.demandNext')} />}
        isPending={demand.isPending}
        error={demand.error}
        columns={[
          { label: t('courses.demand.topic'), wrap: true, noPhoneLabel: true },
          { label: t('courses.demand.volunteers'), align: 'end' },
          { label: t('courses.demand.share'), noPhoneLabel: true },
        ]}
        rows={items.map((d) => ({
          key: d.topicKey,
          cells: [
            <Text key="topic" size="sm" fw={500}>
              {d.topicLabel}
            </Text>,
            formatNumber(d.volunteers, locale),
            <Progress key="bar" value={(d.volunteers / max) * 100} size="lg" miw={120} aria-hidden="true" />,
          ],
        }))}
      />
    </Page>
  );
}
