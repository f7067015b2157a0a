import { Anchor, Center, Loader, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link, useNavigate, useParams } from '../../router.js';
import type { GuideRequestDetail, UpdateGuideRequestBody } from '../../../common/api/guide-requests.js';
import { useCan } from '../../api/hooks.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { isolate } from '../../i18n/format.js';
import { useCatalogues } from '../volunteers/api.js';
import { fetchRequest, useCreateRequest, useRequest, useUpdateRequest } from './api.js';
import { RequestForm } from './request-form.js';
import { bodyOf, changedFields, emptyValues, valuesOf } from './request-form-values.js';

function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Loader aria-label={t('app.loading')} role="status" />
    </Center>
  );
}

export function NewRequestPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const catalogues = useCatalogues();
  const create = useCreateRequest();
  const canManage = useCan('guide-requests:manage');
  return (
    <Page title={t('requests.newTitle')}>
      <Anchor component={Link} to="/requests" size="sm">
        {t('requests.backToList')}
      </Anchor>
      <Text>{canManage ? t('requests.newIntroCoordinator') : t('requests.newIntroPartner')}</Text>
      {catalogues.error ? (
        <ProblemAlert error={catalogues.error} />
      ) : catalogues.isPending ? (
        <Loading />
      ) : (
        <RequestForm
          initial={emptyValues()}
          catalogues={catalogues}
          submitLabel={t('requests.form.submitNew')}
          pending={create.isPending}
          error={create.error}
          onCancel={() => navigate('/requests')}
          onSubmit={async (body) => {
            const created = await create.mutateAsync(body as Parameters<typeof create.mutateAsync>[0]);
            notifications.show({ color: 'green', message: t('requests.createdMessage', { title: isolate(created.title) }) });
            navigate(`/requests/${created.id}`);
          }}
        />
      )}
    </Page>
  );
}

export function EditRequestPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const catalogues = useCatalogues();
  const loaded = useRequest(id);
  const update = useUpdateRequest(id);
  const access = { organization: useCan('guide-requests:manage'), origins: useCan('volunteers:origins') };
  // The form works on the version it was opened with; a background refetch must not replace what is being typed.
  const [base, setBase] = useState<GuideRequestDetail | null>(null);
  useEffect(() => {
    if (loaded.data && !base) setBase(loaded.data);
  }, [loaded.data, base]);

  const reload = async () => {
    const fresh = await fetchRequest(id);
    update.reset();
    setBase(fresh);
  };

  const error = loaded.error ?? catalogues.error;
  return (
    <Page title={base ? t('requests.editTitle', { title: isolate(base.title) }) : t('requests.editTitlePlain')}>
      {base && (
        <Anchor component={Link} to={`/requests/${id}`} size="sm">
          {t('requests.backToRequest', { title: isolate(base.title) })}
        </Anchor>
      )}
      {error ? (
        <ProblemAlert error={error} />
      ) : !base || catalogues.isPending ? (
        <Loading />
      ) : (
        <RequestForm
          key={`${base.id}-${base.version}`}
          initial={valuesOf(base)}
          current={base}
          catalogues={catalogues}
          submitLabel={t('common.save')}
          pending={update.isPending}
          error={update.error}
          onReload={() => void reload()}
          onCancel={() => navigate(`/requests/${id}`)}
          onSubmit={async (body) => {
            const before = bodyOf(valuesOf(base), access);
            const changes = { ...changedFields(body, before), version: base.version } as UpdateGuideRequestBody;
            await update.mutateAsync(changes);
            notifications.show({ color: 'green', message: t('common.savedMessage') });
            navigate(`/requests/${id}`);
          }}
        />
      )}
    </Page>
  );
}
