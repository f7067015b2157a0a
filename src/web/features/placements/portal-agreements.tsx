import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import type { Agreement } from '../../../common/api/agreements.js';
import { InlineLoader } from '../../components/layouts.js';
import { IconPlus } from '../../components/icons.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Section } from '../portal/section.js';
import { useAgreements } from './api.js';
import { berlinToday, daysUntil, formatDay, formatDecimal } from './format.js';
import { Facts } from './parts.js';
import './placements.css';

/* The volunteer's portal: their agreements. */

export function AgreementTitle({ agreement }: { agreement: Agreement }) {
  return <bdi>{agreement.requestTitle ?? agreement.scope}</bdi>;
}

function AgreementCard({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const left = daysUntil(a.endsOn);
  return (
    <Paper withBorder radius="md" p="md" className="portal-card">
      <Stack gap="sm">
        <Title order={3} size="h4">
          <AgreementTitle agreement={a} />
        </Title>
        <Facts
          items={[
            // The scope often repeats the request's title: shown only when it says more.
            ...(a.requestTitle && a.scope !== a.requestTitle ? ([[t('placements.agreements.scope'), <bdi key="s">{a.scope}</bdi>]] as [string, React.ReactNode][]) : []),
            ...(a.organizationName ? ([[t('placements.agreements.organization'), <bdi key="o">{a.organizationName}</bdi>]] as [string, React.ReactNode][]) : []),
            ...(a.counterpart ? ([[t('placements.agreements.counterpart'), <bdi key="c">{a.counterpart}</bdi>]] as [string, React.ReactNode][]) : []),
            [t('placements.agreements.until'), t('placements.agreements.untilValue', { date: formatDay(a.endsOn, locale), days: left })],
            [t('placements.agreements.logged'), t('placements.agreements.loggedValue', { count: a.deployments, hours: formatDecimal(a.hours, locale) })],
          ]}
        />
        {a.startsOn > berlinToday() && (
          <Text size="sm" fw={600}>
            {t('portal.log.startsLater', { date: formatDay(a.startsOn, locale) })}
          </Text>
        )}
        {a.endingSoon && (
          <Text size="sm" fw={600} className="placement-expiry">
            {t('placements.agreements.endingSoonHint')}
          </Text>
        )}
        <Group gap="sm">
          {/* Nothing can be logged before the first day: the line above says when. */}
          {a.startsOn <= berlinToday() && (
            <Button
              component={Link}
              to={`/portal/deployments/new?agreement=${a.id}`}
              leftSection={<IconPlus />}
              aria-label={t('placements.agreements.logNamed', { title: a.requestTitle ?? a.scope })}
            >
              {t('placements.deployments.log')}
            </Button>
          )}
          <Button component={Link} to={`/agreements/${a.id}`} variant="default" aria-label={t('placements.agreements.detailsNamed', { title: a.requestTitle ?? a.scope })}>
            {t('placements.agreements.details')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Her running agreements and the last closed ones (the portal's agreements page). */
export function AgreementsSection() {
  const { t } = useTranslation();
  const agreements = useAgreements({ sort: 'endsOn' });
  const { locale } = useUiLocale();
  const active = { ...agreements, data: agreements.data?.filter((a) => a.status === 'active') };
  const closed = { data: agreements.data?.filter((a) => a.status === 'closed').reverse() };
  return (
    <Section id="portal-agreements" title={t('placements.agreements.mine')} intro={t('placements.agreements.mineIntro')}>
      <ProblemAlert error={active.error} />
      {active.isPending ? (
        <InlineLoader />
      ) : (active.data ?? []).length === 0 ? (
        <Stack gap={4}>
          <Text>{t('placements.agreements.noneActive')}</Text>
          <Text size="sm" className="secondary-text">
            {t('portal.empty.agreementsWhat')}
          </Text>
        </Stack>
      ) : (
        <ul className="portal-cards">
          {(active.data ?? []).map((a) => (
            <li key={a.id}>
              <AgreementCard agreement={a} />
            </li>
          ))}
        </ul>
      )}
      {(closed.data ?? []).length > 0 && (
        <div>
          <Title order={3} size="h5" mb={4}>
            {t('placements.agreements.closedTitle')}
          </Title>
          <ul className="portal-list placement-closed">
            {(closed.data ?? []).slice(0, 10).map((a) => (
              <li key={a.id}>
                <Anchor component={Link} to={`/agreements/${a.id}`}>
                  <AgreementTitle agreement={a} />
                </Anchor>{' '}
                <Text span size="sm" className="secondary-text">
                  {t('placements.agreements.closedOn', { date: formatDay(a.closedOn ?? a.endsOn, locale) })}
                </Text>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}
