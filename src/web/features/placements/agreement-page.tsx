import { Anchor, Button, Center, Group, Loader, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link, useParams } from '../../router.js';
import type { Agreement } from '../../../common/api/agreements.js';
import type { Deployment } from '../../../common/api/deployments.js';
import { AGREEMENT_OUTCOMES, type AgreementOutcome } from '../../../common/api/placements.js';
import { useCan, useMe } from '../../api/hooks.js';
import { EmptyState, FormModal, ListTable } from '../../components/data.js';
import { applyProblemToForm } from '../../components/forms.js';
import { IconPlus } from '../../components/icons.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatDateTime } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { AgreementStatus } from './agreements-page.js';
import { receiptUrl, useAgreement, useAgreementFeedback, useCloseAgreement, useConfirmDeployment, useDeployments, useExtendAgreement } from './api.js';
import { addDays, berlinToday, daysUntil, formatDay, formatDecimal, formatMoney } from './format.js';
import { ClaimStatus, Facts, useTravel } from './parts.js';
import './placements.css';

function ExtendForm({ agreement, onDone }: { agreement: Agreement; onDone: () => void }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const extend = useExtendAgreement(agreement.id);
  const form = useForm({
    initialValues: { endsOn: addDays(agreement.endsOn, 90) },
    validate: { endsOn: (v) => (!v ? t('validation.required') : v <= agreement.endsOn ? t('placements.agreement.extendLater') : null) },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => extend.mutate({ endsOn: v.endsOn, version: agreement.version }, { onSuccess: onDone, onError: (e) => applyProblemToForm(form, e) }))}
    >
      <Stack>
        <Text>{t('placements.agreement.extendIntro', { date: formatDay(agreement.endsOn, locale) })}</Text>
        <ProblemAlert error={extend.error} />
        <TextInput type="date" label={t('placements.agreement.newEnd')} required min={addDays(agreement.endsOn, 1)} data-autofocus {...form.getInputProps('endsOn')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={extend.isPending}>
            {t('placements.agreement.extend')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CloseForm({ agreement, onDone }: { agreement: Agreement; onDone: () => void }) {
  const { t } = useTranslation();
  const close = useCloseAgreement(agreement.id);
  const form = useForm<{ outcome: '' | AgreementOutcome; closedOn: string; volunteerFeedback: string; partnerFeedback: string }>({
    initialValues: { outcome: '', closedOn: berlinToday(), volunteerFeedback: agreement.volunteerFeedback ?? '', partnerFeedback: agreement.partnerFeedback ?? '' },
    validate: {
      outcome: (v) => (v ? null : t('validation.required')),
      closedOn: (v) => (!v ? t('validation.required') : v < agreement.startsOn ? t('placements.agreement.closedBeforeStart') : null),
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        close.mutate(
          {
            outcome: v.outcome as AgreementOutcome,
            closedOn: v.closedOn,
            volunteerFeedback: v.volunteerFeedback.trim() || null,
            partnerFeedback: v.partnerFeedback.trim() || null,
            version: agreement.version,
          },
          { onSuccess: onDone, onError: (e) => applyProblemToForm(form, e) },
        ),
      )}
    >
      <Stack>
        <Text>{t('placements.agreement.closeIntro')}</Text>
        <ProblemAlert error={close.error} />
        <NativeSelect
          label={t('placements.agreement.outcome')}
          required
          data-autofocus
          data={[{ value: '', label: t('placements.agreement.pickOutcome') }, ...AGREEMENT_OUTCOMES.map((o) => ({ value: o, label: t(`placements.outcomes.${o}`) }))]}
          {...form.getInputProps('outcome')}
        />
        <TextInput type="date" label={t('placements.agreement.closedOn')} required max={berlinToday()} {...form.getInputProps('closedOn')} />
        <Textarea label={t('placements.agreement.volunteerFeedback', { name: agreement.volunteerName })} autosize minRows={2} maxLength={2000} {...form.getInputProps('volunteerFeedback')} />
        <Textarea
          label={t('placements.agreement.partnerFeedback', { name: agreement.organizationName ?? t('placements.agreement.partnerSide') })}
          autosize
          minRows={2}
          maxLength={2000}
          {...form.getInputProps('partnerFeedback')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={close.isPending}>
            {t('placements.agreement.close')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A volunteer or partner adds their own words to a closed agreement. */
function OwnFeedback({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const send = useAgreementFeedback(agreement.id);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return setMissing(true);
        send.mutate({ feedback: text.trim(), version: agreement.version }, { onSuccess: () => setText('') });
      }}
    >
      <Stack gap="sm">
        <ProblemAlert error={send.error} />
        <Textarea
          label={t('placements.agreement.ownFeedback')}
          description={t('placements.agreement.ownFeedbackHint')}
          autosize
          minRows={3}
          maxLength={2000}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? t('validation.required') : undefined}
        />
        <Group gap="sm">
          <Button type="submit" loading={send.isPending}>
            {t('placements.agreement.sendFeedback')}
          </Button>
          <Text size="sm" role="status" className="secondary-text">
            {send.isSuccess ? t('common.savedMessage') : ''}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}

function DeploymentsTable({ agreement, canSeeReceipts }: { agreement: Agreement; canSeeReceipts: boolean }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const travel = useTravel();
  const deployments = useDeployments({ agreementId: agreement.id });
  const canConfirm = useCan('deployments:confirm');
  const confirm = useConfirmDeployment();
  const ticket = (d: Deployment) => {
    if (!d.ticketCents) return '–';
    const amount = formatMoney(d.ticketCents, locale);
    if (!d.receipt) return t('placements.deployments.ticketNoReceipt', { amount });
    return canSeeReceipts ? (
      <Anchor href={receiptUrl(d.id)} download key="r" aria-label={t('placements.deployments.receiptNamed', { date: formatDay(d.date, locale) })}>
        {t('placements.deployments.ticketWithReceipt', { amount })}
      </Anchor>
    ) : (
      amount
    );
  };
  return (
    <Stack gap="sm">
      <ProblemAlert error={confirm.error} />
      <ListTable
        caption={t('placements.agreement.deployments')}
        empty={<EmptyState what={t('placements.empty.deployments')} next={agreement.status === 'active' ? t('placements.empty.deploymentsNext') : undefined} />}
        isPending={deployments.isPending}
        error={deployments.error}
        columns={[
          { label: t('placements.deployments.date'), noPhoneLabel: true },
          { label: t('placements.deployments.hours'), align: 'end' },
          { label: t('placements.deployments.travelLabel'), wrap: true },
          { label: t('placements.deployments.ticket'), wrap: true },
          { label: t('placements.deployments.note'), wrap: true },
          { label: t('placements.deployments.confirmed'), wrap: true },
          { label: t('placements.deployments.claim') },
        ]}
        rows={(deployments.data ?? []).map((d) => ({
          key: d.id,
          cells: [
            <Text key="d" fw={600} size="sm">
              {formatDay(d.date, locale)}
            </Text>,
            formatDecimal(d.hours, locale),
            travel(d.km, d.transport),
            ticket(d),
            d.note ? <bdi key="n">{d.note}</bdi> : '–',
            d.confirmedAt ? (
              <StatusBadge color="green" key="c">
                {t('placements.deployments.confirmedBy', { name: d.confirmedByName ?? '', date: formatDateTime(d.confirmedAt, locale) })}
              </StatusBadge>
            ) : canConfirm && !d.claimId ? (
              <Button
                key="c"
                size="xs"
                variant="default"
                loading={confirm.isPending && confirm.variables?.id === d.id}
                onClick={() => confirm.mutate(d)}
                aria-label={t('placements.deployments.confirmNamed', { date: formatDay(d.date, locale) })}
              >
                {t('placements.deployments.confirm')}
              </Button>
            ) : (
              t('placements.deployments.notConfirmed')
            ),
            <ClaimStatus key="s" status={d.claimStatus} />,
          ],
        }))}
      />
    </Stack>
  );
}

/** One agreement: its terms, its deployments, and for the coordination extending and closing it. */
export default function AgreementPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const agreement = useAgreement(id);
  const canManage = useCan('agreements:manage');
  const canLog = useCan('deployments:log');
  const { data: me } = useMe();
  const isVolunteer = !canManage && !!me?.memberships.some((m) => m.role === 'volunteer');
  const [dialog, setDialog] = useState<'extend' | 'close' | null>(null);

  if (agreement.error || !agreement.data) {
    return (
      <Page title={t('placements.agreement.title')}>
        {agreement.error ? (
          <ProblemAlert error={agreement.error} />
        ) : (
          <Center py="xl">
            <Loader aria-label={t('app.loading')} role="status" />
          </Center>
        )}
        <Anchor component={Link} to={isVolunteer ? '/portal' : '/agreements'}>
          {isVolunteer ? t('placements.backToPortal') : t('placements.agreement.back')}
        </Anchor>
      </Page>
    );
  }
  const a = agreement.data;
  const title = a.requestTitle ?? a.scope;
  const facts: [string, React.ReactNode][] = [
    [t('placements.agreements.statusLabel'), <AgreementStatus agreement={a} key="s" />],
    [t('placements.agreements.volunteer'), a.volunteerName],
    ...(a.organizationName ? ([[t('placements.agreements.organization'), <bdi key="o">{a.organizationName}</bdi>]] as [string, React.ReactNode][]) : []),
    ...(a.counterpart ? ([[t('placements.agreements.counterpart'), <bdi key="c">{a.counterpart}</bdi>]] as [string, React.ReactNode][]) : []),
    [t('placements.agreements.scope'), <span className="placement-text" key="sc"><bdi>{a.scope}</bdi></span>],
    ...(a.goals ? ([[t('placements.agreements.goals'), <span className="placement-text" key="g"><bdi>{a.goals}</bdi></span>]] as [string, React.ReactNode][]) : []),
    [
      t('placements.agreements.period'),
      <Stack gap={0} key="p">
        <span>{t('placements.agreements.periodValue', { from: formatDay(a.startsOn, locale), to: formatDay(a.endsOn, locale) })}</span>
        {a.status === 'active' && <Text size="sm" className="secondary-text">{t('placements.agreements.daysLeft', { days: daysUntil(a.endsOn) })}</Text>}
        {a.extensions > 0 && <Text size="sm" className="secondary-text">{t('placements.agreement.extended', { count: a.extensions })}</Text>}
      </Stack>,
    ],
    [t('placements.agreements.logged'), t('placements.agreements.loggedValue', { count: a.deployments, hours: formatDecimal(a.hours, locale) })],
    ...(a.status === 'closed'
      ? ([
          [t('placements.agreement.outcome'), a.outcome ? t(`placements.outcomes.${a.outcome}`) : '–'],
          [t('placements.agreement.closedOn'), formatDay(a.closedOn, locale)],
        ] as [string, React.ReactNode][])
      : []),
  ];

  return (
    <div className="placement-screen">
      <Page
        title={t('placements.agreement.titleNamed', { title })}
        actions={
          canManage && a.status === 'active' ? (
            <>
              <Button variant="default" onClick={() => setDialog('extend')}>
                {t('placements.agreement.extend')}
              </Button>
              <Button onClick={() => setDialog('close')}>{t('placements.agreement.close')}</Button>
            </>
          ) : isVolunteer && canLog && a.status === 'active' ? (
            <Button component={Link} to={`/portal/deployments/new?agreement=${a.id}`} leftSection={<IconPlus />}>
              {t('placements.deployments.log')}
            </Button>
          ) : undefined
        }
      >
        <Anchor component={Link} to={isVolunteer ? '/portal' : '/agreements'}>
          {isVolunteer ? t('placements.backToPortal') : t('placements.agreement.back')}
        </Anchor>
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="agreement-terms">
          <Title order={2} size="h3" id="agreement-terms" mb="sm">
            {t('placements.agreement.terms')}
          </Title>
          <Facts items={facts} />
        </Paper>
        {(a.status === 'closed' || a.volunteerFeedback || a.partnerFeedback) && (
          <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="agreement-feedback">
            <Stack gap="sm">
              <Title order={2} size="h3" id="agreement-feedback">
                {t('placements.agreement.feedback')}
              </Title>
              <Facts
                items={[
                  [t('placements.agreement.volunteerFeedback', { name: a.volunteerName }), a.volunteerFeedback ? <span className="placement-text" key="v"><bdi>{a.volunteerFeedback}</bdi></span> : t('placements.agreement.noFeedback')],
                  [
                    t('placements.agreement.partnerFeedback', { name: a.organizationName ?? t('placements.agreement.partnerSide') }),
                    a.partnerFeedback ? <span className="placement-text" key="p"><bdi>{a.partnerFeedback}</bdi></span> : t('placements.agreement.noFeedback'),
                  ],
                ]}
              />
              {a.status === 'closed' && !canManage && <OwnFeedback agreement={a} />}
            </Stack>
          </Paper>
        )}
        <section aria-labelledby="agreement-deployments">
          <Title order={2} size="h3" id="agreement-deployments" mb="sm">
            {t('placements.agreement.deployments')}
          </Title>
          <DeploymentsTable agreement={a} canSeeReceipts={canLog} />
        </section>
        <FormModal opened={dialog === 'extend'} onClose={() => setDialog(null)} title={t('placements.agreement.extendTitle')}>
          {dialog === 'extend' && <ExtendForm agreement={a} onDone={() => setDialog(null)} />}
        </FormModal>
        <FormModal opened={dialog === 'close'} onClose={() => setDialog(null)} title={t('placements.agreement.closeTitle')}>
          {dialog === 'close' && <CloseForm agreement={a} onDone={() => setDialog(null)} />}
        </FormModal>
      </Page>
    </div>
  );
}
