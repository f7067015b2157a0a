import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import type { Agreement } from '../../../common/api/agreements.js';
import { AGREEMENT_STATUSES } from '../../../common/api/placements.js';
import { flatItems, usePagedList } from '../../api/hooks.js';
import { CheckboxFilter, FilterBar, SelectFilter } from '../../components/list/filter-bar.js';
import { useListFilters, type FilterSpec } from '../../components/list/list-filters.js';
import { PagedList } from '../../components/list/paged-list.js';
import { Page } from '../../components/page.js';
import { StatusBadge } from '../../components/status-badge.js';
import { isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { daysUntil, formatDay, formatDecimal } from './format.js';
import './placements.css';

const SORTS = ['endsOn', '-endsOn', '-createdAt'] as const;
type AgreementFilterKey = 'status' | 'endingSoon' | 'volunteerId' | 'sort';

/** The active agreements, those ending soonest first, unless the URL says otherwise. */
const FILTERS: FilterSpec<AgreementFilterKey> = {
  keys: ['status', 'endingSoon', 'volunteerId', 'sort'],
  defaults: { status: 'active', sort: 'endsOn' },
  ordering: ['sort'],
  // Only what the API accepts, so that a hand-edited link cannot break the list (a key left out
  // falls back to its default; one set to undefined would hide it).
  clean: ({ status, endingSoon, volunteerId, sort }) => ({
    ...(status && [...AGREEMENT_STATUSES, 'all'].includes(status) && { status }),
    ...(endingSoon === 'true' && { endingSoon }),
    ...(volunteerId && { volunteerId }),
    ...(sort && (SORTS as readonly string[]).includes(sort) && { sort }),
  }),
};

export function AgreementStatus({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  if (a.status === 'closed') return <StatusBadge color="gray">{t('placements.agreements.status.closed')}</StatusBadge>;
  if (a.endingSoon) return <StatusBadge color="orange">{t('placements.agreements.status.endingSoon')}</StatusBadge>;
  return <StatusBadge color="green">{t('placements.agreements.status.active')}</StatusBadge>;
}

/** The coordination's list of agreements: those ending soonest first, so that none runs out unnoticed. */
export default function AgreementsPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const filters = useListFilters(FILTERS);
  const { status, volunteerId } = filters.values;
  const list = usePagedList<Agreement>('agreements', '/api/v1/agreements', {
    ...filters.query,
    status: status === 'all' ? undefined : status,
  });
  const items = flatItems(list.data);
  const record = (variant: 'light' | 'default') => (
    <Button component={Link} to="/agreements/new" variant={variant}>
      {t('placements.agreements.record')}
    </Button>
  );

  return (
    <div className="placement-screen">
      <Page title={t('placements.agreements.title')}>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Text maw={640}>{t('placements.agreements.intro')}</Text>
          {record('light')}
        </Group>
        <FilterBar className="placement-filters">
          <SelectFilter
            filters={filters}
            name="status"
            label={t('placements.agreements.filterStatus')}
            all={false}
            options={[
              ...AGREEMENT_STATUSES.map((s) => ({ value: s, label: t(`placements.agreements.status.${s}`) })),
              { value: 'all', label: t('common.all') },
            ]}
          />
          <SelectFilter
            filters={filters}
            name="sort"
            label={t('placements.agreements.sort')}
            all={false}
            options={[
              { value: 'endsOn', label: t('placements.agreements.sortEndsOn') },
              { value: '-endsOn', label: t('placements.agreements.sortEndsOnDesc') },
              { value: '-createdAt', label: t('placements.agreements.sortCreated') },
            ]}
            w={260}
          />
          <CheckboxFilter filters={filters} name="endingSoon" label={t('placements.agreements.onlyEndingSoon')} />
        </FilterBar>
        {volunteerId && (
          <Group gap="sm" wrap="wrap" role="status">
            <Text>
              {items[0]
                ? t('placements.agreements.filteredBy', { name: isolate(items[0].volunteerName) })
                : t('placements.agreements.filteredByPerson')}
            </Text>
            <Anchor component="button" type="button" onClick={() => filters.set('volunteerId', null)}>
              {t('placements.agreements.filterClear')}
            </Anchor>
          </Group>
        )}
        <PagedList
          caption={t('placements.agreements.title')}
          list={list}
          empty={{ what: t('placements.empty.agreements'), next: t('placements.empty.agreementsNext'), action: record('default') }}
          filtered={{
            ...filters,
            empty: { what: t('placements.empty.agreementsFiltered'), next: t('placements.empty.agreementsFilteredNext') },
          }}
          columns={[
            { label: t('placements.agreements.volunteer'), noPhoneLabel: true, wrap: true },
            { label: t('placements.agreements.what'), wrap: true },
            { label: t('placements.agreements.organization'), wrap: true },
            { label: t('placements.agreements.period') },
            { label: t('placements.agreements.deploymentsShort'), align: 'end' },
            { label: t('placements.agreements.statusLabel') },
          ]}
          row={(a) => [
            <Anchor component={Link} to={`/agreements/${a.id}`} fw={600} key="v">
              {a.volunteerName}
            </Anchor>,
            <bdi key="w">{a.requestTitle ?? a.scope}</bdi>,
            a.organizationName ? <bdi key="o">{a.organizationName}</bdi> : '–',
            <Stack gap={0} key="p">
              <span>
                {t('placements.agreements.periodValue', { from: formatDay(a.startsOn, locale), to: formatDay(a.endsOn, locale) })}
              </span>
              {a.status === 'active' && (
                <Text size="xs" className="secondary-text">
                  {t('placements.agreements.daysLeft', { days: daysUntil(a.endsOn) })}
                </Text>
              )}
            </Stack>,
            t('placements.agreements.deploymentsValue', { count: a.deployments, hours: formatDecimal(a.hours, locale) }),
            <AgreementStatus agreement={a} key="s" />,
          ]}
        />
      </Page>
    </div>
  );
}
