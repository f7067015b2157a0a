import { NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { WEEKDAYS } from '../../../common/volunteers.js';
import { useUiLocale } from '../../i18n/locale.js';
import { AddButton, RowRemove } from '../volunteers/row-buttons.js';
import { languageOptions, levelLabel, MIN_LEVELS, weekdayLabel } from '../volunteers/vocabulary.js';
import type { RequestFormApi as Form } from './request-form-values.js';

/** A field the complete description needs: marked in its label, in words for screen readers. */
export function Needed({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      {children}
      <span className="match-mark" aria-hidden="true">
        {' '}
        ◆
      </span>
      <span className="visually-hidden"> ({t('requests.form.neededShort')})</span>
    </>
  );
}

export function LanguageNeeds({ form }: { form: Form }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const options = languageOptions(
    locale,
    form.values.languages.map((l) => l.code),
  );
  const error = form.errors.languages;
  return (
    <Stack gap="sm">
      <Text size="sm">
        <Needed>{t('requests.form.languagesHint')}</Needed>
      </Text>
      {form.values.languages.length === 0 && (
        <Text size="sm" fw={500} id="request-languages-empty">
          {t('requests.form.noLanguages')}
        </Text>
      )}
      <div className="row-list">
        {form.values.languages.map((_, i) => (
          <div className="row-item" key={i}>
            <NativeSelect
              className="grow"
              id={i === 0 ? 'request-languages' : undefined}
              label={t('requests.form.languageN', { n: i + 1 })}
              data={[{ value: '', label: t('requests.form.chooseLanguage'), disabled: true }, ...options]}
              {...form.getInputProps(`languages.${i}.code`)}
            />
            <NativeSelect
              className="narrow"
              label={t('requests.fields.minLevel')}
              data={MIN_LEVELS.map((l) => ({ value: l, label: levelLabel(l, t) }))}
              {...form.getInputProps(`languages.${i}.minLevel`)}
            />
            <RowRemove label={t('requests.form.removeLanguage', { n: i + 1 })} onClick={() => form.removeListItem('languages', i)} />
          </div>
        ))}
      </div>
      {error && (
        <Text size="sm" c="var(--mantine-color-error)" role="alert">
          {error}
        </Text>
      )}
      <AddButton
        id={form.values.languages.length === 0 ? 'request-languages' : undefined}
        onClick={() => {
          const n = form.values.languages.length;
          form.insertListItem('languages', { code: '', minLevel: 'B1' });
          // Keyboard users continue in the row they just added.
          requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-path="languages.${n}.code"]`)?.focus());
        }}
      >
        {t('requests.form.addLanguage')}
      </AddButton>
    </Stack>
  );
}

export function ScheduleRows({ form }: { form: Form }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  return (
    <Stack gap="sm">
      {form.values.schedule.length === 0 && <Text size="sm">{t('requests.form.noSlots')}</Text>}
      <div className="row-list">
        {form.values.schedule.map((_, i) => (
          <div className="row-item" key={i}>
            <NativeSelect
              className="grow"
              label={t('requests.form.slotN', { n: i + 1 })}
              data={WEEKDAYS.map((d) => ({ value: String(d), label: weekdayLabel(d, locale) }))}
              {...form.getInputProps(`schedule.${i}.weekday`)}
            />
            <TextInput className="narrow" type="time" label={t('requests.form.from')} {...form.getInputProps(`schedule.${i}.from`)} />
            <TextInput className="narrow" type="time" label={t('requests.form.to')} {...form.getInputProps(`schedule.${i}.to`)} />
            <RowRemove label={t('requests.form.removeSlot', { n: i + 1 })} onClick={() => form.removeListItem('schedule', i)} />
          </div>
        ))}
      </div>
      <AddButton
        onClick={() => {
          const n = form.values.schedule.length;
          form.insertListItem('schedule', { weekday: '1', from: '09:00', to: '12:00' });
          requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-path="schedule.${n}.weekday"]`)?.focus());
        }}
      >
        {t('requests.form.addSlot')}
      </AddButton>
    </Stack>
  );
}
