import { Anchor, Center, Loader, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link, useNavigate, useParams } from '../../router.js';
import type { UpdateVolunteerBody, VolunteerDetail } from '../../../common/api/volunteers.js';
import { useCan } from '../../api/hooks.js';
import { Page } from '../../components/page.js';
import { isolate } from '../../i18n/format.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { fetchVolunteer, useCatalogues, useCreateVolunteer, useUpdateVolunteer, useVolunteer } from './api.js';
import { VolunteerForm } from './volunteer-form.js';
import { bodyOf, changedFields, emptyValues, valuesOf } from './volunteer-form-values.js';

function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Loader aria-label={t('app.loading')} role="status" />
    </Center>
  );
}

export function NewVolunteerPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const catalogues = useCatalogues();
  const create = useCreateVolunteer();
  return (
    <Page title={t('volunteers.newTitle')}>
      <Text>{t('volunteers.newIntro')}</Text>
      {catalogues.error ? (
        <ProblemAlert error={catalogues.error} />
      ) : catalogues.isPending ? (
        <Loading />
      ) : (
        <VolunteerForm
          initial={emptyValues()}
          catalogues={catalogues}
          submitLabel={t('volunteers.create')}
          pending={create.isPending}
          error={create.error}
          onCancel={() => navigate('/volunteers')}
          onSubmit={async (body) => {
            const created = await create.mutateAsync(body as Parameters<typeof create.mutateAsync>[0]);
            notifications.show({ color: 'green', message: t('volunteers.createdMessage', { name: isolate(`${created.firstName} ${created.lastName}`) }) });
            navigate(`/volunteers/${created.id}`);
          }}
        />
      )}
    </Page>
  );
}

export function EditVolunteerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const catalogues = useCatalogues();
  const loaded = useVolunteer(id);
  const update = useUpdateVolunteer(id);
  const access = { origins: useCan('volunteers:origins'), notes: useCan('volunteers:manage') };
  // The form works on the version it was opened with; a background refetch must not replace what is being typed.
  const [base, setBase] = useState<VolunteerDetail | null>(null);
  useEffect(() => {
    if (loaded.data && !base) setBase(loaded.data);
  }, [loaded.data, base]);

  const reload = async () => {
    const fresh = await fetchVolunteer(id);
    update.reset();
    setBase(fresh);
  };

  const name = base ? `${base.firstName} ${base.lastName}` : '';
  const error = loaded.error ?? catalogues.error;
  return (
    <Page title={base ? t('volunteers.editTitle', { name: isolate(name) }) : t('volunteers.editTitlePlain')}>
      {base && (
        <Anchor component={Link} to={`/volunteers/${id}`} size="sm">
          {t('volunteers.backToProfile', { name: isolate(name) })}
        </Anchor>
      )}
      {error ? (
        <ProblemAlert error={error} />
      ) : !base || catalogues.isPending ? (
        <Loading />
      ) : (
        <VolunteerForm
          key={`${base.id}-${base.version}`}
          initial={valuesOf(base)}
          current={base}
          catalogues={catalogues}
          submitLabel={t('common.save')}
          pending={update.isPending}
          error={update.error}
          onReload={() => void reload()}
          onCancel={() => navigate(`/volunteers/${id}`)}
          onSubmit={async (body) => {
            const before = bodyOf(valuesOf(base), access, base);
            const changes = { ...changedFields(body, before), version: base.version } as UpdateVolunteerBody;
            await update.mutateAsync(changes);
            notifications.show({ color: 'green', message: t('common.savedMessage') });
            navigate(`/volunteers/${id}`);
          }}
        />
      )}
    </Page>
  );
}
