import { Card, Center, Loader, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '../../i18n/translate.js';
import type { ReportSummary } from '../../../common/api/reports.js';
import { api } from '../../api/client.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDateTime, formatNumber } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import './figures.css';

interface Fewer {
  /** What the figure shows instead ("< 5", or a dash). */
  short: string;
  /** What it means, read out (and shown as well when `explain`). */
  long: string;
  explain?: boolean;
}

/** One figure: the number, or "< 5" (read out as "fewer than 5") where the server left a small count out. */
function Figure({ label, value, fewer }: { label: string; value: string | null; fewer: Fewer }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      {value !== null ? (
        <dd>{value}</dd>
      ) : (
        <dd data-suppressed>
          <span aria-hidden="true">{fewer.short}</span>
          <span className={fewer.explain ? 'figure-why' : 'visually-hidden'}>{fewer.long}</span>
        </dd>
      )}
    </div>
  );
}

/** The network's live figures for funders and management: aggregates only, small counts left out. */
export function NetworkFigures({ network }: { network: string }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const summary = useQuery({ queryKey: ['reports', 'summary'], queryFn: () => api.get<ReportSummary>('/api/v1/reports/summary') });
  const s = summary.data;
  const number = (n: number | null) => (n === null ? null : formatNumber(n, locale));
  // The threshold as a plain string: Latin digits in every language, as in the figures themselves.
  const fewer = (n: number): Fewer => ({ short: t('reports.figures.fewer', { threshold: String(n) }), long: t('reports.figures.fewerLabel', { threshold: String(n) }) });
  // Hours are not a count of people, but hours of fewer than five could be read back to one of them.
  const fewerPeople = (n: number): Fewer => ({ short: '–', long: t('reports.figures.fewerPeopleLabel', { threshold: String(n) }), explain: true });
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="home-figures">
      <Title order={2} size="h3" id="home-figures" mb="xs">
        {t('reports.figures.title')}
      </Title>
      {summary.error ? (
        <ProblemAlert error={summary.error} />
      ) : !s ? (
        <Center py="md">
          <Loader aria-label={t('app.loading')} role="status" />
        </Center>
      ) : (
        <>
          <Text size="sm" mb="md">
            {t('reports.figures.intro', { network })}
          </Text>
          <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 4 }} spacing="md" className="figures">
            <Figure label={t('reports.figures.volunteersActive')} value={number(s.volunteersActive)} fewer={fewer(s.threshold)} />
            <Figure label={t('reports.figures.requestsPlaced', { year: String(s.year) })} value={number(s.requestsPlaced)} fewer={fewer(s.threshold)} />
            <Figure label={t('reports.figures.hoursDeployed', { year: String(s.year) })} value={number(s.hoursDeployed)} fewer={fewerPeople(s.threshold)} />
            <Figure label={t('reports.figures.agreementsRunning')} value={number(s.agreementsRunning)} fewer={fewer(s.threshold)} />
          </SimpleGrid>
          <Text size="sm" mt="md" className="secondary-text">
            {t('reports.figures.note', { threshold: String(s.threshold), time: formatDateTime(s.asOf, locale) })}
          </Text>
        </>
      )}
    </Card>
  );
}
