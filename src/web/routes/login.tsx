import { Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../i18n/translate.js';
import { Link, useNavigate, useSearchParams } from '../router.js';
import { LoginBody } from '../../common/api/index.js';
import { isProblem } from '../api/client.js';
import { applyProblemToForm, zodValidator } from '../components/forms.js';
import { Page } from '../components/page.js';
import { ProblemAlert } from '../components/problem-alert.js';
import { useLogin } from '../features/auth/api.js';

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const login = useLogin();
  const [needsTotp, setNeedsTotp] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);

  const form = useForm({
    initialValues: { email: '', password: '', totp: '' },
    validate: zodValidator(LoginBody, t, (v: { email: string; password: string; totp: string }) => ({
      email: v.email,
      password: v.password,
      ...(needsTotp ? { totp: v.totp.trim() } : {}),
    })),
  });

  useEffect(() => {
    if (needsTotp) totpRef.current?.focus();
  }, [needsTotp]);

  const submit = form.onSubmit((values) => {
    login.mutate(
      { email: values.email.trim(), password: values.password, ...(needsTotp && values.totp ? { totp: values.totp.trim() } : {}) },
      {
        onSuccess: (me) => {
          navigate(me.totpSetupRequired ? '/profile' : safeNext(params.get('next')), {
            replace: true,
            state: me.totpSetupRequired ? { notice: 'totpSetupRequired' } : undefined,
          });
        },
        onError: (error) => {
          if (isProblem(error, 'totp-required')) setNeedsTotp(true);
          if (isProblem(error, 'totp-invalid')) {
            setNeedsTotp(true);
            form.setFieldValue('totp', '');
            form.setFieldError('totp', error.detail);
          }
          applyProblemToForm(form, error);
        },
      },
    );
  });

  // "TOTP required" is a step of the flow, not a failure (a hint says it); a wrong code shows at its field.
  const showError = login.error && !isProblem(login.error, 'totp-required') && !isProblem(login.error, 'totp-invalid');

  return (
    <Page title={t('login.title')}>
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text>{t('login.intro')}</Text>
            {showError && <ProblemAlert error={login.error} />}
            <TextInput label={t('fields.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
            <PasswordInput label={t('fields.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
            {needsTotp && (
              <>
                <Text role="status" size="sm">
                  {t('login.totpHint')}
                </Text>
                <TextInput
                  ref={totpRef}
                  label={t('fields.totp')}
                  description={t('login.totpDescription')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  required
                  data-testid="totp"
                  {...form.getInputProps('totp')}
                />
              </>
            )}
            <Button type="submit" loading={login.isPending} fullWidth>
              {t('login.submit')}
            </Button>
            <Anchor component={Link} to="/forgot-password" size="sm">
              {t('login.forgot')}
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Page>
  );
}
