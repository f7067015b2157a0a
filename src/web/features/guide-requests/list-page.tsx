import { Anchor, Box, Button, Center, Collapse, Group, Loader, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import { GUIDE_REQUEST_STATUSES, URGENCIES, type GuideRequest } from '../../../common/api/guide-requests.js';
import { flatItems, useAllOrganizations, useCan } from '../../api/hooks.js';
import { Free, Name } from '../../components/bidi.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDateTime, formatNumber } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { useCatalogues } from '../volunteers/api.js';
import { Flag } from '../volunteers/components.js';
import { collator, districtGroups, districtLabel, nameOf, type Catalogues } from '../volunteers/vocabulary.js';
import { PAGE_SIZE, useRequestList } from './api.js';
import { RequestStatusBadge, Urgency } from './components.js';
import {
  activeRequestFilters,
  DEFAULT_REQUEST_SORT,
  REQUEST_SORTS,
  useRequestFilters,
  type RequestFilterKey,
  type RequestFilters,
} from './filters.js';
import { scheduleText } from './vocabulary.js';

function Filters({
  catalogues,
  filters,
  setFilter,
}: {
  catalogues: Catalogues;
  filters: RequestFilters;
  setFilter: (k: RequestFilterKey, v: string) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const all = { value: '', label: t('common.all') };
  const topics = [...catalogues.topics].sort((a, b) => collator(locale).compare(a.name, b.name));
  return (
    <div className="request-filters">
      <NativeSelect
        label={t('requests.fields.status')}
        data={[all, ...GUIDE_REQUEST_STATUSES.map((s) => ({ value: s, label: t(`guideRequests.status.${s}`) }))]}
        value={filters.status ?? ''}
        onChange={(e) => setFilter('status', e.currentTarget.value)}
      />
      <NativeSelect
        label={t('requests.fields.urgency')}
        data={[all, ...URGENCIES.map((u) => ({ value: u, label: t(`requests.urgency.${u}`) }))]}
        value={filters.urgency ?? ''}
        onChange={(e) => setFilter('urgency', e.currentTarget.value)}
      />
      <NativeSelect
        label={t('requests.fields.topic')}
        data={[all, ...topics.map((e) => ({ value: e.key, label: e.name }))]}
        value={filters.topic ?? ''}
        onChange={(e) => setFilter('topic', e.currentTarget.value)}
      />
      <NativeSelect
        label={t('requests.fields.district')}
        data={[all, ...districtGroups(catalogues.districts, t, locale)]}
        value={filters.district ?? ''}
        onChange={(e) => setFilter('district', e.currentTarget.value)}
      />
      <NativeSelect
        label={t('requests.list.sort')}
        data={REQUEST_SORTS.map((s) => ({ value: s, label: t(`requests.list.sorts.${s.replace('-', 'desc_')}`) }))}
        value={filters.sort ?? DEFAULT_REQUEST_SORT}
        onChange={(e) => setFilter('sort', e.currentTarget.value)}
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
    <Box className="table-scroll" role="region" aria-label={t('requests.title')} tabIndex={0}>
      <Table striped highlightOnHover verticalSpacing="sm" className="list-table request-table">
        <Table.Caption className="visually-hidden">{t('requests.title')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('requests.fields.title')}</Table.Th>
            {columns.map((c) => (
              <Table.Th key={c} scope="col">
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
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
        </Table.Tbody>
      </Table>
    </Box>
  );
}

export default function RequestsPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const canManage = useCan('guide-requests:manage');
  const { filters, setFilters, setFilter } = useRequestFilters();
  const catalogues = useCatalogues();
  const list = useRequestList(filters);
  const items = flatItems(list.data);
  const active = activeRequestFilters(filters);
  const reset = () => setFilters(filters.sort ? { sort: filters.sort } : {});
  const phone = useMediaQuery('(max-width: 48em)');
  const [filtersOpen, { toggle: toggleFilters }] = useDisclosure(false);

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
          <Button component={Link} to="/requests/new">
            {t('requests.create')}
          </Button>
        </>
      }
    >
      <Text>{canManage ? t('requests.list.introCoordinator') : t('requests.list.introPartner')}</Text>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="request-filters-title">
        <Group justify="space-between" mb={phone && !filtersOpen ? 0 : 'sm'} wrap="wrap" gap="xs">
          <Title order={2} size="h3" id="request-filters-title">
            {t('requests.list.filters')}
          </Title>
          <Group gap="xs">
            {active > 0 && (
              <Button variant="default" size="xs" onClick={reset}>
                {t('common.resetFilters')}
              </Button>
            )}
            {phone && (
              <Button variant="default" size="xs" onClick={toggleFilters} aria-expanded={filtersOpen} aria-controls="request-filter-fields">
                {filtersOpen ? t('requests.list.hideFilters') : t('requests.list.showFilters', { count: active })}
              </Button>
            )}
          </Group>
        </Group>
        <Collapse in={!phone || filtersOpen} id="request-filter-fields">
          {catalogues.error ? (
            <ProblemAlert error={catalogues.error} />
          ) : (
            <Filters catalogues={catalogues} filters={filters} setFilter={setFilter} />
          )}
        </Collapse>
      </Paper>

      <Text role="status" size="sm" fw={500}>
        {list.isPending
          ? t('app.loading')
          : items.length === 0
            ? ''
            : list.hasNextPage
              ? t('requests.list.shownMore', { count: items.length, shown: formatNumber(items.length, locale) })
              : t('requests.list.shownAll', { count: items.length, shown: formatNumber(items.length, locale) })}
      </Text>

      {list.error ? (
        <ProblemAlert error={list.error} />
      ) : list.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} role="status" />
        </Center>
      ) : items.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Stack align="center" gap="sm">
            <Text fw={600} ta="center">
              {active > 0 ? t('requests.list.emptyFiltered') : t('requests.list.empty')}
            </Text>
            {active > 0 ? (
              <Button variant="default" onClick={reset}>
                {t('common.resetFilters')}
              </Button>
            ) : (
              <Button component={Link} to="/requests/new">
                {t('requests.create')}
              </Button>
            )}
          </Stack>
        </Paper>
      ) : (
        <Stack gap="sm">
          <RequestTable items={items} catalogues={catalogues} />
          {list.hasNextPage && (
            <Group justify="center">
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('requests.list.loadMore', { count: PAGE_SIZE })}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Page>
  );
}
