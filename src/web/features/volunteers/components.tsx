import { Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import type { Volunteer } from '../../../common/api/volunteers.js';
import type { VolunteerStatus } from '../../../common/volunteers.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatNumber } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { languageWithLevel, STATUS_COLORS } from './vocabulary.js';

export function VolunteerStatusBadge({ status }: { status: VolunteerStatus }) {
  const { t } = useTranslation();
  return <StatusBadge color={STATUS_COLORS[status]}>{t(`volunteers.status.${status}`)}</StatusBadge>;
}

/** A short marker next to a record (supervision due, capacity free); the words carry the meaning, the colour repeats it. */
export function Flag({ children, color = 'orange' }: { children: string; color?: 'orange' | 'green' | 'gray' | 'red' }) {
  return (
    <span className="volunteer-flag" data-color={color}>
      {children}
    </span>
  );
}

export function LanguagesText({ languages }: { languages: Volunteer['languages'] }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  if (!languages.length) return <span className="secondary-text">{t('volunteers.none')}</span>;
  return (
    <ul className="inline-items">
      {languages.map((l) => (
        <li key={l.code}>{languageWithLevel(l, locale, t)}</li>
      ))}
    </ul>
  );
}

/** A section of the profile: a framed region named by its heading. */
export function Section({ id, title, children, actions }: { id: string; title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby={id}>
      <div className="section-head">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {actions}
      </div>
      {children}
    </Paper>
  );
}

/** Label–value pairs as a description list; empty values say so instead of leaving a gap. */
export function Facts({ items }: { items: { label: string; value: ReactNode; key?: string }[] }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      {items.map((item) => (
        <div key={item.key ?? item.label} className="fact">
          <dt>{item.label}</dt>
          <dd>{item.value === null || item.value === undefined || item.value === '' ? <span className="secondary-text">{t('volunteers.none')}</span> : item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A volunteer's load against the agreed capacity, as the pool, the profile and the inbox show it. */
export interface Load {
  activeAgreements: number;
  maxActiveAgreements: number;
  hoursThisMonth: number;
  maxHoursPerMonth: number;
}

export function loadOf(v: { wellbeing: Pick<Volunteer['wellbeing'], 'activeAgreements' | 'hoursThisMonth'>; maxActiveAgreements: number; maxHoursPerMonth: number }): Load {
  return {
    activeAgreements: v.wellbeing.activeAgreements,
    maxActiveAgreements: v.maxActiveAgreements,
    hoursThisMonth: v.wellbeing.hoursThisMonth,
    maxHoursPerMonth: v.maxHoursPerMonth,
  };
}

/** "1 / 2 Vereinbarungen · 4,5 / 12 Std.": the part beyond the maximum stands out (the flag says it in words). */
export function LoadText({ load }: { load: Load }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const overAgreements = load.activeAgreements > load.maxActiveAgreements;
  const overHours = load.hoursThisMonth > load.maxHoursPerMonth;
  return (
    <span className="load-text">
      <span className="load-part" data-over={overAgreements || undefined}>
        {t('volunteers.load.agreements', { active: formatNumber(load.activeAgreements, locale), max: Math.max(load.activeAgreements, load.maxActiveAgreements), maxText: formatNumber(load.maxActiveAgreements, locale) })}
      </span>
      <span className="load-sep" aria-hidden="true">
        {' · '}
      </span>
      <span className="load-part" data-over={overHours || undefined}>
        {t('volunteers.load.hours', { hours: formatNumber(load.hoursThisMonth, locale), max: formatNumber(load.maxHoursPerMonth, locale) })}
      </span>
    </span>
  );
}

/** An IBAN as it is printed on cards and letters: groups of four, read left to right in every language. */
export function formatIban(iban: string): string {
  return iban.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}
