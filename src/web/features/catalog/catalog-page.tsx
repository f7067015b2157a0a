import { Button, SegmentedControl, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { useSearchParams } from '../../router.js';
import { CATALOG_KINDS, type CatalogEntry, type CatalogKind } from '../../../common/api/catalog.js';
import { TRANSLATION_LOCALES } from '../../../common/api/translations.js';
import { directionOf } from '../../../common/locales.js';
import { usePagedList } from '../../api/hooks.js';
import { FormModal } from '../../components/data.js';
import { FilterBar, SearchFilter } from '../../components/list/filter-bar.js';
import { useListFilters } from '../../components/list/list-filters.js';
import { PagedList, RowActions } from '../../components/list/paged-list.js';
import { useRowConfirmation } from '../../components/list/row-confirmation.js';
import { Page } from '../../components/page.js';
import { catalogPath, useDeleteCatalogEntry, useWholeCatalog } from './api.js';
import { CatalogEntryForm } from './entry-form.js';
import { useLanguageName } from './translation-fields.js';

const FILTERS = { keys: ['q'] } as const;

const isKind = (value: string | null): value is CatalogKind => (CATALOG_KINDS as readonly string[]).includes(value ?? '');

/** The catalogue editor: each entry's German name and its names in the other UI languages. */
export default function CatalogPage() {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind: CatalogKind = isKind(kindParam) ? kindParam : 'specializations';
  const filters = useListFilters(FILTERS);
  const list = usePagedList<CatalogEntry>('catalog', catalogPath(kind), filters.query, 200);
  const [editing, setEditing] = useState<CatalogEntry | 'new' | null>(null);
  const remove = useRowConfirmation({
    mutation: useDeleteCatalogEntry(kind),
    variables: (e: CatalogEntry) => e.key,
    title: t('catalog.deleteTitle'),
    message: (e) => t('catalog.deleteConfirm', { name: e.name }),
    confirmLabel: t('common.delete'),
    done: (e) => t('catalog.deleted', { name: e.name }),
  });
  const districts = useWholeCatalog('districts', kind === 'districts').data ?? [];
  const byKey = new Map(districts.map((e) => [e.key, e]));

  // Another kind starts without a search.
  const chooseKind = (next: string) => setParams(next === 'specializations' ? {} : { kind: next }, { replace: true });

  return (
    <Page title={t('catalog.title')} actions={<Button onClick={() => setEditing('new')}>{t('catalog.create')}</Button>}>
      <Text maw="48rem">{t('catalog.intro')}</Text>
      <SegmentedControl
        aria-label={t('catalog.kind')}
        value={kind}
        onChange={chooseKind}
        data={CATALOG_KINDS.map((k) => ({ value: k, label: t(`catalog.kinds.${k}`) }))}
        className="catalog-kinds"
      />
      <FilterBar>
        <SearchFilter filters={filters} name="q" label={t('common.search')} w={320} />
      </FilterBar>
      <PagedList
        caption={t(`catalog.kinds.${kind}`)}
        list={list}
        rowKey={(e) => e.key}
        empty={{ what: t('catalog.empty'), next: t('catalog.emptyNext') }}
        filtered={{ ...filters, empty: { what: t('catalog.emptyFiltered'), next: t('catalog.emptyFilteredNext') } }}
        columns={[
          { label: t('catalog.name'), wrap: true, noPhoneLabel: true },
          ...TRANSLATION_LOCALES.map((l) => ({ label: languageName(l), wrap: true })),
          ...(kind === 'districts' ? [{ label: t('catalog.parent'), wrap: true }] : []),
          { label: t('catalog.key') },
          { label: t('common.actions'), noPhoneLabel: true },
        ]}
        row={(e) => [
          <Text size="sm" fw={500} key="name" lang="de" dir="ltr" span>
            {e.name}
          </Text>,
          ...TRANSLATION_LOCALES.map((l) =>
            e.names[l] ? (
              <Text size="sm" key={l} lang={l} dir={directionOf(l)} span>
                {e.names[l]}
              </Text>
            ) : (
              <Text size="sm" key={l} className="secondary-text" span>
                {t('catalog.asGerman')}
              </Text>
            ),
          ),
          ...(kind === 'districts'
            ? [
                <Text size="sm" key="parent" lang="de" dir="ltr" span>
                  {e.parentKey ? (byKey.get(e.parentKey)?.name ?? e.parentKey) : ''}
                </Text>,
              ]
            : []),
          <Text size="sm" key="key" dir="ltr" span ff="monospace">
            {e.key}
          </Text>,
          <RowActions key="actions" name={e.name} onEdit={() => setEditing(e)} onDelete={() => remove.ask(e)} />,
        ]}
      />

      <FormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('catalog.create') : t('catalog.edit')}
      >
        {editing !== null && (
          <CatalogEntryForm
            key={`${kind}:${editing === 'new' ? '' : editing.key}`}
            kind={kind}
            entry={editing === 'new' ? undefined : editing}
            districts={districts}
            onDone={() => setEditing(null)}
          />
        )}
      </FormModal>

      {remove.dialog}
    </Page>
  );
}
