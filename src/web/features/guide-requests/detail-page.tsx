import { Alert, Anchor, Button, Center, Group, Loader, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link, useParams } from '../../router.js';
import type { GuideRequestDetail, GuideRequestStatus } from '../../../common/api/guide-requests.js';
import { useAllOrganizations, useCan } from '../../api/hooks.js';
import { Free, Name } from '../../components/bidi.js';
import { IconAlert, IconCheck, IconInfo } from '../../components/icons.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDateTime, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { useCatalogues } from '../volunteers/api.js';
import { Facts, Section } from '../volunteers/components.js';
import { countryLabel, districtLabel, languageLabel, levelLabel, nameOf, type Catalogues } from '../volunteers/vocabulary.js';
import { useRequest, useUpdateRequest } from './api.js';
import { CandidatesPanel } from './candidates.js';
import { RequestStatusBadge, Urgency } from './components.js';
import { ProblemWithDetails } from './problem-list.js';
import { ProposalsPanel } from './proposals-panel.js';
import { fieldLabel, scheduleText } from './vocabulary.js';

const EDITABLE_BY_COORDINATOR: GuideRequestStatus[] = ['new', 'needs_info', 'ready', 'proposed'];
const EDITABLE_BY_REQUESTER: GuideRequestStatus[] = ['new', 'needs_info'];

type Move = 'ready' | 'needs_info' | 'cancelled' | 'closed';

/** The status moves a person may make here; the server's rules decide, these only offer them. */
function movesFor(status: GuideRequestStatus, manage: boolean): Move[] {
  if (!manage) return ['new', 'needs_info', 'ready'].includes(status) ? ['cancelled'] : [];
  switch (status) {
    case 'new':
      return ['ready', 'needs_info', 'cancelled'];
    case 'needs_info':
      return ['ready', 'cancelled'];
    case 'ready':
      return ['needs_info', 'cancelled'];
    case 'proposed':
      return ['cancelled'];
    case 'agreed':
      return ['closed'];
    default:
      return [];
  }
}

function StatusActions({ r, manage, onChanged }: { r: GuideRequestDetail; manage: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const update = useUpdateRequest(r.id);
  const [dialog, setDialog] = useState<Move | null>(null);
  const [message, setMessage] = useState('');
  const [touched, setTouched] = useState(false);
  const moves = movesFor(r.status, manage);
  if (moves.length === 0) return null;

  const run = (to: Move, statusMessage?: string) =>
    update.mutate(
      { status: to, version: r.version, ...(statusMessage ? { statusMessage } : {}) },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t(`requests.actions.${to}Done`) });
          close();
          // The button pressed is gone with the old status: continue at the candidates, else at the page's heading.
          window.setTimeout(
            () => (document.getElementById('candidates-title') ?? document.querySelector<HTMLElement>('.page-title'))?.focus(),
            400,
          );
        },
      },
    );
  const close = () => {
    setDialog(null);
    setMessage('');
    setTouched(false);
  };
  const needsMessage = dialog === 'needs_info' || dialog === 'cancelled';
  // Releasing needs the complete description: the button waits, and says what it waits for.
  const blocked = r.missingFields.length > 0;
  const listFormat = new Intl.ListFormat(locale, { type: 'conjunction' });
  const messageError = dialog === 'needs_info' && touched && !message.trim() ? t('validation.required') : undefined;

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="actions-title">
      <Title order={2} size="h3" id="actions-title" mb="sm">
        {manage ? t('requests.actions.title') : t('requests.actions.partnerTitle')}
      </Title>
      <Stack gap="sm">
        <Group gap="sm" wrap="wrap">
          {moves.includes('ready') && (
            <Button
              onClick={() => run('ready')}
              loading={update.isPending && update.variables?.status === 'ready'}
              leftSection={<IconCheck />}
              disabled={blocked}
              aria-describedby={blocked ? 'ready-blocked' : undefined}
            >
              {t('requests.actions.ready')}
            </Button>
          )}
          {moves.includes('ready') && blocked && (
            <Text size="sm" id="ready-blocked" className="secondary-text">
              {t('requests.actions.readyBlocked', {
                count: r.missingFields.length,
                fields: listFormat.format(r.missingFields.map((f) => fieldLabel(f, t))),
              })}
            </Text>
          )}
          {moves.includes('closed') && (
            <Button variant="default" onClick={() => run('closed')} loading={update.isPending}>
              {t('requests.actions.closed')}
            </Button>
          )}
          {moves.includes('needs_info') && (
            <Button variant="default" onClick={() => setDialog('needs_info')}>
              {t('requests.actions.needs_info')}
            </Button>
          )}
          {moves.includes('cancelled') && (
            <Button variant="subtle" color="red" onClick={() => setDialog('cancelled')}>
              {manage ? t('requests.actions.cancelled') : t('requests.actions.withdraw')}
            </Button>
          )}
        </Group>
        {!dialog && (
          <ProblemWithDetails
            error={update.error}
            onReload={() => {
              update.reset();
              onChanged();
            }}
          />
        )}
      </Stack>
      <Modal
        opened={needsMessage}
        onClose={() => {
          update.reset();
          close();
        }}
        title={dialog === 'needs_info' ? t('requests.actions.needsInfoTitle') : t('requests.actions.cancelTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTouched(true);
            if (dialog === 'needs_info' && !message.trim()) return;
            if (dialog) run(dialog, message.trim() || undefined);
          }}
        >
          <Stack>
            <Text size="sm">{dialog === 'needs_info' ? t('requests.actions.needsInfoIntro') : t('requests.actions.cancelIntro')}</Text>
            <Textarea
              label={dialog === 'needs_info' ? t('requests.actions.question') : t('requests.actions.reason')}
              required={dialog === 'needs_info'}
              autosize
              minRows={3}
              maxLength={2000}
              value={message}
              error={messageError}
              onChange={(e) => setMessage(e.currentTarget.value)}
              data-autofocus
            />
            <ProblemWithDetails error={update.error} />
            <Group justify="flex-end">
              <Button
                variant="default"
                onClick={() => {
                  update.reset();
                  close();
                }}
              >
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={update.isPending} color={dialog === 'cancelled' ? 'red' : undefined}>
                {dialog === 'needs_info' ? t('requests.actions.send') : t('requests.actions.confirmCancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}

function Description({ r, catalogues }: { r: GuideRequestDetail; catalogues: Catalogues }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const orgs = useAllOrganizations();
  const org = r.requesterOrganizationId ? orgs.data?.find((o) => o.id === r.requesterOrganizationId) : undefined;
  const when = [
    r.startsAt
      ? r.endsAt
        ? t('requests.detail.fromTo', { from: formatDateTime(r.startsAt, locale), to: formatDateTime(r.endsAt, locale) })
        : formatDateTime(r.startsAt, locale)
      : null,
    r.schedule.length ? t('requests.list.weekly', { slots: scheduleText(r.schedule, locale) }) : null,
  ]
    .filter(Boolean)
    .join('; ');
  const seeker = r.seeker;
  return (
    <>
      <Section id="detail-what" title={t('requests.sections.what')}>
        <Stack gap="md">
          {r.description ? <Free block>{r.description}</Free> : null}
          <Facts
            items={[
              { label: t('requests.fields.kind'), value: r.kind && t(`requests.kinds.${r.kind}`) },
              { label: t('requests.fields.topic'), value: r.topic && nameOf(catalogues.topics, r.topic) },
              {
                label: t('requests.fields.languages'),
                value: r.languages.length
                  ? r.languages
                      .map((l) =>
                        t('requests.detail.languageMin', { language: languageLabel(l.code, locale), level: levelLabel(l.minLevel, t) }),
                      )
                      .join(', ')
                  : null,
              },
              {
                label: t('requests.fields.requiredSpecializations'),
                value: r.requiredSpecializations.map((s) => nameOf(catalogues.specializations, s)).join(', '),
              },
              { label: t('requests.fields.involvesMinors'), value: r.involvesMinors ? t('requests.yes') : t('requests.no') },
            ]}
          />
        </Stack>
      </Section>
      <Section id="detail-where" title={t('requests.sections.whereWhen')}>
        <Facts
          items={[
            { label: t('requests.fields.district'), value: r.districtKey && districtLabel(catalogues.districts, r.districtKey) },
            { label: t('requests.fields.place'), value: r.place && <Free>{r.place}</Free> },
            { label: t('requests.fields.when'), value: when },
            {
              label: t('requests.fields.expectedHours'),
              value: r.expectedHours !== null ? t('requests.detail.hours', { hours: r.expectedHours }) : null,
            },
            { label: t('requests.fields.volunteersNeeded'), value: String(r.volunteersNeeded) },
          ]}
        />
      </Section>
      <Section id="detail-seeker" title={t('requests.sections.seeker')}>
        <Facts
          items={[
            { label: t('requests.fields.ageGroup'), value: seeker.ageGroup && t(`requests.ageGroups.${seeker.ageGroup}`) },
            { label: t('requests.fields.seekerLanguages'), value: seeker.languages.map((c) => languageLabel(c, locale)).join(', ') },
            {
              label: t('requests.fields.genderPreference'),
              value: seeker.genderPreference ? t(`volunteers.gender.${seeker.genderPreference}`) : t('requests.form.noPreference'),
            },
            { label: t('requests.fields.wantsPeerMatch'), value: seeker.wantsPeerMatch ? t('requests.yes') : t('requests.no') },
            ...(seeker.origins !== undefined && seeker.wantsPeerMatch
              ? [{ label: t('requests.fields.origins'), value: seeker.origins.map((c) => countryLabel(c, locale)).join(', ') }]
              : []),
          ]}
        />
      </Section>
      <Section id="detail-contact" title={t('requests.sections.contact')}>
        <Facts
          items={[
            { label: t('requests.fields.organization'), value: org && <Name>{org.name}</Name> },
            { label: t('requests.fields.contactName'), value: r.contact?.name && <Name>{r.contact.name}</Name> },
            {
              label: t('requests.fields.contactPhone'),
              value: r.contact?.phone && (
                <Anchor href={`tel:${r.contact.phone.replace(/\s/g, '')}`} dir="ltr">
                  {r.contact.phone}
                </Anchor>
              ),
            },
            {
              label: t('requests.fields.contactEmail'),
              value: r.contact?.email && (
                <Anchor href={`mailto:${r.contact.email}`} dir="ltr">
                  {r.contact.email}
                </Anchor>
              ),
            },
            { label: t('requests.fields.source'), value: t(`requests.sources.${r.source}`) },
            { label: t('requests.list.received'), value: formatDateTime(r.createdAt, locale) },
          ]}
        />
      </Section>
    </>
  );
}

function History({ r }: { r: GuideRequestDetail }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const history = [...r.statusHistory].reverse();
  return (
    <Section id="detail-history" title={t('requests.history.title')}>
      <ol className="history">
        {history.map((h, i) => (
          <li key={`${h.at}-${i}`}>
            <Group gap="xs" wrap="wrap">
              <RequestStatusBadge status={h.to} />
              <Text size="sm">{formatDateTime(h.at, locale)}</Text>
            </Group>
            {h.message && <Text size="sm">{t('requests.history.message', { message: isolate(h.message) })}</Text>}
            <Text size="sm" className="secondary-text">
              {h.byName ? t('requests.history.by', { name: isolate(h.byName) }) : t('requests.history.bySystem')}
            </Text>
          </li>
        ))}
      </ol>
    </Section>
  );
}

function MissingAlert({ r, canEdit }: { r: GuideRequestDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  if (r.missingFields.length === 0 || ['closed', 'cancelled', 'agreed'].includes(r.status)) return null;
  return (
    <Alert
      role="note"
      color="orange"
      variant="light"
      icon={<IconAlert />}
      title={t('requests.detail.missingTitle', { count: r.missingFields.length })}
    >
      <Stack gap="xs">
        <Text size="sm">{t('requests.detail.missingIntro')}</Text>
        <ul className="missing-inline">
          {r.missingFields.map((f) => (
            <li key={f}>{fieldLabel(f, t)}</li>
          ))}
        </ul>
        {canEdit && (
          <Group>
            <Button component={Link} to={`/requests/${r.id}/edit`} size="xs" variant="default">
              {t('requests.detail.complete')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

export default function RequestPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const { id = '' } = useParams();
  const manage = useCan('guide-requests:manage');
  const request = useRequest(id);
  const catalogues = useCatalogues();
  const r = request.data;
  const canEdit = !!r && (manage ? EDITABLE_BY_COORDINATOR : EDITABLE_BY_REQUESTER).includes(r.status);
  const question = r?.status === 'needs_info' ? [...r.statusHistory].reverse().find((h) => h.to === 'needs_info' && h.message) : undefined;
  const matchable =
    !!r && manage && (r.status === 'ready' || r.status === 'proposed') && r.missingFields.length === 0 && !r.needsProfessional;
  const showProposals = !!r && manage && ['ready', 'proposed', 'agreed', 'closed', 'cancelled'].includes(r.status);

  return (
    <Page
      title={r ? r.title : t('requests.detailTitle')}
      freeTitle={!!r}
      actions={
        canEdit && (
          <Button component={Link} to={`/requests/${id}/edit`} variant={r.missingFields.length ? 'filled' : 'default'}>
            {r.missingFields.length ? t('requests.detail.complete') : t('requests.detail.edit')}
          </Button>
        )
      }
    >
      <Anchor component={Link} to="/requests" size="sm">
        {t('requests.backToList')}
      </Anchor>
      {request.error ? (
        <ProblemAlert error={request.error} />
      ) : !r ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} role="status" />
        </Center>
      ) : (
        <>
          <Group gap="sm" wrap="wrap" role="group" aria-label={t('requests.detail.summary')}>
            <RequestStatusBadge status={r.status} />
            <Text size="sm" className="secondary-text">
              {t('requests.detail.since', { date: formatDateTime(r.statusSince, locale) })}
            </Text>
            <Urgency urgency={r.urgency} />
          </Group>
          {question && (
            <Alert role="note" color="blue" variant="light" icon={<IconInfo />} title={t('requests.detail.questionTitle')}>
              <Text size="sm" component="div">
                <Free block>{question.message}</Free>
              </Text>
              <Text size="xs" mt={4}>
                {question.byName ? t('requests.history.by', { name: isolate(question.byName) }) : null}
              </Text>
            </Alert>
          )}
          {r.needsProfessional && (
            <Alert role="note" color="orange" variant="light" icon={<IconAlert />} title={t('requests.professional.title')}>
              <Text size="sm">{t('requests.professional.text')}</Text>
            </Alert>
          )}
          <MissingAlert r={r} canEdit={canEdit} />
          <StatusActions r={r} manage={manage} onChanged={() => void request.refetch()} />
          {matchable && <CandidatesPanel requestId={r.id} volunteersNeeded={r.volunteersNeeded} />}
          {showProposals && <ProposalsPanel requestId={r.id} />}
          <Description r={r} catalogues={catalogues} />
          <History r={r} />
        </>
      )}
    </Page>
  );
}
