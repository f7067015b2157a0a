import { ActionIcon, Anchor, Box, Button, Center, Collapse, Group, Loader, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link, useLocation } from '../../router.js';
import type { SavedFilter } from '../../../common/api/volunteer-extras.js';
import type { VolunteerSummary } from '../../../common/api/volunteers.js';
import { VOLUNTEER_STATUSES, WEEKDAYS } from '../../../common/volunteers.js';
import { flatItems, useCan } from '../../api/hooks.js';
import { ConfirmModal, FormModal } from '../../components/data.js';
import { applyProblemToForm } from '../../components/forms.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatNumber, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Free, Name } from '../../components/bidi.js';
import { rememberListSearch, useCatalogues, useDeleteSavedFilter, useDownload, useSavedFilters, useSaveFilter, useVolunteerList } from './api.js';
import { Flag, LanguagesText, loadOf, LoadText, VolunteerStatusBadge } from './components.js';
import { activeFilterCount, cleanFilters, DEFAULT_SORT, SORTS, useUrlFilters, type FilterKey, type Filters } from './filters.js';
import { collator, districtGroups, districtLabel, languageOptions, levelLabel, MIN_LEVELS, nameOf, weekdayLabel, type Catalogues } from './vocabulary.js';

function sameFilters(a: Filters, b: Filters): boolean {
  const ca = cleanFilters(a);
  const cb = cleanFilters(b);
  const keys = new Set([...Object.keys(ca), ...Object.keys(cb)]);
  return [...keys].every((k) => ca[k as FilterKey] === cb[k as FilterKey]);
}

function FilterPanel({ catalogues, filters, setFilter }: { catalogues: Catalogues; filters: Filters; setFilter: (k: FilterKey, v: string) => void }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const [q, setQ] = useState(filters.q ?? '');
  const typed = useRef(q);
  typed.current = q;
  const pushQ = useDebouncedCallback((value: string) => setFilter('q', value.trim()), 300);
  // A saved filter, a reset or the back button changed the search: show what the list uses.
  useEffect(() => {
    if ((filters.q ?? '') !== typed.current.trim()) setQ(filters.q ?? '');
  }, [filters.q]);

  const all = { value: '', label: t('common.all') };
  const select = (key: FilterKey) => ({
    value: filters[key] ?? '',
    onChange: (e: React.ChangeEvent<HTMLSelectElement>) => setFilter(key, e.currentTarget.value),
  });
  const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => collator(locale).compare(a.name, b.name));

  return (
    <div className="pool-filters">
      <TextInput
        className="pool-search"
        label={t('volunteers.filters.search')}
        description={t('volunteers.filters.searchHint')}
        type="search"
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          pushQ(e.currentTarget.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') pushQ.flush();
        }}
      />
      <NativeSelect label={t('fields.status')} data={[all, ...VOLUNTEER_STATUSES.map((s) => ({ value: s, label: t(`volunteers.status.${s}`) }))]} {...select('status')} />
      <NativeSelect
        label={t('volunteers.filters.language')}
        data={[all, ...languageOptions(locale, filters.language ? [filters.language] : [])]}
        {...select('language')}
      />
      <NativeSelect
        label={t('volunteers.filters.minLevel')}
        disabled={!filters.language}
        data={[{ value: '', label: t('volunteers.filters.anyLevel') }, ...MIN_LEVELS.map((l) => ({ value: l, label: levelLabel(l, t) }))]}
        {...select('minLevel')}
      />
      <NativeSelect label={t('volunteers.fields.district')} data={[all, ...districtGroups(catalogues.districts, t, locale)]} {...select('district')} />
      <NativeSelect
        label={t('volunteers.fields.specialization')}
        data={[all, ...byName(catalogues.specializations).map((s) => ({ value: s.key, label: s.name }))]}
        {...select('specialization')}
      />
      <NativeSelect label={t('volunteers.fields.topic')} data={[all, ...byName(catalogues.topics).map((s) => ({ value: s.key, label: s.name }))]} {...select('topic')} />
      <NativeSelect
        label={t('volunteers.filters.weekday')}
        data={[{ value: '', label: t('volunteers.filters.anyDay') }, ...WEEKDAYS.map((d) => ({ value: String(d), label: weekdayLabel(d, locale) }))]}
        {...select('weekday')}
      />
      <TextInput
        type="time"
        label={t('volunteers.filters.from')}
        disabled={!filters.weekday}
        value={filters.from ?? ''}
        onChange={(e) => setFilter('from', e.currentTarget.value)}
      />
      <TextInput type="time" label={t('volunteers.filters.to')} disabled={!filters.weekday} value={filters.to ?? ''} onChange={(e) => setFilter('to', e.currentTarget.value)} />
      <NativeSelect
        label={t('volunteers.filters.capacity')}
        data={[all, { value: 'true', label: t('volunteers.filters.capacityFree') }, { value: 'false', label: t('volunteers.filters.capacityNone') }]}
        {...select('hasCapacity')}
      />
      <NativeSelect
        label={t('volunteers.filters.supervision')}
        data={[all, { value: 'true', label: t('volunteers.filters.supervisionDue') }, { value: 'false', label: t('volunteers.filters.supervisionDone') }]}
        {...select('supervisionDue')}
      />
      <NativeSelect
        label={t('volunteers.filters.load')}
        data={[all, { value: 'true', label: t('volunteers.filters.overloaded') }, { value: 'false', label: t('volunteers.filters.notOverloaded') }]}
        {...select('overloaded')}
      />
      <NativeSelect
        label={t('volunteers.filters.sort')}
        data={SORTS.map((s) => ({ value: s, label: t(`volunteers.sort.${s.replace('-', 'desc_')}`) }))}
        value={filters.sort ?? DEFAULT_SORT}
        onChange={(e) => setFilter('sort', e.currentTarget.value)}
      />
    </div>
  );
}

function SavedFilters({ filters, setFilters }: { filters: Filters; setFilters: (f: Filters) => void }) {
  const { t } = useTranslation();
  const saved = useSavedFilters();
  const save = useSaveFilter();
  const remove = useDeleteSavedFilter();
  const [saving, { open: openSave, close: closeSave }] = useDisclosure(false);
  const [deleting, setDeleting] = useState<SavedFilter | null>(null);
  const form = useForm({ initialValues: { name: '' }, validate: { name: (v) => (v.trim() ? null : t('validation.required')) } });
  const items = saved.data ?? [];

  const close = () => {
    closeSave();
    save.reset();
    form.reset();
  };

  return (
    <section aria-labelledby="saved-filters-title">
      <Group gap="xs" align="center" wrap="wrap">
        <Text id="saved-filters-title" component="h2" size="sm" fw={700}>
          {t('volunteers.saved.title')}
        </Text>
        {saved.isPending && <Loader size="xs" aria-label={t('app.loading')} role="status" />}
        {!saved.isPending && items.length === 0 && (
          <Text size="sm" className="secondary-text">
            {t('volunteers.saved.none')}
          </Text>
        )}
        <ul className="chip-list" aria-labelledby="saved-filters-title">
          {items.map((f) => {
            const current = sameFilters(cleanFilters(f.query), filters);
            return (
              <li key={f.id}>
                <Group gap={2} wrap="nowrap">
                  <Button size="compact-sm" variant={current ? 'filled' : 'light'} aria-pressed={current} onClick={() => setFilters(cleanFilters(f.query))}>
                    <Free>{f.name}</Free>
                  </Button>
                  <ActionIcon variant="subtle" color="gray" size="md" aria-label={t('volunteers.saved.deleteNamed', { name: f.name })} onClick={() => setDeleting(f)}>
                    <span aria-hidden="true">×</span>
                  </ActionIcon>
                </Group>
              </li>
            );
          })}
        </ul>
        <Button size="compact-sm" variant="default" onClick={openSave} disabled={activeFilterCount(filters) === 0 && !filters.sort}>
          {t('volunteers.saved.save')}
        </Button>
      </Group>
      <ProblemAlert error={saved.error} />
      <FormModal opened={saving} onClose={close} title={t('volunteers.saved.saveTitle')}>
        <form
          noValidate
          onSubmit={form.onSubmit((v) =>
            save.mutate(
              { name: v.name.trim(), query: filters },
              {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: t('volunteers.saved.savedMessage', { name: v.name.trim() }) });
                  close();
                },
                onError: (e) => applyProblemToForm(form, e),
              },
            ),
          )}
        >
          <Stack>
            <Text size="sm">{t('volunteers.saved.saveIntro')}</Text>
            <ProblemAlert error={save.error} />
            <TextInput label={t('volunteers.saved.name')} required data-autofocus {...form.getInputProps('name')} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </FormModal>
      <ConfirmModal
        opened={deleting !== null}
        title={t('volunteers.saved.deleteTitle')}
        message={deleting ? t('volunteers.saved.deleteMessage', { name: isolate(deleting.name) }) : ''}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      />
    </section>
  );
}

function ExportButtons({ filters }: { filters: Filters }) {
  const { t } = useTranslation();
  const exporting = useDownload();
  const [format, setFormat] = useState<'xlsx' | 'csv' | null>(null);
  const run = (f: 'xlsx' | 'csv') => {
    setFormat(f);
    exporting.mutate({ path: '/api/v1/volunteers/export', query: { ...filters, format: f }, fallbackName: `lotse-volunteers.${f}` });
  };
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Button variant="default" size="sm" onClick={() => run('xlsx')} loading={exporting.isPending && format === 'xlsx'} disabled={exporting.isPending}>
          {t('volunteers.export.xlsx')}
        </Button>
        <Button variant="default" size="sm" onClick={() => run('csv')} loading={exporting.isPending && format === 'csv'} disabled={exporting.isPending}>
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
        <span className="visually-hidden">{active ? (desc ? t('volunteers.sort.sortedDesc') : t('volunteers.sort.sortedAsc')) : t('volunteers.sort.sortable')}</span>
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

function PoolTable({ items, catalogues, sort, onSort, tableRef }: { items: VolunteerSummary[]; catalogues: Catalogues; sort: string; onSort: (s: string) => void; tableRef: React.Ref<HTMLDivElement> }) {
  const { t } = useTranslation();
  const columns = [
    t('volunteers.columns.status'),
    t('volunteers.columns.languages'),
    t('volunteers.columns.districts'),
    t('volunteers.columns.specializations'),
    t('volunteers.columns.capacity'),
  ];
  return (
    <Box ref={tableRef} className="table-scroll" role="region" aria-label={t('volunteers.title')} tabIndex={0}>
      <Table striped highlightOnHover verticalSpacing="sm" className="list-table pool-table">
        <Table.Caption className="visually-hidden">{t('volunteers.title')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <SortHeader label={t('volunteers.columns.name')} field="lastName" sort={sort} onSort={onSort} />
            {columns.map((c) => (
              <Table.Th key={c} scope="col">
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
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
                    {(v.status === 'active' || v.status === 'paused') && v.wellbeing.supervisionDue && <Flag>{t('volunteers.flags.supervisionDue')}</Flag>}
                  </Stack>
                </Table.Td>
                <Table.Td data-label={columns[1]} data-wrap className="cell-list">
                  <LanguagesText languages={v.languages} />
                </Table.Td>
                <Table.Td data-label={columns[2]} data-wrap className="cell-list">
                  {v.districts.length ? v.districts.map((d) => districtLabel(catalogues.districts, d)).join(', ') : <span className="secondary-text">{t('volunteers.none')}</span>}
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
        </Table.Tbody>
      </Table>
    </Box>
  );
}

export default function PoolPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const canManage = useCan('volunteers:manage');
  const canExport = useCan('volunteers:export');
  const { filters, setFilters, setFilter } = useUrlFilters();
  const catalogues = useCatalogues();
  const list = useVolunteerList(filters);
  const items = flatItems(list.data);
  const phone = useMediaQuery('(max-width: 48em)');
  const [filtersOpen, { toggle: toggleFilters }] = useDisclosure(false);
  const active = activeFilterCount(filters);
  const sort = filters.sort ?? DEFAULT_SORT;
  const reset = () => setFilters(filters.sort ? { sort: filters.sort } : {});
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

  return (
    <Page
      title={t('volunteers.title')}
      actions={
        canManage && (
          <>
            <Button component={Link} to="/volunteers/import" variant="default">
              {t('volunteers.import')}
            </Button>
            <Button component={Link} to="/volunteers/new">
              {t('volunteers.create')}
            </Button>
          </>
        )
      }
    >
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="pool-filters-title">
        <Group justify="space-between" mb={phone && !filtersOpen ? 0 : 'sm'} wrap="wrap" gap="xs">
          <Title order={2} size="h3" id="pool-filters-title">
            {t('volunteers.filters.title')}
          </Title>
          <Group gap="xs">
            {active > 0 && (
              <Button variant="default" size="xs" onClick={reset}>
                {t('common.resetFilters')}
              </Button>
            )}
            {phone && (
              <Button variant="default" size="xs" onClick={toggleFilters} aria-expanded={filtersOpen} aria-controls="pool-filter-fields">
                {filtersOpen ? t('volunteers.filters.hide') : t('volunteers.filters.show', { count: active })}
              </Button>
            )}
          </Group>
        </Group>
        <Collapse in={!phone || filtersOpen} id="pool-filter-fields">
          <Stack gap="md">
            {catalogues.error ? <ProblemAlert error={catalogues.error} /> : null}
            <FilterPanel catalogues={catalogues} filters={filters} setFilter={setFilter} />
            <SavedFilters filters={filters} setFilters={setFilters} />
          </Stack>
        </Collapse>
      </Paper>

      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Text role="status" size="sm" fw={500}>
          {list.isPending
            ? t('app.loading')
            : items.length === 0
              ? ''
              : list.hasNextPage
                ? t('volunteers.shownMore', { count: items.length, shown: formatNumber(items.length, locale) })
                : t('volunteers.shownAll', { count: items.length, shown: formatNumber(items.length, locale) })}
        </Text>
        {canExport && <ExportButtons filters={filters} />}
      </Group>

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
              {active > 0 ? t('volunteers.empty.filtered') : t('volunteers.empty.pool')}
            </Text>
            <Text size="sm" ta="center" className="secondary-text">
              {active > 0 ? t('volunteers.empty.filteredHint') : canManage ? t('volunteers.empty.poolHint') : ''}
            </Text>
            {active > 0 ? (
              <Button variant="default" onClick={reset}>
                {t('common.resetFilters')}
              </Button>
            ) : (
              canManage && (
                <Button component={Link} to="/volunteers/new">
                  {t('volunteers.create')}
                </Button>
              )
            )}
          </Stack>
        </Paper>
      ) : (
        <Stack gap="sm">
          <PoolTable items={items} catalogues={catalogues} sort={sort} onSort={(s) => setFilter('sort', s)} tableRef={tableRef} />
          {list.hasNextPage && (
            <Group justify="center">
              <Button variant="default" onClick={loadMore} loading={list.isFetchingNextPage}>
                {t('volunteers.loadMore', { count: 50 })}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Page>
  );
}
