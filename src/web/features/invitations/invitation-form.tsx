import { Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from '../../i18n/translate.js';
import { CreateInvitationBody } from '../../../common/api/index.js';
import type { Role } from '../../../common/permissions.js';
import type { Organization } from '../../api/types.js';
import { applyProblemToForm, zodValidator } from '../../components/forms.js';
import { FormActions, OrganizationRoleFields } from '../../components/form-actions.js';
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
        <OrganizationRoleFields form={form} organizations={organizations} />
        <FormActions onCancel={onDone} submitLabel={t('invitations.submit')} loading={create.isPending} />
      </Stack>
    </form>
  );
}
