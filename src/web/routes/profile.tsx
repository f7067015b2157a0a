import { Alert, Button, Code, Group, Image, NativeSelect, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n/translate.js';
import { useLocation } from '../router.js';
import { ChangePasswordBody } from '../../common/api/index.js';
import { LOCALES, isLocale, type Locale } from '../../common/locales.js';
import { ME_KEY, useMe, useQueryClient, useSignedInMe } from '../api/hooks.js';
import type { TotpSetup } from '../api/types.js';
import { applyProblemToForm, zodValidator } from '../components/forms.js';
import { IconInfo } from '../components/icons.js';
import { Page } from '../components/page.js';
import { StatusBadge } from '../components/status-badge.js';
import { ProblemAlert } from '../components/problem-alert.js';
import { useChangePassword, useTotpDisable, useTotpEnable, useTotpSetup, useUpdateMe } from '../features/profile/api.js';
import { languageName } from '../i18n/format.js';

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function PersonalData() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const update = useUpdateMe();
  const qc = useQueryClient();
  const form = useForm({
    initialValues: { name: me.user.name, locale: me.user.locale as Locale },
    validate: { name: (v) => (v.trim() ? null : t('validation.required')) },
  });
  const submit = form.onSubmit((v) =>
    update.mutate(
      { name: v.name.trim(), locale: v.locale, version: me.user.version },
      {
        onSuccess: (updated) => {
          form.resetDirty({ name: updated.user.name, locale: updated.user.locale });
          notifications.show({ color: 'green', message: t('profile.saved') });
        },
        onError: (e) => applyProblemToForm(form, e),
      },
    ),
  );
  const reload = async () => {
    await qc.invalidateQueries({ queryKey: ME_KEY });
    const fresh = qc.getQueryData<typeof me>(ME_KEY);
    if (fresh) form.setValues({ name: fresh.user.name, locale: fresh.user.locale });
    update.reset();
  };
  return (
    <Section id="profile-personal" title={t('profile.personal')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={update.error} onReload={() => void reload()} />
          <TextInput label={t('fields.email')} value={me.user.email} readOnly description={t('profile.emailFixed')} />
          <TextInput label={t('fields.name')} autoComplete="name" required {...form.getInputProps('name')} />
          <NativeSelect
            label={t('fields.language')}
            data={LOCALES.map((l) => ({ value: l, label: languageName(l) }))}
            {...form.getInputProps('locale')}
            onChange={(e) => isLocale(e.currentTarget.value) && form.setFieldValue('locale', e.currentTarget.value)}
          />
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: (v) => {
      const errors = zodValidator(ChangePasswordBody, t)({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      if (v.confirm !== v.newPassword) errors.confirm = t('form.passwordsDiffer');
      return errors;
    },
  });
  return (
    <Section id="profile-password" title={t('profile.password')}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          change.mutate(
            { currentPassword: v.currentPassword, newPassword: v.newPassword },
            {
              onSuccess: () => {
                form.reset();
                notifications.show({ color: 'green', message: t('profile.passwordChanged') });
              },
              onError: (e) => applyProblemToForm(form, e),
            },
          ),
        )}
      >
        <Stack>
          <ProblemAlert error={change.error} />
          <PasswordInput
            label={t('fields.currentPassword')}
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label={t('fields.newPassword')}
            description={t('fields.passwordRule')}
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput label={t('fields.confirmPassword')} autoComplete="new-password" required {...form.getInputProps('confirm')} />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('profile.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function TwoFactor() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const setup = useTotpSetup();
  const enable = useTotpEnable();
  const disable = useTotpDisable();
  const [secret, setSecret] = useState<TotpSetup | null>(null);
  const codeForm = useForm({
    initialValues: { code: '' },
    validate: { code: (v) => (/^\d{6}$/.test(v.trim()) ? null : t('form.totpFormat')) },
  });
  const disableForm = useForm({
    initialValues: { password: '' },
    validate: { password: (v) => (v ? null : t('validation.required')) },
  });

  if (me.user.totpEnabled) {
    return (
      <Section id="profile-totp" title={t('profile.totp')}>
        <Stack>
          <Group gap="xs">
            <StatusBadge color="green">{t('profile.totpOn')}</StatusBadge>
          </Group>
          <Text>{t('profile.totpOnText')}</Text>
          <form
            noValidate
            onSubmit={disableForm.onSubmit((v) =>
              disable.mutate(v.password, {
                onSuccess: () => {
                  disableForm.reset();
                  notifications.show({ color: 'green', message: t('profile.totpDisabled') });
                },
                onError: (e) => applyProblemToForm(disableForm, e),
              }),
            )}
          >
            <Stack>
              <ProblemAlert error={disable.error} />
              <PasswordInput
                label={t('fields.currentPassword')}
                autoComplete="current-password"
                required
                {...disableForm.getInputProps('password')}
              />
              <Group>
                <Button type="submit" color="red" variant="outline" loading={disable.isPending}>
                  {t('profile.totpDisable')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      </Section>
    );
  }

  return (
    <Section id="profile-totp" title={t('profile.totp')}>
      <Stack>
        <Text>{t('profile.totpOffText')}</Text>
        <ProblemAlert error={setup.error} />
        {!secret ? (
          <Group>
            <Button onClick={() => setup.mutate(undefined, { onSuccess: setSecret })} loading={setup.isPending}>
              {t('profile.totpStart')}
            </Button>
          </Group>
        ) : (
          <form
            noValidate
            onSubmit={codeForm.onSubmit((v) =>
              enable.mutate(v.code.trim(), {
                onSuccess: () => {
                  setSecret(null);
                  codeForm.reset();
                  notifications.show({ color: 'green', message: t('profile.totpEnabled') });
                },
                onError: (e) => {
                  applyProblemToForm(codeForm, e);
                },
              }),
            )}
          >
            <Stack>
              <Text>{t('profile.totpScan')}</Text>
              <Image src={secret.qrDataUrl} alt={t('profile.totpQrAlt')} w={200} h={200} fit="contain" />
              <Text size="sm">{t('profile.totpManual')}</Text>
              <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="totp-secret">
                {secret.secret}
              </Code>
              <ProblemAlert error={enable.error} />
              <TextInput
                label={t('fields.totp')}
                description={t('login.totpDescription')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                required
                {...codeForm.getInputProps('code')}
              />
              <Group>
                <Button type="submit" loading={enable.isPending}>
                  {t('profile.totpConfirm')}
                </Button>
                <Button variant="default" onClick={() => setSecret(null)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Section>
  );
}

export default function ProfilePage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const mustSetUp = !!me?.totpSetupRequired || notice === 'totpSetupRequired';
  useEffect(() => {
    if (mustSetUp) document.getElementById('profile-totp')?.scrollIntoView({ block: 'center' });
  }, [mustSetUp]);
  return (
    <Page title={t('profile.title')}>
      {mustSetUp && me?.totpSetupRequired && (
        <Alert color="orange" variant="light" icon={<IconInfo />} title={t('profile.totpRequiredTitle')} role="alert">
          {t('profile.totpRequiredText')}
        </Alert>
      )}
      <Stack gap="lg" maw={720}>
        <PersonalData />
        <TwoFactor />
        <ChangePassword />
      </Stack>
    </Page>
  );
}
