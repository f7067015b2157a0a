import { Button, Group, SegmentedControl, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { useSearchParams } from '../../router.js';
import { CATALOG_KINDS, type CatalogEntry, type CatalogKind } from '../../../common/api/catalog.js';
import { TRANSLATION_LOCALES } from '../../../common/api/translations.js';
import { directionOf } from '../../../common/locales.js';
import { flatItems, usePagedList } from '../../api/hooks.js';
import { ConfirmModal, EmptyState, FormModal, ListTable } from '../../components/data.js';
import { Page } from '../../components/page.js';
import { catalogPath, useDeleteCatalogEntry, useWholeCatalog } from './api.js';
import { CatalogEntryForm } from './entry-form.js';
import { useLanguageName } from './translation-fields.js';

const isKind = (value: string | null): value is CatalogKind => (CATALOG_KINDS as readonly string[]).includes(value ?? '');

/** The catalogue editor: each entry's German name and its names in the other UI languages. */
export default function CatalogPage() {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind: CatalogKind = isKind(kindParam) ? kindParam : 'specializations';
  const [q, setQ] = useState('');
  const [query] = useDebouncedValue(q.trim(), 300);
  const list = usePagedList<CatalogEntry>('catalog', catalogPath(kind), { q: query || undefined }, 200);
  const items = flatItems(list.data);
  const [editing, setEditing] = useState<CatalogEntry | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CatalogEntry | null>(null);
  const remove = useDeleteCatalogEntry(kind);
  const districts = useWholeCatalog('districts', kind === 'districts').data ?? [];
  const byKey = new Map(districts.map((e) => [e.key, e]));

  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };
  const chooseKind = (next: string) => {
    setParams(next === 'specializations' ? {} : { kind: next }, { replace: true });
    setQ('');
  };

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
      <TextInput label={t('common.search')} type="search" value={q} onChange={(e) => setQ(e.currentTarget.value)} w={{ base: '100%', xs: 320 }} />
      <ListTable
        caption={t(`catalog.kinds.${kind}`)}
        isPending={list.isPending}
        error={list.error}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        empty={<EmptyState what={t('catalog.empty')} next={t('catalog.emptyNext')} />}
        columns={[
          { label: t('catalog.name'), wrap: true, noPhoneLabel: true },
          ...TRANSLATION_LOCALES.map((l) => ({ label: languageName(l), wrap: true })),
          ...(kind === 'districts' ? [{ label: t('catalog.parent'), wrap: true }] : []),
          { label: t('catalog.key') },
          { label: t('common.actions'), noPhoneLabel: true },
        ]}
        rows={items.map((e) => ({
          key: e.key,
          cells: [
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
            <Group gap="xs" wrap="nowrap" key="actions">
              <Button size="xs" variant="default" onClick={() => setEditing(e)} aria-label={t('common.editNamed', { name: e.name })}>
                {t('common.edit')}
              </Button>
              <Button size="xs" variant="outline" color="red" onClick={() => setDeleting(e)} aria-label={t('common.deleteNamed', { name: e.name })}>
                {t('common.delete')}
              </Button>
            </Group>,
          ],
        }))}
      />

      <FormModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('catalog.create') : t('catalog.edit')}>
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

      <ConfirmModal
        opened={deleting !== null}
        title={t('catalog.deleteTitle')}
        message={t('catalog.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        error={remove.error}
        onClose={closeDelete}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.key, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('catalog.deleted', { name: deleting.name }) });
              closeDelete();
            },
          })
        }
      />
    </Page>
  );
}
