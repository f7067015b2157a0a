import { Anchor, Center, Loader, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import type { Inbox } from '../../../common/api/inbox.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDate, formatDateTime, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import type { Locale } from '../../../common/locales.js';
import { Free } from '../../components/bidi.js';
import { Flag, LoadText } from '../volunteers/components.js';
import { formatIsoDate } from '../volunteers/vocabulary.js';
import { useInbox } from './api.js';
import './inbox.css';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Amounts in euros, with the interface's conventions (Latin digits in Arabic, as in the paperwork). */
export function formatEuros(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'ar' ? 'ar-u-nu-latn' : locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** Days from today (Berlin) to a calendar date. */
function daysUntil(isoDate: string): number {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY);
}

type SectionName = keyof Inbox;

interface SectionProps<T> {
  id: string;
  /** The section's words: inbox.sections.{name} and inbox.empty.{name}. */
  name: SectionName;
  list: { count: number; items: T[] };
  /** The full list, when there are more than shown. */
  allLink?: { to: string; label: string };
  attention?: boolean;
  item: (item: T) => ReactNode;
}

function InboxSection<T>({ id, name, list, allLink, attention, item }: SectionProps<T>) {
  const { t } = useTranslation();
  const { count, items } = list;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby={id}
      className="inbox-section"
      data-attention={(attention && count > 0) || undefined}
    >
      <h3 id={id} className="inbox-heading">
        <span>{t(`inbox.sections.${name}`)}</span>
        <span className="inbox-count" data-some={count > 0 || undefined}>
          <span className="visually-hidden">{t('inbox.countLabel')} </span>
          {count}
        </span>
      </h3>
      {count === 0 ? (
        <Text size="sm" className="secondary-text">
          {t(`inbox.empty.${name}`)}
        </Text>
      ) : (
        <>
          <ul className="inbox-items">{items.map(item)}</ul>
          {count > items.length && (
            <Text className="inbox-more">
              {t('inbox.more', { count: count - items.length })}
              {allLink && (
                <>
                  {' '}
                  <Anchor component={Link} to={allLink.to}>
                    {allLink.label}
                  </Anchor>
                </>
              )}
            </Text>
          )}
        </>
      )}
    </Paper>
  );
}

function Item({ to, label, flags, meta }: { to: string; label: string; flags?: ReactNode; meta: ReactNode[] }) {
  return (
    <li>
      <div className="inbox-item-head">
        <Anchor component={Link} to={to} className="inbox-item-link">
          <Free>{label}</Free>
        </Anchor>
        {flags}
      </div>
      <div className="inbox-meta">
        {meta.filter(Boolean).map((m, i) => (
          <span key={i}>{m}</span>
        ))}
      </div>
    </li>
  );
}

function UrgencyFlag({ urgency }: { urgency: Inbox['newRequests']['items'][number]['urgency'] }) {
  const { t } = useTranslation();
  // The same words as the request form, list and detail page (requests.urgency).
  if (urgency === 'urgent') return <Flag color="red">{t('requests.urgency.urgent')}</Flag>;
  if (urgency === 'high') return <Flag>{t('requests.urgency.high')}</Flag>;
  return null;
}

function Sections({ inbox }: { inbox: Inbox }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const now = Date.now();
  const { newRequests, readyRequests, proposalsWaiting, proposalsToFollowUp, agreementsEndingSoon, claimsToApprove, overloadedVolunteers } =
    inbox;
  return (
    <div className="inbox-grid">
      <InboxSection
        id="inbox-overloaded"
        name="overloadedVolunteers"
        list={overloadedVolunteers}
        allLink={{ to: '/volunteers?overloaded=true', label: t('inbox.all.overloadedVolunteers') }}
        attention
        item={(v) => (
          <Item
            key={v.volunteerId}
            to={`/volunteers/${v.volunteerId}`}
            label={v.name}
            flags={
              <>
                <Flag color="red">{t('volunteers.flags.overloaded')}</Flag>
                {v.supervisionDue && <Flag>{t('volunteers.flags.supervisionDue')}</Flag>}
              </>
            }
            meta={[<LoadText key="load" load={v} />]}
          />
        )}
      />

      <InboxSection
        id="inbox-new-requests"
        name="newRequests"
        list={newRequests}
        allLink={{ to: '/requests?status=new', label: t('inbox.all.requests') }}
        item={(r) => (
          <Item
            key={r.id}
            to={`/requests/${r.id}`}
            label={r.title}
            flags={<UrgencyFlag urgency={r.urgency} />}
            meta={[
              t('inbox.receivedAt', { date: formatDateTime(r.createdAt, locale) }),
              r.missingFields > 0 ? t('inbox.missingFields', { count: r.missingFields }) : t('inbox.complete'),
            ]}
          />
        )}
      />

      <InboxSection
        id="inbox-ready-requests"
        name="readyRequests"
        list={readyRequests}
        allLink={{ to: '/requests?status=ready', label: t('inbox.all.requests') }}
        item={(r) => (
          <Item
            key={r.id}
            to={`/requests/${r.id}`}
            label={r.title}
            flags={<UrgencyFlag urgency={r.urgency} />}
            meta={[
              r.startsAt ? t('inbox.startsAt', { date: formatDateTime(r.startsAt, locale) }) : null,
              t('inbox.readySince', { date: formatDate(r.statusSince, locale) }),
            ]}
          />
        )}
      />

      <InboxSection
        id="inbox-follow-up"
        name="proposalsToFollowUp"
        list={proposalsToFollowUp}
        allLink={{ to: '/requests', label: t('inbox.all.requests') }}
        attention
        item={(p) => (
          <Item
            key={p.id}
            to={`/requests/${p.requestId}`}
            label={p.requestTitle}
            meta={[
              t('inbox.proposalAnswered', {
                name: isolate(p.volunteerName),
                status: t(`inbox.proposalStatus.${p.status}`),
                date: formatDate(p.at, locale),
              }),
              t('inbox.offerNext'),
            ]}
          />
        )}
      />

      <InboxSection
        id="inbox-proposals-waiting"
        name="proposalsWaiting"
        list={proposalsWaiting}
        allLink={{ to: '/requests?status=proposed', label: t('inbox.all.requests') }}
        item={(p) => {
          const soon = Date.parse(p.expiresAt) - now < DAY;
          return (
            <Item
              key={p.id}
              to={`/requests/${p.requestId}`}
              label={p.requestTitle}
              flags={soon ? <Flag>{t('inbox.expiresSoon')}</Flag> : null}
              meta={[
                t('inbox.proposedTo', { name: isolate(p.volunteerName) }),
                t('inbox.answerBy', { date: formatDateTime(p.expiresAt, locale) }),
              ]}
            />
          );
        }}
      />

      <InboxSection
        id="inbox-agreements-ending"
        name="agreementsEndingSoon"
        list={agreementsEndingSoon}
        allLink={{ to: '/agreements', label: t('inbox.all.agreements') }}
        item={(a) => {
          const days = daysUntil(a.endsOn);
          return (
            <Item
              key={a.id}
              to={`/agreements/${a.id}`}
              label={a.volunteerName}
              flags={days <= 7 ? <Flag>{t('inbox.endsInDays', { count: Math.max(days, 0) })}</Flag> : null}
              meta={[
                t('inbox.endsOn', { date: formatIsoDate(a.endsOn, locale) }),
                <Free key="scope">{a.scope.length > 90 ? `${a.scope.slice(0, 88)}…` : a.scope}</Free>,
              ]}
            />
          );
        }}
      />

      <InboxSection
        id="inbox-claims"
        name="claimsToApprove"
        list={claimsToApprove}
        allLink={{ to: '/expense-claims', label: t('inbox.all.claims') }}
        item={(c) => (
          <Item
            key={c.id}
            to={`/expense-claims/${c.id}`}
            label={c.volunteerName}
            meta={[
              <span key="amount" dir="ltr">
                {formatEuros(c.totalCents, locale)}
              </span>,
              t('inbox.submittedAt', { date: formatDate(c.submittedAt, locale) }),
            ]}
          />
        )}
      />
    </div>
  );
}

/** The coordinator's day at a glance, on the home page. */
export function InboxPanel() {
  const { t } = useTranslation();
  const inbox = useInbox();
  const total = inbox.data ? Object.values(inbox.data).reduce((n, s) => n + s.count, 0) : 0;
  return (
    <section aria-labelledby="inbox-title" className="inbox">
      <Title order={2} size="h3" id="inbox-title" mb={4}>
        {t('inbox.title')}
      </Title>
      <Text size="sm" mb="sm" className="secondary-text" role="status">
        {inbox.data ? (total === 0 ? t('inbox.allDone') : t('inbox.intro')) : ''}
      </Text>
      {inbox.error ? (
        <ProblemAlert error={inbox.error} />
      ) : !inbox.data ? (
        <Center py="lg">
          <Loader aria-label={t('app.loading')} role="status" />
        </Center>
      ) : (
        <Sections inbox={inbox.data} />
      )}
    </section>
  );
}
