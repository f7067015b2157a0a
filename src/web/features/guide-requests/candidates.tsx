import { Anchor, Button, Collapse, Group, Loader, Modal, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import type { Candidate, Candidates } from '../../../common/api/matching.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Name } from '../../components/bidi.js';
import { collator } from '../volunteers/vocabulary.js';
import { useCandidates, usePropose } from './api.js';
import { ScoreBar } from './components.js';
import { ProblemWithDetails } from './problem-list.js';

function CandidateItem({
  c,
  rank,
  canPropose,
  onPropose,
}: {
  c: Candidate;
  rank: number;
  canPropose: boolean;
  onPropose: (c: Candidate) => void;
}) {
  const { t } = useTranslation();
  const [open, { toggle }] = useDisclosure(false);
  const detailsId = `candidate-${c.volunteerId}-reasons`;
  const nameId = `candidate-${c.volunteerId}-name`;
  return (
    <li className="candidate" aria-labelledby={nameId}>
      <div className="candidate-head">
        <span className="candidate-rank" aria-hidden="true">
          {rank}
        </span>
        <div className="candidate-main">
          <Anchor component={Link} to={`/volunteers/${c.volunteerId}`} fw={600} id={nameId}>
            <Name>{c.name}</Name>
          </Anchor>
          <ScoreBar score={c.score} label={t('requests.candidates.scoreLabel', { name: c.name })} />
        </div>
        <Button
          onClick={() => onPropose(c)}
          disabled={!canPropose}
          size="sm"
          aria-label={t('requests.candidates.proposeNamed', { name: c.name })}
        >
          {t('requests.candidates.propose')}
        </Button>
      </div>
      <Button
        variant="subtle"
        size="compact-sm"
        onClick={toggle}
        aria-expanded={open}
        aria-controls={detailsId}
        className="candidate-toggle"
        aria-label={t(open ? 'requests.candidates.hideReasonsNamed' : 'requests.candidates.showReasonsNamed', { name: c.name })}
      >
        {open ? t('requests.candidates.hideReasons') : t('requests.candidates.showReasons')}
      </Button>
      <Collapse in={open} id={detailsId}>
        <ul className="criteria">
          {c.criteria.map((k) => (
            <li key={k.key}>
              <div className="criterion-head">
                <Text size="sm" fw={600} component="span">
                  {t(`requests.criteria.${k.key}`)}
                </Text>
                <Text size="xs" component="span" className="secondary-text">
                  {t('requests.candidates.criterionScore', { percent: Math.round(k.score * 100), weight: k.weight })}
                </Text>
              </div>
              <Text size="sm">{k.reason}</Text>
            </li>
          ))}
        </ul>
      </Collapse>
    </li>
  );
}

function WhyNot({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const explained = useCandidates(requestId, true, true);
  const [q, setQ] = useState('');
  const excluded = useMemo(() => {
    const all = [...(explained.data?.excluded ?? [])].sort((a, b) => collator(locale).compare(a.name, b.name));
    const needle = q.trim().toLocaleLowerCase(locale);
    return needle ? all.filter((e) => e.name.toLocaleLowerCase(locale).includes(needle)) : all;
  }, [explained.data, q, locale]);
  if (explained.error) return <ProblemAlert error={explained.error} />;
  if (explained.isPending) return <Loader size="sm" aria-label={t('app.loading')} role="status" />;
  return (
    <Stack gap="sm">
      <TextInput label={t('requests.whyNot.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} maw={360} type="search" />
      <Text size="sm" role="status">
        {t('requests.whyNot.count', { count: excluded.length })}
      </Text>
      <ul className="excluded-list">
        {excluded.map((e) => (
          <li key={e.volunteerId}>
            <Anchor component={Link} to={`/volunteers/${e.volunteerId}`} fw={600} size="sm">
              <Name>{e.name}</Name>
            </Anchor>
            <ul>
              {e.reasons.map((r) => (
                <li key={r.rule}>{r.reason}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </Stack>
  );
}

/** The button that opened a dialog is gone once the proposal is made: keyboard users continue at the proposals. */
export function focusProposals() {
  window.setTimeout(() => document.getElementById('proposals-title')?.focus(), 350);
}

function ProposeDialog({ requestId, candidate, onClose }: { requestId: string; candidate: Candidate | null; onClose: () => void }) {
  const { t } = useTranslation();
  const propose = usePropose(requestId);
  const [message, setMessage] = useState('');
  const close = () => {
    propose.reset();
    setMessage('');
    onClose();
  };
  return (
    <Modal
      opened={candidate !== null}
      onClose={close}
      title={candidate ? t('requests.propose.title', { name: isolate(candidate.name) }) : ''}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!candidate) return;
          propose.mutate(
            { volunteerId: candidate.volunteerId, message: message.trim() || undefined },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('requests.propose.done', { name: isolate(candidate.name) }) });
                close();
                focusProposals();
              },
            },
          );
        }}
      >
        <Stack>
          <Text size="sm">{t('requests.propose.intro')}</Text>
          <Textarea
            label={t('requests.propose.message')}
            description={t('requests.propose.messageHint')}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={1000}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
          />
          <ProblemWithDetails error={propose.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={propose.isPending} data-autofocus>
              {t('requests.propose.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function CandidatesPanel({ requestId, volunteersNeeded }: { requestId: string; volunteersNeeded: number }) {
  const { t } = useTranslation();
  const ranked = useCandidates(requestId, true);
  const [whyNot, { toggle: toggleWhyNot }] = useDisclosure(false);
  const [proposing, setProposing] = useState<Candidate | null>(null);
  const data: Candidates | undefined = ranked.data;
  const open = data?.openPlaces ?? 0;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="candidates-title">
      <div className="section-head">
        <Title order={2} size="h3" id="candidates-title" tabIndex={-1}>
          {t('requests.candidates.title')}
        </Title>
        {data && (
          <Text size="sm" fw={500}>
            {t('requests.candidates.openPlaces', { open, needed: volunteersNeeded })}
          </Text>
        )}
      </div>
      {ranked.error ? (
        <ProblemWithDetails error={ranked.error} />
      ) : !data ? (
        <Loader size="sm" aria-label={t('app.loading')} role="status" />
      ) : (
        <Stack gap="md">
          <Text size="sm">
            {data.items.length
              ? t('requests.candidates.intro', { total: data.total, shown: data.items.length })
              : t('requests.candidates.none')}
          </Text>
          {open === 0 && data.items.length > 0 && (
            <Text size="sm" fw={500}>
              {t('requests.candidates.noOpenPlace')}
            </Text>
          )}
          {data.items.length > 0 && (
            <ol className="candidate-list" aria-labelledby="candidates-title">
              {data.items.map((c, i) => (
                <CandidateItem key={c.volunteerId} c={c} rank={i + 1} canPropose={open > 0} onPropose={setProposing} />
              ))}
            </ol>
          )}
          <div>
            <Button variant="default" size="sm" onClick={toggleWhyNot} aria-expanded={whyNot} aria-controls="why-not">
              {whyNot ? t('requests.whyNot.hide') : t('requests.whyNot.show')}
            </Button>
          </div>
          {whyNot && (
            <section id="why-not" aria-labelledby="why-not-title" className="why-not">
              <Title order={3} size="h4" id="why-not-title" mb="xs">
                {t('requests.whyNot.title')}
              </Title>
              <Text size="sm" mb="sm">
                {t('requests.whyNot.intro')}
              </Text>
              <WhyNot requestId={requestId} />
            </section>
          )}
        </Stack>
      )}
      <ProposeDialog requestId={requestId} candidate={proposing} onClose={() => setProposing(null)} />
    </Paper>
  );
}
