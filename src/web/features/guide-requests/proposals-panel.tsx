import { Anchor, Button, Group, Loader, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import type { Proposal } from '../../../common/api/proposals.js';
import { formatDateTime, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Free, Name } from '../../components/bidi.js';
import { Facts } from '../volunteers/components.js';
import { useAnswerProposal, useProposals, type ProposalAnswer } from './api.js';
import { focusProposals } from './candidates.js';
import { ProposalStatusBadge } from './components.js';
import { ProblemWithDetails } from './problem-list.js';

type Action = { kind: ProposalAnswer['kind']; proposal: Proposal };

function AnswerDialog({ action, onClose }: { action: Action | null; onClose: () => void }) {
  const { t } = useTranslation();
  const answer = useAnswerProposal();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const close = () => {
    answer.reset();
    setReason('');
    setTouched(false);
    onClose();
  };
  if (!action) return <Modal opened={false} onClose={close} title="" />;
  const name = isolate(action.proposal.volunteerName);
  const needsReason = action.kind === 'decline';
  const reasonError = needsReason && touched && !reason.trim() ? t('validation.required') : undefined;
  return (
    <Modal
      opened
      onClose={close}
      title={t(`requests.proposals.${action.kind}Title`, { name })}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (needsReason && !reason.trim()) return;
          const body: ProposalAnswer =
            action.kind === 'accept'
              ? { kind: 'accept', proposal: action.proposal }
              : action.kind === 'decline'
                ? { kind: 'decline', proposal: action.proposal, reason: reason.trim() }
                : { kind: 'withdraw', proposal: action.proposal, reason: reason.trim() || undefined };
          answer.mutate(body, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t(`requests.proposals.${action.kind}Done`, { name }) });
              close();
              focusProposals();
            },
          });
        }}
      >
        <Stack>
          <Text size="sm">{t(`requests.proposals.${action.kind}Intro`, { name })}</Text>
          {action.kind !== 'accept' && (
            <Textarea
              label={action.kind === 'decline' ? t('requests.proposals.declineReason') : t('requests.proposals.withdrawReason')}
              required={needsReason}
              autosize
              minRows={2}
              maxLength={1000}
              value={reason}
              error={reasonError}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-autofocus
            />
          )}
          <ProblemWithDetails error={answer.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={answer.isPending}
              color={action.kind === 'accept' ? undefined : 'red'}
              data-autofocus={action.kind === 'accept' || undefined}
            >
              {t(`requests.proposals.${action.kind}Submit`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ProposalItem({ p, onAction }: { p: Proposal; onAction: (a: Action) => void }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const answered = p.answeredAt
    ? p.answeredOnBehalf
      ? t('requests.proposals.answeredOnBehalf', { date: formatDateTime(p.answeredAt, locale), name: isolate(p.answeredByName ?? '') })
      : t('requests.proposals.answeredBy', {
          date: formatDateTime(p.answeredAt, locale),
          name: isolate(p.answeredByName ?? p.volunteerName),
        })
    : null;
  return (
    <li className="proposal">
      <Group justify="space-between" wrap="wrap" gap="xs" mb="xs">
        <Group gap="sm" wrap="wrap">
          <Anchor component={Link} to={`/volunteers/${p.volunteerId}`} fw={600}>
            <Name>{p.volunteerName}</Name>
          </Anchor>
          <ProposalStatusBadge status={p.status} />
        </Group>
        {p.status === 'pending' && (
          <Group gap="xs" wrap="wrap">
            <Button size="xs" onClick={() => onAction({ kind: 'accept', proposal: p })}>
              {t('requests.proposals.accept')}
            </Button>
            <Button size="xs" variant="default" onClick={() => onAction({ kind: 'decline', proposal: p })}>
              {t('requests.proposals.decline')}
            </Button>
            <Button size="xs" variant="subtle" color="red" onClick={() => onAction({ kind: 'withdraw', proposal: p })}>
              {t('requests.proposals.withdraw')}
            </Button>
          </Group>
        )}
      </Group>
      <Facts
        items={[
          {
            label: t('requests.proposals.proposed'),
            value: p.proposedByName
              ? t('requests.proposals.proposedBy', { date: formatDateTime(p.createdAt, locale), name: isolate(p.proposedByName) })
              : formatDateTime(p.createdAt, locale),
          },
          ...(p.score !== null ? [{ label: t('requests.proposals.score'), value: String(Math.round(p.score)) }] : []),
          ...(p.status === 'pending' ? [{ label: t('requests.proposals.expires'), value: formatDateTime(p.expiresAt, locale) }] : []),
          ...(answered ? [{ label: t('requests.proposals.answered'), value: answered }] : []),
          ...(p.declineReason ? [{ label: t('requests.proposals.reason'), value: <Free block>{p.declineReason}</Free> }] : []),
          ...(p.message ? [{ label: t('requests.proposals.message'), value: <Free block>{p.message}</Free> }] : []),
        ]}
      />
    </li>
  );
}

export function ProposalsPanel({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const proposals = useProposals(requestId, true);
  const [action, setAction] = useState<Action | null>(null);
  const items = proposals.data ?? [];
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="proposals-title">
      <div className="section-head">
        <Title order={2} size="h3" id="proposals-title" tabIndex={-1}>
          {t('requests.proposals.title')}
        </Title>
      </div>
      {proposals.error ? (
        <ProblemWithDetails error={proposals.error} />
      ) : proposals.isPending ? (
        <Loader size="sm" aria-label={t('app.loading')} role="status" />
      ) : items.length === 0 ? (
        <Text size="sm">{t('requests.proposals.none')}</Text>
      ) : (
        <Stack gap="sm">
          <Text size="sm" className="secondary-text">
            {t('requests.proposals.intro')}
          </Text>
          <ul className="proposal-list">
            {items.map((p) => (
              <ProposalItem key={p.id} p={p} onAction={setAction} />
            ))}
          </ul>
        </Stack>
      )}
      <AnswerDialog action={action} onClose={() => setAction(null)} />
    </Paper>
  );
}
