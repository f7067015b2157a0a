import { Button, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { InvitationStatus } from '../../../common/api/index.js';
import { useAllOrganizations, usePagedList } from '../../api/hooks.js';
import type { Invitation } from '../../api/types.js';
import { FormModal } from '../../components/data.js';
import { FilterBar, SelectFilter } from '../../components/list/filter-bar.js';
import { keepKnown, useListFilters } from '../../components/list/list-filters.js';
import { PagedList, RowAction } from '../../components/list/paged-list.js';
import { useRowConfirmation } from '../../components/list/row-confirmation.js';
import { Page } from '../../components/page.js';
import { StatusBadge } from '../../components/status-badge.js';
import { useRevokeInvitation } from '../../features/invitations/api.js';
import { InvitationForm } from '../../features/invitations/invitation-form.js';
import { formatDateTime, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';

const STATUS_COLOR: Record<Invitation['status'], string> = { pending: 'blue', accepted: 'green', revoked: 'gray', expired: 'orange' };

const FILTERS = { keys: ['status'], clean: keepKnown({ status: InvitationStatus.options }) } as const;

export default function InvitationsPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const filters = useListFilters(FILTERS);
  const orgs = useAllOrganizations();
  const organizations = orgs.data ?? [];
  const orgName = (id: string) => organizations.find((o) => o.id === id)?.name ?? '…';
  const list = usePagedList<Invitation>('invitations', '/api/v1/invitations', filters.query);
  const [inviting, setInviting] = useState(false);
  const revoke = useRowConfirmation({
    mutation: useRevokeInvitation(),
    variables: (inv: Invitation) => inv.id,
    title: t('invitations.revokeTitle'),
    message: (inv) => t('invitations.revokeConfirm', { email: inv.email }),
    confirmLabel: t('invitations.revoke'),
    done: () => t('invitations.revoked'),
  });

  return (
    <Page title={t('invitations.title')} actions={<Button onClick={() => setInviting(true)}>{t('invitations.create')}</Button>}>
      <FilterBar>
        <SelectFilter
          filters={filters}
          name="status"
          label={t('fields.status')}
          options={InvitationStatus.options.map((s) => ({ value: s, label: t(`invitationStatus.${s}`) }))}
        />
      </FilterBar>
      <PagedList
        caption={t('invitations.title')}
        list={list}
        empty={{ what: t('invitations.empty'), next: t('invitations.emptyNext') }}
        filtered={{
          ...filters,
          empty: { what: t('invitations.emptyFiltered', { status: t(`invitationStatus.${filters.get('status')}`) }) },
        }}
        columns={[
          { label: t('fields.email'), noPhoneLabel: true },
          { label: t('invitations.roleAt'), wrap: true },
          { label: t('fields.status') },
          { label: t('invitations.expires') },
          { label: t('common.actions'), noPhoneLabel: true },
        ]}
        row={(inv) => [
          <div key="who">
            <Text size="sm" fw={500}>
              {inv.email}
            </Text>
            {inv.name && (
              <Text size="sm" className="secondary-text">
                {inv.name}
              </Text>
            )}
          </div>,
          t('users.membershipLine', { role: t(`roles.${inv.role}`), organization: isolate(orgName(inv.organizationId)) }),
          <StatusBadge key="status" color={STATUS_COLOR[inv.status]}>
            {t(`invitationStatus.${inv.status}`)}
          </StatusBadge>,
          formatDateTime(inv.expiresAt, locale),
          inv.status === 'pending' ? (
            <RowAction
              key="revoke"
              danger
              label={t('invitations.revoke')}
              named={t('invitations.revokeNamed', { email: inv.email })}
              onClick={() => revoke.ask(inv)}
            />
          ) : null,
        ]}
      />
      <FormModal opened={inviting} onClose={() => setInviting(false)} title={t('invitations.create')}>
        {inviting && <InvitationForm organizations={organizations} onDone={() => setInviting(false)} />}
      </FormModal>
      {revoke.dialog}
    </Page>
  );
}
