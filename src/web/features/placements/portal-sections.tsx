import { Alert, Anchor, Button, Checkbox, FileButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import type { Agreement } from '../../../common/api/agreements.js';
import type { Deployment } from '../../../common/api/deployments.js';
import type { ExpenseClaimDetail } from '../../../common/api/expense-claims.js';
import type { Proposal } from '../../../common/api/proposals.js';
import { BankAccount, type VolunteerDetail } from '../../../common/api/volunteers.js';
import { ConfirmModal, ListTable } from '../../components/data.js';
import { InlineLoader } from '../../components/layouts.js';
import { applyProblemToForm, zodValidator } from '../../components/forms.js';
import { IconAlert, IconCheck, IconInfo, IconPlus } from '../../components/icons.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatDate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { useCurrentVersion, useDecideBankChange, useUpdateOwnVolunteer } from '../portal/api.js';
import { SaveBar, Section } from '../portal/section.js';
import {
  useAcceptProposal,
  useAgreements,
  useDeclineProposal,
  useDeployments,
  useExpenseClaims,
  useNetwork,
  useProposals,
  useSubmitClaim,
  useUploadReceipt,
} from './api.js';
import { berlinToday, daysUntil, estimateClaim, formatDay, formatDecimal, formatMoney, taxFreeLimit } from './format.js';
import { AllowanceBar, Breakdown, ClaimStatus, ExpiryNote, Facts, ProposalFacts, ReasonModal, useTravel } from './parts.js';
import './placements.css';

// ---------------------------------------------------------------------------------------------
// Proposals

/** A failed answer shows through the mutation's error; the promise needs no handler of its own. */
const ignore = () => undefined;

/** Accept or decline one proposal: accepting asks once more, declining asks for a reason. */
export function ProposalAnswer({ proposal, onAnswered }: { proposal: Proposal; onAnswered?: (p: Proposal) => void }) {
  const { t } = useTranslation();
  const accept = useAcceptProposal();
  const decline = useDeclineProposal();
  const [accepting, setAccepting] = useState(false);
  const [declining, setDeclining] = useState(false);
  const title = proposal.request.title;
  return (
    <>
      <Group gap="sm">
        <Button leftSection={<IconCheck />} onClick={() => setAccepting(true)} aria-label={t('placements.proposals.acceptNamed', { title })}>
          {t('placements.proposals.accept')}
        </Button>
        <Button variant="default" onClick={() => setDeclining(true)} aria-label={t('placements.proposals.declineNamed', { title })}>
          {t('placements.proposals.decline')}
        </Button>
      </Group>
      <ConfirmModal
        opened={accepting}
        onClose={() => {
          setAccepting(false);
          accept.reset();
        }}
        title={t('placements.proposals.acceptTitle')}
        message={t('placements.proposals.acceptMessage', { title })}
        confirmLabel={t('placements.proposals.acceptConfirm')}
        danger={false}
        loading={accept.isPending}
        error={accept.error}
        onConfirm={() =>
          // The card leaves the list once the answer is in: the parent hears of it, not this component.
          accept.mutateAsync(proposal).then((p) => {
            setAccepting(false);
            onAnswered?.(p);
          }, ignore)
        }
      />
      <ReasonModal
        opened={declining}
        onClose={() => {
          setDeclining(false);
          decline.reset();
        }}
        title={t('placements.proposals.declineTitle')}
        intro={t('placements.proposals.declineIntro')}
        label={t('placements.proposals.declineReason')}
        confirmLabel={t('placements.proposals.declineConfirm')}
        loading={decline.isPending}
        error={decline.error}
        onConfirm={(reason) =>
          decline.mutateAsync({ proposal, reason }).then((p) => {
            setDeclining(false);
            onAnswered?.(p);
          }, ignore)
        }
      />
    </>
  );
}

/** Proposals waiting for her answer (the portal's proposals page). */
export function ProposalsSection() {
  const { t } = useTranslation();
  const proposals = useProposals({ status: 'pending' });
  const [answered, setAnswered] = useState<Proposal | null>(null);
  return (
    <Section id="portal-proposals" title={t('placements.proposals.title')} intro={t('placements.proposals.intro')}>
      <div role="status">
        {answered && (
          <Alert role="note" color={answered.status === 'accepted' ? 'green' : 'blue'} variant="light" icon={<IconCheck />}>
            {answered.status === 'accepted' ? t('placements.proposals.acceptedNote', { title: answered.request.title }) : t('placements.proposals.declinedNote', { title: answered.request.title })}
            {answered.status === 'accepted' && (
              <>
                {' '}
                <Anchor component={Link} to="/portal/agreements" inherit className="portal-inline-link">
                  {t('portal.nav.agreements')}
                </Anchor>
              </>
            )}
          </Alert>
        )}
      </div>
      <ProblemAlert error={proposals.error} />
      {proposals.isPending ? (
        <InlineLoader />
      ) : (proposals.data ?? []).length === 0 ? (
        <Stack gap={4}>
          <Text>{t('placements.proposals.none')}</Text>
          <Text size="sm" className="secondary-text">
            {t('portal.empty.proposalsWhat')}{' '}
            <Anchor component={Link} to="/portal/profile" inherit>
              {t('portal.empty.toProfile')}
            </Anchor>
          </Text>
        </Stack>
      ) : (
        <ul className="portal-cards">
          {(proposals.data ?? []).map((p) => (
            <li key={p.id}>
              <Paper withBorder radius="md" p="md" className="portal-card">
                <Stack gap="sm">
                  <Title order={3} size="h4">
                    <Anchor component={Link} to={`/portal/proposals/${p.id}`} inherit>
                      <bdi>{p.request.title}</bdi>
                    </Anchor>
                  </Title>
                  <ProposalFacts proposal={p} />
                  <ExpiryNote proposal={p} />
                  <ProposalAnswer proposal={p} onAnswered={setAnswered} />
                </Stack>
              </Paper>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------
// Agreements

export function AgreementTitle({ agreement }: { agreement: Agreement }) {
  return <bdi>{agreement.requestTitle ?? agreement.scope}</bdi>;
}

function AgreementCard({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const left = daysUntil(a.endsOn);
  return (
    <Paper withBorder radius="md" p="md" className="portal-card">
      <Stack gap="sm">
        <Title order={3} size="h4">
          <AgreementTitle agreement={a} />
        </Title>
        <Facts
          items={[
            // The scope often repeats the request's title: shown only when it says more.
            ...(a.requestTitle && a.scope !== a.requestTitle ? ([[t('placements.agreements.scope'), <bdi key="s">{a.scope}</bdi>]] as [string, React.ReactNode][]) : []),
            ...(a.organizationName ? ([[t('placements.agreements.organization'), <bdi key="o">{a.organizationName}</bdi>]] as [string, React.ReactNode][]) : []),
            ...(a.counterpart ? ([[t('placements.agreements.counterpart'), <bdi key="c">{a.counterpart}</bdi>]] as [string, React.ReactNode][]) : []),
            [t('placements.agreements.until'), t('placements.agreements.untilValue', { date: formatDay(a.endsOn, locale), days: left })],
            [t('placements.agreements.logged'), t('placements.agreements.loggedValue', { count: a.deployments, hours: formatDecimal(a.hours, locale) })],
          ]}
        />
        {a.startsOn > berlinToday() && (
          <Text size="sm" fw={600}>
            {t('portal.log.startsLater', { date: formatDay(a.startsOn, locale) })}
          </Text>
        )}
        {a.endingSoon && (
          <Text size="sm" fw={600} className="placement-expiry">
            {t('placements.agreements.endingSoonHint')}
          </Text>
        )}
        <Group gap="sm">
          {/* Nothing can be logged before the first day: the line above says when. */}
          {a.startsOn <= berlinToday() && (
            <Button component={Link} to={`/portal/deployments/new?agreement=${a.id}`} leftSection={<IconPlus />} aria-label={t('placements.agreements.logNamed', { title: a.requestTitle ?? a.scope })}>
              {t('placements.deployments.log')}
            </Button>
          )}
          <Button component={Link} to={`/agreements/${a.id}`} variant="default" aria-label={t('placements.agreements.detailsNamed', { title: a.requestTitle ?? a.scope })}>
            {t('placements.agreements.details')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Her running agreements and the last closed ones (the portal's agreements page). */
export function AgreementsSection() {
  const { t } = useTranslation();
  const agreements = useAgreements({ sort: 'endsOn' });
  const { locale } = useUiLocale();
  const active = { ...agreements, data: agreements.data?.filter((a) => a.status === 'active') };
  const closed = { data: agreements.data?.filter((a) => a.status === 'closed').reverse() };
  return (
    <Section id="portal-agreements" title={t('placements.agreements.mine')} intro={t('placements.agreements.mineIntro')}>
      <ProblemAlert error={active.error} />
      {active.isPending ? (
        <InlineLoader />
      ) : (active.data ?? []).length === 0 ? (
        <Stack gap={4}>
          <Text>{t('placements.agreements.noneActive')}</Text>
          <Text size="sm" className="secondary-text">
            {t('portal.empty.agreementsWhat')}
          </Text>
        </Stack>
      ) : (
        <ul className="portal-cards">
          {(active.data ?? []).map((a) => (
            <li key={a.id}>
              <AgreementCard agreement={a} />
            </li>
          ))}
        </ul>
      )}
      {(closed.data ?? []).length > 0 && (
        <div>
          <Title order={3} size="h5" mb={4}>
            {t('placements.agreements.closedTitle')}
          </Title>
          <ul className="portal-list placement-closed">
            {(closed.data ?? []).slice(0, 10).map((a) => (
              <li key={a.id}>
                <Anchor component={Link} to={`/agreements/${a.id}`}>
                  <AgreementTitle agreement={a} />
                </Anchor>{' '}
                <Text span size="sm" className="secondary-text">
                  {t('placements.agreements.closedOn', { date: formatDay(a.closedOn ?? a.endsOn, locale) })}
                </Text>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------
// Deployments

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
              <Button {...props} size="xs" variant="default" loading={upload.isPending} aria-label={t('placements.deployments.addReceiptNamed', { date: formatDay(d.date, locale) })}>
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
                <Anchor component={Link} to={`/portal/deployments/${d.id}/edit`} key="e" size="sm" aria-label={t('placements.deployments.editNamed', { date: formatDay(d.date, locale), hours: formatDecimal(d.hours, locale) })}>
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

// ---------------------------------------------------------------------------------------------
// Expense claim

function ClaimResult({ claim }: { claim: ExpenseClaimDetail }) {
  const { t } = useTranslation();
  return (
    <Alert role="note" color="green" variant="light" icon={<IconCheck />} title={t('placements.claim.sentTitle')}>
      <Stack gap="xs">
        <Text size="sm">{t('placements.claim.sentText', { count: claim.deploymentCount })}</Text>
        <Breakdown km={claim.km} rateCents={claim.mileageRateCents} mileageCents={claim.mileageCents} ticketCents={claim.ticketCents} allowanceCents={claim.allowanceCents} totalCents={claim.totalCents} caption={t('placements.claim.sentTitle')} />
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
      {settings && (settings.allowanceUnit !== 'none' || usedCents > 0) && <AllowanceBar allowance={{ year, usedCents, limitCents, remainingCents: null }} extraCents={estimate?.allowanceCents ?? 0} />}
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
                      {t('placements.claim.historyLine', { date: formatDate(c.createdAt, locale), count: c.deploymentCount, total: formatMoney(c.totalCents, locale) })}
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

// ---------------------------------------------------------------------------------------------
// Bank account

interface BankValues {
  iban: string;
  bic: string;
  accountHolder: string;
}

const bankBody = (v: BankValues) => ({ iban: v.iban, bic: v.bic.trim() === '' ? null : v.bic, accountHolder: v.accountHolder });

/** The account her expenses are paid to (on the portal's claims page). */
export function BankAccountForm({ volunteer }: { volunteer: VolunteerDetail }) {
  const { t } = useTranslation();
  const update = useUpdateOwnVolunteer();
  const version = useCurrentVersion();
  const from = (v: VolunteerDetail): BankValues => ({
    iban: v.bankAccount?.iban ?? '',
    bic: v.bankAccount?.bic ?? '',
    accountHolder: v.bankAccount?.accountHolder ?? `${v.firstName} ${v.lastName}`,
  });
  const validate = zodValidator(BankAccount, t, bankBody);
  const form = useForm<BankValues>({
    initialValues: from(volunteer),
    validate: (v) => {
      const errors = validate(v);
      if (errors.iban) errors.iban = t('placements.bank.ibanInvalid');
      if (errors.bic) errors.bic = t('placements.bank.bicInvalid');
      return errors;
    },
  });
  const dirty = form.isDirty();
  return (
    <Section id="portal-bank" title={t('placements.bank.title')} intro={t('placements.bank.intro')}>
      {volunteer.pendingBankAccount && <PendingBankChange change={volunteer.pendingBankAccount} />}
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          update.mutate(
            { bankAccount: bankBody(values), version: version() },
            {
              onSuccess: (v) => {
                const next = from(v);
                form.setValues(next);
                form.resetDirty(next);
              },
              onError: (e) => applyProblemToForm(form, e),
            },
          ),
        )}
      >
        <Stack>
          <ProblemAlert error={update.error} />
          <TextInput label={t('placements.bank.accountHolder')} required autoComplete="name" {...form.getInputProps('accountHolder')} />
          <TextInput label={t('placements.bank.iban')} required dir="ltr" className="portal-ltr-field" autoComplete="off" spellCheck={false} placeholder="DE12 3456 7890 1234 5678 90" {...form.getInputProps('iban')} />
          <TextInput label={t('placements.bank.bic')} description={t('placements.bank.bicHint')} dir="ltr" className="portal-ltr-field" autoComplete="off" spellCheck={false} {...form.getInputProps('bic')} />
          <SaveBar label={t('placements.bank.save')} loading={update.isPending} dirty={dirty} saved={update.isSuccess && !dirty} />
        </Stack>
      </form>
    </Section>
  );
}

/**
 * A bank account someone else entered for her: it is used only once she confirms it is hers (a
 * coordinator's typo, or worse, would otherwise receive her money).
 */
function PendingBankChange({ change }: { change: NonNullable<VolunteerDetail['pendingBankAccount']> }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const decide = useDecideBankChange();
  return (
    <Alert role="region" aria-label={t('placements.bank.pendingTitle')} color="orange" variant="light" icon={<IconAlert />} title={t('placements.bank.pendingTitle')}>
      <Stack gap="xs">
        <Text size="sm">
          {t('placements.bank.pendingText', { name: change.requestedByName ?? t('placements.bank.pendingSomeone'), date: formatDate(change.requestedAt, locale) })}
        </Text>
        <Text size="sm">
          {t('placements.bank.accountHolder')}: {change.accountHolder} · {t('placements.bank.iban')}: <span dir="ltr">{change.ibanMasked}</span>
          {change.bic && (
            <>
              {' '}
              · BIC: <span dir="ltr">{change.bic}</span>
            </>
          )}
        </Text>
        <Text size="sm" className="secondary-text">
          {t('placements.bank.pendingHint')}
        </Text>
        <ProblemAlert error={decide.error} />
        <Group gap="xs">
          <Button size="xs" loading={decide.isPending && decide.variables?.decision === 'confirmed'} onClick={() => decide.mutate({ id: change.id, decision: 'confirmed' })}>
            {t('placements.bank.confirm')}
          </Button>
          <Button size="xs" variant="default" loading={decide.isPending && decide.variables?.decision === 'rejected'} onClick={() => decide.mutate({ id: change.id, decision: 'rejected' })}>
            {t('placements.bank.reject')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

// ---------------------------------------------------------------------------------------------

/** A word of care when her load is above what was agreed (the portal's landing page). */
export function LoadAlert({ volunteer }: { volunteer: VolunteerDetail }) {
  const { t } = useTranslation();
  if (!volunteer.wellbeing.overloaded) return null;
  return (
    <Alert role="note" color="orange" variant="light" icon={<IconAlert />} title={t('placements.load.title')}>
      {t('placements.load.text', { agreements: volunteer.wellbeing.activeAgreements, hours: volunteer.wellbeing.hoursThisMonth })}
    </Alert>
  );
}
