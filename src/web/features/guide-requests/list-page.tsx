import { Anchor, Button, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import { GUIDE_REQUEST_STATUSES, URGENCIES, type GuideRequest } from '../../../common/api/guide-requests.js';
import { useAllOrganizations, useCan } from '../../api/hooks.js';
import { Free, Name } from '../../components/bidi.js';
import { useListFilters, type ListFilters } from '../../components/list/list-filters.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDateTime, formatNumber } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { useCatalogues } from '../volunteers/api.js';
import { Flag } from '../volunteers/components.js';
import { FoldingFilters, OwnTable, PagedBody, ShownCount } from '../volunteers/list-parts.js';
import { collator, districtGroups, districtLabel, nameOf, type Catalogues } from '../volunteers/vocabulary.js';
import { PAGE_SIZE, useRequestList } from './api.js';
import { RequestStatusBadge, Urgency } from './components.js';
import { DEFAULT_REQUEST_SORT, REQUEST_FILTERS, REQUEST_SORTS, type RequestFilterKey } from './filters.js';
import { scheduleText } from './vocabulary.js';

function Filters({ catalogues, filters }: { catalogues: Catalogues; filters: ListFilters<RequestFilterKey> }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const all = { value: '', label: t('common.all') };
  const topics = [...catalogues.topics].sort((a, b) => collator(locale).compare(a.name, b.name));
  const select = (key: RequestFilterKey) => ({
    value: filters.get(key),
    onChange: (e: React.ChangeEvent<HTMLSelectElement>) => filters.set(key, e.currentTarget.value),
  });
  return (
    <div className="request-filters">
      <NativeSelect
        label={t('requests.fields.status')}
        data={[all, ...GUIDE_REQUEST_STATUSES.map((s) => ({ value: s, label: t(`guideRequests.status.${s}`) }))]}
        {...select('status')}
      />
      <NativeSelect
        label={t('requests.fields.urgency')}
        data={[all, ...URGENCIES.map((u) => ({ value: u, label: t(`requests.urgency.${u}`) }))]}
        {...select('urgency')}
      />
      <NativeSelect
        label={t('requests.fields.topic')}
        data={[all, ...topics.map((e) => ({ value: e.key, label: e.name }))]}
        {...select('topic')}
      />
      <NativeSelect
        label={t('requests.fields.district')}
        data={[all, ...districtGroups(catalogues.districts, t, locale)]}
        {...select('district')}
      />
      <NativeSelect
        label={t('requests.list.sort')}
        data={REQUEST_SORTS.map((s) => ({ value: s, label: t(`requests.list.sorts.${s.replace('-', 'desc_')}`) }))}
        value={filters.values.sort ?? DEFAULT_REQUEST_SORT}
        onChange={(e) => filters.set('sort', e.currentTarget.value)}
      />
    </div>
  );
}

function When({ r }: { r: GuideRequest }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  if (r.startsAt) return <>{formatDateTime(r.startsAt, locale)}</>;
  if (r.schedule.length) return <>{t('requests.list.weekly', { slots: scheduleText(r.schedule, locale) })}</>;
  return <span className="secondary-text">{t('requests.none')}</span>;
}

function RequestTable({ items, catalogues }: { items: GuideRequest[]; catalogues: Catalogues }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const orgs = useAllOrganizations();
  const columns = [
    t('requests.fields.status'),
    t('requests.fields.urgency'),
    t('requests.fields.topic'),
    t('requests.fields.district'),
    t('requests.fields.when'),
    t('requests.list.received'),
  ];
  return (
    <OwnTable
      caption={t('requests.title')}
      className="request-table"
      first={<Table.Th scope="col">{t('requests.fields.title')}</Table.Th>}
      columns={columns}
    >
      {items.map((r) => {
        const org = r.requesterOrganizationId ? orgs.data?.find((o) => o.id === r.requesterOrganizationId) : undefined;
        return (
          <Table.Tr key={r.id}>
            <Table.Td data-nolabel data-wrap className="cell-title">
              <Anchor component={Link} to={`/requests/${r.id}`} className="request-title">
                <Free>{r.title}</Free>
              </Anchor>
              <Text size="sm" className="secondary-text">
                {r.kind ? t(`requests.kinds.${r.kind}`) : null}
                {r.kind && org ? ' · ' : null}
                {org ? <Name>{org.shortName ?? org.name}</Name> : null}
              </Text>
            </Table.Td>
            <Table.Td data-label={columns[0]} data-wrap>
              <Stack gap={4} align="flex-start">
                <RequestStatusBadge status={r.status} />
                {r.missingFields.length > 0 && !['closed', 'cancelled'].includes(r.status) && (
                  <Flag>{t('requests.list.missing', { count: r.missingFields.length })}</Flag>
                )}
                {r.needsProfessional && <Flag>{t('requests.professional.short')}</Flag>}
              </Stack>
            </Table.Td>
            <Table.Td data-label={columns[1]}>
              <Urgency urgency={r.urgency} />
            </Table.Td>
            <Table.Td data-label={columns[2]} data-wrap className="cell-list">
              {r.topic ? nameOf(catalogues.topics, r.topic) : <span className="secondary-text">{t('requests.none')}</span>}
            </Table.Td>
            <Table.Td data-label={columns[3]} data-wrap className="cell-list">
              {r.districtKey ? (
                districtLabel(catalogues.districts, r.districtKey)
              ) : (
                <span className="secondary-text">{t('requests.none')}</span>
              )}
            </Table.Td>
            <Table.Td data-label={columns[4]} data-wrap>
              <When r={r} />
            </Table.Td>
            <Table.Td data-label={columns[5]}>{formatDateTime(r.createdAt, locale)}</Table.Td>
          </Table.Tr>
        );
      })}
    </OwnTable>
  );
}

export default function RequestsPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const canManage = useCan('guide-requests:manage');
  const filters = useListFilters(REQUEST_FILTERS);
  const catalogues = useCatalogues();
  const list = useRequestList(filters.values);
  // Lifting the filters keeps the order the person chose.
  const reset = () => filters.replace({ sort: filters.values.sort });
  const create = (
    <Button component={Link} to="/requests/new">
      {t('requests.create')}
    </Button>
  );

  return (
    <Page
      title={t('requests.title')}
      actions={
        <>
          {canManage && (
            <Button component={Link} to="/requests/plan" variant="default">
              {t('requests.plan.title')}
            </Button>
          )}
          {create}
        </>
      }
    >
      <Text>{canManage ? t('requests.list.introCoordinator') : t('requests.list.introPartner')}</Text>
      <FoldingFilters
        id="request"
        title={t('requests.list.filters')}
        active={filters.active}
        onReset={reset}
        showLabel={t('requests.list.showFilters', { count: filters.active })}
        hideLabel={t('requests.list.hideFilters')}
      >
        {catalogues.error ? <ProblemAlert error={catalogues.error} /> : <Filters catalogues={catalogues} filters={filters} />}
      </FoldingFilters>

      <ShownCount
        list={list}
        label={(count, more) =>
          more
            ? t('requests.list.shownMore', { count, shown: formatNumber(count, locale) })
            : t('requests.list.shownAll', { count, shown: formatNumber(count, locale) })
        }
      />

      <PagedBody
        list={list}
        empty={{ what: t('requests.list.empty'), action: create }}
        filtered={{ active: filters.active, reset, empty: { what: t('requests.list.emptyFiltered') } }}
        loadMoreLabel={t('requests.list.loadMore', { count: PAGE_SIZE })}
      >
        {(items) => <RequestTable items={items} catalogues={catalogues} />}
      </PagedBody>
    </Page>
  );
}
