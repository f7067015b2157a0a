import { Alert, Anchor, Button, Center, FileInput, Group, Loader, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { TRANSPORT_MODES, type TransportMode } from '../../../common/api/placements.js';
import { applyProblemToForm } from '../../components/forms.js';
import { IconLock } from '../../components/icons.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { useUiLocale } from '../../i18n/locale.js';
import { useAgreements, useLogDeployment } from './api.js';
import { berlinToday, formatDay, parseDecimal, parseEuros } from './format.js';
import './placements.css';

interface Values {
  agreementId: string;
  date: string;
  hours: string;
  km: string;
  transport: '' | TransportMode;
  ticket: string;
  receipt: File | null;
  note: string;
}

const RECEIPT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];

/** The volunteer logs one deployment: where, when, how long, how they travelled, what the ticket cost. */
export default function LogDeploymentPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const agreements = useAgreements({ status: 'active', sort: 'endsOn' });
  const log = useLogDeployment();
  const today = berlinToday();
  const active = agreements.data ?? [];
  const preselected = params.get('agreement') ?? '';

  const form = useForm<Values>({
    initialValues: { agreementId: preselected, date: today, hours: '', km: '', transport: '', ticket: '', receipt: null, note: '' },
    validate: (v) => {
      const errors: Record<string, string> = {};
      const agreement = active.find((a) => a.id === v.agreementId);
      if (!v.agreementId) errors.agreementId = t('validation.required');
      if (!v.date) errors.date = t('validation.required');
      else if (v.date > today) errors.date = t('placements.log.dateFuture');
      else if (agreement && v.date < agreement.startsOn) errors.date = t('placements.log.dateBeforeStart', { date: formatDay(agreement.startsOn, locale) });
      const hours = parseDecimal(v.hours);
      if (v.hours.trim() === '') errors.hours = t('validation.required');
      else if (hours === null || hours <= 0 || hours > 24 || Math.round(hours * 4) !== hours * 4) errors.hours = t('placements.log.hoursInvalid');
      const km = v.km.trim() === '' ? 0 : parseDecimal(v.km);
      if (km === null || km < 0 || km > 2000 || Math.abs(km * 10 - Math.round(km * 10)) > 1e-9) errors.km = t('placements.log.kmInvalid');
      else if (km > 0 && !v.transport) errors.transport = t('placements.log.transportRequired');
      const ticket = parseEuros(v.ticket);
      if (ticket === null || ticket > 100_000) errors.ticket = t('placements.log.ticketInvalid');
      if (v.receipt && !RECEIPT_TYPES.includes(v.receipt.type)) errors.receipt = t('placements.log.receiptType');
      else if (v.receipt && v.receipt.size > 10 * 1024 * 1024) errors.receipt = t('placements.log.receiptSize');
      if (v.note.length > 500) errors.note = t('validation.tooLong', { maximum: 500 });
      return errors;
    },
  });

  const ticketCents = parseEuros(form.values.ticket) ?? 0;
  const submit = form.onSubmit((v) => {
    const km = v.km.trim() === '' ? 0 : (parseDecimal(v.km) ?? 0);
    log.mutate(
      {
        body: {
          agreementId: v.agreementId,
          date: v.date,
          hours: parseDecimal(v.hours) ?? 0,
          km,
          transport: v.transport || null,
          ticketCents: parseEuros(v.ticket) ?? 0,
          note: v.note.trim() || null,
        },
        receipt: (parseEuros(v.ticket) ?? 0) > 0 ? v.receipt : null,
      },
      {
        onSuccess: ({ receiptError }) => {
          notifications.show({
            color: receiptError ? 'orange' : 'green',
            title: t('placements.log.saved'),
            message: receiptError ? t('placements.log.savedWithoutReceipt') : t('placements.log.savedText', { date: formatDay(v.date, locale) }),
          });
          void navigate('/portal#portal-deployments');
        },
        onError: (e) => applyProblemToForm(form, e),
      },
    );
  });

  return (
    <Page title={t('placements.log.title')}>
      <Stack gap="lg" maw={720} w="100%">
        <Anchor component={Link} to="/portal">
          {t('placements.backToPortal')}
        </Anchor>
        {agreements.isPending ? (
          <Center py="md">
            <Loader aria-label={t('app.loading')} role="status" />
          </Center>
        ) : agreements.error ? (
          <ProblemAlert error={agreements.error} />
        ) : active.length === 0 ? (
          <Alert color="blue" variant="light">
            {t('placements.log.noAgreement')}
          </Alert>
        ) : (
          <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
            <form onSubmit={submit} noValidate aria-label={t('placements.log.title')}>
              <Stack>
                <ProblemAlert error={log.error} />
                <NativeSelect
                  label={t('placements.log.agreement')}
                  required
                  data={[
                    { value: '', label: t('placements.log.pickAgreement') },
                    ...active.map((a) => ({ value: a.id, label: [a.requestTitle ?? a.scope, a.organizationName].filter(Boolean).join(' – ') })),
                  ]}
                  {...form.getInputProps('agreementId')}
                />
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                  <TextInput type="date" label={t('placements.log.date')} required max={today} {...form.getInputProps('date')} />
                  <TextInput
                    label={t('placements.log.hours')}
                    description={t('placements.log.hoursHint')}
                    required
                    inputMode="decimal"
                    dir="ltr"
                    className="portal-ltr-field"
                    {...form.getInputProps('hours')}
                  />
                  <TextInput label={t('placements.log.km')} description={t('placements.log.kmHint')} inputMode="decimal" dir="ltr" className="portal-ltr-field" {...form.getInputProps('km')} />
                  <NativeSelect
                    label={t('placements.log.transport')}
                    description={t('placements.log.transportHint')}
                    data={[{ value: '', label: t('placements.log.noTransport') }, ...TRANSPORT_MODES.map((m) => ({ value: m, label: t(`placements.transport.${m}`) }))]}
                    {...form.getInputProps('transport')}
                  />
                  <TextInput label={t('placements.log.ticket')} description={t('placements.log.ticketHint')} inputMode="decimal" dir="ltr" className="portal-ltr-field" {...form.getInputProps('ticket')} />
                  {ticketCents > 0 && (
                    <FileInput
                      label={t('placements.log.receipt')}
                      description={t('placements.log.receiptHint')}
                      accept={RECEIPT_TYPES.join(',')}
                      clearable
                      placeholder={t('placements.log.receiptPick')}
                      {...form.getInputProps('receipt')}
                    />
                  )}
                </SimpleGrid>
                <Alert color="orange" variant="light" icon={<IconLock />} title={t('placements.log.privacyTitle')}>
                  {t('placements.log.privacy')}
                </Alert>
                <Textarea
                  label={t('placements.log.note')}
                  description={t('placements.log.noteHint')}
                  autosize
                  minRows={2}
                  maxLength={500}
                  {...form.getInputProps('note')}
                />
                <Text size="sm" className="secondary-text">
                  {t('placements.log.afterwards')}
                </Text>
                <Group>
                  <Button type="submit" loading={log.isPending}>
                    {t('placements.log.submit')}
                  </Button>
                  <Button variant="default" component={Link} to="/portal">
                    {t('common.cancel')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        )}
      </Stack>
    </Page>
  );
}
