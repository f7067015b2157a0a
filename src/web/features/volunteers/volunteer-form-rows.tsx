import { NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { LANGUAGE_LEVELS, QUALIFICATION_TYPES, WEEKDAYS } from '../../../common/volunteers.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Section } from './components.js';
import { languageOptions, levelLabel, weekdayLabel, type Catalogues } from './vocabulary.js';
import type { FormValues, VolunteerFormApi as Form } from './volunteer-form-values.js';
import { AddButton, RowRemove } from './row-buttons.js';
import { sortedByName } from './sorted-by-name.js';

export function LanguagesFields({ form }: { form: Form }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const options = languageOptions(
    locale,
    form.values.languages.map((l) => l.code),
  );
  return (
    <Stack gap="sm">
      {form.values.languages.length === 0 && <Text size="sm">{t('volunteers.form.noLanguages')}</Text>}
      <div className="row-list">
        {form.values.languages.map((_, i) => (
          <div className="row-item" key={i}>
            <NativeSelect
              className="grow"
              label={t('volunteers.form.languageN', { n: i + 1 })}
              data={[{ value: '', label: t('volunteers.form.chooseLanguage'), disabled: true }, ...options]}
              {...form.getInputProps(`languages.${i}.code`)}
            />
            <NativeSelect
              className="narrow"
              label={t('volunteers.fields.level')}
              data={LANGUAGE_LEVELS.map((l) => ({ value: l, label: levelLabel(l, t) }))}
              {...form.getInputProps(`languages.${i}.level`)}
            />
            <RowRemove label={t('volunteers.form.removeLanguage', { n: i + 1 })} onClick={() => form.removeListItem('languages', i)} />
          </div>
        ))}
      </div>
      <AddButton onClick={() => form.insertListItem('languages', { code: '', level: 'B1' })}>{t('volunteers.form.addLanguage')}</AddButton>
    </Stack>
  );
}

function Rows({
  form,
  path,
  empty,
  addLabel,
  blank,
  render,
}: {
  form: Form;
  path: 'availability' | 'absences' | 'qualifications';
  empty: string;
  addLabel: string;
  blank: FormValues['availability'][number] | FormValues['absences'][number] | FormValues['qualifications'][number];
  render: (i: number) => ReactNode;
}) {
  const list = form.values[path] as unknown[];
  return (
    <Stack gap="sm">
      {list.length === 0 && <Text size="sm">{empty}</Text>}
      <div className="row-list">{list.map((_, i) => render(i))}</div>
      <AddButton onClick={() => form.insertListItem(path, blank)}>{addLabel}</AddButton>
    </Stack>
  );
}

export function AvailabilitySection({ form }: { form: Form }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  return (
    <Section id="form-availability" title={t('volunteers.sections.availability')}>
      <Stack gap="lg">
        <Rows
          form={form}
          path="availability"
          empty={t('volunteers.form.noSlots')}
          addLabel={t('volunteers.form.addSlot')}
          blank={{ weekday: '1', from: '09:00', to: '12:00' }}
          render={(i) => (
            <div className="row-item" key={i}>
              <NativeSelect
                className="grow"
                label={t('volunteers.form.slotN', { n: i + 1 })}
                data={WEEKDAYS.map((d) => ({ value: String(d), label: weekdayLabel(d, locale) }))}
                {...form.getInputProps(`availability.${i}.weekday`)}
              />
              <TextInput className="narrow" type="time" label={t('volunteers.fields.from')} {...form.getInputProps(`availability.${i}.from`)} />
              <TextInput className="narrow" type="time" label={t('volunteers.fields.to')} {...form.getInputProps(`availability.${i}.to`)} />
              <RowRemove label={t('volunteers.form.removeSlot', { n: i + 1 })} onClick={() => form.removeListItem('availability', i)} />
            </div>
          )}
        />
        <Text fw={600} size="sm" component="h3">
          {t('volunteers.fields.absences')}
        </Text>
        <Rows
          form={form}
          path="absences"
          empty={t('volunteers.form.noAbsences')}
          addLabel={t('volunteers.form.addAbsence')}
          blank={{ from: '', to: '', note: '' }}
          render={(i) => (
            <div className="row-item" key={i}>
              <TextInput className="narrow" type="date" label={t('volunteers.form.absenceFromN', { n: i + 1 })} {...form.getInputProps(`absences.${i}.from`)} />
              <TextInput className="narrow" type="date" label={t('volunteers.fields.until')} {...form.getInputProps(`absences.${i}.to`)} />
              <TextInput className="grow" label={t('volunteers.fields.note')} {...form.getInputProps(`absences.${i}.note`)} />
              <RowRemove label={t('volunteers.form.removeAbsence', { n: i + 1 })} onClick={() => form.removeListItem('absences', i)} />
            </div>
          )}
        />
      </Stack>
    </Section>
  );
}

export function QualificationsSection({ form, catalogues }: { form: Form; catalogues: Catalogues }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const v = form.values;
  return (
    <Section id="form-qualifications" title={t('volunteers.sections.qualifications')}>
      <Stack gap="sm">
        <Text size="sm">{t('volunteers.form.qualificationsHint')}</Text>
        <Rows
          form={form}
          path="qualifications"
          empty={t('volunteers.form.noQualifications')}
          addLabel={t('volunteers.form.addQualification')}
          blank={{ type: 'basic', completedOn: '', provider: '', specializationKey: '' }}
          render={(i) => (
            <div className="row-item" key={i}>
              <NativeSelect
                className="grow"
                label={t('volunteers.form.qualificationN', { n: i + 1 })}
                data={QUALIFICATION_TYPES.map((q) => ({ value: q, label: t(`volunteers.qualificationTypes.${q}`) }))}
                {...form.getInputProps(`qualifications.${i}.type`)}
              />
              {v.qualifications[i]?.type === 'specialization' && (
                <NativeSelect
                  className="grow"
                  label={t('volunteers.fields.specialization')}
                  data={[{ value: '', label: t('volunteers.form.notStated') }, ...sortedByName(catalogues.specializations, locale).map((s) => ({ value: s.key, label: s.name }))]}
                  {...form.getInputProps(`qualifications.${i}.specializationKey`)}
                />
              )}
              <TextInput className="narrow" type="date" required label={t('volunteers.fields.completedOn')} {...form.getInputProps(`qualifications.${i}.completedOn`)} />
              <TextInput className="grow" label={t('volunteers.fields.provider')} {...form.getInputProps(`qualifications.${i}.provider`)} />
              <RowRemove label={t('volunteers.form.removeQualification', { n: i + 1 })} onClick={() => form.removeListItem('qualifications', i)} />
            </div>
          )}
        />
      </Stack>
    </Section>
  );
}
