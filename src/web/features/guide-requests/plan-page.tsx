import { Anchor, Button, Center, Checkbox, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import type { PlanResult } from '../../../common/api/matching.js';
import { ProblemError } from '../../api/client.js';
import { IconAlert, IconCheck } from '../../components/icons.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatNumber } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Free, Name } from '../../components/bidi.js';
import { proposeVolunteer, usePlan, useRefreshRequests } from './api.js';
import { ScoreBar } from './components.js';

type Assignment = PlanResult['assignments'][number];
const keyOf = (a: Assignment) => `${a.requestId}|${a.volunteerId}`;

type Outcome = { ok: true } | { ok: false; message: string };

function describe(error: unknown, fallback: string): string {
  if (!(error instanceof ProblemError)) return fallback;
  const fields = (error.problem.errors ?? []).map((e) => e.message);
  return [error.detail, ...fields].join(' ');
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="plan-figure">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export default function PlanPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const plan = usePlan();
  const refresh = useRefreshRequests();
  const [unchecked, setUnchecked] = useState<Set<string>>(new Set());
  const [outcomes, setOutcomes] = useState<Map<string, Outcome>>(new Map());
  const [sending, setSending] = useState(false);
  const data = plan.data;

  useEffect(() => {
    setUnchecked(new Set());
    setOutcomes(new Map());
  }, [data]);

  const groups = useMemo(() => {
    const byRequest = new Map<string, { title: string; items: Assignment[] }>();
    for (const a of data?.assignments ?? []) {
      const g = byRequest.get(a.requestId) ?? { title: a.requestTitle, items: [] };
      g.items.push(a);
      byRequest.set(a.requestId, g);
    }
    return [...byRequest.entries()];
  }, [data]);

  const chosen = (data?.assignments ?? []).filter((a) => !unchecked.has(keyOf(a)) && !outcomes.get(keyOf(a))?.ok);

  const send = async () => {
    setSending(true);
    const next = new Map(outcomes);
    for (const a of chosen) {
      try {
        await proposeVolunteer(a.requestId, a.volunteerId);
        next.set(keyOf(a), { ok: true });
      } catch (error) {
        next.set(keyOf(a), { ok: false, message: describe(error, t('errors.unexpected')) });
      }
      setOutcomes(new Map(next));
    }
    setSending(false);
    await refresh();
  };
  const sent = [...outcomes.values()];
  const succeeded = sent.filter((o) => o.ok).length;
  const failed = sent.length - succeeded;

  return (
    <Page
      title={t('requests.plan.title')}
      actions={
        <Button variant="default" onClick={() => void plan.refetch()} loading={plan.isFetching} disabled={sending}>
          {t('requests.plan.again')}
        </Button>
      }
    >
      <Anchor component={Link} to="/requests" size="sm">
        {t('requests.backToList')}
      </Anchor>
      <Text>{t('requests.plan.intro')}</Text>
      {plan.error ? (
        <ProblemAlert error={plan.error} />
      ) : !data ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} role="status" />
        </Center>
      ) : (
        <>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="plan-summary-title">
            <Title order={2} size="h3" id="plan-summary-title" mb="sm">
              {t('requests.plan.summary')}
            </Title>
            <dl className="plan-figures">
              <Figure label={t('requests.plan.filledPlaces')} value={formatNumber(data.filledPlaces, locale)} />
              <Figure label={t('requests.plan.openPlaces')} value={formatNumber(data.openPlaces, locale)} />
              <Figure label={t('requests.plan.totalScore')} value={formatNumber(Math.round(data.totalScore * 10) / 10, locale)} />
              <Figure label={t('requests.plan.requests')} value={formatNumber(groups.length, locale)} />
            </dl>
          </Paper>

          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="plan-assignments-title">
            <Title order={2} size="h3" id="plan-assignments-title" mb="xs">
              {t('requests.plan.assignments')}
            </Title>
            {groups.length === 0 ? (
              <Text size="sm">{t('requests.plan.noAssignments')}</Text>
            ) : (
              <Stack gap="md">
                <Text size="sm">{t('requests.plan.assignmentsIntro')}</Text>
                <ul className="plan-groups">
                  {groups.map(([requestId, g]) => (
                    <li key={requestId}>
                      <Anchor component={Link} to={`/requests/${requestId}`} fw={600} id={`plan-req-${requestId}`}>
                        <Free>{g.title}</Free>
                      </Anchor>
                      <ul className="plan-assignments" aria-labelledby={`plan-req-${requestId}`}>
                        {g.items.map((a) => {
                          const k = keyOf(a);
                          const outcome = outcomes.get(k);
                          return (
                            <li key={k}>
                              <div className="plan-row">
                                <Checkbox
                                  label={<Name>{a.volunteerName}</Name>}
                                  checked={!unchecked.has(k)}
                                  disabled={sending || outcome?.ok}
                                  onChange={(e) => {
                                    const next = new Set(unchecked);
                                    if (e.currentTarget.checked) next.delete(k);
                                    else next.add(k);
                                    setUnchecked(next);
                                  }}
                                />
                                <ScoreBar score={a.score} label={t('requests.candidates.scoreLabel', { name: a.volunteerName })} />
                              </div>
                              {outcome && (
                                <Group gap={6} wrap="nowrap" align="flex-start" mt={4} className={outcome.ok ? 'plan-ok' : 'plan-failed'}>
                                  {outcome.ok ? <IconCheck size={16} /> : <IconAlert size={16} />}
                                  <Text size="sm">
                                    {outcome.ok ? t('requests.plan.sent') : t('requests.plan.failed', { message: outcome.message })}
                                  </Text>
                                </Group>
                              )}
                            </li>
                          );
                        })}
                      </ul>
                    </li>
                  ))}
                </ul>
                <Group gap="sm" wrap="wrap">
                  <Button onClick={() => void send()} loading={sending} disabled={chosen.length === 0}>
                    {t('requests.plan.send', { count: chosen.length })}
                  </Button>
                  <Text size="sm" role="status">
                    {sent.length > 0 && !sending ? t('requests.plan.result', { succeeded, failed }) : ''}
                  </Text>
                </Group>
              </Stack>
            )}
          </Paper>

          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Paper withBorder p="md" radius="md" component="section" aria-labelledby="plan-unassigned-title">
              <Title order={2} size="h3" id="plan-unassigned-title" mb="xs">
                {t('requests.plan.unassigned')}
              </Title>
              {data.unassigned.length === 0 ? (
                <Text size="sm">{t('requests.plan.noUnassigned')}</Text>
              ) : (
                <ul className="plan-list">
                  {data.unassigned.map((u) => (
                    <li key={u.requestId}>
                      <Anchor component={Link} to={`/requests/${u.requestId}`} fw={600} size="sm">
                        {u.requestTitle}
                      </Anchor>
                      <Text size="sm">{t('requests.plan.unassignedLine', { open: u.openPlaces, eligible: u.eligible })}</Text>
                    </li>
                  ))}
                </ul>
              )}
            </Paper>
            <Paper withBorder p="md" radius="md" component="section" aria-labelledby="plan-skipped-title">
              <Title order={2} size="h3" id="plan-skipped-title" mb="xs">
                {t('requests.plan.skipped')}
              </Title>
              {data.skipped.length === 0 ? (
                <Text size="sm">{t('requests.plan.noSkipped')}</Text>
              ) : (
                <ul className="plan-list">
                  {data.skipped.map((s) => (
                    <li key={s.requestId}>
                      <Anchor component={Link} to={`/requests/${s.requestId}`} fw={600} size="sm">
                        {s.requestTitle}
                      </Anchor>
                      <Text size="sm">{s.reason}</Text>
                    </li>
                  ))}
                </ul>
              )}
            </Paper>
          </SimpleGrid>
        </>
      )}
    </Page>
  );
}
