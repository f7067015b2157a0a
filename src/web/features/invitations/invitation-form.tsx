import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from '../../i18n/translate.js';
import { CreateInvitationBody } from '../../../common/api/index.js';
import { mayGrant, ROLES, type Role } from '../../../common/permissions.js';
import { useSignedInMe } from '../../api/hooks.js';
import type { Organization } from '../../api/types.js';
import { applyProblemToForm, zodValidator } from '../../components/forms.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { useCreateInvitation } from './api.js';

interface Values {
  email: string;
  name: string;
  organizationId: string;
  role: Role;
}

const clean = (v: Values) => ({ email: v.email.trim(), name: v.name.trim() || undefined, organizationId: v.organizationId, role: v.role });

export function InvitationForm({ organizations, onDone }: { organizations: Organization[]; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateInvitation();
  const { permissions } = useSignedInMe();
  // Only roles whose every permission the person holds: the server refuses the others.
  const grantable = ROLES.filter((r) => mayGrant(permissions, r));
  const form = useForm<Values>({
    initialValues: { email: '', name: '', organizationId: '', role: 'volunteer' },
    validate: zodValidator(CreateInvitationBody, t, clean),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        create.mutate(clean(v), {
          onSuccess: (inv) => {
            notifications.show({ color: 'green', message: t('invitations.sent', { email: inv.email }) });
            onDone();
          },
          onError: (e) => applyProblemToForm(form, e),
        }),
      )}
    >
      <Stack>
        <ProblemAlert error={create.error} />
        <TextInput label={t('fields.email')} type="email" autoComplete="off" required data-autofocus {...form.getInputProps('email')} />
        <TextInput label={t('fields.nameOptional')} autoComplete="off" {...form.getInputProps('name')} />
        <NativeSelect
          label={t('fields.organization')}
          required
          data={[
            { value: '', label: t('users.chooseOrganization'), disabled: true },
            ...organizations.map((o) => ({ value: o.id, label: o.name })),
          ]}
          {...form.getInputProps('organizationId')}
        />
        <NativeSelect
          label={t('fields.role')}
          required
          data={grantable.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          {...form.getInputProps('role')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('invitations.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
