import { Button, Group, NativeSelect } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { mayGrant, ROLES, type Role } from '../../common/permissions.js';
import { useSignedInMe } from '../api/hooks.js';
import type { Organization } from '../api/types.js';
import { useTranslation } from '../i18n/translate.js';

/** A form's closing row: cancel, then the submit button (its label defaults to "Speichern"). */
export function FormActions({ onCancel, submitLabel, loading }: { onCancel: () => void; submitLabel?: string; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={loading}>
        {submitLabel ?? t('common.save')}
      </Button>
    </Group>
  );
}

/** The roles the signed-in person may hand on: never one with a permission she lacks. */
export function useGrantableRoles(): Role[] {
  const { permissions } = useSignedInMe();
  return ROLES.filter((r) => mayGrant(permissions, r));
}

/**
 * The organisation and the role an invitation or an API token is for: the role list holds only
 * what the signed-in person may grant.
 */
export function OrganizationRoleFields<T extends { organizationId: string; role: Role }>({ form, organizations }: { form: UseFormReturnType<T>; organizations: Organization[] }) {
  const { t } = useTranslation();
  const grantable = useGrantableRoles();
  return (
    <>
      <NativeSelect
        label={t('fields.organization')}
        required
        data={[{ value: '', label: t('users.chooseOrganization'), disabled: true }, ...organizations.map((o) => ({ value: o.id, label: o.name }))]}
        {...form.getInputProps('organizationId')}
      />
      <NativeSelect label={t('fields.role')} required data={grantable.map((r) => ({ value: r, label: t(`roles.${r}`) }))} {...form.getInputProps('role')} />
    </>
  );
}
