import { Alert, Anchor, Button, Paper, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from '../i18n/translate.js';
import { Link, useSearchParams } from '../router.js';
import { Password } from '../../common/api/index.js';
import { applyProblemToForm } from '../components/forms.js';
import { IconInfo } from '../components/icons.js';
import { Page } from '../components/page.js';
import { NewPasswordFields } from '../components/password-fields.js';
import { ProblemAlert } from '../components/problem-alert.js';
import { useConfirmPasswordReset } from '../features/auth/api.js';

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useConfirmPasswordReset();
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (v) => (Password.safeParse(v).success ? null : t('validation.passwordWeak')),
      confirm: (v, values) => (v === values.password ? null : t('form.passwordsDiffer')),
    },
  });

  return (
    <Page title={t('reset.title')}>
      <Paper withBorder p="lg" radius="md">
        {!token ? (
          <Stack>
            <Alert color="red" variant="light" role="alert">
              {t('reset.missingToken')}
            </Alert>
            <Anchor component={Link} to="/forgot-password">
              {t('reset.requestNew')}
            </Anchor>
          </Stack>
        ) : confirm.isSuccess ? (
          <Stack>
            <Alert color="green" variant="light" icon={<IconInfo />} role="status" title={t('reset.doneTitle')}>
              {t('reset.done')}
            </Alert>
            <Button component={Link} to="/login">
              {t('reset.toLogin')}
            </Button>
          </Stack>
        ) : (
          <form
            noValidate
            onSubmit={form.onSubmit((v) =>
              confirm.mutate({ token, password: v.password }, { onError: (e) => applyProblemToForm(form, e) }),
            )}
          >
            <Stack>
              <Text>{t('reset.intro')}</Text>
              <ProblemAlert error={confirm.error} />
              <NewPasswordFields form={form} />
              <Button type="submit" loading={confirm.isPending} fullWidth>
                {t('reset.submit')}
              </Button>
              <Anchor component={Link} to="/forgot-password" size="sm">
                {t('reset.requestNew')}
              </Anchor>
            </Stack>
          </form>
        )}
      </Paper>
    </Page>
  );
}
