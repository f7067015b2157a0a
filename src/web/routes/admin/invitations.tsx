import { Button, Group, NativeSelect, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { InvitationStatus } from '../../../common/api/index.js';
import { flatItems, useAllOrganizations, usePagedList } from '../../api/hooks.js';
import type { Invitation } from '../../api/types.js';
import { ConfirmModal, EmptyState, FormModal, ListTable } from '../../components/data.js';
import { Page } from '../../components/page.js';
import { StatusBadge } from '../../components/status-badge.js';
import { useRevokeInvitation } from '../../features/invitations/api.js';
import { InvitationForm } from '../../features/invitations/invitation-form.js';
import { formatDateTime, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';

const STATUS_COLOR: Record<Invitation['status'], string> = { pending: 'blue', accepted: 'green', revoked: 'gray', expired: 'orange' };

export default function InvitationsPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const [status, setStatus] = useState('');
  const orgs = useAllOrganizations();
  const organizations = orgs.data ?? [];
  const orgName = (id: string) => organizations.find((o) => o.id === id)?.name ?? '…';
  const list = usePagedList<Invitation>('invitations', '/api/v1/invitations', { status: status || undefined });
  const items = flatItems(list.data);
  const [inviting, setInviting] = useState(false);
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const revoke = useRevokeInvitation();
  const closeRevoke = () => {
    setRevoking(null);
    revoke.reset();
  };

  return (
    <Page title={t('invitations.title')} actions={<Button onClick={() => setInviting(true)}>{t('invitations.create')}</Button>}>
      <Group align="flex-end">
        <NativeSelect
          label={t('fields.status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[
            { value: '', label: t('common.all') },
            ...InvitationStatus.options.map((s) => ({ value: s, label: t(`invitationStatus.${s}`) })),
          ]}
          w={{ base: '100%', xs: 220 }}
        />
      </Group>
      <ListTable
        caption={t('invitations.title')}
        empty={
          status ? (
            <EmptyState what={t('invitations.emptyFiltered', { status: t(`invitationStatus.${status}`) })} action={
              <Button variant="default" onClick={() => setStatus('')}>
                {t('common.resetFilters')}
              </Button>
            } />
          ) : (
            <EmptyState what={t('invitations.empty')} next={t('invitations.emptyNext')} />
          )
        }
        isPending={list.isPending}
        error={list.error}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        columns={[
          { label: t('fields.email'), noPhoneLabel: true },
          { label: t('invitations.roleAt'), wrap: true },
          { label: t('fields.status') },
          { label: t('invitations.expires') },
          { label: t('common.actions'), noPhoneLabel: true },
        ]}
        rows={items.map((inv) => ({
          key: inv.id,
          cells: [
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
              <Button
                key="revoke"
                size="xs"
                variant="outline"
                color="red"
                onClick={() => setRevoking(inv)}
                aria-label={t('invitations.revokeNamed', { email: inv.email })}
              >
                {t('invitations.revoke')}
              </Button>
            ) : null,
          ],
        }))}
      />
      <FormModal opened={inviting} onClose={() => setInviting(false)} title={t('invitations.create')}>
        {inviting && <InvitationForm organizations={organizations} onDone={() => setInviting(false)} />}
      </FormModal>
      <ConfirmModal
        opened={revoking !== null}
        title={t('invitations.revokeTitle')}
        message={t('invitations.revokeConfirm', { email: revoking?.email ?? '' })}
        confirmLabel={t('invitations.revoke')}
        loading={revoke.isPending}
        error={revoke.error}
        onClose={closeRevoke}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('invitations.revoked') });
              closeRevoke();
            },
          })
        }
      />
    </Page>
  );
}
