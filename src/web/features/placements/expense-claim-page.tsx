import { Alert, Anchor, Button, Center, Checkbox, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link, useParams } from '../../router.js';
import type { ExpenseClaimDetail } from '../../../common/api/expense-claims.js';
import { isProblem } from '../../api/client.js';
import { FormModal, ListTable } from '../../components/data.js';
import { IconAlert, IconInfo } from '../../components/icons.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatDate, formatDateTime } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { receiptUrl, useApproveClaim, useExpenseClaim, useRejectClaim } from './api.js';
import { formatDay, formatDecimal, formatMoney } from './format.js';
import { AllowanceBar, Breakdown, ClaimStatus, Facts, ReasonModal, useTravel } from './parts.js';
import './placements.css';

function ApproveDialog({ claim, opened, onClose }: { claim: ExpenseClaimDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const approve = useApproveClaim();
  const [acknowledged, setAcknowledged] = useState(false);
  const needsAck = claim.allowanceYear.warning === 'exceeds' || isProblem(approve.error, 'allowance-limit');
  return (
    <FormModal
      opened={opened}
      onClose={() => {
        approve.reset();
        onClose();
      }}
      title={t('placements.claim.approveTitle')}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (needsAck && !acknowledged) return;
          approve.mutate({ claim, acknowledge: needsAck && acknowledged }, { onSuccess: onClose });
        }}
      >
        <Stack>
          <Text>{t('placements.claim.approveMessage', { name: claim.volunteerName, total: formatMoney(claim.totalCents, locale) })}</Text>
          {claim.unconfirmedCount > 0 && (
            <Alert role="note" color="orange" variant="light" icon={<IconAlert />}>
              {t('placements.claims.unconfirmedHint', { count: claim.unconfirmedCount })}
            </Alert>
          )}
          {!isProblem(approve.error, 'allowance-limit') && <ProblemAlert error={approve.error} />}
          {needsAck && (
            <Alert role="note" color="red" variant="light" icon={<IconAlert />} title={t('placements.claim.limitTitle')}>
              <Stack gap="sm">
                <Text size="sm">
                  {t('placements.claim.limitText', {
                    year: String(claim.allowanceYear.year),
                    limit: formatMoney(claim.allowanceYear.limitCents ?? 0, locale),
                  })}
                </Text>
                <Checkbox
                  checked={acknowledged}
                  onChange={(e) => setAcknowledged(e.currentTarget.checked)}
                  label={t('placements.claim.acknowledge')}
                  error={approve.isError && !acknowledged ? t('validation.required') : undefined}
                />
              </Stack>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={approve.isPending} disabled={needsAck && !acknowledged} data-autofocus={!needsAck || undefined}>
              {t('placements.claim.approve')}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}

/** One claim: what it pays and why, line by line, with the volunteer's year against the tax-free limit. */
export default function ExpenseClaimPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const travel = useTravel();
  const claim = useExpenseClaim(id);
  const reject = useRejectClaim();
  const [dialog, setDialog] = useState<'approve' | 'reject' | null>(null);

  if (claim.error || !claim.data) {
    return (
      <Page title={t('placements.claim.one')}>
        {claim.error ? (
          <ProblemAlert error={claim.error} />
        ) : (
          <Center py="xl">
            <Loader aria-label={t('app.loading')} role="status" />
          </Center>
        )}
        <Anchor component={Link} to="/expense-claims">
          {t('placements.claims.back')}
        </Anchor>
      </Page>
    );
  }
  const c = claim.data;
  return (
    <div className="placement-screen">
      <Page
        title={t('placements.claim.oneNamed', { name: c.volunteerName, date: formatDate(c.createdAt, locale) })}
        actions={
          c.status === 'submitted' && (
            <>
              <Button variant="default" color="red" onClick={() => setDialog('reject')}>
                {t('placements.claim.reject')}
              </Button>
              <Button onClick={() => setDialog('approve')} disabled={!!c.approvalBlockedReason} aria-describedby={c.approvalBlockedReason ? 'claim-four-eyes' : undefined}>
                {t('placements.claim.approve')}
              </Button>
            </>
          )
        }
      >
        <Anchor component={Link} to="/expense-claims">
          {t('placements.claims.back')}
        </Anchor>
        {c.status === 'submitted' && c.approvalBlockedReason && (
          <Alert id="claim-four-eyes" role="note" color="orange" variant="light" icon={<IconInfo />}>
            {c.approvalBlockedReason}
          </Alert>
        )}
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="claim-amounts">
          <Stack gap="md">
            <Title order={2} size="h3" id="claim-amounts">
              {t('placements.claim.amounts')}
            </Title>
            <Facts
              items={[
                [t('placements.claims.status'), <ClaimStatus status={c.status} key="s" />],
                [t('placements.claims.submitted'), t('placements.claim.submittedBy', { date: formatDateTime(c.createdAt, locale), name: c.submittedByName ?? c.volunteerName })],
                ...(c.decidedAt
                  ? ([[t('placements.claim.decided'), t('placements.claim.submittedBy', { date: formatDateTime(c.decidedAt, locale), name: c.decidedByName ?? '–' })]] as [string, React.ReactNode][])
                  : []),
                ...(c.rejectionReason ? ([[t('placements.claim.reason'), <bdi key="r">{c.rejectionReason}</bdi>]] as [string, React.ReactNode][]) : []),
                ...(c.paidAt ? ([[t('placements.claim.paidAt'), formatDateTime(c.paidAt, locale)]] as [string, React.ReactNode][]) : []),
              ]}
            />
            <Breakdown
              km={c.km}
              rateCents={c.mileageRateCents}
              mileageCents={c.mileageCents}
              ticketCents={c.ticketCents}
              allowanceCents={c.allowanceCents}
              totalCents={c.totalCents}
              caption={t('placements.claim.amounts')}
            />
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="claim-year">
          <Stack gap="sm">
            <Title order={2} size="h3" id="claim-year">
              {t('placements.claim.yearTitle', { name: c.volunteerName })}
            </Title>
            <AllowanceBar allowance={c.allowanceYear} explain="staff" />
          </Stack>
        </Paper>
        <section aria-labelledby="claim-deployments">
          <Title order={2} size="h3" id="claim-deployments" mb="sm">
            {t('placements.claim.deployments')}
          </Title>
          <ListTable
            caption={t('placements.claim.deployments')}
            isPending={false}
            error={null}
            columns={[
              { label: t('placements.deployments.date'), noPhoneLabel: true },
              { label: t('placements.deployments.agreement'), wrap: true },
              { label: t('placements.deployments.hours'), align: 'end' },
              { label: t('placements.deployments.travelLabel'), wrap: true },
              { label: t('placements.deployments.ticket'), wrap: true },
              { label: t('placements.deployments.confirmed'), wrap: true },
            ]}
            rows={c.deployments.map((d) => ({
              key: d.id,
              cells: [
                <Text fw={600} size="sm" key="d">
                  {formatDay(d.date, locale)}
                </Text>,
                <Anchor component={Link} to={`/agreements/${d.agreementId}`} key="a">
                  {d.organizationName ?? t('placements.claim.agreementLink')}
                </Anchor>,
                formatDecimal(d.hours, locale),
                travel(d.km, d.transport),
                d.ticketCents ? (
                  d.receipt ? (
                    <Anchor href={receiptUrl(d.id)} download key="t" aria-label={t('placements.deployments.receiptNamed', { date: formatDay(d.date, locale) })}>
                      {t('placements.deployments.ticketWithReceipt', { amount: formatMoney(d.ticketCents, locale) })}
                    </Anchor>
                  ) : (
                    t('placements.deployments.ticketNoReceipt', { amount: formatMoney(d.ticketCents, locale) })
                  )
                ) : (
                  '–'
                ),
                d.confirmedAt ? (
                  <StatusBadge color="green" key="c">
                    {t('placements.deployments.confirmedBy', { name: d.confirmedByName ?? '', date: formatDateTime(d.confirmedAt, locale) })}
                  </StatusBadge>
                ) : (
                  <StatusBadge color="orange" key="c">
                    {t('placements.deployments.notConfirmed')}
                  </StatusBadge>
                ),
              ],
            }))}
          />
        </section>
        <ApproveDialog claim={c} opened={dialog === 'approve'} onClose={() => setDialog(null)} />
        <ReasonModal
          opened={dialog === 'reject'}
          onClose={() => {
            setDialog(null);
            reject.reset();
          }}
          title={t('placements.claim.rejectTitle')}
          intro={t('placements.claim.rejectIntro', { name: c.volunteerName })}
          label={t('placements.claim.reason')}
          confirmLabel={t('placements.claim.reject')}
          loading={reject.isPending}
          error={reject.error}
          onConfirm={(reason) => reject.mutate({ claim: c, reason }, { onSuccess: () => setDialog(null) })}
        />
      </Page>
    </div>
  );
}
