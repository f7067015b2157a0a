import { Alert, Button, Group, Progress, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import type { AllowanceYear } from '../../../common/api/expense-claims.js';
import type { ExpenseClaimStatus, TransportMode } from '../../../common/api/placements.js';
import type { Proposal } from '../../../common/api/proposals.js';
import { FormModal } from '../../components/data.js';
import { IconAlert, IconInfo } from '../../components/icons.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatDateTime, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { useCatalog } from '../portal/api.js';
import { levelLabel } from '../volunteers/vocabulary.js';
import { weekdayName } from '../portal/languages.js';
import { formatDecimal, formatMoney } from './format.js';

/** Key facts as a description list: label above value on phones, side by side when there is room. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="placement-facts">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export const CLAIM_COLORS: Record<ExpenseClaimStatus, string> = { submitted: 'blue', approved: 'teal', rejected: 'red', paid: 'green' };

export function ClaimStatus({ status }: { status: ExpenseClaimStatus | null }) {
  const { t } = useTranslation();
  if (!status) return <StatusBadge color="gray">{t('placements.claimStatus.unclaimed')}</StatusBadge>;
  return <StatusBadge color={CLAIM_COLORS[status]}>{t(`placements.claimStatus.${status}`)}</StatusBadge>;
}

/** "12 km, Auto" – what a deployment's travel was. */
export function useTravel() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  return (km: number, transport: TransportMode | null) => {
    if (!km && !transport) return t('placements.deployments.noTravel');
    const mode = transport ? t(`placements.transport.${transport}`) : '';
    return km ? t('placements.deployments.travel', { km: formatDecimal(km, locale, 1), mode }) : mode;
  };
}

/**
 * The volunteer's flat allowance of a year against the tax-free limit, as a bar and in words.
 * Only the allowance counts; travel costs and tickets are reimbursed expenses.
 */
export function AllowanceBar({
  allowance,
  extraCents = 0,
  explain = 'volunteer',
}: {
  allowance: Omit<AllowanceYear, 'warning'> & { warning?: AllowanceYear['warning'] };
  extraCents?: number;
  /** In whose words the limit is explained: to the volunteer, to staff, or not at all. */
  explain?: 'volunteer' | 'staff' | false;
}) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const used = allowance.usedCents + extraCents;
  const limit = allowance.limitCents;
  const warning = allowance.warning ?? (limit === null ? 'none' : used > limit ? 'exceeds' : used > 0 && used * 100 >= limit * 80 ? 'near' : 'none');
  const percent = limit ? Math.min(100, Math.round((used * 100) / limit)) : 0;
  const color = warning === 'exceeds' ? 'red' : warning === 'near' ? 'orange' : 'teal';
  const label = limit === null ? t('placements.allowance.usedNoLimit', { year: String(allowance.year), used: formatMoney(used, locale) }) : t('placements.allowance.used', { year: String(allowance.year), used: formatMoney(used, locale), limit: formatMoney(limit, locale) });
  return (
    <Stack gap={6}>
      <Text fw={600} id={`allowance-${allowance.year}`}>
        {label}
      </Text>
      {limit !== null && <Progress value={percent} color={color} size="lg" radius="xl" aria-label={label} />}
      {warning === 'exceeds' && (
        <Alert role="note" color="red" variant="light" icon={<IconAlert />} p="xs">
          {t('placements.allowance.exceeds', { limit: formatMoney(limit ?? 0, locale) })}
        </Alert>
      )}
      {warning === 'near' && (
        <Alert role="note" color="orange" variant="light" icon={<IconInfo />} p="xs">
          {t('placements.allowance.near', { remaining: formatMoney(Math.max(0, (limit ?? 0) - used), locale) })}
        </Alert>
      )}
      {explain && (
        <Text size="sm" className="secondary-text">
          {explain === 'staff' ? t('placements.allowance.explainStaff') : t('placements.allowance.explain')}
        </Text>
      )}
    </Stack>
  );
}

/** What a volunteer needs to decide on a request: what, where, when, how long, for whom. */
export function ProposalFacts({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const r = proposal.request;
  const topics = useCatalog('topics', !!r.topic);
  const districts = useCatalog('districts', !!r.districtKey);
  const topic = r.topic ? (topics.data?.find((e) => e.key === r.topic)?.name ?? r.topic) : null;
  const district = r.districtKey ? (districts.data?.find((e) => e.key === r.districtKey)?.name ?? r.districtKey) : null;
  const what = [r.kind ? t(`placements.kinds.${r.kind}`) : null, topic].filter(Boolean).join(' · ');
  const where = [r.place, district].filter(Boolean).join(', ');
  const when: string[] = [];
  if (r.startsAt && r.endsAt) when.push(t('placements.proposals.period', { from: formatDateTime(r.startsAt, locale), to: formatDateTime(r.endsAt, locale) }));
  else if (r.startsAt) when.push(t('placements.proposals.from', { from: formatDateTime(r.startsAt, locale) }));
  for (const s of r.schedule) when.push(t('placements.proposals.slot', { day: weekdayName(s.weekday, locale), from: s.from, to: s.to }));
  const items: [string, ReactNode][] = [];
  if (what) items.push([t('placements.proposals.what'), <bdi key="what">{what}</bdi>]);
  if (r.organizationName) items.push([t('placements.proposals.organization'), <bdi key="org">{r.organizationName}</bdi>]);
  if (where) items.push([t('placements.proposals.where'), <bdi key="where">{where}</bdi>]);
  items.push([t('placements.proposals.when'), when.length ? when.join('; ') : t('placements.proposals.whenOpen')]);
  items.push([t('placements.proposals.hours'), r.expectedHours ? t('placements.proposals.hoursValue', { hours: formatDecimal(r.expectedHours, locale) }) : t('placements.proposals.hoursOpen')]);
  if (r.languages.length) {
    const names = new Intl.DisplayNames([locale], { type: 'language' });
    items.push([t('placements.proposals.languages'), r.languages.map((l) => `${names.of(l.code) ?? l.code} (${levelLabel(l.minLevel, t)})`).join(', ')]);
  }
  return (
    <Stack gap="sm">
      <Facts items={items} />
      {r.description && (
        <Text className="placement-text">
          <bdi>{r.description}</bdi>
        </Text>
      )}
      {r.involvesMinors && (
        <Text size="sm" fw={600}>
          {t('placements.proposals.minors')}
        </Text>
      )}
      {proposal.message && (
        <Text size="sm" className="placement-quote">
          {t('placements.proposals.message', { name: isolate(proposal.proposedByName ?? ''), message: isolate(proposal.message) })}
        </Text>
      )}
    </Stack>
  );
}

/** "Please answer by …" for a pending proposal. */
export function ExpiryNote({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  if (proposal.status !== 'pending') return null;
  return (
    <Text size="sm" fw={600} className="placement-expiry">
      {t('placements.proposals.expires', { date: formatDateTime(proposal.expiresAt, locale) })}
    </Text>
  );
}

/** A dialog that asks for a reason (declining a proposal, rejecting a claim): the reason is required. */
export function ReasonModal({
  opened,
  onClose,
  title,
  intro,
  label,
  confirmLabel,
  loading,
  error,
  onConfirm,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  intro: string;
  label: string;
  confirmLabel: string;
  loading: boolean;
  error: unknown;
  onConfirm: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <FormModal opened={opened} onClose={onClose} title={title}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) {
            setMissing(true);
            return;
          }
          onConfirm(reason.trim());
        }}
      >
        <Stack>
          <Text>{intro}</Text>
          <ProblemAlert error={error} />
          <Textarea
            label={label}
            required
            autosize
            minRows={3}
            maxLength={1000}
            value={reason}
            data-autofocus
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? t('validation.required') : undefined}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={loading}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}

/** The amounts of a claim, line by line. */
export function Breakdown({
  km,
  rateCents,
  mileageCents,
  ticketCents,
  allowanceCents,
  totalCents,
  caption,
  estimate = false,
}: {
  km: number;
  rateCents: number;
  mileageCents: number;
  ticketCents: number;
  allowanceCents: number;
  totalCents: number;
  caption: string;
  estimate?: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const rows: [string, number][] = [
    [t('placements.claim.mileage', { km: formatDecimal(km, locale, 1), rate: formatMoney(rateCents, locale) }), mileageCents],
    [t('placements.claim.tickets'), ticketCents],
    [t('placements.claim.allowance'), allowanceCents],
  ];
  return (
    <Table className="placement-breakdown" withRowBorders={false} verticalSpacing={4}>
      <Table.Caption className="visually-hidden">{caption}</Table.Caption>
      <Table.Tbody>
        {rows.map(([label, cents]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" fw={400}>
              {label}
            </Table.Th>
            <Table.Td ta="end">{formatMoney(cents, locale)}</Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr className="placement-total">
          <Table.Th scope="row">{estimate ? t('placements.claim.totalEstimate') : t('placements.claim.total')}</Table.Th>
          <Table.Td ta="end" fw={700}>
            {formatMoney(totalCents, locale)}
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}
