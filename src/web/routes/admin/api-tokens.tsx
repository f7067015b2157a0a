import { Button, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { useAllOrganizations, usePagedList } from '../../api/hooks.js';
import type { ApiToken, CreatedApiToken } from '../../api/types.js';
import { FormModal } from '../../components/data.js';
import { PagedList, RowAction } from '../../components/list/paged-list.js';
import { useRowConfirmation } from '../../components/list/row-confirmation.js';
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
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const revoke = useRowConfirmation({
    mutation: useRevokeApiToken(),
    variables: (tok: ApiToken) => tok.id,
    title: t('apiTokens.revokeTitle'),
    message: (tok) => t('apiTokens.revokeConfirm', { name: tok.name }),
    confirmLabel: t('apiTokens.revoke'),
    done: () => t('apiTokens.revokedMessage'),
  });
  const closeCreate = () => {
    setCreating(false);
    setCreated(null);
  };

  return (
    <Page title={t('apiTokens.title')} actions={<Button onClick={() => setCreating(true)}>{t('apiTokens.create')}</Button>}>
      <PagedList
        caption={t('apiTokens.title')}
        list={list}
        empty={{ what: t('apiTokens.empty'), next: t('apiTokens.emptyNext') }}
        columns={[
          { label: t('apiTokens.name'), wrap: true, noPhoneLabel: true },
          { label: t('invitations.roleAt'), wrap: true },
          { label: t('apiTokens.created') },
          { label: t('apiTokens.lastUsed') },
          { label: t('fields.status') },
          { label: t('common.actions'), noPhoneLabel: true },
        ]}
        row={(tok) => [
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
            <RowAction
              key="revoke"
              danger
              label={t('apiTokens.revoke')}
              named={t('apiTokens.revokeNamed', { name: tok.name })}
              onClick={() => revoke.ask(tok)}
            />
          ) : null,
        ]}
      />
      <FormModal opened={creating} onClose={closeCreate} title={created ? t('apiTokens.createdTitle') : t('apiTokens.create')}>
        {creating &&
          (created ? (
            <CreatedTokenView created={created} onDone={closeCreate} />
          ) : (
            <ApiTokenForm organizations={organizations} onCreated={setCreated} onCancel={closeCreate} />
          ))}
      </FormModal>
      {revoke.dialog}
    </Page>
  );
}
