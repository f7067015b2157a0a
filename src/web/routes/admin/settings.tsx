import { ActionIcon, Alert, Button, Center, Fieldset, Group, Loader, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import type { NetworkSettings } from '../../../common/api/network.js';
import { ALLOWANCE_UNITS, type AllowanceUnit } from '../../../common/api/placements.js';
import { LOCALES, type Locale } from '../../../common/locales.js';
import { api, ProblemError } from '../../api/client.js';
import { ME_KEY, useMe } from '../../api/hooks.js';
import { IconInfo } from '../../components/icons.js';
import type { Network } from '../../api/types.js';
import { formPath } from '../../components/form-path.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { languageName } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';

type Amount = number | string;

interface Values {
  name: string;
  requireTotpForStaff: boolean;
  defaultLocale: Locale;
  proposalExpiryHours: Amount;
  agreementMaxMonths: Amount;
  agreementReminderDays: Amount;
  /** Euros per kilometre (stored as cents). */
  mileageRate: Amount;
  allowanceUnit: AllowanceUnit;
  /** Euros (stored as cents). */
  allowance: Amount;
  /** One row per calendar year, amount in euros. */
  taxFree: { year: string; amount: Amount }[];
  payoutName: string;
  payoutIban: string;
  payoutBic: string;
  /** Euros; empty: no second person needed. */
  secondPersonAbove: Amount;
}

type Body = { name: string; settings: Partial<NetworkSettings>; version: number };

const euros = (cents: number) => cents / 100;
const cents = (value: Amount) => Math.round(Number(value) * 100);
const groupIban = (iban: string) => iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');

const toValues = (n: Network): Values => ({
  name: n.name,
  requireTotpForStaff: n.settings.requireTotpForStaff,
  defaultLocale: n.settings.defaultLocale,
  proposalExpiryHours: n.settings.proposalExpiryHours,
  agreementMaxMonths: n.settings.agreementMaxMonths,
  agreementReminderDays: n.settings.agreementReminderDays,
  mileageRate: euros(n.settings.mileageRateCents),
  allowanceUnit: n.settings.allowanceUnit,
  allowance: euros(n.settings.allowanceCents),
  taxFree: Object.entries(n.settings.taxFreeAllowanceCents)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([year, c]) => ({ year, amount: euros(c) })),
  payoutName: n.settings.payoutAccount?.name ?? '',
  payoutIban: n.settings.payoutAccount ? groupIban(n.settings.payoutAccount.iban) : '',
  payoutBic: n.settings.payoutAccount?.bic ?? '',
  secondPersonAbove: n.settings.payoutSecondPersonAboveCents === null ? '' : euros(n.settings.payoutSecondPersonAboveCents),
});

function bodyOf(v: Values, version: number): Body {
  const payout = [v.payoutName, v.payoutIban, v.payoutBic].every((s) => s.trim() === '')
    ? null
    : { name: v.payoutName.trim(), iban: v.payoutIban.replace(/\s+/g, '').toUpperCase(), bic: v.payoutBic.trim() === '' ? null : v.payoutBic.replace(/\s+/g, '').toUpperCase() };
  return {
    name: v.name.trim(),
    settings: {
      requireTotpForStaff: v.requireTotpForStaff,
      defaultLocale: v.defaultLocale,
      proposalExpiryHours: Number(v.proposalExpiryHours),
      agreementMaxMonths: Number(v.agreementMaxMonths),
      agreementReminderDays: Number(v.agreementReminderDays),
      mileageRateCents: cents(v.mileageRate),
      allowanceUnit: v.allowanceUnit,
      allowanceCents: v.allowanceUnit === 'none' ? 0 : cents(v.allowance),
      taxFreeAllowanceCents: Object.fromEntries(v.taxFree.map((r) => [r.year.trim(), cents(r.amount)])),
      payoutAccount: payout,
      payoutSecondPersonAboveCents: v.secondPersonAbove === '' ? null : cents(v.secondPersonAbove),
    },
    version,
  };
}

/** The server names settings fields by the API; the form shows some under other names (euros, rows). */
function fieldOf(path: string, v: Values): string {
  const p = formPath(path).replace(/^settings\./, '');
  const [head, rest] = [p.split('.')[0] ?? p, p.split('.').slice(1).join('.')];
  switch (head) {
    case 'mileageRateCents':
      return 'mileageRate';
    case 'allowanceCents':
      return 'allowance';
    case 'taxFreeAllowanceCents': {
      const i = v.taxFree.findIndex((r) => r.year.trim() === rest);
      return i >= 0 ? `taxFree.${i}.amount` : 'taxFree';
    }
    case 'payoutAccount':
      return rest === 'iban' ? 'payoutIban' : rest === 'bic' ? 'payoutBic' : 'payoutName';
    case 'payoutSecondPersonAboveCents':
      return 'secondPersonAbove';
    default:
      return p;
  }
}

/** A group of settings: a framed region named by its heading, with a sentence on what it is for. */
function SettingsGroup({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb={intro ? 4 : 'sm'} style={{ overflowWrap: 'anywhere' }}>
        {title}
      </Title>
      {intro && (
        <Text size="sm" className="secondary-text" mb="sm">
          {intro}
        </Text>
      )}
      <Stack>{children}</Stack>
    </Paper>
  );
}

export default function SettingsPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const network = useQuery({ queryKey: ['network'], queryFn: () => api.get<Network>('/api/v1/network') });
  const save = useMutation({
    mutationFn: (body: Body) => api.patch<Network>('/api/v1/network', body),
    onSuccess: (n) => {
      qc.setQueryData(['network'], n);
      void qc.invalidateQueries({ queryKey: ME_KEY });
    },
  });
  const required = (v: Amount) => (v === '' || v === null ? t('validation.required') : null);
  const form = useForm<Values>({
    initialValues: {
      name: '',
      requireTotpForStaff: false,
      defaultLocale: 'de',
      proposalExpiryHours: 72,
      agreementMaxMonths: 6,
      agreementReminderDays: 14,
      mileageRate: 0.3,
      allowanceUnit: 'none',
      allowance: 0,
      taxFree: [],
      payoutName: '',
      payoutIban: '',
      payoutBic: '',
      secondPersonAbove: '',
    },
    validate: {
      name: (v) => (v.trim() ? null : t('validation.required')),
      proposalExpiryHours: required,
      agreementMaxMonths: required,
      agreementReminderDays: required,
      mileageRate: required,
      allowance: (v, all) => (all.allowanceUnit === 'none' ? null : required(v)),
      taxFree: {
        year: (v, all, path) => {
          if (!/^\d{4}$/.test(v.trim())) return t('settings.taxFreeYearInvalid');
          const i = Number(path.split('.')[1]);
          return all.taxFree.some((r, j) => j < i && r.year.trim() === v.trim()) ? t('validation.duplicate') : null;
        },
        amount: required,
      },
      payoutName: (v, all) => (v.trim() === '' && (all.payoutIban.trim() !== '' || all.payoutBic.trim() !== '') ? t('validation.required') : null),
      payoutIban: (v, all) => {
        const iban = v.replace(/\s+/g, '');
        if (iban === '') return all.payoutName.trim() !== '' || all.payoutBic.trim() !== '' ? t('validation.required') : null;
        return /^[A-Za-z]{2}\d{2}[A-Za-z0-9]{11,30}$/.test(iban) ? null : t('settings.ibanInvalid');
      },
      payoutBic: (v) => (v.trim() === '' || /^[A-Za-z]{6}[A-Za-z0-9]{2}([A-Za-z0-9]{3})?$/.test(v.replace(/\s+/g, '')) ? null : t('settings.bicInvalid')),
    },
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

  const decimalSeparator = locale === 'de' ? ',' : '.';
  const money = { decimalScale: 2, fixedDecimalScale: true, decimalSeparator, thousandSeparator: locale === 'de' ? '.' : ',', allowNegative: false, hideControls: true, suffix: ' €' } as const;
  const whole = { allowDecimal: false, allowNegative: false } as const;
  const v = form.values;

  return (
    <Page title={t('settings.title')}>
      {network.error ? (
        <ProblemAlert error={network.error} />
      ) : !loaded ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} role="status" />
        </Center>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) =>
            save.mutate(bodyOf(values, loaded.version), {
              onSuccess: () => notifications.show({ color: 'green', message: t('common.savedMessage') }),
              onError: (e) => {
                if (!(e instanceof ProblemError) || !e.problem.errors) return;
                const fields: Record<string, string> = {};
                for (const err of e.problem.errors) fields[fieldOf(err.path, values)] = err.message;
                form.setErrors(fields);
              },
            }),
          )}
        >
          <Stack maw={760}>
            <SettingsGroup id="settings-general" title={t('settings.sections.general')}>
              <TextInput label={t('settings.name')} required {...form.getInputProps('name')} />
              <Switch label={t('settings.requireTotp')} description={t('settings.requireTotpHint')} {...form.getInputProps('requireTotpForStaff', { type: 'checkbox' })} />
              {v.requireTotpForStaff && !loaded.settings.requireTotpForStaff && me && !me.user.totpEnabled && (
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
            </SettingsGroup>

            <SettingsGroup id="settings-placement" title={t('settings.sections.placement')}>
              <NumberInput
                label={t('settings.proposalExpiryHours')}
                description={t('settings.proposalExpiryHoursHint')}
                min={1}
                max={720}
                {...whole}
                {...form.getInputProps('proposalExpiryHours')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                  label={t('settings.agreementMaxMonths')}
                  description={t('settings.agreementMaxMonthsHint')}
                  min={1}
                  max={36}
                  {...whole}
                  {...form.getInputProps('agreementMaxMonths')}
                />
                <NumberInput
                  label={t('settings.agreementReminderDays')}
                  description={t('settings.agreementReminderDaysHint')}
                  min={1}
                  max={90}
                  {...whole}
                  {...form.getInputProps('agreementReminderDays')}
                />
              </SimpleGrid>
            </SettingsGroup>

            <SettingsGroup id="settings-expenses" title={t('settings.sections.expenses')} intro={t('settings.expensesIntro')}>
              <NumberInput label={t('settings.mileageRate')} description={t('settings.mileageRateHint')} max={1} maw={22 * 16} {...money} {...form.getInputProps('mileageRate')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  label={t('settings.allowanceUnit')}
                  description={t('settings.allowanceUnitHint')}
                  data={ALLOWANCE_UNITS.map((u) => ({ value: u, label: t(`settings.allowanceUnits.${u}`) }))}
                  {...form.getInputProps('allowanceUnit')}
                />
                {v.allowanceUnit !== 'none' && (
                  <NumberInput
                    label={v.allowanceUnit === 'hour' ? t('settings.allowancePerHour') : t('settings.allowancePerDeployment')}
                    description={t('settings.allowanceHint')}
                    max={1000}
                    {...money}
                    {...form.getInputProps('allowance')}
                  />
                )}
              </SimpleGrid>

              <Fieldset
                legend={t('settings.taxFree')}
                variant="unstyled"
                aria-describedby="settings-tax-free-hint"
                p={0}
                styles={{ legend: { fontWeight: 500, fontSize: 'var(--mantine-font-size-sm)', padding: 0, marginBottom: 4 } }}
              >
                <Text size="xs" className="secondary-text" mb="xs" id="settings-tax-free-hint">
                  {t('settings.taxFreeHint')}
                </Text>
                <Stack gap="xs" maw={30 * 16}>
                  {v.taxFree.map((_, i) => (
                    <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
                      <TextInput
                        w="6.5rem"
                        style={{ flexShrink: 0 }}
                        label={t('settings.taxFreeYear')}
                        inputMode="numeric"
                        maxLength={4}
                        {...form.getInputProps(`taxFree.${i}.year`)}
                      />
                      <NumberInput style={{ flex: 1, minWidth: 0 }} label={t('settings.taxFreeAmount', { year: v.taxFree[i]?.year.trim() || '…' })} max={100_000} {...money} {...form.getInputProps(`taxFree.${i}.amount`)} />
                      <ActionIcon
                        variant="default"
                        size="lg"
                        mb={2}
                        aria-label={t('settings.taxFreeRemove', { year: v.taxFree[i]?.year || String(i + 1) })}
                        onClick={() => form.removeListItem('taxFree', i)}
                      >
                        <span aria-hidden="true">×</span>
                      </ActionIcon>
                    </Group>
                  ))}
                  <Group>
                    <Button
                      variant="default"
                      size="xs"
                      onClick={() => {
                        const last = v.taxFree[v.taxFree.length - 1];
                        form.insertListItem('taxFree', { year: last && /^\d{4}$/.test(last.year) ? String(Number(last.year) + 1) : String(new Date().getFullYear()), amount: last?.amount ?? '' });
                      }}
                    >
                      {t('settings.taxFreeAdd')}
                    </Button>
                  </Group>
                </Stack>
              </Fieldset>
            </SettingsGroup>

            <SettingsGroup id="settings-payout" title={t('settings.sections.payout')} intro={t('settings.payoutIntro')}>
              <TextInput label={t('settings.payoutName')} autoComplete="off" {...form.getInputProps('payoutName')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('settings.payoutIban')} dir="ltr" autoComplete="off" spellCheck={false} placeholder="DE12 3456 7890 1234 5678 90" {...form.getInputProps('payoutIban')} />
                <TextInput
                  label={t('settings.payoutBic')}
                  description={t('settings.payoutBicHint')}
                  dir="ltr"
                  autoComplete="off"
                  spellCheck={false}
                  {...form.getInputProps('payoutBic')}
                />
              </SimpleGrid>
              <NumberInput
                label={t('settings.secondPersonAbove')}
                description={t('settings.secondPersonAboveHint')}
                min={0}
                max={1_000_000}
                maw={22 * 16}
                {...money}
                {...form.getInputProps('secondPersonAbove')}
              />
            </SettingsGroup>

            <Stack gap="xs">
              <ProblemAlert error={save.error} onReload={() => void reload()} />
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </Stack>
        </form>
      )}
    </Page>
  );
}
