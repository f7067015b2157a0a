import { Text } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import { AUDIT_ACTIONS } from '../../../common/api/index.js';
import { usePagedList } from '../../api/hooks.js';
import type { AuditEvent } from '../../api/types.js';
import { DateFilter, FilterBar, ResetFiltersButton, SearchFilter, SelectFilter } from '../../components/list/filter-bar.js';
import { ISO_DATE, keepKnown, useListFilters } from '../../components/list/list-filters.js';
import { PagedList } from '../../components/list/paged-list.js';
import { Page } from '../../components/page.js';
import { berlinDateToInstant, formatDateTime, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';

/** Kinds of record the trail names (`entity`), in the order the filter offers them. */
const ENTITIES = [
  'volunteer',
  'volunteer_document',
  'volunteer_import',
  'guide_request',
  'guide_request_candidates',
  'matching_plan',
  'proposal',
  'agreement',
  'deployment',
  'deployment_receipt',
  'expense_claim',
  'payout',
  'course',
  'course_run',
  'course_session',
  'enrollment',
  'attendance',
  'certificate',
  'organization',
  'user',
  'membership',
  'invitation',
  'api_token',
  'session',
  'password_reset',
  'network',
] as const;

/** Where each kind's field labels already live in the catalogues (the forms' labels), tried in order. */
const FIELD_LABELS: Record<string, string[]> = {
  // `onboarding.policeCertificateOn` and the like: the form's section keys.
  volunteer: ['volunteers.fields', 'import.fields', 'volunteers'],
  guide_request: ['requests.fields'],
  course: ['courses.fields'],
  course_run: ['courses.run.fields'],
  course_session: ['courses.session.fields'],
};

/** The pool's filters (`filter:<name>` in a list read or an export) by the labels the pool page gives them. */
const FILTER_LABELS: Record<string, string> = {
  q: 'volunteers.filters.search',
  status: 'fields.status',
  language: 'volunteers.filters.language',
  minLevel: 'volunteers.filters.minLevel',
  district: 'volunteers.fields.district',
  specialization: 'volunteers.fields.specialization',
  topic: 'volunteers.fields.topic',
  weekday: 'volunteers.filters.weekday',
  from: 'volunteers.filters.from',
  to: 'volunteers.filters.to',
  hasCapacity: 'volunteers.filters.capacity',
  supervisionDue: 'volunteers.filters.supervision',
  overloaded: 'volunteers.filters.load',
};

const FILTERS = {
  keys: ['q', 'action', 'entity', 'from', 'to'],
  clean: keepKnown({ action: AUDIT_ACTIONS, entity: ENTITIES, from: ISO_DATE, to: ISO_DATE }),
} as const;

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const { locale } = useUiLocale();
  const filters = useListFilters(FILTERS);
  const { from, to } = filters.values;
  const list = usePagedList<AuditEvent>('audit', '/api/v1/audit-events', {
    ...filters.query,
    from: from ? berlinDateToInstant(from) : undefined,
    to: to ? berlinDateToInstant(to, true) : undefined,
  });
  const entityLabel = (e: string) => (i18n.exists(`audit.entities.${e}`) ? t(`audit.entities.${e}`) : e);
  const actorLabel = (ev: AuditEvent) => {
    if (ev.actorName) return isolate(ev.actorName);
    // A person or key that acted and is gone since.
    if (ev.actorId && (ev.actorType === 'user' || ev.actorType === 'api_token'))
      return `${t(`audit.actorTypes.${ev.actorType}`)} ${t('audit.deleted')}`;
    return t(`audit.actorTypes.${ev.actorType}`);
  };
  const fieldLabel = (ev: AuditEvent, field: string) => {
    const counted = /^(count|requests):(\d+)$/.exec(field);
    if (counted) return t(counted[1] === 'count' ? 'audit.countRecords' : 'audit.countRequests', { count: Number(counted[2]) });
    // A list read or an export names its filters, never their values.
    const filter = /^filter:(\w+)$/.exec(field);
    if (filter) return t('audit.filterUsed', { name: FILTER_LABELS[filter[1]!] ? t(FILTER_LABELS[filter[1]!]!) : filter[1] });
    const format = /^format:(\w+)$/.exec(field);
    if (format) return t('audit.format', { format: format[1]!.toUpperCase() });
    for (const prefix of [...(FIELD_LABELS[ev.entity] ?? []), 'audit.fieldNames', 'fields']) {
      const key = `${prefix}.${field}`;
      if (i18n.exists(key) && typeof i18n.t(key, { returnObjects: true }) === 'string') return t(key);
    }
    return field;
  };

  return (
    <Page title={t('audit.title')}>
      <Text>{t('audit.intro')}</Text>
      <FilterBar>
        <SearchFilter filters={filters} name="q" label={t('audit.search')} description={t('audit.searchHint')} />
        <SelectFilter
          filters={filters}
          name="action"
          label={t('audit.action')}
          options={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`audit.actions.${a}`) }))}
          w={200}
        />
        <SelectFilter
          filters={filters}
          name="entity"
          label={t('audit.entity')}
          options={ENTITIES.map((e) => ({ value: e, label: entityLabel(e) }))}
        />
        <DateFilter filters={filters} name="from" label={t('audit.from')} />
        <DateFilter filters={filters} name="to" label={t('audit.to')} />
        <ResetFiltersButton filters={filters} />
      </FilterBar>
      <PagedList
        caption={t('audit.title')}
        list={list}
        empty={{ what: t('audit.empty.none'), next: t('audit.empty.noneNext') }}
        filtered={{ ...filters, empty: { what: t('audit.empty.filtered'), next: t('audit.empty.filteredNext') } }}
        columns={[
          { label: t('audit.at') },
          { label: t('audit.actor'), wrap: true },
          { label: t('audit.action') },
          { label: t('audit.entity'), wrap: true },
          { label: t('audit.fields'), wrap: true },
          { label: t('audit.ip') },
        ]}
        row={(ev) => [
          <time key="at" dateTime={ev.at}>
            {formatDateTime(ev.at, locale)}
          </time>,
          actorLabel(ev),
          i18n.exists(`audit.actions.${ev.action}`) ? t(`audit.actions.${ev.action}`) : ev.action,
          <div key="entity">
            <Text size="sm">{entityLabel(ev.entity)}</Text>
            {ev.entityName ? (
              <Text size="sm" fw={500}>
                {isolate(ev.entityName)}
              </Text>
            ) : (
              ev.entityDeleted && (
                <Text size="xs" className="secondary-text">
                  {t('audit.deleted')}
                </Text>
              )
            )}
          </div>,
          ev.fields.map((f) => fieldLabel(ev, f)).join(t('audit.fieldSeparator')),
          ev.ip ? (
            <span key="ip" dir="ltr" className="mono">
              {ev.ip}
            </span>
          ) : null,
        ]}
      />
    </Page>
  );
}
