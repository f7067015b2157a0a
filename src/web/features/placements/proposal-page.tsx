import { Alert, Anchor, Button, Center, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import { Link, useParams } from '../../router.js';
import { IconCheck } from '../../components/icons.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatDateTime } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { useProposal } from './api.js';
import { ExpiryNote, ProposalFacts } from './parts.js';
import { ProposalAnswer } from './portal-proposals.js';
import './placements.css';

const COLORS = { pending: 'blue', accepted: 'green', declined: 'gray', expired: 'gray', withdrawn: 'gray' } as const;

/** One proposal, as the e-mail links it: the request in full, and the answer. */
export default function ProposalPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const proposal = useProposal(id);

  if (proposal.error || !proposal.data) {
    return (
      <Page title={t('placements.proposals.one')}>
        {proposal.error ? (
          <ProblemAlert error={proposal.error} />
        ) : (
          <Center py="xl">
            <Loader aria-label={t('app.loading')} role="status" />
          </Center>
        )}
        <Anchor component={Link} to="/portal">
          {t('placements.backToPortal')}
        </Anchor>
      </Page>
    );
  }
  const p = proposal.data;
  return (
    <div className="placement-screen">
      <Page title={t('placements.proposals.oneNamed', { title: p.request.title })}>
        <Stack gap="lg" maw={820} w="100%">
          <Anchor component={Link} to="/portal">
            {t('placements.backToPortal')}
          </Anchor>
          <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
            <Stack gap="md">
              <Group gap="sm">
                <StatusBadge color={COLORS[p.status]}>{t(`proposals.status.${p.status}`)}</StatusBadge>
                {p.answeredAt && (
                  <Text size="sm" className="secondary-text">
                    {t('placements.proposals.answeredAt', { date: formatDateTime(p.answeredAt, locale) })}
                  </Text>
                )}
              </Group>
              <ProposalFacts proposal={p} />
              <ExpiryNote proposal={p} />
              {p.status === 'pending' && <ProposalAnswer proposal={p} />}
              {p.status === 'accepted' && (
                <Alert role="note" color="green" variant="light" icon={<IconCheck />}>
                  <Stack gap="xs" align="flex-start">
                    <Text size="sm">{t('placements.proposals.acceptedHere')}</Text>
                    {p.agreementId && (
                      <Button component={Link} to={`/agreements/${p.agreementId}`} variant="light">
                        {t('placements.proposals.toAgreement')}
                      </Button>
                    )}
                  </Stack>
                </Alert>
              )}
              {p.status === 'declined' && p.declineReason && <Text size="sm">{t('placements.proposals.declinedBecause', { reason: p.declineReason })}</Text>}
            </Stack>
          </Paper>
        </Stack>
      </Page>
    </div>
  );
}
