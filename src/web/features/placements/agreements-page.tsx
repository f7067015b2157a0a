import { Anchor, Button, Checkbox, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import { Link, useSearchParams } from '../../router.js';
import type { Agreement } from '../../../common/api/agreements.js';
import { AGREEMENT_STATUSES } from '../../../common/api/placements.js';
import { flatItems, usePagedList } from '../../api/hooks.js';
import { EmptyState, ListTable } from '../../components/data.js';
import { Page } from '../../components/page.js';
import { StatusBadge } from '../../components/status-badge.js';
import { isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { daysUntil, formatDay, formatDecimal } from './format.js';
import './placements.css';

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
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'active';
  const endingSoon = params.get('endingSoon') === 'true';
  const sort = params.get('sort') ?? 'endsOn';
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null || value === '') next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const list = usePagedList<Agreement>('agreements', '/api/v1/agreements', {
    status: status === 'all' ? undefined : status,
    endingSoon: endingSoon ? 'true' : undefined,
    volunteerId: params.get('volunteerId') ?? undefined,
    sort,
  });
  const items = flatItems(list.data);
  const volunteerId = params.get('volunteerId');

  return (
    <div className="placement-screen">
      <Page title={t('placements.agreements.title')}>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Text maw={640}>{t('placements.agreements.intro')}</Text>
          <Button component={Link} to="/agreements/new" variant="light">
            {t('placements.agreements.record')}
          </Button>
        </Group>
        <Group className="placement-filters" wrap="wrap" gap="md">
          <NativeSelect
            label={t('placements.agreements.filterStatus')}
            value={status}
            onChange={(e) => set('status', e.currentTarget.value === 'active' ? null : e.currentTarget.value)}
            data={[...AGREEMENT_STATUSES.map((s) => ({ value: s, label: t(`placements.agreements.status.${s}`) })), { value: 'all', label: t('common.all') }]}
            w={{ base: '100%', xs: 220 }}
          />
          <NativeSelect
            label={t('placements.agreements.sort')}
            value={sort}
            onChange={(e) => set('sort', e.currentTarget.value === 'endsOn' ? null : e.currentTarget.value)}
            data={[
              { value: 'endsOn', label: t('placements.agreements.sortEndsOn') },
              { value: '-endsOn', label: t('placements.agreements.sortEndsOnDesc') },
              { value: '-createdAt', label: t('placements.agreements.sortCreated') },
            ]}
            w={{ base: '100%', xs: 260 }}
          />
          <Checkbox label={t('placements.agreements.onlyEndingSoon')} checked={endingSoon} onChange={(e) => set('endingSoon', e.currentTarget.checked ? 'true' : null)} mb={8} />
        </Group>
        {volunteerId && (
          <Group gap="sm" wrap="wrap" role="status">
            <Text>
              {items[0] ? t('placements.agreements.filteredBy', { name: isolate(items[0].volunteerName) }) : t('placements.agreements.filteredByPerson')}
            </Text>
            <Anchor component="button" type="button" onClick={() => set('volunteerId', null)}>
              {t('placements.agreements.filterClear')}
            </Anchor>
          </Group>
        )}
        <ListTable
          caption={t('placements.agreements.title')}
          empty={
            status !== 'active' || endingSoon || volunteerId ? (
              <EmptyState
                what={t('placements.empty.agreementsFiltered')}
                next={t('placements.empty.agreementsFilteredNext')}
                action={
                  <Button variant="default" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
                    {t('common.resetFilters')}
                  </Button>
                }
              />
            ) : (
              <EmptyState
                what={t('placements.empty.agreements')}
                next={t('placements.empty.agreementsNext')}
                action={
                  <Button component={Link} to="/agreements/new" variant="default">
                    {t('placements.agreements.record')}
                  </Button>
                }
              />
            )
          }
          isPending={list.isPending}
          error={list.error}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
          columns={[
            { label: t('placements.agreements.volunteer'), noPhoneLabel: true, wrap: true },
            { label: t('placements.agreements.what'), wrap: true },
            { label: t('placements.agreements.organization'), wrap: true },
            { label: t('placements.agreements.period') },
            { label: t('placements.agreements.deploymentsShort'), align: 'end' },
            { label: t('placements.agreements.statusLabel') },
          ]}
          rows={items.map((a) => ({
            key: a.id,
            cells: [
              <Anchor component={Link} to={`/agreements/${a.id}`} fw={600} key="v">
                {a.volunteerName}
              </Anchor>,
              <bdi key="w">{a.requestTitle ?? a.scope}</bdi>,
              a.organizationName ? <bdi key="o">{a.organizationName}</bdi> : '–',
              <Stack gap={0} key="p">
                <span>{t('placements.agreements.periodValue', { from: formatDay(a.startsOn, locale), to: formatDay(a.endsOn, locale) })}</span>
                {a.status === 'active' && (
                  <Text size="xs" className="secondary-text">
                    {t('placements.agreements.daysLeft', { days: daysUntil(a.endsOn) })}
                  </Text>
                )}
              </Stack>,
              t('placements.agreements.deploymentsValue', { count: a.deployments, hours: formatDecimal(a.hours, locale) }),
              <AgreementStatus agreement={a} key="s" />,
            ],
          }))}
        />
      </Page>
    </div>
  );
}
