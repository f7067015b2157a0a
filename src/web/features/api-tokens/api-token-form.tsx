import { Alert, Button, Code, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from '../../i18n/translate.js';
import { CreateApiTokenBody } from '../../../common/api/index.js';
import type { Role } from '../../../common/permissions.js';
import type { CreatedApiToken, Organization } from '../../api/types.js';
import { applyProblemToForm, zodValidator } from '../../components/forms.js';
import { IconAlert, IconCheck, IconCopy } from '../../components/icons.js';
import { FormActions, OrganizationRoleFields } from '../../components/form-actions.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { useCreateApiToken } from './api.js';

interface Values {
  name: string;
  role: Role;
  organizationId: string;
}

export function CreatedTokenView({ created, onDone }: { created: CreatedApiToken; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Alert color="orange" variant="light" icon={<IconAlert />} title={t('apiTokens.onceTitle')} role="alert">
        {t('apiTokens.onceText')}
      </Alert>
      <Text fw={500} id="created-token-label">
        {t('apiTokens.token')}
      </Text>
      <Code
        block
        aria-labelledby="created-token-label"
        data-testid="created-token"
        style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}
        dir="ltr"
      >
        {created.token}
      </Code>
      <Group justify="space-between">
        <CopyButton value={created.token} timeout={3000}>
          {({ copied, copy }) => (
            <Button
              variant={copied ? 'light' : 'filled'}
              color={copied ? 'green' : undefined}
              leftSection={copied ? <IconCheck /> : <IconCopy />}
              onClick={copy}
            >
              {copied ? t('apiTokens.copied') : t('apiTokens.copy')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={onDone}>
          {t('apiTokens.done')}
        </Button>
      </Group>
    </Stack>
  );
}

export function ApiTokenForm({
  organizations,
  onCreated,
  onCancel,
}: {
  organizations: Organization[];
  onCreated: (created: CreatedApiToken) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateApiToken();
  const form = useForm<Values>({
    initialValues: { name: '', role: 'viewer', organizationId: '' },
    validate: zodValidator(CreateApiTokenBody, t, (v: Values) => ({ ...v, name: v.name.trim() })),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        create.mutate({ ...v, name: v.name.trim() }, { onSuccess: onCreated, onError: (e) => applyProblemToForm(form, e) }),
      )}
    >
      <Stack>
        <Text size="sm">{t('apiTokens.intro')}</Text>
        <ProblemAlert error={create.error} />
        <TextInput
          label={t('apiTokens.name')}
          description={t('apiTokens.nameHint')}
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <OrganizationRoleFields form={form} organizations={organizations} />
        <FormActions onCancel={onCancel} submitLabel={t('apiTokens.submit')} loading={create.isPending} />
      </Stack>
    </form>
  );
}
