import { Button, Group, NativeSelect, NumberInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from '../../i18n/translate.js';
import { CreateCourseRunBody, type Course, type CourseRun } from '../../../common/api/courses.js';
import { useAllOrganizations } from '../../api/hooks.js';
import { applyProblemToForm, zodValidator } from '../../components/forms.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { useSaveRun } from './api.js';

const EDITABLE_STATUSES = ['planned', 'open', 'running', 'cancelled'] as const;
type EditableStatus = (typeof EDITABLE_STATUSES)[number];

interface Values {
  title: string;
  capacity: number | string;
  status: EditableStatus;
  providerId: string;
}

const toValues = (course: Course, run?: CourseRun): Values => ({
  title: run?.title ?? course.title,
  capacity: run?.capacity ?? 16,
  status: run && run.status !== 'completed' ? run.status : 'planned',
  providerId: run?.providerId ?? '',
});

const clean = (v: Values): CreateCourseRunBody => ({
  title: v.title.trim() || undefined,
  capacity: typeof v.capacity === 'number' ? v.capacity : Number.NaN,
  status: v.status,
  providerId: v.providerId || null,
});

/** Plans a run of a course, or changes one: title, places, status, the organisation that runs it. */
export function RunForm({
  course,
  run,
  onSaved,
  onCancel,
}: {
  course: Course;
  run?: CourseRun;
  onSaved: (saved: CourseRun) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveRun();
  const organizations = useAllOrganizations();
  const form = useForm<Values>({
    initialValues: toValues(course, run),
    validate: zodValidator(CreateCourseRunBody, t, clean),
  });
  const completed = run?.status === 'completed';

  const submit = form.onSubmit((values) => {
    const body = clean(values);
    const onError = (e: unknown) => applyProblemToForm(form, e);
    const onSuccess = (saved: CourseRun) => {
      notifications.show({ color: 'green', message: t('common.savedMessage') });
      onSaved(saved);
    };
    if (run) {
      // A completed run keeps its places and status; only its title and provider can change.
      const changes = completed ? { title: body.title, providerId: body.providerId } : body;
      save.mutate(
        {
          courseId: course.id,
          id: run.id,
          body: { ...changes, version: run.version },
        },
        { onSuccess, onError },
      );
    } else {
      save.mutate({ courseId: course.id, body }, { onSuccess, onError });
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ProblemAlert error={save.error} />
        <TextInput
          label={t('courses.run.fields.title')}
          description={t('courses.run.fields.titleHint')}
          required
          data-autofocus
          {...form.getInputProps('title')}
        />
        <NumberInput
          label={t('courses.run.fields.capacity')}
          description={t('courses.run.fields.capacityHint')}
          required
          min={1}
          max={1000}
          allowDecimal={false}
          allowNegative={false}
          disabled={completed}
          {...form.getInputProps('capacity')}
        />
        <NativeSelect
          label={t('courses.run.fields.status')}
          required
          disabled={completed}
          data={EDITABLE_STATUSES.map((s) => ({
            value: s,
            label: t(`courses.runStatus.${s}`),
          }))}
          {...form.getInputProps('status')}
        />
        <NativeSelect
          label={t('courses.run.fields.provider')}
          data={[
            { value: '', label: t('courses.run.fields.noProvider') },
            ...(organizations.data ?? []).map((o) => ({
              value: o.id,
              label: o.name,
            })),
          ]}
          {...form.getInputProps('providerId')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {run ? t('common.save') : t('courses.run.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
