import { PasswordInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from '../i18n/translate.js';

interface Values {
  password: string;
  confirm: string;
}

/** A new password typed twice; the form validates that both match. */
export function NewPasswordFields<T extends Values>({ form, name = 'password' }: { form: UseFormReturnType<T>; name?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={t('fields.newPassword')}
        description={t('fields.passwordRule')}
        autoComplete="new-password"
        required
        {...form.getInputProps(name)}
      />
      <PasswordInput label={t('fields.confirmPassword')} autoComplete="new-password" required {...form.getInputProps('confirm')} />
    </>
  );
}
