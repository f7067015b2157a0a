import { Alert, Button, Center, Group, Loader, NativeSelect, Paper, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../../common/locales.js';
import { api } from '../../api/client.js';
import { ME_KEY, useMe } from '../../api/hooks.js';
import { IconInfo } from '../../components/icons.js';
import type { Network } from '../../api/types.js';
import { applyProblemToForm } from '../../components/forms.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { languageName } from '../../i18n/format.js';

interface Values {
  name: string;
  requireTotpForStaff: boolean;
  defaultLocale: Locale;
}

const toValues = (n: Network): Values => ({
  name: n.name,
  requireTotpForStaff: n.settings.requireTotpForStaff,
  defaultLocale: n.settings.defaultLocale,
});

export default function SettingsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const network = useQuery({ queryKey: ['network'], queryFn: () => api.get<Network>('/api/v1/network') });
  const save = useMutation({
    mutationFn: (body: { name: string; settings: { requireTotpForStaff: boolean; defaultLocale: Locale }; version: number }) =>
      api.patch<Network>('/api/v1/network', body),
    onSuccess: (n) => {
      qc.setQueryData(['network'], n);
      void qc.invalidateQueries({ queryKey: ME_KEY });
    },
  });
  const form = useForm<Values>({
    initialValues: { name: '', requireTotpForStaff: false, defaultLocale: 'de' },
    validate: { name: (v) => (v.trim() ? null : t('validation.required')) },
  });
  const loaded = network.data;
  useEffect(() => {
    if (loaded) {
      form.setValues(toValues(loaded));
      form.resetDirty(toValues(loaded));
    }
    // Reset the form only when a new version of the network arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded?.version, loaded?.id]);

  const reload = async () => {
    save.reset();
    await qc.invalidateQueries({ queryKey: ['network'] });
  };

  return (
    <Page title={t('settings.title')}>
      {network.error ? (
        <ProblemAlert error={network.error} />
      ) : !loaded ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} role="status" />
        </Center>
      ) : (
        <Paper withBorder p="lg" radius="md" maw={640}>
          <form
            noValidate
            onSubmit={form.onSubmit((v) =>
              save.mutate(
                {
                  name: v.name.trim(),
                  settings: { requireTotpForStaff: v.requireTotpForStaff, defaultLocale: v.defaultLocale },
                  version: loaded.version,
                },
                {
                  onSuccess: () => notifications.show({ color: 'green', message: t('common.savedMessage') }),
                  onError: (e) => applyProblemToForm(form, e),
                },
              ),
            )}
          >
            <Stack>
              <ProblemAlert error={save.error} onReload={() => void reload()} />
              <TextInput label={t('settings.name')} required {...form.getInputProps('name')} />
              <Switch
                label={t('settings.requireTotp')}
                description={t('settings.requireTotpHint')}
                {...form.getInputProps('requireTotpForStaff', { type: 'checkbox' })}
              />
              {form.values.requireTotpForStaff && !loaded.settings.requireTotpForStaff && me && !me.user.totpEnabled && (
                <Alert color="orange" variant="light" icon={<IconInfo />} role="status">
                  {t('settings.requireTotpSelf')}
                </Alert>
              )}
              <NativeSelect
                label={t('settings.defaultLocale')}
                description={t('settings.defaultLocaleHint')}
                data={LOCALES.map((l) => ({ value: l, label: languageName(l) }))}
                {...form.getInputProps('defaultLocale')}
              />
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
    </Page>
  );
}
