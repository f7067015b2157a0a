import { Alert, Anchor, Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import type { Deployment } from '../../../common/api/deployments.js';
import type { ExpenseClaimDetail } from '../../../common/api/expense-claims.js';
import { type VolunteerDetail } from '../../../common/api/volunteers.js';
import { InlineLoader } from '../../components/layouts.js';
import { IconCheck, IconInfo } from '../../components/icons.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Section } from '../portal/section.js';
import { useDeployments, useExpenseClaims, useNetwork, useSubmitClaim } from './api.js';
import { berlinToday, estimateClaim, formatDay, formatDecimal, formatMoney, taxFreeLimit } from './format.js';
import { AllowanceBar, Breakdown, ClaimStatus, useTravel } from './parts.js';
import './placements.css';

/* The volunteer's portal: the expense claim. */

function ClaimResult({ claim }: { claim: ExpenseClaimDetail }) {
  const { t } = useTranslation();
  return (
    <Alert role="note" color="green" variant="light" icon={<IconCheck />} title={t('placements.claim.sentTitle')}>
      <Stack gap="xs">
        <Text size="sm">{t('placements.claim.sentText', { count: claim.deploymentCount })}</Text>
        <Breakdown
          km={claim.km}
          rateCents={claim.mileageRateCents}
          mileageCents={claim.mileageCents}
          ticketCents={claim.ticketCents}
          allowanceCents={claim.allowanceCents}
          totalCents={claim.totalCents}
          caption={t('placements.claim.sentTitle')}
        />
        <AllowanceBar allowance={claim.allowanceYear} explain={false} />
      </Stack>
    </Alert>
  );
}

/** Claiming expenses for logged deployments, and the claims sent so far (the portal's claims page). */
export function ClaimSection({ volunteer }: { volunteer: VolunteerDetail }) {
  const { t } = useTranslation();
  const list = useDeployments();
  const deployments = list.data ?? [];
  const { locale } = useUiLocale();
  const travel = useTravel();
  const network = useNetwork();
  const claims = useExpenseClaims();
  const submit = useSubmitClaim();
  const [picked, setPicked] = useState<string[]>([]);
  const [result, setResult] = useState<ExpenseClaimDetail | null>(null);
  const unclaimed = deployments.filter((d) => !d.claimId);
  const blocked = (d: Deployment) => d.ticketCents > 0 && !d.receipt;
  const chosen = unclaimed.filter((d) => picked.includes(d.id) && !blocked(d));
  const settings = network.data?.settings;
  const estimate = settings ? estimateClaim(chosen, settings) : null;
  const year = Number(berlinToday().slice(0, 4));
  const usedCents = (claims.data ?? []).filter((c) => c.taxYear === year && c.status !== 'rejected').reduce((s, c) => s + c.allowanceCents, 0);
  const limitCents = settings ? taxFreeLimit(settings, year) : null;

  return (
    <Section id="portal-claim" title={t('placements.claim.title')} intro={t('placements.claim.intro')}>
      {settings && (settings.allowanceUnit !== 'none' || usedCents > 0) && (
        <AllowanceBar allowance={{ year, usedCents, limitCents, remainingCents: null }} extraCents={estimate?.allowanceCents ?? 0} />
      )}
      <div role="status">{result && <ClaimResult claim={result} />}</div>
      {!volunteer.bankAccount && (
        <Alert role="note" color="orange" variant="light" icon={<IconInfo />}>
          {t('placements.claim.noBankAccount')}{' '}
          <Anchor href="#portal-bank" inherit className="portal-inline-link">
            {t('placements.claim.toBankAccount')}
          </Anchor>
        </Alert>
      )}
      {list.isPending ? (
        <InlineLoader />
      ) : list.error ? (
        <ProblemAlert error={list.error} />
      ) : deployments.length === 0 ? (
        <Stack gap={4}>
          <Text>{t('portal.empty.claimNoDeployments')}</Text>
          <Text size="sm" className="secondary-text">
            {t('portal.empty.claimWhat')}{' '}
            <Anchor component={Link} to="/portal/deployments" inherit>
              {t('portal.nav.deployments')}
            </Anchor>
          </Text>
        </Stack>
      ) : unclaimed.length === 0 ? (
        <Text>{t('placements.claim.nothing')}</Text>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!chosen.length) return;
            submit.mutate(
              chosen.map((d) => d.id),
              {
                onSuccess: (claim) => {
                  setResult(claim);
                  setPicked([]);
                },
              },
            );
          }}
        >
          <Stack>
            <Checkbox.Group label={t('placements.claim.pick')} value={picked} onChange={setPicked}>
              <Stack gap="xs" mt="xs">
                {unclaimed.map((d) => (
                  <Checkbox
                    key={d.id}
                    value={d.id}
                    disabled={blocked(d)}
                    label={t('placements.claim.pickLine', {
                      date: formatDay(d.date, locale),
                      details: [
                        t('placements.claim.pickHours', { hours: formatDecimal(d.hours, locale) }),
                        ...(d.km || d.transport ? [travel(d.km, d.transport)] : []),
                        ...(d.ticketCents ? [t('placements.claim.pickTicket', { ticket: formatMoney(d.ticketCents, locale) })] : []),
                      ].join(t('placements.claim.separator')),
                    })}
                    description={blocked(d) ? t('placements.claim.receiptFirst') : undefined}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
            {estimate && chosen.length > 0 && (
              <Stack gap={4}>
                <Text fw={600}>{t('placements.claim.preview', { count: chosen.length })}</Text>
                <Breakdown
                  km={estimate.km}
                  rateCents={settings!.mileageRateCents}
                  mileageCents={estimate.mileageCents}
                  ticketCents={estimate.ticketCents}
                  allowanceCents={estimate.allowanceCents}
                  totalCents={estimate.totalCents}
                  caption={t('placements.claim.preview', { count: chosen.length })}
                  estimate
                />
                <Text size="sm" className="secondary-text">
                  {t('placements.claim.previewNote')}
                </Text>
              </Stack>
            )}
            <ProblemAlert error={submit.error} />
            <Group>
              <Button type="submit" disabled={chosen.length === 0} loading={submit.isPending}>
                {t('placements.claim.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {(claims.data ?? []).length > 0 && (
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('placements.claim.history')}
          </Title>
          <ul className="portal-cards">
            {(claims.data ?? []).map((c) => (
              <li key={c.id}>
                <Paper withBorder radius="md" p="sm" className="portal-card">
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <Text size="sm">
                      {t('placements.claim.historyLine', {
                        date: formatDate(c.createdAt, locale),
                        count: c.deploymentCount,
                        total: formatMoney(c.totalCents, locale),
                      })}
                    </Text>
                    <ClaimStatus status={c.status} />
                  </Group>
                  {c.status === 'rejected' && c.rejectionReason && (
                    <Text size="sm" mt={4}>
                      {t('placements.claim.rejectedBecause', { reason: c.rejectionReason })}
                    </Text>
                  )}
                </Paper>
              </li>
            ))}
          </ul>
        </Stack>
      )}
    </Section>
  );
}
