import { Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { USER_STATUSES } from '../../../common/api/index.js';
import { ROLES } from '../../../common/permissions.js';
import { useAllOrganizations, usePagedList } from '../../api/hooks.js';
import type { User } from '../../api/types.js';
import { FormModal } from '../../components/data.js';
import { FilterBar, SearchFilter, SelectFilter } from '../../components/list/filter-bar.js';
import { useListFilters } from '../../components/list/list-filters.js';
import { PagedList, RowActions } from '../../components/list/paged-list.js';
import { Page } from '../../components/page.js';
import { StatusBadge } from '../../components/status-badge.js';
import { UserForm } from '../../features/users/user-form.js';
import { formatDateTime, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';

const FILTERS = { keys: ['q', 'role', 'organizationId', 'status'] } as const;

export default function UsersPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const filters = useListFilters(FILTERS);
  const orgs = useAllOrganizations();
  const organizations = orgs.data ?? [];
  const orgName = (id: string) => organizations.find((o) => o.id === id)?.name ?? '…';
  const list = usePagedList<User>('users', '/api/v1/users', { ...filters.query, sort: 'name' });
  const [editing, setEditing] = useState<User | null>(null);
  // The admin is a user: the list is never empty without filters.
  const emptyFiltered = { what: t('users.emptyFiltered'), next: t('users.emptyFilteredNext') };

  return (
    <Page title={t('users.title')}>
      <FilterBar>
        <SearchFilter filters={filters} name="q" label={t('common.search')} w={240} />
        <SelectFilter filters={filters} name="role" label={t('fields.role')} options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        <SelectFilter
          filters={filters}
          name="organizationId"
          label={t('fields.organization')}
          options={organizations.map((o) => ({ value: o.id, label: o.name }))}
          w={260}
        />
        <SelectFilter
          filters={filters}
          name="status"
          label={t('fields.status')}
          options={USER_STATUSES.map((s) => ({ value: s, label: t(`userStatus.${s}`) }))}
          w={160}
        />
      </FilterBar>
      <PagedList
        caption={t('users.title')}
        list={list}
        empty={emptyFiltered}
        filtered={{ ...filters, empty: emptyFiltered }}
        columns={[
          { label: t('fields.name'), noPhoneLabel: true },
          { label: t('users.roles'), wrap: true },
          { label: t('fields.status') },
          { label: t('users.lastLogin') },
          { label: t('common.actions'), noPhoneLabel: true },
        ]}
        row={(u) => [
          <div key="name">
            <Text fw={500} size="sm">
              {u.name}
            </Text>
            <Text size="sm" className="secondary-text">
              {u.email}
            </Text>
          </div>,
          u.memberships.map((m) => (
            <Text size="sm" key={`${m.organizationId}-${m.role}`}>
              {t('users.membershipLine', { role: t(`roles.${m.role}`), organization: isolate(orgName(m.organizationId)) })}
            </Text>
          )),
          <StatusBadge key="status" color={u.status === 'active' ? 'green' : 'gray'}>
            {t(`userStatus.${u.status}`)}
          </StatusBadge>,
          u.lastLoginAt ? formatDateTime(u.lastLoginAt, locale) : t('users.never'),
          <RowActions key="edit" name={u.name} onEdit={() => setEditing(u)} />,
        ]}
      />
      <FormModal opened={editing !== null} onClose={() => setEditing(null)} title={t('users.edit')}>
        {editing && <UserForm key={editing.id} user={editing} organizations={organizations} onDone={() => setEditing(null)} />}
      </FormModal>
    </Page>
  );
}
