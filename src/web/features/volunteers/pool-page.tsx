import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link, useLocation } from '../../router.js';
import type { VolunteerSummary } from '../../../common/api/volunteers.js';
import { VOLUNTEER_STATUSES, WEEKDAYS } from '../../../common/volunteers.js';
import { flatItems, useCan } from '../../api/hooks.js';
import { SearchFilter } from '../../components/list/filter-bar.js';
import { useListFilters, type ListFilters } from '../../components/list/list-filters.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatNumber } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Name } from '../../components/bidi.js';
import { PAGE_SIZE, rememberListSearch, useCatalogues, useDownload, useVolunteerList } from './api.js';
import { Flag, LanguagesText, loadOf, LoadText, VolunteerStatusBadge } from './components.js';
import { DEFAULT_SORT, POOL_FILTERS, SORTS, type FilterKey } from './filters.js';
import { FoldingFilters, OwnTable, PagedBody, ShownCount } from './list-parts.js';
import { SavedFilters } from './saved-filters.js';
import {
  collator,
  districtGroups,
  districtLabel,
  languageOptions,
  levelLabel,
  MIN_LEVELS,
  nameOf,
  weekdayLabel,
  type Catalogues,
} from './vocabulary.js';

function PoolFilterFields({ catalogues, filters }: { catalogues: Catalogues; filters: ListFilters<FilterKey> }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const { values } = filters;
  const all = { value: '', label: t('common.all') };
  const select = (key: FilterKey) => ({
    value: filters.get(key),
    onChange: (e: React.ChangeEvent<HTMLSelectElement>) => filters.set(key, e.currentTarget.value),
  });
  const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => collator(locale).compare(a.name, b.name));

  return (
    <div className="pool-filters">
      <div className="pool-search">
        <SearchFilter filters={filters} name="q" label={t('volunteers.filters.search')} description={t('volunteers.filters.searchHint')} />
      </div>
      <NativeSelect
        label={t('fields.status')}
        data={[all, ...VOLUNTEER_STATUSES.map((s) => ({ value: s, label: t(`volunteers.status.${s}`) }))]}
        {...select('status')}
      />
      <NativeSelect
        label={t('volunteers.filters.language')}
        data={[all, ...languageOptions(locale, values.language ? [values.language] : [])]}
        {...select('language')}
      />
      <NativeSelect
        label={t('volunteers.filters.minLevel')}
        disabled={!values.language}
        data={[{ value: '', label: t('volunteers.filters.anyLevel') }, ...MIN_LEVELS.map((l) => ({ value: l, label: levelLabel(l, t) }))]}
        {...select('minLevel')}
      />
      <NativeSelect
        label={t('volunteers.fields.district')}
        data={[all, ...districtGroups(catalogues.districts, t, locale)]}
        {...select('district')}
      />
      <NativeSelect
        label={t('volunteers.fields.specialization')}
        data={[all, ...byName(catalogues.specializations).map((s) => ({ value: s.key, label: s.name }))]}
        {...select('specialization')}
      />
      <NativeSelect
        label={t('volunteers.fields.topic')}
        data={[all, ...byName(catalogues.topics).map((s) => ({ value: s.key, label: s.name }))]}
        {...select('topic')}
      />
      <NativeSelect
        label={t('volunteers.filters.weekday')}
        data={[
          { value: '', label: t('volunteers.filters.anyDay') },
          ...WEEKDAYS.map((d) => ({ value: String(d), label: weekdayLabel(d, locale) })),
        ]}
        {...select('weekday')}
      />
      <TextInput
        type="time"
        label={t('volunteers.filters.from')}
        disabled={!values.weekday}
        value={filters.get('from')}
        onChange={(e) => filters.set('from', e.currentTarget.value)}
      />
      <TextInput
        type="time"
        label={t('volunteers.filters.to')}
        disabled={!values.weekday}
        value={filters.get('to')}
        onChange={(e) => filters.set('to', e.currentTarget.value)}
      />
      <NativeSelect
        label={t('volunteers.filters.capacity')}
        data={[
          all,
          { value: 'true', label: t('volunteers.filters.capacityFree') },
          { value: 'false', label: t('volunteers.filters.capacityNone') },
        ]}
        {...select('hasCapacity')}
      />
      <NativeSelect
        label={t('volunteers.filters.supervision')}
        data={[
          all,
          { value: 'true', label: t('volunteers.filters.supervisionDue') },
          { value: 'false', label: t('volunteers.filters.supervisionDone') },
        ]}
        {...select('supervisionDue')}
      />
      <NativeSelect
        label={t('volunteers.filters.load')}
        data={[
          all,
          { value: 'true', label: t('volunteers.filters.overloaded') },
          { value: 'false', label: t('volunteers.filters.notOverloaded') },
        ]}
        {...select('overloaded')}
      />
      <NativeSelect
        label={t('volunteers.filters.sort')}
        data={SORTS.map((s) => ({ value: s, label: t(`volunteers.sort.${s.replace('-', 'desc_')}`) }))}
        value={values.sort ?? DEFAULT_SORT}
        onChange={(e) => filters.set('sort', e.currentTarget.value)}
      />
    </div>
  );
}

function ExportButtons({ query }: { query: Record<string, string | undefined> }) {
  const { t } = useTranslation();
  const exporting = useDownload();
  const [format, setFormat] = useState<'xlsx' | 'csv' | null>(null);
  const run = (f: 'xlsx' | 'csv') => {
    setFormat(f);
    exporting.mutate({ path: '/api/v1/volunteers/export', query: { ...query, format: f }, fallbackName: `lotse-volunteers.${f}` });
  };
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Button
          variant="default"
          size="sm"
          onClick={() => run('xlsx')}
          loading={exporting.isPending && format === 'xlsx'}
          disabled={exporting.isPending}
        >
          {t('volunteers.export.xlsx')}
        </Button>
        <Button
          variant="default"
          size="sm"
          onClick={() => run('csv')}
          loading={exporting.isPending && format === 'csv'}
          disabled={exporting.isPending}
        >
          {t('volunteers.export.csv')}
        </Button>
      </Group>
      <ProblemAlert error={exporting.error} />
    </Stack>
  );
}

function SortHeader({ label, field, sort, onSort }: { label: string; field: string; sort: string; onSort: (s: string) => void }) {
  const { t } = useTranslation();
  const active = sort === field || sort === `-${field}`;
  const desc = sort === `-${field}`;
  return (
    <Table.Th scope="col" aria-sort={active ? (desc ? 'descending' : 'ascending') : undefined}>
      <button type="button" onClick={() => onSort(active && !desc ? `-${field}` : field)}>
        {label}
        <span aria-hidden="true">{active ? (desc ? '↓' : '↑') : '↕'}</span>
        <span className="visually-hidden">
          {active ? (desc ? t('volunteers.sort.sortedDesc') : t('volunteers.sort.sortedAsc')) : t('volunteers.sort.sortable')}
        </span>
      </button>
    </Table.Th>
  );
}

/** An address that, when it must wrap, wraps after the "@" rather than anywhere. */
function BreakableEmail({ email }: { email: string }) {
  const at = email.indexOf('@');
  if (at < 0) return <>{email}</>;
  return (
    <>
      {email.slice(0, at + 1)}
      <wbr />
      {email.slice(at + 1)}
    </>
  );
}

function Capacity({ v }: { v: VolunteerSummary }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} align="flex-start">
      {v.wellbeing.overloaded ? null : v.freeCapacity ? (
        <Flag color="green">{t('volunteers.capacity.free')}</Flag>
      ) : v.status === 'active' ? (
        <Flag color="gray">{t('volunteers.capacity.notFree')}</Flag>
      ) : null}
      <LoadText load={loadOf(v)} />
    </Stack>
  );
}

function PoolTable({
  items,
  catalogues,
  sort,
  onSort,
  tableRef,
}: {
  items: VolunteerSummary[];
  catalogues: Catalogues;
  sort: string;
  onSort: (s: string) => void;
  tableRef: React.Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation();
  const columns = [
    t('volunteers.columns.status'),
    t('volunteers.columns.languages'),
    t('volunteers.columns.districts'),
    t('volunteers.columns.specializations'),
    t('volunteers.columns.capacity'),
  ];
  return (
    <OwnTable
      caption={t('volunteers.title')}
      className="pool-table"
      first={<SortHeader label={t('volunteers.columns.name')} field="lastName" sort={sort} onSort={onSort} />}
      columns={columns}
      scrollRef={tableRef}
    >
      {items.map((v) => {
        const name = `${v.lastName}, ${v.firstName}`;
        return (
          <Table.Tr key={v.id}>
            <Table.Td data-nolabel data-wrap className="cell-contact">
              <Anchor component={Link} to={`/volunteers/${v.id}`} className="pool-name">
                <Name>{name}</Name>
              </Anchor>
              {(v.email || v.phone) && (
                <Text className="secondary-text contact-line">{v.email ? <BreakableEmail email={v.email} /> : v.phone}</Text>
              )}
            </Table.Td>
            <Table.Td data-label={columns[0]}>
              <Stack gap={4} align="flex-start">
                <VolunteerStatusBadge status={v.status} />
                {v.wellbeing.overloaded && <Flag color="red">{t('volunteers.flags.overloaded')}</Flag>}
                {v.status === 'active' && !v.deployable && <Flag>{t('volunteers.flags.notDeployable')}</Flag>}
                {(v.status === 'active' || v.status === 'paused') && v.wellbeing.supervisionDue && (
                  <Flag>{t('volunteers.flags.supervisionDue')}</Flag>
                )}
              </Stack>
            </Table.Td>
            <Table.Td data-label={columns[1]} data-wrap className="cell-list">
              <LanguagesText languages={v.languages} />
            </Table.Td>
            <Table.Td data-label={columns[2]} data-wrap className="cell-list">
              {v.districts.length ? (
                v.districts.map((d) => districtLabel(catalogues.districts, d)).join(', ')
              ) : (
                <span className="secondary-text">{t('volunteers.none')}</span>
              )}
              {v.homeDistrict && (
                <Text size="sm" className="secondary-text">
                  {t('volunteers.livesIn', { district: nameOf(catalogues.districts, v.homeDistrict) })}
                </Text>
              )}
            </Table.Td>
            <Table.Td data-label={columns[3]} data-wrap className="cell-list">
              {v.specializations.length ? (
                v.specializations.map((s) => nameOf(catalogues.specializations, s)).join(', ')
              ) : (
                <span className="secondary-text">{t('volunteers.none')}</span>
              )}
            </Table.Td>
            <Table.Td data-label={columns[4]} data-wrap className="cell-capacity">
              <Capacity v={v} />
            </Table.Td>
          </Table.Tr>
        );
      })}
    </OwnTable>
  );
}

export default function PoolPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const canManage = useCan('volunteers:manage');
  const canExport = useCan('volunteers:export');
  const filters = useListFilters(POOL_FILTERS);
  const catalogues = useCatalogues();
  const list = useVolunteerList(filters.values);
  const items = flatItems(list.data);
  const sort = filters.values.sort ?? DEFAULT_SORT;
  // Lifting the filters keeps the order the person chose.
  const reset = () => filters.replace({ sort: filters.values.sort });
  const tableRef = useRef<HTMLDivElement>(null);
  // Keyboard and screen-reader users continue at the first newly loaded person, not at the page's top.
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const loadMore = () => {
    setFocusRow(items.length);
    void list.fetchNextPage();
  };
  useEffect(() => {
    if (focusRow === null || items.length <= focusRow) return;
    tableRef.current?.querySelectorAll<HTMLElement>('tbody tr a')[focusRow]?.focus();
    setFocusRow(null);
  }, [focusRow, items.length]);
  const location = useLocation();
  useEffect(() => rememberListSearch(location.search), [location.search]);
  const create = (
    <Button component={Link} to="/volunteers/new">
      {t('volunteers.create')}
    </Button>
  );

  return (
    <Page
      title={t('volunteers.title')}
      actions={
        canManage && (
          <>
            <Button component={Link} to="/volunteers/import" variant="default">
              {t('volunteers.import')}
            </Button>
            {create}
          </>
        )
      }
    >
      <FoldingFilters
        id="pool"
        title={t('volunteers.filters.title')}
        active={filters.active}
        onReset={reset}
        showLabel={t('volunteers.filters.show', { count: filters.active })}
        hideLabel={t('volunteers.filters.hide')}
      >
        <Stack gap="md">
          {catalogues.error ? <ProblemAlert error={catalogues.error} /> : null}
          <PoolFilterFields catalogues={catalogues} filters={filters} />
          <SavedFilters filters={filters} />
        </Stack>
      </FoldingFilters>

      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <ShownCount
          list={list}
          label={(count, more) =>
            more
              ? t('volunteers.shownMore', { count, shown: formatNumber(count, locale) })
              : t('volunteers.shownAll', { count, shown: formatNumber(count, locale) })
          }
        />
        {canExport && <ExportButtons query={filters.query} />}
      </Group>

      <PagedBody
        list={list}
        empty={{ what: t('volunteers.empty.pool'), next: canManage ? t('volunteers.empty.poolHint') : '', action: canManage && create }}
        filtered={{
          active: filters.active,
          reset,
          empty: { what: t('volunteers.empty.filtered'), next: t('volunteers.empty.filteredHint') },
        }}
        loadMoreLabel={t('volunteers.loadMore', { count: PAGE_SIZE })}
        onLoadMore={loadMore}
      >
        {(shown) => (
          <PoolTable items={shown} catalogues={catalogues} sort={sort} onSort={(s) => filters.set('sort', s)} tableRef={tableRef} />
        )}
      </PagedBody>
    </Page>
  );
}
