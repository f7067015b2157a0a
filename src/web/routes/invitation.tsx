import { Alert, Anchor, Button, Loader, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from '../i18n/translate.js';
import { Link, useNavigate, useSearchParams } from '../router.js';
import { Password } from '../../common/api/index.js';
import { applyProblemToForm } from '../components/forms.js';
import { Page } from '../components/page.js';
import { NewPasswordFields } from '../components/password-fields.js';
import { ProblemAlert } from '../components/problem-alert.js';
import { lookupInvitation, useAcceptInvitation } from '../features/auth/api.js';
import { formatDateTime, isolate } from '../i18n/format.js';
import { useUiLocale } from '../i18n/locale.js';

export default function InvitationPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const lookup = useQuery({
    queryKey: ['invitation-lookup', token],
    queryFn: () => lookupInvitation(token),
    enabled: token.length > 0,
    retry: false,
  });
  const accept = useAcceptInvitation();
  const form = useForm({
    initialValues: { name: '', password: '', confirm: '' },
    validate: {
      name: (v) => (v.trim() ? null : t('validation.required')),
      password: (v) => (Password.safeParse(v).success ? null : t('validation.passwordWeak')),
      confirm: (v, values) => (v === values.password ? null : t('form.passwordsDiffer')),
    },
  });
  const invitedName = lookup.data?.name;
  useEffect(() => {
    if (invitedName && !form.values.name) form.setFieldValue('name', invitedName);
    // Only when the lookup arrives; later edits are the person's own.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [invitedName]);

  let body: React.ReactNode;
  if (!token) {
    body = (
      <Alert color="red" variant="light" role="alert">
        {t('invitation.missingToken')}
      </Alert>
    );
  } else if (lookup.isPending) {
    body = <Loader aria-label={t('app.loading')} role="status" />;
  } else if (lookup.error) {
    body = (
      <Stack>
        <ProblemAlert error={lookup.error} />
        <Anchor component={Link} to="/login">
          {t('common.backToLogin')}
        </Anchor>
      </Stack>
    );
  } else {
    const inv = lookup.data;
    body = (
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          accept.mutate(
            { token, name: v.name.trim(), password: v.password, locale },
            { onSuccess: () => navigate('/', { replace: true }), onError: (e) => applyProblemToForm(form, e) },
          ),
        )}
      >
        <Stack>
          <Text>{t('invitation.intro', { network: isolate(inv.networkName) })}</Text>
          <Table variant="vertical" withTableBorder layout="fixed" data-testid="invitation-details">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w="40%">{t('fields.network')}</Table.Th>
                <Table.Td>{inv.networkName}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('fields.organization')}</Table.Th>
                <Table.Td>{inv.organizationName}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('fields.role')}</Table.Th>
                <Table.Td>{t(`roles.${inv.role}`)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('fields.email')}</Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{inv.email}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('invitation.validUntil')}</Table.Th>
                <Table.Td>{formatDateTime(inv.expiresAt, locale)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <ProblemAlert error={accept.error} />
          <TextInput label={t('fields.name')} autoComplete="name" required {...form.getInputProps('name')} />
          <NewPasswordFields form={form} />
          <Button type="submit" loading={accept.isPending} fullWidth>
            {t('invitation.submit')}
          </Button>
        </Stack>
      </form>
    );
  }

  return (
    <Page title={t('invitation.title')}>
      <Paper withBorder p="lg" radius="md">
        {body}
      </Paper>
    </Page>
  );
}
