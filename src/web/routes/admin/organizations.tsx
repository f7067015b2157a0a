import { Button, Group, NativeSelect, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_KINDS } from '../../../common/organizations.js';
import { flatItems, usePagedList } from '../../api/hooks.js';
import type { Organization } from '../../api/types.js';
import { ConfirmModal, EmptyState, FormModal, ListTable } from '../../components/data.js';
import { Page } from '../../components/page.js';
import { useDeleteOrganization } from '../../features/organizations/api.js';
import { OrganizationForm } from '../../features/organizations/organization-form.js';
import { formatNumber } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';

export default function OrganizationsPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const [kind, setKind] = useState('');
  const [q, setQ] = useState('');
  const [query] = useDebouncedValue(q.trim(), 300);
  const list = usePagedList<Organization>('organizations', '/api/v1/organizations', {
    kind: kind || undefined,
    q: query || undefined,
    sort: 'name',
  });
  const items = flatItems(list.data);
  const [editing, setEditing] = useState<Organization | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Organization | null>(null);
  const remove = useDeleteOrganization();

  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };

  return (
    <Page title={t('organizations.title')} actions={<Button onClick={() => setEditing('new')}>{t('organizations.create')}</Button>}>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('common.search')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: '100%', xs: 280 }}
        />
        <NativeSelect
          label={t('fields.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value)}
          data={[{ value: '', label: t('common.all') }, ...ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`orgKinds.${k}`) }))]}
          w={{ base: '100%', xs: 260 }}
        />
      </Group>
      <ListTable
        caption={t('organizations.title')}
        empty={
          <EmptyState
            what={t('organizations.emptyFiltered')}
            next={t('organizations.emptyFilteredNext')}
            action={
              <Button variant="default" onClick={() => {
                  setQ('');
                  setKind('');
                }}>
                {t('common.resetFilters')}
              </Button>
            }
          />
        }
        isPending={list.isPending}
        error={list.error}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        columns={[
          { label: t('fields.orgName'), wrap: true, noPhoneLabel: true },
          { label: t('fields.kind') },
          { label: t('fields.email') },
          { label: t('organizations.members'), align: 'end' },
          { label: t('common.actions'), noPhoneLabel: true },
        ]}
        rows={items.map((o) => ({
          key: o.id,
          cells: [
            <Text size="sm" fw={500} key="name">
              {o.name}
              {o.shortName ? ` (${o.shortName})` : ''}
            </Text>,
            t(`orgKinds.${o.kind}`),
            o.email ?? '',
            formatNumber(o.memberCount, locale),
            <Group gap="xs" wrap="nowrap" key="actions">
              <Button size="xs" variant="default" onClick={() => setEditing(o)} aria-label={t('common.editNamed', { name: o.name })}>
                {t('common.edit')}
              </Button>
              <Button
                size="xs"
                variant="outline"
                color="red"
                onClick={() => setDeleting(o)}
                aria-label={t('common.deleteNamed', { name: o.name })}
              >
                {t('common.delete')}
              </Button>
            </Group>,
          ],
        }))}
      />

      <FormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('organizations.create') : t('organizations.edit')}
      >
        {editing !== null && (
          <OrganizationForm
            key={editing === 'new' ? 'new' : editing.id}
            organization={editing === 'new' ? undefined : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </FormModal>

      <ConfirmModal
        opened={deleting !== null}
        title={t('organizations.deleteTitle')}
        message={t('organizations.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        error={remove.error}
        onClose={closeDelete}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('organizations.deleted', { name: deleting.name }) });
              closeDelete();
            },
          })
        }
      />
    </Page>
  );
}
