import { Alert, Button, Center, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { Navigate, Outlet, useLocation, useOutletContext } from '../../router.js';
import { useEffect } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import type { OwnEnrollment } from '../../../common/api/courses.js';
import type { VolunteerDetail } from '../../../common/api/volunteers.js';
import type { VolunteerStatus } from '../../../common/volunteers.js';
import { IconInfo } from '../../components/icons.js';
import { Page, useDocumentTitle } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatCompletionDate, formatDate, formatNumber, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { certificateUrl, useCatalog, useOwnEnrollments, useOwnVolunteer } from './api.js';
import { IconDownload, IconLock } from '../../components/icons.js';
import { formatCalendarDate } from './languages.js';
import { AbsencesForm, AvailabilityForm, ContactForm, InterestsForm, LanguagesForm } from './profile-forms.js';
import { Section } from './section.js';
import { AgreementsSection } from '../placements/portal-agreements.js';
import { BankAccountForm } from '../placements/portal-bank-account.js';
import { ClaimSection } from '../placements/portal-claims.js';
import { DeploymentsSection } from '../placements/portal-deployments.js';
import { ProposalsSection } from '../placements/portal-proposals.js';
import { PortalNav, PORTAL_HASHES, usePortalSection } from './portal-nav.js';
import './portal.css';

const STATUS_COLORS: Record<VolunteerStatus, string> = {
  interested: 'gray',
  onboarding: 'cyan',
  in_training: 'blue',
  active: 'green',
  paused: 'yellow',
  left: 'red',
};

/**
 * A status word with a coloured dot, like components/status-badge.tsx’s StatusBadge, but free to wrap: the
 * portal's statuses are whole phrases, which do not fit one line on a phone.
 */
function PhraseStatus({ color, children }: { color: string; children: string }) {
  return (
    <span className="portal-status">
      <span className="status-dot" style={{ background: `var(--mantine-color-${color}-7)` }} aria-hidden="true" />
      <span>{children}</span>
    </span>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="portal-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** What the coordination office records: shown, never editable here. */
function StatusSection({ volunteer }: { volunteer: VolunteerDetail }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const specializations = useCatalog('specializations', volunteer.specializations.length > 0);
  const specializationName = (key: string) => specializations.data?.find((e) => e.key === key)?.name ?? key;
  const { onboarding } = volunteer;
  return (
    <Section id="portal-status" title={t('portal.status.title')}>
      <Group gap={6} wrap="nowrap" align="center">
        <IconLock size={16} />
        <Text size="sm" fw={600}>
          {t('portal.status.managedHint')}
        </Text>
      </Group>
      <dl className="portal-facts">
        <Fact label={t('portal.status.current')}>
          <Stack gap={2}>
            <PhraseStatus color={STATUS_COLORS[volunteer.status]}>{t(`portal.statuses.${volunteer.status}`)}</PhraseStatus>
            <Text size="sm">{t(`portal.statusHelp.${volunteer.status}`)}</Text>
            <Text size="sm" className="secondary-text">
              {t('portal.status.since', { date: formatDate(volunteer.statusSince, locale) })}
            </Text>
          </Stack>
        </Fact>
        <Fact label={t('portal.status.qualifications')}>
          {volunteer.qualifications.length === 0 ? (
            <Text size="sm">{t('portal.status.noQualifications')}</Text>
          ) : (
            <List size="sm" spacing={4} className="portal-list">
              {volunteer.qualifications.map((q, i) => (
                <List.Item key={`${q.type}-${q.completedOn}-${i}`}>
                  {t('portal.status.qualification', {
                    type: t(`portal.qualificationTypes.${q.type}`),
                    date: formatCompletionDate(q.completedOn, q.completedOnPrecision, locale, t),
                    precision: q.completedOnPrecision,
                  })}
                  {q.provider ? ` – ${isolate(q.provider)}` : ''}
                </List.Item>
              ))}
            </List>
          )}
        </Fact>
        {volunteer.specializations.length > 0 && (
          <Fact label={t('portal.status.specializations')}>
            <bdi>{volunteer.specializations.map(specializationName).join(', ')}</bdi>
          </Fact>
        )}
        <Fact label={t('portal.status.documents')}>
          <List size="sm" spacing={4} className="portal-list">
            <List.Item>
              {onboarding.confidentialitySignedOn
                ? t('portal.documents.confidentialityOn', { date: formatCalendarDate(onboarding.confidentialitySignedOn, locale) })
                : t('portal.documents.confidentialityMissing')}
            </List.Item>
            <List.Item>
              {onboarding.policeCertificateOn && onboarding.policeCertificateValid
                ? t('portal.documents.policeValid', { date: formatCalendarDate(onboarding.policeCertificateOn, locale) })
                : onboarding.policeCertificateOn
                  ? t('portal.documents.policeExpired', { date: formatCalendarDate(onboarding.policeCertificateOn, locale) })
                  : t('portal.documents.policeMissing')}
            </List.Item>
          </List>
        </Fact>
      </dl>
    </Section>
  );
}

function EnrollmentStatus({ enrollment }: { enrollment: OwnEnrollment }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  switch (enrollment.status) {
    case 'waitlisted':
      return (
        <PhraseStatus color="yellow">
          {enrollment.waitlistPosition
            ? t('portal.courses.waitlisted', { position: formatNumber(enrollment.waitlistPosition, locale) })
            : t('portal.courses.waitlistedNoPosition')}
        </PhraseStatus>
      );
    case 'completed':
      return (
        <PhraseStatus color="green">
          {enrollment.completedOn
            ? t('portal.courses.completedOn', { date: formatCalendarDate(enrollment.completedOn, locale) })
            : t('portal.courses.completed')}
        </PhraseStatus>
      );
    case 'enrolled':
      return <PhraseStatus color="blue">{t('portal.courses.enrolled')}</PhraseStatus>;
    case 'cancelled':
      return <PhraseStatus color="gray">{t('portal.courses.cancelled')}</PhraseStatus>;
    case 'not_completed':
      return <PhraseStatus color="red">{t('portal.courses.notCompleted')}</PhraseStatus>;
  }
}

function CoursesSection() {
  const { t } = useTranslation();
  const enrollments = useOwnEnrollments(true);
  return (
    <Section id="portal-courses" title={t('portal.courses.title')} intro={t('portal.courses.intro')}>
      <ProblemAlert error={enrollments.error} />
      {enrollments.isPending ? (
        <Center py="md">
          <Loader aria-label={t('app.loading')} role="status" />
        </Center>
      ) : enrollments.data && enrollments.data.length === 0 ? (
        <Text>{t('portal.courses.none')}</Text>
      ) : (
        <ul className="portal-cards">
          {(enrollments.data ?? []).map((e) => (
            <li key={e.id}>
              <Paper withBorder radius="md" p="md" className="portal-card">
                <Stack gap={6}>
                  <Title order={3} size="h4">
                    <bdi>{e.courseLabel}</bdi>
                  </Title>
                  <Text size="sm" className="secondary-text">
                    {t(`courses.kinds.${e.courseKind}`)}
                    {e.runLabel !== e.courseLabel && (
                      <>
                        {' · '}
                        <bdi>{e.runLabel}</bdi>
                      </>
                    )}
                  </Text>
                  <div>
                    <EnrollmentStatus enrollment={e} />
                  </div>
                  {e.status === 'waitlisted' && <Text size="sm">{t('portal.courses.waitlistHelp')}</Text>}
                  {e.certificate && (
                    <Group mt={4}>
                      <Button
                        component="a"
                        href={certificateUrl(e.id)}
                        download
                        variant="light"
                        leftSection={<IconDownload />}
                        aria-label={t('portal.courses.downloadNamed', { course: e.courseLabel })}
                      >
                        {t('portal.courses.download')}
                      </Button>
                    </Group>
                  )}
                </Stack>
              </Paper>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

/** The volunteer record of the signed-in person, for the pages inside the portal frame. */
export function usePortalVolunteer(): VolunteerDetail {
  return useOutletContext<VolunteerDetail>();
}

/**
 * The frame of every portal page: the one heading, the navigation between the parts, and the
 * volunteer record they all read. The old one-page anchors (/portal#portal-bank) lead to their part.
 */
export default function PortalPage() {
  const { t } = useTranslation();
  const own = useOwnVolunteer();
  const { hash } = useLocation();
  const section = usePortalSection();
  // Set after the page's own title (children's effects run first): the part's name comes first.
  useDocumentTitle(section && section.to !== '/portal' ? `${section.label} · ${t('portal.title')}` : t('portal.title'));

  // A part's anchor (#portal-bank) scrolls into view once the part has drawn: its code arrives on
  // its own (lazy route), so look for the anchor frame by frame, for two seconds at most.
  const ready = Boolean(own.data);
  useEffect(() => {
    if (!hash || !ready) return;
    const id = decodeURIComponent(hash.slice(1));
    let frames = 120;
    let frame = 0;
    const look = () => {
      const target = document.getElementById(id);
      if (target) target.scrollIntoView();
      else if (--frames > 0) frame = requestAnimationFrame(look);
    };
    frame = requestAnimationFrame(look);
    return () => cancelAnimationFrame(frame);
  }, [hash, ready, section?.to]);

  const moved = PORTAL_HASHES[hash.slice(1)];
  if (section?.to === '/portal' && moved) return <Navigate to={moved} replace />;

  if (own.isPending) {
    return (
      <Page title={t('portal.title')}>
        <Center py="xl">
          <Loader aria-label={t('app.loading')} role="status" />
        </Center>
      </Page>
    );
  }
  if (own.error) {
    return (
      <Page title={t('portal.title')}>
        <ProblemAlert error={own.error} />
        <Group>
          <Button variant="default" onClick={() => void own.refetch()}>
            {t('errors.retry')}
          </Button>
        </Group>
      </Page>
    );
  }
  if (!own.data) {
    return (
      <Page title={t('portal.title')}>
        <Alert role="note" color="blue" variant="light" icon={<IconInfo />} title={t('portal.noProfileTitle')}>
          {t('portal.noProfile')}
        </Alert>
      </Page>
    );
  }
  return (
    <Page title={t('portal.title')}>
      <Stack gap="lg" maw={820} w="100%">
        <PortalNav />
        <Outlet context={own.data} />
      </Stack>
    </Page>
  );
}

export function PortalProposalsPage() {
  return <ProposalsSection />;
}

export function PortalAgreementsPage() {
  return <AgreementsSection />;
}

export function PortalDeploymentsPage() {
  return <DeploymentsSection />;
}

export function PortalClaimsPage() {
  const volunteer = usePortalVolunteer();
  return (
    <>
      <ClaimSection volunteer={volunteer} />
      <BankAccountForm volunteer={volunteer} />
    </>
  );
}

export function PortalCoursesPage() {
  return <CoursesSection />;
}

const PROFILE_PARTS = [
  ['status', 'portal-status'],
  ['contact', 'portal-contact'],
  ['languages', 'portal-languages'],
  ['times', 'portal-times'],
  ['absences', 'portal-absences'],
  ['interests', 'portal-interests'],
] as const;

/** What she can change herself, and what the office records about her; a short list jumps to each part. */
export function PortalProfilePage() {
  const { t } = useTranslation();
  const volunteer = usePortalVolunteer();
  return (
    <>
      <Text>{t('portal.profileIntro')}</Text>
      <nav aria-label={t('portal.jump.label')}>
        <ul className="portal-jump">
          {PROFILE_PARTS.map(([key, id]) => (
            <li key={id}>
              <a href={`#${id}`}>{t(`portal.jump.${key}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <StatusSection volunteer={volunteer} />
      <ContactForm volunteer={volunteer} />
      <LanguagesForm volunteer={volunteer} />
      <AvailabilityForm volunteer={volunteer} />
      <AbsencesForm volunteer={volunteer} />
      <InterestsForm volunteer={volunteer} />
    </>
  );
}
