import { Alert, Anchor, Button, FileInput, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from '../../i18n/translate.js';
import { Link, useNavigate, useParams, useSearchParams } from '../../router.js';
import type { Deployment } from '../../../common/api/deployments.js';
import type { Locale } from '../../../common/locales.js';
import { TRANSPORT_MODES, type TransportMode } from '../../../common/api/placements.js';
import { ConfirmModal } from '../../components/data.js';
import { applyProblemToForm } from '../../components/forms.js';
import { IconLock } from '../../components/icons.js';
import { InlineLoader } from '../../components/layouts.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { useAgreement, useAgreements, useDeleteDeployment, useDeployment, useLogDeployment, useUpdateDeployment } from './api.js';
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

/** A number as the reader types it back into a field: "1,5" in German, "1.5" otherwise (Latin digits). */
function typed(n: number, locale: Locale): string {
  return locale === 'de' ? String(n).replace('.', ',') : String(n);
}

/** The deployment form's checks, shared by logging and changing; `startsOn` is the chosen agreement's first day, if known. */
function useDeploymentForm(initialValues: Values, startsOn: (agreementId: string) => string | undefined) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const today = berlinToday();
  return useForm<Values>({
    initialValues,
    validate: (v) => {
      const errors: Record<string, string> = {};
      const start = startsOn(v.agreementId);
      if (!v.agreementId) errors.agreementId = t('validation.required');
      if (!v.date) errors.date = t('validation.required');
      else if (v.date > today) errors.date = t('placements.log.dateFuture');
      else if (start && v.date < start) errors.date = t('placements.log.dateBeforeStart', { date: formatDay(start, locale) });
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
}

/** What the API takes from the form (without the agreement, which a change keeps). */
function deploymentBody(v: Values) {
  return {
    date: v.date,
    hours: parseDecimal(v.hours) ?? 0,
    km: v.km.trim() === '' ? 0 : (parseDecimal(v.km) ?? 0),
    transport: v.transport || null,
    ticketCents: parseEuros(v.ticket) ?? 0,
    note: v.note.trim() || null,
  };
}

/** The days the server takes for a deployment: from the agreement's start to today (or its close, if earlier). */
interface DateBounds {
  startsOn: string;
  closedOn: string | null;
}

/** Date, hours, way, ticket and receipt, the privacy reminder and the note. */
function DeploymentFields({ form, askReceipt, bounds }: { form: UseFormReturnType<Values>; askReceipt: boolean; bounds?: DateBounds }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const ticketCents = parseEuros(form.values.ticket) ?? 0;
  const today = berlinToday();
  const max = bounds?.closedOn && bounds.closedOn < today ? bounds.closedOn : today;
  const later = Boolean(bounds && bounds.startsOn > today);
  // Said before sending: an agreement that begins later takes no deployment before its first day.
  const dateHint = bounds && later ? t('portal.log.startsHint', { date: formatDay(bounds.startsOn, locale) }) : undefined;
  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput
          type="date"
          label={t('placements.log.date')}
          required
          min={bounds?.startsOn}
          max={max}
          description={dateHint}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          styles={later ? { description: { color: 'var(--mantine-color-gray-9)', fontWeight: 600 } } : undefined}
          {...form.getInputProps('date')}
        />
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
        {askReceipt && ticketCents > 0 && (
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
      <Alert role="note" color="orange" variant="light" icon={<IconLock />} title={t('placements.log.privacyTitle')}>
        {t('placements.log.privacy')}
      </Alert>
      <Textarea label={t('placements.log.note')} description={t('placements.log.noteHint')} autosize minRows={2} maxLength={500} {...form.getInputProps('note')} />
    </>
  );
}

/** The volunteer logs one deployment: where, when, how long, how they travelled, what the ticket cost. */
export default function LogDeploymentPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const agreements = useAgreements({ status: 'active', sort: 'endsOn' });
  const log = useLogDeployment();
  const active = agreements.data ?? [];
  const preselected = params.get('agreement') ?? '';
  const form = useDeploymentForm(
    { agreementId: preselected, date: berlinToday(), hours: '', km: '', transport: '', ticket: '', receipt: null, note: '' },
    (id) => active.find((a) => a.id === id)?.startsOn,
  );

  const submit = form.onSubmit((v) => {
    log.mutate(
      { body: { agreementId: v.agreementId, ...deploymentBody(v) }, receipt: (parseEuros(v.ticket) ?? 0) > 0 ? v.receipt : null },
      {
        onSuccess: ({ receiptError }) => {
          notifications.show({
            color: receiptError ? 'orange' : 'green',
            title: t('placements.log.saved'),
            message: receiptError ? t('placements.log.savedWithoutReceipt') : t('placements.log.savedText', { date: formatDay(v.date, locale) }),
          });
          void navigate('/portal/deployments');
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
          <InlineLoader />
        ) : agreements.error ? (
          <ProblemAlert error={agreements.error} />
        ) : active.length === 0 ? (
          <Alert role="note" color="blue" variant="light">
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
                <DeploymentFields form={form} askReceipt bounds={active.find((a) => a.id === form.values.agreementId)} />
                <Text size="sm" className="secondary-text">
                  {t('placements.log.afterwards')}
                </Text>
                <Group>
                  <Button type="submit" loading={log.isPending}>
                    {t('placements.log.submit')}
                  </Button>
                  <Button variant="default" component={Link} to="/portal/deployments">
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

/** The volunteer corrects or deletes a deployment they logged, as long as it is not part of an expense claim. */
export function EditDeploymentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const deployment = useDeployment(id);
  return (
    <Page title={t('placements.log.editTitle')}>
      <Stack gap="lg" maw={720} w="100%">
        <Anchor component={Link} to="/portal">
          {t('placements.backToPortal')}
        </Anchor>
        {deployment.isPending ? (
          <InlineLoader />
        ) : deployment.error ? (
          <ProblemAlert error={deployment.error} />
        ) : deployment.data.claimId ? (
          <Alert color="blue" variant="light" role="note">
            {t('placements.log.claimedNote')}
          </Alert>
        ) : (
          <EditDeploymentForm deployment={deployment.data} />
        )}
      </Stack>
    </Page>
  );
}

function EditDeploymentForm({ deployment: d }: { deployment: Deployment }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const navigate = useNavigate();
  const update = useUpdateDeployment(d.id);
  const remove = useDeleteDeployment();
  const [confirming, setConfirming] = useState(false);
  const agreement = useAgreement(d.agreementId).data;
  const form = useDeploymentForm(
    {
      agreementId: d.agreementId,
      date: d.date,
      hours: typed(d.hours, locale),
      km: d.km ? typed(d.km, locale) : '',
      transport: d.transport ?? '',
      ticket: d.ticketCents ? typed(d.ticketCents / 100, locale) : '',
      receipt: null,
      note: d.note ?? '',
    },
    () => agreement?.startsOn,
  );
  const done = (title: string, message: string, color = 'green') => {
    notifications.show({ color, title, message });
    void navigate('/portal/deployments');
  };
  const submit = form.onSubmit((v) => {
    update.mutate(
      { body: { ...deploymentBody(v), version: d.version }, receipt: (parseEuros(v.ticket) ?? 0) > 0 && !d.receipt ? v.receipt : null },
      {
        onSuccess: ({ receiptError }) =>
          done(t('placements.log.updated'), receiptError ? t('placements.log.savedWithoutReceipt') : t('placements.log.updatedText', { date: formatDay(v.date, locale) }), receiptError ? 'orange' : 'green'),
        onError: (e) => applyProblemToForm(form, e),
      },
    );
  });
  const what = agreement ? [agreement.requestTitle ?? agreement.scope, agreement.organizationName].filter(Boolean).join(' – ') : (d.organizationName ?? '');

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
      <form onSubmit={submit} noValidate aria-label={t('placements.log.editTitle')}>
        <Stack>
          <ProblemAlert error={update.error} />
          {what && (
            <Text>
              {t('placements.log.agreementFixed')} <bdi>{what}</bdi>
            </Text>
          )}
          {d.confirmedAt && (
            <Alert color="blue" variant="light" role="note">
              {t('placements.log.confirmedNote', { name: isolate(d.confirmedByName ?? d.organizationName ?? t('placements.log.theInstitution')) })}
            </Alert>
          )}
          <DeploymentFields form={form} askReceipt={!d.receipt} bounds={agreement} />
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('placements.log.editSubmit')}
            </Button>
            <Button variant="default" component={Link} to="/portal/deployments">
              {t('common.cancel')}
            </Button>
          </Group>
          <Group>
            <Button variant="subtle" color="red" onClick={() => setConfirming(true)}>
              {t('placements.log.delete')}
            </Button>
          </Group>
          <ConfirmModal
            opened={confirming}
            title={t('placements.log.deleteTitle')}
            message={t('placements.log.deleteConfirm', { date: formatDay(d.date, locale) })}
            confirmLabel={t('placements.log.deleteYes')}
            loading={remove.isPending}
            error={remove.error}
            onClose={() => {
              setConfirming(false);
              remove.reset();
            }}
            onConfirm={() => remove.mutate(d.id, { onSuccess: () => done(t('placements.log.deleted'), t('placements.log.deletedText', { date: formatDay(d.date, locale) })) })}
          />
        </Stack>
      </form>
    </Paper>
  );
}
