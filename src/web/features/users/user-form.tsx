import { ActionIcon, Button, Fieldset, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { USER_STATUSES } from '../../../common/api/index.js';
import { ROLES, type Role } from '../../../common/permissions.js';
import { ME_KEY, useQueryClient } from '../../api/hooks.js';
import type { Organization, User } from '../../api/types.js';
import { applyProblemToForm } from '../../components/forms.js';
import { FormActions } from '../../components/form-actions.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { fetchUser, useUpdateUser } from './api.js';

interface Values {
  name: string;
  status: User['status'];
  memberships: { organizationId: string; role: Role }[];
}

const toValues = (u: User): Values => ({ name: u.name, status: u.status, memberships: u.memberships.map((m) => ({ ...m })) });

export function UserForm({ user, organizations, onDone }: { user: User; organizations: Organization[]; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const update = useUpdateUser();
  const [version, setVersion] = useState(user.version);
  const form = useForm<Values>({
    initialValues: toValues(user),
    validate: {
      name: (v) => (v.trim() ? null : t('validation.required')),
      memberships: {
        organizationId: (v) => (v ? null : t('validation.required')),
      },
    },
  });
  const orgOptions = [
    { value: '', label: t('users.chooseOrganization'), disabled: true },
    ...organizations.map((o) => ({ value: o.id, label: o.name })),
  ];

  const submit = form.onSubmit((v) => {
    const seen = new Set<string>();
    const memberships = v.memberships.filter((m) => {
      const key = `${m.organizationId}|${m.role}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    update.mutate(
      { id: user.id, body: { name: v.name.trim(), status: v.status, memberships, version } },
      {
        onSuccess: () => {
          void qc.invalidateQueries({ queryKey: ME_KEY });
          notifications.show({ color: 'green', message: t('common.savedMessage') });
          onDone();
        },
        onError: (e) => applyProblemToForm(form, e),
      },
    );
  });

  const reload = async () => {
    const fresh = await fetchUser(user.id);
    setVersion(fresh.version);
    form.setValues(toValues(fresh));
    update.reset();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ProblemAlert error={update.error} onReload={() => void reload()} />
        <TextInput label={t('fields.email')} value={user.email} readOnly />
        <TextInput label={t('fields.name')} required data-autofocus {...form.getInputProps('name')} />
        <NativeSelect
          label={t('fields.status')}
          data={USER_STATUSES.map((s) => ({ value: s, label: t(`userStatus.${s}`) }))}
          {...form.getInputProps('status')}
        />
        <Fieldset legend={t('users.memberships')}>
          <Stack gap="sm">
            {form.values.memberships.length === 0 && <Text size="sm">{t('users.noMemberships')}</Text>}
            {form.values.memberships.map((_, index) => (
              <Group key={index} align="flex-end" wrap="wrap" gap="xs" className="membership-row">
                <NativeSelect
                  label={t('fields.organization')}
                  data={orgOptions}
                  style={{ flex: '1 1 200px' }}
                  {...form.getInputProps(`memberships.${index}.organizationId`)}
                />
                <NativeSelect
                  label={t('fields.role')}
                  data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                  style={{ flex: '1 1 160px' }}
                  {...form.getInputProps(`memberships.${index}.role`)}
                />
                <ActionIcon
                  variant="default"
                  size="lg"
                  mb={2}
                  aria-label={t('users.removeMembership', { index: index + 1 })}
                  onClick={() => form.removeListItem('memberships', index)}
                >
                  <span aria-hidden="true">×</span>
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="default"
                size="xs"
                onClick={() => form.insertListItem('memberships', { organizationId: organizations[0]?.id ?? '', role: 'volunteer' })}
              >
                {t('users.addMembership')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        <FormActions onCancel={onDone} loading={update.isPending} />
      </Stack>
    </form>
  );
}
