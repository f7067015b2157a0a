import { Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { flatItems, useAllOrganizations, usePagedList } from '../../api/hooks.js';
import type { ApiToken, CreatedApiToken } from '../../api/types.js';
import { ConfirmModal, EmptyState, FormModal, ListTable } from '../../components/data.js';
import { Page } from '../../components/page.js';
import { StatusBadge } from '../../components/status-badge.js';
import { useRevokeApiToken } from '../../features/api-tokens/api.js';
import { ApiTokenForm, CreatedTokenView } from '../../features/api-tokens/api-token-form.js';
import { formatDateTime, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';

export default function ApiTokensPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const orgs = useAllOrganizations();
  const organizations = orgs.data ?? [];
  const orgName = (id: string) => organizations.find((o) => o.id === id)?.name ?? '…';
  const list = usePagedList<ApiToken>('api-tokens', '/api/v1/api-tokens', {});
  const items = flatItems(list.data);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const revoke = useRevokeApiToken();
  const closeCreate = () => {
    setCreating(false);
    setCreated(null);
  };
  const closeRevoke = () => {
    setRevoking(null);
    revoke.reset();
  };

  return (
    <Page title={t('apiTokens.title')} actions={<Button onClick={() => setCreating(true)}>{t('apiTokens.create')}</Button>}>
      <ListTable
        caption={t('apiTokens.title')}
        empty={<EmptyState what={t('apiTokens.empty')} next={t('apiTokens.emptyNext')} />}
        isPending={list.isPending}
        error={list.error}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        columns={[
          { label: t('apiTokens.name'), wrap: true, noPhoneLabel: true },
          { label: t('invitations.roleAt'), wrap: true },
          { label: t('apiTokens.created') },
          { label: t('apiTokens.lastUsed') },
          { label: t('fields.status') },
          { label: t('common.actions'), noPhoneLabel: true },
        ]}
        rows={items.map((tok) => ({
          key: tok.id,
          cells: [
            <Text key="name" size="sm" fw={500}>
              {tok.name}
            </Text>,
            t('users.membershipLine', { role: t(`roles.${tok.role}`), organization: isolate(orgName(tok.organizationId)) }),
            formatDateTime(tok.createdAt, locale),
            tok.lastUsedAt ? formatDateTime(tok.lastUsedAt, locale) : t('users.never'),
            <StatusBadge key="status" color={tok.revokedAt ? 'gray' : 'green'}>
              {tok.revokedAt ? t('apiTokens.revoked') : t('apiTokens.active')}
            </StatusBadge>,
            !tok.revokedAt ? (
              <Button
                key="revoke"
                size="xs"
                variant="outline"
                color="red"
                onClick={() => setRevoking(tok)}
                aria-label={t('apiTokens.revokeNamed', { name: tok.name })}
              >
                {t('apiTokens.revoke')}
              </Button>
            ) : null,
          ],
        }))}
      />
      <FormModal opened={creating} onClose={closeCreate} title={created ? t('apiTokens.createdTitle') : t('apiTokens.create')}>
        {creating &&
          (created ? (
            <CreatedTokenView created={created} onDone={closeCreate} />
          ) : (
            <ApiTokenForm organizations={organizations} onCreated={setCreated} onCancel={closeCreate} />
          ))}
      </FormModal>
      <ConfirmModal
        opened={revoking !== null}
        title={t('apiTokens.revokeTitle')}
        message={t('apiTokens.revokeConfirm', { name: revoking?.name ?? '' })}
        confirmLabel={t('apiTokens.revoke')}
        loading={revoke.isPending}
        error={revoke.error}
        onClose={closeRevoke}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('apiTokens.revokedMessage') });
              closeRevoke();
            },
          })
        }
      />
    </Page>
  );
}
