import { Button, Group, NativeSelect, NumberInput, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from '../../i18n/translate.js';
import {
  BASIC_COURSE_HOURS,
  COURSE_KINDS,
  CreateCourseBody,
  SPECIALIZATION_MAX_HOURS,
  type Course,
  type CourseKind,
} from '../../../common/api/courses.js';
import { applyProblemToForm, zodValidator } from '../../components/forms.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { useUiLocale } from '../../i18n/locale.js';
import { fromTranslationValues, OWN_DIRECTION, toTranslationValues, TranslationFields, type TranslationValues } from '../catalog/translation-fields.js';
import { useSaveCourse, useSpecializations } from './api.js';

interface Values {
  kind: CourseKind;
  title: string;
  titles: TranslationValues;
  description: string;
  teachingHours: number | string;
  specializationKey: string;
}

const toValues = (c?: Course): Values => ({
  kind: c?.kind ?? 'basic',
  title: c?.title ?? '',
  titles: toTranslationValues(c?.titles),
  description: c?.description ?? '',
  teachingHours: c?.teachingHours ?? BASIC_COURSE_HOURS,
  specializationKey: c?.specializationKey ?? '',
});

function clean(v: Values): CreateCourseBody {
  return {
    kind: v.kind,
    title: v.title.trim(),
    titles: fromTranslationValues(v.titles),
    description: v.description.trim() || null,
    teachingHours: typeof v.teachingHours === 'number' ? v.teachingHours : undefined,
    specializationKey: v.kind === 'specialization' && v.specializationKey ? v.specializationKey : null,
  };
}

export function CourseForm({ course, onSaved, onCancel }: { course?: Course; onSaved: (saved: Course) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const save = useSaveCourse();
  const specializations = useSpecializations();
  const form = useForm<Values>({
    initialValues: toValues(course),
    validate: zodValidator(CreateCourseBody, t, clean),
  });

  const submit = form.onSubmit((values) => {
    const body = clean(values);
    save.mutate(
      {
        id: course?.id,
        body: course ? { ...body, version: course.version } : body,
      },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'green',
            message: t('common.savedMessage'),
          });
          onSaved(saved);
        },
        onError: (e) => applyProblemToForm(form, e),
      },
    );
  });

  const kind = form.values.kind;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ProblemAlert error={save.error} />
        <NativeSelect
          label={t('courses.fields.kind')}
          required
          data={COURSE_KINDS.map((k) => ({
            value: k,
            label: t(`courses.kinds.${k}`),
          }))}
          {...form.getInputProps('kind')}
          onChange={(e) => {
            const next = e.currentTarget.value as CourseKind;
            form.setFieldValue('kind', next);
            if (next === 'basic' && form.values.teachingHours === '') form.setFieldValue('teachingHours', BASIC_COURSE_HOURS);
          }}
        />
        <TextInput label={t('courses.fields.titleGerman')} required data-autofocus lang="de" dir="ltr" styles={OWN_DIRECTION} {...form.getInputProps('title')} />
        <TranslationFields
          inputProps={(p) => form.getInputProps(p)}
          path="titles"
          legend={t('courses.fields.titles')}
          labelKey="courses.fields.titleIn"
          hint={t('courses.fields.titlesHint')}
        />
        {kind === 'specialization' && (
          <NativeSelect
            label={t('courses.fields.specialization')}
            description={t('courses.fields.specializationHint')}
            required
            data={[
              { value: '', label: t('courses.fields.choose') },
              ...(specializations.data ?? []).map((s) => ({
                value: s.key,
                label: s.name,
              })),
            ]}
            {...form.getInputProps('specializationKey')}
          />
        )}
        <NumberInput
          label={t('courses.fields.teachingHours')}
          description={
            kind === 'specialization'
              ? t('courses.fields.teachingHoursMax', {
                  max: SPECIALIZATION_MAX_HOURS,
                })
              : t('courses.fields.teachingHoursHint')
          }
          required
          min={0.25}
          max={1000}
          step={0.25}
          decimalScale={2}
          decimalSeparator={locale === 'de' ? ',' : '.'}
          allowNegative={false}
          {...form.getInputProps('teachingHours')}
        />
        <Textarea label={t('courses.fields.description')} autosize minRows={3} {...form.getInputProps('description')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {course ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
