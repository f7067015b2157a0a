import { Alert, Anchor, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import type { Locale } from '../../../common/locales.js';
import type { PortalAppointment, PortalOverview } from '../../../common/api/portal.js';
import { IconInfo } from '../../components/icons.js';
import { InlineLoader } from '../../components/layouts.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDate, isolate, TIME_ZONE } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { formatDay, formatMoney } from '../placements/format.js';
import { ClaimStatus } from '../placements/parts.js';
import { LoadAlert } from '../placements/portal-load-alert.js';
import { usePortalOverview } from './api.js';
import { usePortalVolunteer } from './portal-page.js';

/** A session's day and hours on Berlin's clocks: "Mo., 07.12.2026, 17:00–19:00". */
function sessionTime(startsAt: string, endsAt: string, locale: Locale): string {
  const tag = locale === 'ar' ? 'ar-u-nu-latn' : locale;
  const day = new Intl.DateTimeFormat(tag, {
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: TIME_ZONE,
  }).format(new Date(startsAt));
  const time = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE });
  return `${day}, ${time.format(new Date(startsAt))}–${time.format(new Date(endsAt))}`;
}

/** One thing that waits: its name, a sentence with the count, the first items as links, the way to all of them. */
function Waiting({
  id,
  title,
  summary,
  more,
  children,
}: {
  id: string;
  title: string;
  summary: string;
  more?: { to: string; label: string } | null;
  children?: ReactNode;
}) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={id} className="portal-waiting">
      <Stack gap="xs">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        <Text size="sm">{summary}</Text>
        {children}
        {more && (
          <Anchor component={Link} to={more.to} size="sm" fw={600}>
            {more.label}
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}

function Items({ children }: { children: ReactNode }) {
  return <ul className="portal-waiting-items">{children}</ul>;
}

function Item({ to, label, note, extra }: { to: string; label: ReactNode; note?: ReactNode; extra?: ReactNode }) {
  return (
    <li>
      <Anchor component={Link} to={to} fw={600}>
        {label}
      </Anchor>
      {note && (
        <Text size="sm" className="secondary-text">
          {note}
        </Text>
      )}
      {extra}
    </li>
  );
}

function AppointmentItem({ item }: { item: PortalAppointment }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  if (item.kind === 'courseSession') {
    const where = [item.courseTitle, item.topic, item.room].filter(Boolean).join(' · ');
    return <Item to="/portal/courses" label={sessionTime(item.startsAt, item.endsAt, locale)} note={<bdi>{where}</bdi>} />;
  }
  return (
    <Item
      to={`/agreements/${item.agreementId}`}
      label={t('portal.home.agreementStarts', { date: formatDay(item.startsOn, locale) })}
      note={<bdi>{[item.title, item.organizationName].filter(Boolean).join(' · ')}</bdi>}
    />
  );
}

/** Nothing waits: said plainly, with what she can do meanwhile. */
function NothingWaits() {
  const { t } = useTranslation();
  return (
    <Alert role="note" color="blue" variant="light" icon={<IconInfo />} title={t('portal.home.nothingTitle')}>
      <Stack gap="xs">
        <Text size="sm">{t('portal.home.nothingText')}</Text>
        <List size="sm" spacing={4} className="portal-list">
          <List.Item>
            <Anchor component={Link} to="/portal/profile#portal-times" inherit className="portal-inline-link">
              {t('portal.home.doTimes')}
            </Anchor>
          </List.Item>
          <List.Item>
            <Anchor component={Link} to="/portal/profile#portal-absences" inherit className="portal-inline-link">
              {t('portal.home.doAbsences')}
            </Anchor>
          </List.Item>
          <List.Item>
            <Anchor component={Link} to="/portal/courses" inherit className="portal-inline-link">
              {t('portal.home.doCourses')}
            </Anchor>
          </List.Item>
        </List>
      </Stack>
    </Alert>
  );
}

function Overview({ data }: { data: PortalOverview }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const { proposals, toLog, appointments, claims, agreements, unclaimedDeployments: unclaimed } = data;
  const nothing = proposals.count + toLog.count + appointments.count + claims.count + unclaimed === 0;
  const agreementsCard = (
    <Waiting
      id="portal-home-agreements"
      title={t('portal.home.agreementsTitle')}
      summary={t('portal.home.agreementsCount', { count: agreements.count })}
      more={{ to: '/portal/agreements', label: agreements.count ? t('portal.home.agreementsAll') : t('portal.home.agreementsOpen') }}
    >
      {agreements.items.length > 0 && (
        <Items>
          {agreements.items.map((a) => (
            <Item
              key={a.agreementId}
              to={`/agreements/${a.agreementId}`}
              label={<bdi>{a.title}</bdi>}
              note={[a.organizationName ? isolate(a.organizationName) : null, t('portal.home.until', { date: formatDay(a.endsOn, locale) })]
                .filter(Boolean)
                .join(' · ')}
              extra={
                a.endingSoon ? (
                  <Text size="sm" fw={600} className="placement-expiry">
                    {t('portal.home.endingSoon')}
                  </Text>
                ) : null
              }
            />
          ))}
        </Items>
      )}
    </Waiting>
  );
  if (nothing) {
    return (
      <>
        <NothingWaits />
        {agreements.count > 0 && agreementsCard}
      </>
    );
  }
  return (
    <div className="portal-waiting-grid">
      <Waiting
        id="portal-home-proposals"
        title={t('portal.home.proposalsTitle')}
        summary={t('portal.home.proposalsCount', { count: proposals.count })}
        more={
          proposals.count > proposals.items.length
            ? { to: '/portal/proposals', label: t('portal.home.proposalsAll', { count: proposals.count }) }
            : null
        }
      >
        {proposals.items.length > 0 && (
          <Items>
            {proposals.items.map((p) => (
              <Item
                key={p.id}
                to={`/portal/proposals/${p.id}`}
                label={<bdi>{p.requestTitle}</bdi>}
                note={[
                  p.organizationName ? isolate(p.organizationName) : null,
                  t('portal.home.answerBy', { date: formatDate(p.expiresAt, locale) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            ))}
          </Items>
        )}
      </Waiting>
      <Waiting
        id="portal-home-log"
        title={t('portal.home.logTitle')}
        summary={
          agreements.count === 0
            ? t('portal.home.logNoAgreement')
            : t('portal.home.logCount', { count: toLog.count, days: data.loggingDueDays })
        }
        more={agreements.count > 0 ? { to: '/portal/deployments', label: t('portal.home.logAll') } : null}
      >
        {toLog.items.length > 0 && (
          <Items>
            {toLog.items.map((a) => (
              <Item
                key={a.agreementId}
                to={`/portal/deployments/new?agreement=${a.agreementId}`}
                label={t('portal.home.logNamed', { title: a.title })}
                note={
                  a.lastDeploymentOn
                    ? t('portal.home.lastLogged', { date: formatDay(a.lastDeploymentOn, locale) })
                    : t('portal.home.neverLogged')
                }
              />
            ))}
          </Items>
        )}
      </Waiting>
      <Waiting
        id="portal-home-appointments"
        title={t('portal.home.appointmentsTitle')}
        summary={t('portal.home.appointmentsCount', { count: appointments.count })}
        more={appointments.count > appointments.items.length ? { to: '/portal/courses', label: t('portal.home.appointmentsAll') } : null}
      >
        {appointments.items.length > 0 && (
          <Items>
            {appointments.items.map((a) => (
              <AppointmentItem key={a.kind === 'courseSession' ? a.id : a.agreementId} item={a} />
            ))}
          </Items>
        )}
      </Waiting>
      <Waiting
        id="portal-home-claims"
        title={t('portal.home.claimsTitle')}
        summary={t('portal.home.claimsCount', { count: claims.count })}
        more={{ to: '/portal/claims', label: unclaimed > 0 ? t('portal.home.claimNow', { count: unclaimed }) : t('portal.home.claimsAll') }}
      >
        {claims.items.length > 0 && (
          <Items>
            {claims.items.map((c) => (
              <li key={c.id}>
                <Group gap="xs" wrap="wrap">
                  <Text size="sm">
                    {t('portal.home.claimLine', {
                      date: formatDate(c.submittedAt, locale),
                      count: c.deploymentCount,
                      total: formatMoney(c.totalCents, locale),
                    })}
                  </Text>
                  <ClaimStatus status={c.status} />
                </Group>
              </li>
            ))}
          </Items>
        )}
      </Waiting>
      {agreementsCard}
    </div>
  );
}

/** The landing page: what waits for her, each with its count and direct links. */
export default function PortalHome() {
  const { t } = useTranslation();
  const volunteer = usePortalVolunteer();
  const overview = usePortalOverview();
  return (
    <>
      <Text size="lg">{t('portal.home.greeting', { name: isolate(volunteer.firstName) })}</Text>
      <LoadAlert volunteer={volunteer} />
      <ProblemAlert error={overview.error} />
      {overview.isPending ? <InlineLoader /> : overview.data ? <Overview data={overview.data} /> : null}
    </>
  );
}
