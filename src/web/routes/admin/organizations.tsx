import { Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { ORGANIZATION_KINDS } from '../../../common/organizations.js';
import { usePagedList } from '../../api/hooks.js';
import type { Organization } from '../../api/types.js';
import { ConfirmModal, FormModal } from '../../components/data.js';
import { FilterBar, SearchFilter, SelectFilter } from '../../components/list/filter-bar.js';
import { useListFilters } from '../../components/list/list-filters.js';
import { PagedList, RowActions } from '../../components/list/paged-list.js';
import { Page } from '../../components/page.js';
import { useDeleteOrganization } from '../../features/organizations/api.js';
import { OrganizationForm } from '../../features/organizations/organization-form.js';
import { formatNumber } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';

const FILTERS = { keys: ['q', 'kind'] } as const;

export default function OrganizationsPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const filters = useListFilters(FILTERS);
  const list = usePagedList<Organization>('organizations', '/api/v1/organizations', { ...filters.query, sort: 'name' });
  const [editing, setEditing] = useState<Organization | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Organization | null>(null);
  const remove = useDeleteOrganization();

  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };
  const create = <Button onClick={() => setEditing('new')}>{t('organizations.create')}</Button>;

  return (
    <Page title={t('organizations.title')} actions={create}>
      <FilterBar>
        <SearchFilter filters={filters} name="q" label={t('common.search')} w={280} />
        <SelectFilter
          filters={filters}
          name="kind"
          label={t('fields.kind')}
          options={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`orgKinds.${k}`) }))}
          w={260}
        />
      </FilterBar>
      <PagedList
        caption={t('organizations.title')}
        list={list}
        empty={{ what: t('organizations.empty'), next: t('organizations.emptyNext') }}
        filtered={{ ...filters, empty: { what: t('organizations.emptyFiltered'), next: t('organizations.emptyFilteredNext') } }}
        columns={[
          { label: t('fields.orgName'), wrap: true, noPhoneLabel: true },
          { label: t('fields.kind') },
          { label: t('fields.email') },
          { label: t('organizations.members'), align: 'end' },
          { label: t('common.actions'), noPhoneLabel: true },
        ]}
        row={(o) => [
          <Text size="sm" fw={500} key="name">
            {o.name}
            {o.shortName ? ` (${o.shortName})` : ''}
          </Text>,
          t(`orgKinds.${o.kind}`),
          o.email ?? '',
          formatNumber(o.memberCount, locale),
          <RowActions key="actions" name={o.name} onEdit={() => setEditing(o)} onDelete={() => setDeleting(o)} />,
        ]}
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
