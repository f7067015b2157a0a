import { Anchor, Progress, Text } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import { WholeList } from '../../components/list/paged-list.js';
import { Page } from '../../components/page.js';
import { formatNumber } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { useDemand } from './api.js';

/** Qualification demand: how many volunteers want training in each topic, most wanted first. */
export default function DemandPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const demand = useDemand();
  const max = Math.max(1, ...(demand.data ?? []).map((d) => d.volunteers));

  return (
    <Page title={t('courses.demand.title')}>
      <Anchor component={Link} to="/courses" size="sm">
        {t('courses.backToCatalogue')}
      </Anchor>
      <Text>{t('courses.demand.intro')}</Text>
      <WholeList
        caption={t('courses.demand.title')}
        list={demand}
        rowKey={(d) => d.topicKey}
        empty={{ what: t('courses.empty.demand'), next: t('courses.empty.demandNext') }}
        columns={[
          { label: t('courses.demand.topic'), wrap: true, noPhoneLabel: true },
          { label: t('courses.demand.volunteers'), align: 'end' },
          { label: t('courses.demand.share'), noPhoneLabel: true },
        ]}
        row={(d) => [
          <Text key="topic" size="sm" fw={500}>
            {d.topicLabel}
          </Text>,
          formatNumber(d.volunteers, locale),
          <Progress key="bar" value={(d.volunteers / max) * 100} size="lg" miw={120} aria-hidden="true" />,
        ]}
      />
    </Page>
  );
}
