import { Alert, Anchor, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import type { ExpenseClaim, Payout, PayoutDetail } from '../../../common/api/expense-claims.js';
import { EXPENSE_CLAIM_STATUSES } from '../../../common/api/placements.js';
import { ConfirmModal } from '../../components/data.js';
import { SelectFilter } from '../../components/list/filter-bar.js';
import { useListFilters, type FilterSpec } from '../../components/list/list-filters.js';
import { PagedList, type EmptyText, type PagedQuery } from '../../components/list/paged-list.js';
import { IconCheck, IconDownload } from '../../components/icons.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatDate, formatDateTime } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { csvUrl, sepaUrl, useCreatePayout, useExpenseClaims, useMarkPayoutPaid, usePayouts, useReleasePayout } from './api.js';
import { addDays, berlinToday, formatDay, formatMoney } from './format.js';
import { ClaimStatus } from './parts.js';
import './placements.css';

/** The next bank working day (Monday to Friday) after today. */
function nextWorkingDay(): string {
  let d = addDays(berlinToday(), 1);
  while ([0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) d = addDays(d, 1);
  return d;
}

/** The claims of every status, or of the one chosen (kept in the URL). */
const FILTERS: FilterSpec<'status'> = {
  keys: ['status'],
  clean: ({ status }) => (status && (EXPENSE_CLAIM_STATUSES as readonly string[]).includes(status) ? { status } : {}),
};

/** A list the API hands over whole (every page fetched at once), in the shape `PagedList` shows. */
function whole<T>(query: { data: T[] | undefined; isPending: boolean; error: unknown }): PagedQuery<T> {
  return {
    data: query.data && { pages: [{ items: query.data, nextCursor: null }] },
    isPending: query.isPending,
    error: query.error,
    hasNextPage: false,
    isFetchingNextPage: false,
    fetchNextPage: () => undefined,
  };
}

function AllowanceFlag({ claim }: { claim: ExpenseClaim }) {
  const { t } = useTranslation();
  const w = claim.allowanceYear.warning;
  if (w === 'none') return <>–</>;
  return <StatusBadge color={w === 'exceeds' ? 'red' : 'orange'}>{t(`placements.allowance.flag.${w}`)}</StatusBadge>;
}

interface ClaimsTableProps {
  caption: string;
  claims: { data: ExpenseClaim[] | undefined; isPending: boolean; error: unknown };
  empty: EmptyText;
  filtered?: { active: number; reset: () => void; empty: EmptyText };
}

function ClaimsTable({ caption, claims, empty, filtered }: ClaimsTableProps) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  return (
    <PagedList
      caption={caption}
      list={whole(claims)}
      empty={empty}
      filtered={filtered}
      columns={[
        { label: t('placements.claims.volunteer'), noPhoneLabel: true, wrap: true },
        { label: t('placements.claims.submitted') },
        { label: t('placements.claims.deployments'), wrap: true },
        { label: t('placements.claims.total'), align: 'end' },
        { label: t('placements.claims.allowanceYear') },
        { label: t('placements.claims.status') },
      ]}
      row={(c) => [
        <Anchor
          component={Link}
          to={`/expense-claims/${c.id}`}
          fw={600}
          key="v"
          aria-label={t('placements.claims.openNamed', { name: c.volunteerName, date: formatDate(c.createdAt, locale) })}
        >
          {c.volunteerName}
        </Anchor>,
        formatDate(c.createdAt, locale),
        <Stack gap={0} key="d">
          <span>{t('placements.claims.deploymentCount', { count: c.deploymentCount })}</span>
          {c.unconfirmedCount > 0 && (
            <Text size="xs" className="placement-expiry">
              {t('placements.claims.unconfirmed', { count: c.unconfirmedCount })}
            </Text>
          )}
        </Stack>,
        formatMoney(c.totalCents, locale),
        <AllowanceFlag claim={c} key="a" />,
        <ClaimStatus status={c.status} key="s" />,
      ]}
    />
  );
}

function PayoutForm({ approved }: { approved: ExpenseClaim[] }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const create = useCreatePayout();
  const [date, setDate] = useState(nextWorkingDay());
  const [created, setCreated] = useState<PayoutDetail | null>(null);
  const total = approved.reduce((s, c) => s + c.totalCents, 0);
  const invalid = !date || date < berlinToday();
  return (
    <Stack gap="sm">
      <div role="status">
        {created && (
          <Alert role="note" color="green" variant="light" icon={<IconCheck />}>
            {t('placements.payouts.created', {
              count: created.claimCount,
              total: formatMoney(created.totalCents, locale),
              date: formatDay(created.executionDate, locale),
            })}
          </Alert>
        )}
      </div>
      {approved.length > 0 && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (invalid) return;
            create.mutate({ executionDate: date, claimIds: approved.map((c) => c.id) }, { onSuccess: setCreated });
          }}
        >
          <Stack gap="sm">
            <Text>{t('placements.payouts.ready', { count: approved.length, total: formatMoney(total, locale) })}</Text>
            <ProblemAlert error={create.error} />
            <Group align="flex-end" wrap="wrap">
              <TextInput
                type="date"
                label={t('placements.payouts.executionDate')}
                description={t('placements.payouts.executionHint')}
                required
                min={berlinToday()}
                value={date}
                onChange={(e) => setDate(e.currentTarget.value)}
                error={invalid ? t('placements.payouts.executionInvalid') : undefined}
                w={{ base: '100%', xs: 260 }}
              />
              <Button type="submit" loading={create.isPending}>
                {t('placements.payouts.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

/** A payout's file (SEPA, CSV) to download, named with the payout's date for screen readers. */
function PayoutFile({ href, label, named }: { href: string; label: string; named: string }) {
  return (
    <Button component="a" href={href} download size="xs" variant="default" leftSection={<IconDownload size={14} />} aria-label={named}>
      {label}
    </Button>
  );
}

function PayoutsTable() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const payouts = usePayouts();
  const paid = useMarkPayoutPaid();
  const release = useReleasePayout();
  const [marking, setMarking] = useState<Payout | null>(null);
  return (
    <>
      <PagedList
        caption={t('placements.payouts.title')}
        list={whole(payouts)}
        empty={{ what: t('placements.empty.payouts'), next: t('placements.empty.payoutsNext') }}
        columns={[
          { label: t('placements.payouts.executionDate'), noPhoneLabel: true },
          { label: t('placements.payouts.claims'), align: 'end' },
          { label: t('placements.payouts.total'), align: 'end' },
          { label: t('placements.payouts.createdBy'), wrap: true },
          { label: t('placements.payouts.status'), wrap: true },
          { label: t('placements.payouts.files'), noPhoneLabel: true },
        ]}
        row={(p) => {
          const name = formatDay(p.executionDate, locale);
          return [
            <Text fw={600} size="sm" key="d">
              {name}
            </Text>,
            String(p.claimCount),
            formatMoney(p.totalCents, locale),
            t('placements.payouts.createdByValue', { name: p.createdByName ?? '–', date: formatDateTime(p.createdAt, locale) }),
            p.paidAt ? (
              <StatusBadge color="green" key="s">
                {t('placements.payouts.paidAt', { date: formatDate(p.paidAt, locale) })}
              </StatusBadge>
            ) : !p.releasedAt ? (
              <StatusBadge color="orange" key="s">
                {t('placements.payouts.awaitingRelease')}
              </StatusBadge>
            ) : (
              <StatusBadge color="blue" key="s">
                {t('placements.payouts.open')}
              </StatusBadge>
            ),
            !p.releasedAt ? (
              <Stack gap={4} key="f">
                <Button
                  size="xs"
                  loading={release.isPending && release.variables === p.id}
                  onClick={() => release.mutate(p.id)}
                  aria-label={t('placements.payouts.releaseNamed', { date: name })}
                >
                  {t('placements.payouts.release')}
                </Button>
                <Text size="xs" className="secondary-text">
                  {t('placements.payouts.releaseHint')}
                </Text>
                {release.variables === p.id && <ProblemAlert error={release.error} />}
              </Stack>
            ) : (
              <Group gap="xs" key="f" wrap="wrap">
                <PayoutFile
                  href={sepaUrl(p.id)}
                  label={t('placements.payouts.sepa')}
                  named={t('placements.payouts.sepaNamed', { date: name })}
                />
                <PayoutFile
                  href={csvUrl(p.id)}
                  label={t('placements.payouts.csv')}
                  named={t('placements.payouts.csvNamed', { date: name })}
                />
                {!p.paidAt && (
                  <Button size="xs" onClick={() => setMarking(p)} aria-label={t('placements.payouts.markPaidNamed', { date: name })}>
                    {t('placements.payouts.markPaid')}
                  </Button>
                )}
              </Group>
            ),
          ];
        }}
      />
      <ConfirmModal
        opened={marking !== null}
        onClose={() => {
          setMarking(null);
          paid.reset();
        }}
        title={t('placements.payouts.markPaidTitle')}
        message={
          marking
            ? t('placements.payouts.markPaidMessage', {
                count: marking.claimCount,
                total: formatMoney(marking.totalCents, locale),
                date: formatDay(marking.executionDate, locale),
              })
            : ''
        }
        confirmLabel={t('placements.payouts.markPaid')}
        danger={false}
        loading={paid.isPending}
        error={paid.error}
        onConfirm={() => marking && paid.mutate(marking.id, { onSuccess: () => setMarking(null) })}
      />
    </>
  );
}

function Part({ id, title, intro, children }: { id: string; title: string; intro?: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h3" id={id}>
            {title}
          </Title>
          {intro && (
            <Text mt={4} size="sm" className="secondary-text">
              {intro}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

/** The coordination's desk for expense claims: approve, pay out by SEPA file, mark paid. */
export default function ExpenseClaimsPage() {
  const { t } = useTranslation();
  const submitted = useExpenseClaims({ status: 'submitted', sort: 'createdAt' });
  const approved = useExpenseClaims({ status: 'approved' });
  const filters = useListFilters(FILTERS);
  const { status } = filters.values;
  const all = useExpenseClaims(filters.values);
  const waiting = (approved.data ?? []).filter((c) => !c.payoutId);
  return (
    <div className="placement-screen">
      <Page title={t('placements.claims.title')}>
        <Text>{t('placements.claims.intro')}</Text>
        <Part id="claims-submitted" title={t('placements.claims.toCheck')} intro={t('placements.claims.toCheckIntro')}>
          <ClaimsTable
            caption={t('placements.claims.toCheck')}
            claims={submitted}
            empty={{ what: t('placements.empty.claimsToCheck'), next: t('placements.empty.claimsToCheckNext') }}
          />
        </Part>
        <Part id="claims-payout" title={t('placements.payouts.new')} intro={t('placements.payouts.newIntro')}>
          <ProblemAlert error={approved.error} />
          <PayoutForm approved={waiting} />
          {waiting.length === 0 && !approved.isPending && <Text>{t('placements.payouts.nothing')}</Text>}
        </Part>
        <Part id="claims-payouts" title={t('placements.payouts.title')}>
          <PayoutsTable />
        </Part>
        <Part id="claims-all" title={t('placements.claims.all')}>
          <SelectFilter
            filters={filters}
            name="status"
            label={t('placements.claims.status')}
            options={EXPENSE_CLAIM_STATUSES.map((s) => ({ value: s, label: t(`placements.claimStatus.${s}`) }))}
            w={240}
          />
          <ClaimsTable
            caption={t('placements.claims.all')}
            claims={all}
            empty={{ what: t('placements.empty.claims'), next: t('placements.empty.claimsNext') }}
            filtered={
              status
                ? { ...filters, empty: { what: t('placements.empty.claimsFiltered', { status: t(`placements.claimStatus.${status}`) }) } }
                : undefined
            }
          />
        </Part>
      </Page>
    </div>
  );
}
