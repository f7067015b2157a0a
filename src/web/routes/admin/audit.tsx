import { Button, Group, NativeSelect, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS } from '../../../common/api/index.js';
import { api, type Page as ApiPage } from '../../api/client.js';
import { flatItems, usePagedList } from '../../api/hooks.js';
import type { AuditEvent, User } from '../../api/types.js';
import { ListTable } from '../../components/data.js';
import { Page } from '../../components/page.js';
import { berlinDateToInstant, formatDateTime } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';

const KNOWN_ENTITIES = ['organization', 'user', 'invitation', 'apiToken', 'network', 'session', 'membership'];

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const { locale } = useUiLocale();
  const [action, setAction] = useState('');
  const [entity, setEntity] = useState('');
  const [actorId, setActorId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [entityQuery] = useDebouncedValue(entity.trim(), 300);
  const users = useQuery({
    queryKey: ['users', 'actors'],
    queryFn: () => api.get<ApiPage<User>>('/api/v1/users', { limit: 200, sort: 'name' }),
  });
  const list = usePagedList<AuditEvent>('audit', '/api/v1/audit-events', {
    action: action || undefined,
    entity: entityQuery || undefined,
    actorId: actorId || undefined,
    from: from ? berlinDateToInstant(from) : undefined,
    to: to ? berlinDateToInstant(to, true) : undefined,
  });
  const items = flatItems(list.data);
  const entityLabel = (e: string) => (i18n.exists(`audit.entities.${e}`) ? t(`audit.entities.${e}`) : e);
  const actorLabel = (ev: AuditEvent) => ev.actorName ?? t(`audit.actorTypes.${ev.actorType}`);
  const reset = () => {
    setAction('');
    setEntity('');
    setActorId('');
    setFrom('');
    setTo('');
  };

  return (
    <Page title={t('audit.title')}>
      <Text>{t('audit.intro')}</Text>
      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('audit.action')}
          value={action}
          onChange={(e) => setAction(e.currentTarget.value)}
          data={[{ value: '', label: t('common.all') }, ...AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`audit.actions.${a}`) }))]}
          w={{ base: '100%', xs: 200 }}
        />
        <TextInput
          label={t('audit.entity')}
          value={entity}
          onChange={(e) => setEntity(e.currentTarget.value)}
          list="audit-entities"
          w={{ base: '100%', xs: 200 }}
        />
        <datalist id="audit-entities">
          {KNOWN_ENTITIES.map((e) => (
            <option key={e} value={e}>
              {entityLabel(e)}
            </option>
          ))}
        </datalist>
        <NativeSelect
          label={t('audit.actor')}
          value={actorId}
          onChange={(e) => setActorId(e.currentTarget.value)}
          data={[{ value: '', label: t('common.all') }, ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))]}
          w={{ base: '100%', xs: 220 }}
        />
        <TextInput
          label={t('audit.from')}
          type="date"
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          w={{ base: '100%', xs: 170 }}
        />
        <TextInput
          label={t('audit.to')}
          type="date"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          w={{ base: '100%', xs: 170 }}
        />
        <Button variant="default" onClick={reset}>
          {t('common.resetFilters')}
        </Button>
      </Group>
      <ListTable
        caption={t('audit.title')}
        isPending={list.isPending}
        error={list.error}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        columns={[
          { label: t('audit.at') },
          { label: t('audit.actor') },
          { label: t('audit.action') },
          { label: t('audit.entity') },
          { label: t('audit.fields'), wrap: true },
          { label: t('audit.ip') },
        ]}
        rows={items.map((ev) => ({
          key: ev.id,
          cells: [
            <time key="at" dateTime={ev.at}>
              {formatDateTime(ev.at, locale)}
            </time>,
            actorLabel(ev),
            i18n.exists(`audit.actions.${ev.action}`) ? t(`audit.actions.${ev.action}`) : ev.action,
            <div key="entity">
              <Text size="sm">{entityLabel(ev.entity)}</Text>
              {ev.entityId && (
                <Text size="xs" className="secondary-text mono" dir="ltr">
                  {ev.entityId}
                </Text>
              )}
            </div>,
            ev.fields.join(', '),
            ev.ip ? (
              <span key="ip" dir="ltr" className="mono">
                {ev.ip}
              </span>
            ) : null,
          ],
        }))}
      />
    </Page>
  );
}
