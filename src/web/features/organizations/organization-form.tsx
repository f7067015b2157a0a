import { NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { CreateOrganizationBody } from '../../../common/api/index.js';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../common/organizations.js';
import type { Organization } from '../../api/types.js';
import { applyProblemToForm, emptyToNull, zodValidator } from '../../components/forms.js';
import { FormActions } from '../../components/form-actions.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { fetchOrganization, useCreateOrganization, useUpdateOrganization } from './api.js';

interface Values {
  kind: OrganizationKind;
  name: string;
  shortName: string;
  email: string;
  phone: string;
  address: string;
  website: string;
}

function toValues(o?: Organization): Values {
  return {
    kind: o?.kind ?? 'partner_institution',
    name: o?.name ?? '',
    shortName: o?.shortName ?? '',
    email: o?.email ?? '',
    phone: o?.phone ?? '',
    address: o?.address ?? '',
    website: o?.website ?? '',
  };
}

function clean(v: Values) {
  return emptyToNull({ ...v, name: v.name.trim() }) as CreateOrganizationBody;
}

export function OrganizationForm({ organization, onDone }: { organization?: Organization; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateOrganization();
  const update = useUpdateOrganization();
  const mutation = organization ? update : create;
  const form = useForm<Values>({ initialValues: toValues(organization), validate: zodValidator(CreateOrganizationBody, t, clean) });
  const [version, setVersion] = useState(organization?.version);

  const submit = form.onSubmit((values) => {
    const body = clean(values);
    const onError = (e: unknown) => applyProblemToForm(form, e);
    const onSuccess = () => {
      notifications.show({ color: 'green', message: t('common.savedMessage') });
      onDone();
    };
    if (organization && version !== undefined) update.mutate({ id: organization.id, body: { ...body, version } }, { onSuccess, onError });
    else create.mutate(body, { onSuccess, onError });
  });

  const reload = async () => {
    if (!organization) return;
    const fresh = await fetchOrganization(organization.id);
    setVersion(fresh.version);
    form.setValues(toValues(fresh));
    form.resetDirty(toValues(fresh));
    update.reset();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ProblemAlert error={mutation.error} onReload={() => void reload()} />
        <NativeSelect
          label={t('fields.kind')}
          required
          data={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`orgKinds.${k}`) }))}
          {...form.getInputProps('kind')}
        />
        <TextInput label={t('fields.orgName')} required data-autofocus {...form.getInputProps('name')} />
        <TextInput label={t('fields.shortName')} {...form.getInputProps('shortName')} />
        <TextInput label={t('fields.email')} type="email" autoComplete="off" {...form.getInputProps('email')} />
        <TextInput label={t('fields.phone')} type="tel" autoComplete="off" {...form.getInputProps('phone')} />
        <Textarea label={t('fields.address')} autosize minRows={2} {...form.getInputProps('address')} />
        <TextInput label={t('fields.website')} type="url" placeholder="https://" {...form.getInputProps('website')} />
        <FormActions onCancel={onDone} submitLabel={organization ? t('common.save') : t('common.create')} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}
