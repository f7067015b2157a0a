import { Alert, Anchor, Button, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from '../i18n/translate.js';
import { Link } from '../router.js';
import { PasswordResetRequestBody } from '../../common/api/index.js';
import { applyProblemToForm, zodValidator } from '../components/forms.js';
import { IconInfo } from '../components/icons.js';
import { Page } from '../components/page.js';
import { ProblemAlert } from '../components/problem-alert.js';
import { useRequestPasswordReset } from '../features/auth/api.js';

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const request = useRequestPasswordReset();
  const form = useForm({ initialValues: { email: '' }, validate: zodValidator(PasswordResetRequestBody, t) });

  return (
    <Page title={t('forgot.title')}>
      <Paper withBorder p="lg" radius="md">
        {request.isSuccess ? (
          <Stack>
            <Alert color="green" variant="light" icon={<IconInfo />} role="status" title={t('forgot.sentTitle')}>
              {t('forgot.sent', { email: form.values.email.trim() })}
            </Alert>
            <Anchor component={Link} to="/login">
              {t('common.backToLogin')}
            </Anchor>
          </Stack>
        ) : (
          <form
            noValidate
            onSubmit={form.onSubmit((v) => request.mutate({ email: v.email.trim() }, { onError: (e) => applyProblemToForm(form, e) }))}
          >
            <Stack>
              <Text>{t('forgot.intro')}</Text>
              <ProblemAlert error={request.error} />
              <TextInput label={t('fields.email')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
              <Button type="submit" loading={request.isPending} fullWidth>
                {t('forgot.submit')}
              </Button>
              <Anchor component={Link} to="/login" size="sm">
                {t('common.backToLogin')}
              </Anchor>
            </Stack>
          </form>
        )}
      </Paper>
    </Page>
  );
}
