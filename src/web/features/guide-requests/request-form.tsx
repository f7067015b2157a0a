import { Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { CreateGuideRequestBody, type GuideRequestDetail } from '../../../common/api/guide-requests.js';
import { useCan } from '../../api/hooks.js';
import { ConfirmModal } from '../../components/data.js';
import { applyProblemToForm, useFocusProblem, zodValidator } from '../../components/forms.js';
import { formatDateTime } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { EditFormFoot } from '../volunteers/edit-form-foot.js';
import { Section } from '../volunteers/components.js';
import type { Catalogues } from '../volunteers/vocabulary.js';
import { LanguageNeeds } from './request-form-rows.js';
import { ContactSection, HandlingSection, SeekerSection, WhatSection, WhereWhenSection } from './request-form-sections.js';
import { bodyOf, startsInPast, type Access, type FormValues } from './request-form-values.js';
import { StillMissing } from './still-missing.js';
import { berlinLocalToInstant, draftMissing } from './vocabulary.js';

export function RequestForm({
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
  current?: GuideRequestDetail;
  catalogues: Catalogues;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const access: Access = { organization: useCan('guide-requests:manage'), origins: useCan('volunteers:origins') };
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const [tried, setTried] = useState(false);
  /** Values held back until the person confirms a start date in the past. */
  const [pastStart, setPastStart] = useState<FormValues | null>(null);
  const form = useForm<FormValues>({
    initialValues: initial,
    validate: (values) => {
      const errors = zodValidator<FormValues>(CreateGuideRequestBody, t, (v) => bodyOf(v, access))(values);
      if (errors.expectedHours && values.expectedHours !== '') errors.expectedHours = t('validation.quarterHours');
      if (errors.contact) {
        errors['contact.name'] = errors.contact;
        delete errors.contact;
      }
      return errors;
    },
  });

  /** After a failed save, take the person to the first field to fix, or to the message. */
  const focusProblem = useFocusProblem(formRef, alertRef);

  const save = async (values: FormValues) => {
    try {
      await onSubmit(bodyOf(values, access));
    } catch (e) {
      applyProblemToForm(form, e);
      if (form.errors.contact) form.setFieldError('contact.name', form.errors.contact);
      focusProblem();
    }
  };

  const submit = form.onSubmit(
    async (values) => {
      // A date typed in the past is mostly a slip (a wrong year or month); an unchanged old date is not asked about again.
      if (startsInPast(values.startsAt) && values.startsAt !== initial.startsAt) {
        setPastStart(values);
        return;
      }
      await save(values);
    },
    () => {
      setTried(true);
      focusProblem();
    },
  );
  const missing = draftMissing(form.values);

  return (
    <div className="request-form-layout">
      <StillMissing missing={missing} serverMissing={current?.missingFields} />
      <form ref={formRef} noValidate onSubmit={submit} aria-label={submitLabel} data-tried={tried || undefined}>
        <Stack gap="lg">
          <Text size="sm">
            <span className="match-mark" aria-hidden="true">
              ◆
            </span>{' '}
            {t('requests.form.neededLegend')}
          </Text>
          <WhatSection form={form} catalogues={catalogues} />

          <Section id="form-languages" title={t('requests.fields.languages')}>
            <LanguageNeeds form={form} />
          </Section>

          <WhereWhenSection form={form} catalogues={catalogues} />
          <SeekerSection form={form} origins={access.origins} />
          <ContactSection form={form} />
          <HandlingSection form={form} organization={access.organization} />

          <EditFormFoot
            alertRef={alertRef}
            error={error}
            onReload={onReload}
            conflictHint={t('requests.form.conflictHint')}
            onCancel={onCancel}
            pending={pending}
            submitLabel={submitLabel}
          />
        </Stack>
      </form>
      <ConfirmModal
        opened={pastStart !== null}
        title={t('requests.form.pastStartTitle')}
        message={t('requests.form.pastStartText', {
          date: pastStart ? formatDateTime(berlinLocalToInstant(pastStart.startsAt), locale) : '',
        })}
        confirmLabel={t('requests.form.pastStartConfirm')}
        danger={false}
        returnFocus={false}
        loading={pending}
        onConfirm={() => {
          const values = pastStart;
          setPastStart(null);
          if (values) void save(values);
        }}
        onClose={() => {
          setPastStart(null);
          // Back to the date, to correct it.
          window.setTimeout(() => document.getElementById('request-startsAt')?.focus(), 50);
        }}
      />
    </div>
  );
}
