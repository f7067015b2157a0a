import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import type { Proposal } from '../../../common/api/proposals.js';
import { ConfirmModal } from '../../components/data.js';
import { InlineLoader } from '../../components/layouts.js';
import { IconCheck } from '../../components/icons.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../portal/section.js';
import { useAcceptProposal, useDeclineProposal, useProposals } from './api.js';
import { ExpiryNote, ProposalFacts, ReasonModal } from './parts.js';
import './placements.css';

/* The volunteer's portal: proposals to answer. */

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
            {answered.status === 'accepted'
              ? t('placements.proposals.acceptedNote', { title: answered.request.title })
              : t('placements.proposals.declinedNote', { title: answered.request.title })}
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
