import { Anchor, Button, FileButton, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import type { Deployment } from '../../../common/api/deployments.js';
import { ListTable } from '../../components/data.js';
import { InlineLoader } from '../../components/layouts.js';
import { IconPlus } from '../../components/icons.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { StatusBadge } from '../../components/status-badge.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Section } from '../portal/section.js';
import { useAgreements, useDeployments, useUploadReceipt } from './api.js';
import { formatDay, formatDecimal, formatMoney } from './format.js';
import { ClaimStatus, useTravel } from './parts.js';
import './placements.css';

/* The volunteer's portal: deployments to log, with their receipts. */

/** The receipt of a ticket: present, or a button to add the photo or PDF. */
function ReceiptCell({ deployment: d }: { deployment: Deployment }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const upload = useUploadReceipt();
  if (!d.ticketCents) return <>–</>;
  return (
    <Stack gap={4} align="flex-start">
      <span>{formatMoney(d.ticketCents, locale)}</span>
      {d.receipt ? (
        <StatusBadge color="green">{t('placements.deployments.receiptPresent')}</StatusBadge>
      ) : d.claimId ? null : (
        <>
          <StatusBadge color="orange">{t('placements.deployments.receiptMissing')}</StatusBadge>
          <FileButton accept="application/pdf,image/png,image/jpeg" onChange={(file) => file && upload.mutate({ deploymentId: d.id, file })}>
            {(props) => (
              <Button
                {...props}
                size="xs"
                variant="default"
                loading={upload.isPending}
                aria-label={t('placements.deployments.addReceiptNamed', { date: formatDay(d.date, locale) })}
              >
                {t('placements.deployments.addReceipt')}
              </Button>
            )}
          </FileButton>
        </>
      )}
      <ProblemAlert error={upload.error} />
    </Stack>
  );
}

/** Every deployment she logged (the portal's deployments page). */
export function DeploymentsSection() {
  const { t } = useTranslation();
  const list = useDeployments();
  const agreementsQuery = useAgreements({ sort: 'endsOn' });
  const deployments = list.data ?? [];
  const agreements = agreementsQuery.data ?? [];
  const canLog = agreements.some((a) => a.status === 'active');
  const { locale } = useUiLocale();
  const travel = useTravel();
  const [all, setAll] = useState(false);
  const shown = all ? deployments : deployments.slice(0, 10);
  const titleOf = (id: string) => {
    const a = agreements.find((x) => x.id === id);
    return a ? (a.requestTitle ?? a.scope) : null;
  };
  return (
    <Section id="portal-deployments" title={t('placements.deployments.mine')} intro={t('placements.deployments.mineIntro')}>
      {canLog && (
        <Group>
          <Button component={Link} to="/portal/deployments/new" leftSection={<IconPlus />}>
            {t('placements.deployments.log')}
          </Button>
        </Group>
      )}
      {list.isPending || agreementsQuery.isPending ? (
        <InlineLoader />
      ) : list.error ? (
        <ProblemAlert error={list.error} />
      ) : deployments.length === 0 ? (
        <Stack gap={4}>
          <Text>{t('portal.empty.deployments')}</Text>
          <Text size="sm" className="secondary-text">
            {canLog ? t('portal.empty.deploymentsWhat') : t('portal.empty.deploymentsNoAgreement')}
          </Text>
        </Stack>
      ) : (
        <ListTable
          caption={t('placements.deployments.mine')}
          isPending={false}
          error={null}
          columns={[
            { label: t('placements.deployments.date'), noPhoneLabel: true },
            { label: t('placements.deployments.agreement'), wrap: true },
            { label: t('placements.deployments.hours'), align: 'end' },
            { label: t('placements.deployments.travelLabel'), wrap: true },
            { label: t('placements.deployments.ticket') },
            { label: t('placements.deployments.claim') },
            { label: t('common.actions') },
          ]}
          rows={shown.map((d) => ({
            key: d.id,
            cells: [
              <Text key="d" fw={600} size="sm">
                {formatDay(d.date, locale)}
              </Text>,
              <bdi key="o">{titleOf(d.agreementId) ?? d.organizationName ?? '–'}</bdi>,
              formatDecimal(d.hours, locale),
              travel(d.km, d.transport),
              <ReceiptCell key="r" deployment={d} />,
              <ClaimStatus key="c" status={d.claimStatus} />,
              // A claimed deployment is part of the claim's sum and stays as it is.
              d.claimId ? (
                '–'
              ) : (
                <Anchor
                  component={Link}
                  to={`/portal/deployments/${d.id}/edit`}
                  key="e"
                  size="sm"
                  aria-label={t('placements.deployments.editNamed', {
                    date: formatDay(d.date, locale),
                    hours: formatDecimal(d.hours, locale),
                  })}
                >
                  {t('placements.deployments.edit')}
                </Anchor>
              ),
            ],
          }))}
        />
      )}
      {deployments.length > 10 && !all && (
        <Group>
          <Button variant="default" onClick={() => setAll(true)}>
            {t('placements.deployments.showAll', { count: deployments.length })}
          </Button>
        </Group>
      )}
    </Section>
  );
}
