import { Button, Group, NativeSelect, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { USER_STATUSES } from '../../../common/api/index.js';
import { ROLES } from '../../../common/permissions.js';
import { flatItems, useAllOrganizations, usePagedList } from '../../api/hooks.js';
import type { User } from '../../api/types.js';
import { EmptyState, FormModal, ListTable } from '../../components/data.js';
import { Page } from '../../components/page.js';
import { StatusBadge } from '../../components/status-badge.js';
import { UserForm } from '../../features/users/user-form.js';
import { formatDateTime, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';

export default function UsersPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [status, setStatus] = useState('');
  const [query] = useDebouncedValue(q.trim(), 300);
  const orgs = useAllOrganizations();
  const organizations = orgs.data ?? [];
  const orgName = (id: string) => organizations.find((o) => o.id === id)?.name ?? '…';
  const list = usePagedList<User>('users', '/api/v1/users', {
    q: query || undefined,
    role: role || undefined,
    organizationId: organizationId || undefined,
    status: status || undefined,
    sort: 'name',
  });
  const items = flatItems(list.data);
  const [editing, setEditing] = useState<User | null>(null);

  return (
    <Page title={t('users.title')}>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('common.search')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: '100%', xs: 240 }}
        />
        <NativeSelect
          label={t('fields.role')}
          value={role}
          onChange={(e) => setRole(e.currentTarget.value)}
          data={[{ value: '', label: t('common.all') }, ...ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))]}
          w={{ base: '100%', xs: 220 }}
        />
        <NativeSelect
          label={t('fields.organization')}
          value={organizationId}
          onChange={(e) => setOrganizationId(e.currentTarget.value)}
          data={[{ value: '', label: t('common.all') }, ...organizations.map((o) => ({ value: o.id, label: o.name }))]}
          w={{ base: '100%', xs: 260 }}
        />
        <NativeSelect
          label={t('fields.status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[{ value: '', label: t('common.all') }, ...USER_STATUSES.map((s) => ({ value: s, label: t(`userStatus.${s}`) }))]}
          w={{ base: '100%', xs: 160 }}
        />
      </Group>
      <ListTable
        caption={t('users.title')}
        empty={
          <EmptyState
            what={t('users.emptyFiltered')}
            next={t('users.emptyFilteredNext')}
            action={
              <Button variant="default" onClick={() => {
                  setQ('');
                  setRole('');
                  setOrganizationId('');
                  setStatus('');
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
          { label: t('fields.name'), noPhoneLabel: true },
          { label: t('users.roles'), wrap: true },
          { label: t('fields.status') },
          { label: t('users.lastLogin') },
          { label: t('common.actions'), noPhoneLabel: true },
        ]}
        rows={items.map((u) => ({
          key: u.id,
          cells: [
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
            <Button
              key="edit"
              size="xs"
              variant="default"
              onClick={() => setEditing(u)}
              aria-label={t('common.editNamed', { name: u.name })}
            >
              {t('common.edit')}
            </Button>,
          ],
        }))}
      />
      <FormModal opened={editing !== null} onClose={() => setEditing(null)} title={t('users.edit')}>
        {editing && <UserForm key={editing.id} user={editing} organizations={organizations} onDone={() => setEditing(null)} />}
      </FormModal>
    </Page>
  );
}
