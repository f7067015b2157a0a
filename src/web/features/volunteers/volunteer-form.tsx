import { Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { CreateVolunteerBody, type VolunteerDetail } from '../../../common/api/volunteers.js';
import { useCan, useOneSubmitAtATime } from '../../api/hooks.js';
import { applyProblemToForm, useFocusProblem, zodValidator } from '../../components/forms.js';
import { EditFormFoot } from './edit-form-foot.js';
import { Section } from './components.js';
import { OriginFields } from './origin-fields.js';
import type { Catalogues } from './vocabulary.js';
import { AvailabilitySection, LanguagesFields, QualificationsSection } from './volunteer-form-rows.js';
import { BankSection, CapacitySection, DeploymentSection, DistrictsSection, OnboardingSection, PersonSection, StatusSection, WorkSection } from './volunteer-form-sections.js';
import { bodyOf, type Access, type FormValues } from './volunteer-form-values.js';

export function VolunteerForm({
  initial,
  current,
  catalogues,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  onReload,
}: {
  initial: FormValues;
  /** The stored record when editing. */
  current?: VolunteerDetail;
  catalogues: Catalogues;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  /** Saves; a rejected promise (the server's problem) puts its field errors onto the form. */
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const access: Access = { origins: useCan('volunteers:origins'), notes: useCan('volunteers:manage') };
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const form = useForm<FormValues>({
    initialValues: initial,
    validate: (values) => {
      const errors = zodValidator<FormValues>(CreateVolunteerBody, t, (v) => bodyOf(v, access, current))(values);
      for (const field of ['maxActiveAgreements', 'maxHoursPerMonth'] as const) {
        if (values[field] === '') errors[field] = t('validation.required');
      }
      if (access.origins && values.recordConsent && !current?.originConsent) {
        if (!values.originConsent.givenOn) errors['originConsent.givenOn'] = t('validation.required');
        if (!values.originConsent.textVersion.trim()) errors['originConsent.textVersion'] = t('validation.required');
      }
      if (errors['bankAccount.iban']) errors['bankAccount.iban'] = values.bankAccount.iban.trim() === '' ? t('validation.required') : t('volunteers.bank.ibanInvalid');
      if (errors['bankAccount.accountHolder'] && values.bankAccount.accountHolder.trim() === '') errors['bankAccount.accountHolder'] = t('validation.required');
      if (errors['bankAccount.bic'] && values.bankAccount.bic.trim() !== '') errors['bankAccount.bic'] = t('volunteers.bank.bicInvalid');
      return errors;
    },
  });

  /** After a failed save, take the person to the first field to fix, or to the message. */
  const focusProblem = useFocusProblem(formRef, alertRef);

  const saveOnce = useOneSubmitAtATime(onSubmit);
  const submit = form.onSubmit(async (values) => {
    try {
      await saveOnce(bodyOf(values, access, current));
    } catch (e) {
      applyProblemToForm(form, e);
      focusProblem();
    }
  }, focusProblem);

  return (
    <form ref={formRef} noValidate onSubmit={submit}>
      <Stack gap="lg">
        <PersonSection form={form} />

        <Section id="form-languages" title={t('volunteers.sections.languages')}>
          <LanguagesFields form={form} />
        </Section>

        {access.origins && (
          <Section id="form-origins" title={t('volunteers.sections.origins')}>
            <OriginFields form={form} current={current} />
          </Section>
        )}

        <WorkSection form={form} />
        <DeploymentSection form={form} catalogues={catalogues} />
        <DistrictsSection form={form} catalogues={catalogues} />
        <AvailabilitySection form={form} />
        <CapacitySection form={form} />
        <StatusSection form={form} current={current} />
        <OnboardingSection form={form} />
        <QualificationsSection form={form} catalogues={catalogues} />
        {access.notes && <BankSection form={form} />}

        {access.notes && (
          <Section id="form-notes" title={t('volunteers.sections.notes')}>
            <Textarea label={t('volunteers.fields.notes')} description={t('volunteers.form.notesHint')} autosize minRows={3} maxRows={12} {...form.getInputProps('notes')} />
          </Section>
        )}

        <EditFormFoot
          alertRef={alertRef}
          error={error}
          onReload={onReload}
          conflictHint={t('volunteers.form.conflictHint')}
          onCancel={onCancel}
          pending={pending}
          submitLabel={submitLabel}
        />
      </Stack>
    </form>
  );
}
