import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { CreateCourseSessionBody, type Course, type CourseRun, type CourseSession } from '../../../common/api/courses.js';
import { FormModal } from '../../components/data.js';
import { applyProblemToForm, zodValidator } from '../../components/forms.js';
import { RowActions, WholeList } from '../../components/list/paged-list.js';
import { useRowConfirmation } from '../../components/list/row-confirmation.js';
import { IconInfo } from '../../components/icons.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { useUiLocale } from '../../i18n/locale.js';
import { useDeleteSession, useSaveSession } from './api.js';
import { formatHours, formatSessionDay, suggestedHours, sumHours } from './format.js';

interface Values {
  date: string;
  startTime: string;
  endTime: string;
  topic: string;
  room: string;
  instructor1: string;
  instructor2: string;
  teachingHours: number | string;
}

const toValues = (s?: CourseSession, previous?: CourseSession): Values => ({
  date: s?.date ?? '',
  startTime: s?.startTime ?? previous?.startTime ?? '',
  endTime: s?.endTime ?? previous?.endTime ?? '',
  topic: s?.topic ?? '',
  room: s?.room ?? previous?.room ?? '',
  instructor1: s?.instructors[0] ?? previous?.instructors[0] ?? '',
  instructor2: s?.instructors[1] ?? previous?.instructors[1] ?? '',
  teachingHours: s?.teachingHours ?? previous?.teachingHours ?? '',
});

const clean = (v: Values): CreateCourseSessionBody => ({
  date: v.date,
  startTime: v.startTime,
  endTime: v.endTime,
  topic: v.topic.trim() || null,
  room: v.room.trim() || null,
  instructors: [v.instructor1.trim(), v.instructor2.trim()].filter(Boolean),
  teachingHours: typeof v.teachingHours === 'number' ? v.teachingHours : Number.NaN,
});

function SessionForm({
  runId,
  session,
  previous,
  onDone,
}: {
  runId: string;
  session?: CourseSession;
  previous?: CourseSession;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const save = useSaveSession();
  const form = useForm<Values>({
    initialValues: toValues(session, previous),
    validate: zodValidator(CreateCourseSessionBody, t, clean),
  });
  const [hoursTouched, setHoursTouched] = useState(!!session);

  // Until someone types hours, they follow the times: one teaching hour is 45 minutes.
  const follow = (start: string, end: string) => {
    if (hoursTouched) return;
    const h = suggestedHours(start, end);
    if (h !== null) form.setFieldValue('teachingHours', h);
  };

  const submit = form.onSubmit((values) => {
    const body = clean(values);
    save.mutate(
      {
        runId,
        id: session?.id,
        body: session ? { ...body, version: session.version } : body,
      },
      {
        onSuccess: () => {
          notifications.show({
            color: 'green',
            message: t('common.savedMessage'),
          });
          onDone();
        },
        onError: (e) => applyProblemToForm(form, e),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ProblemAlert error={save.error} />
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <TextInput type="date" label={t('courses.session.fields.date')} required data-autofocus {...form.getInputProps('date')} />
          <TextInput
            type="time"
            label={t('courses.session.fields.startTime')}
            required
            {...form.getInputProps('startTime')}
            onChange={(e) => {
              form.setFieldValue('startTime', e.currentTarget.value);
              follow(e.currentTarget.value, form.values.endTime);
            }}
          />
          <TextInput
            type="time"
            label={t('courses.session.fields.endTime')}
            required
            {...form.getInputProps('endTime')}
            onChange={(e) => {
              form.setFieldValue('endTime', e.currentTarget.value);
              follow(form.values.startTime, e.currentTarget.value);
            }}
          />
        </SimpleGrid>
        <TextInput label={t('courses.session.fields.topic')} {...form.getInputProps('topic')} />
        <TextInput label={t('courses.session.fields.room')} {...form.getInputProps('room')} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput label={t('courses.session.fields.instructor1')} {...form.getInputProps('instructor1')} />
          <TextInput label={t('courses.session.fields.instructor2')} {...form.getInputProps('instructor2')} />
        </SimpleGrid>
        <NumberInput
          label={t('courses.session.fields.teachingHours')}
          description={t('courses.session.fields.teachingHoursHint')}
          required
          min={0.25}
          max={24}
          step={0.25}
          decimalScale={2}
          decimalSeparator={locale === 'de' ? ',' : '.'}
          allowNegative={false}
          maw={220}
          {...form.getInputProps('teachingHours')}
          onChange={(v) => {
            setHoursTouched(true);
            form.setFieldValue('teachingHours', v);
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {session ? t('common.save') : t('courses.session.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The run's sessions (modules): date and time in Berlin, room, two instructors, teaching hours. */
export function SessionsPanel({
  course,
  run,
  sessions,
  canManage,
}: {
  course: Course;
  run: CourseRun;
  sessions: CourseSession[];
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const [editing, setEditing] = useState<CourseSession | 'new' | null>(null);
  const remove = useRowConfirmation({
    mutation: useDeleteSession(),
    variables: (s: CourseSession) => s.id,
    title: t('courses.session.deleteTitle'),
    message: (s) => t('courses.session.deleteConfirm', { date: formatSessionDay(s.startsAt, locale) }),
    confirmLabel: t('common.delete'),
    done: () => t('courses.session.deleted'),
  });
  const editable = canManage && run.status !== 'completed';
  const total = sumHours(sessions.map((s) => s.teachingHours));

  return (
    <Stack>
      <Group justify="space-between" align="center">
        <Text>
          {t('courses.session.total', {
            hours: formatHours(total, locale),
            course: formatHours(course.teachingHours, locale),
            count: sessions.length,
          })}
        </Text>
        {editable && <Button onClick={() => setEditing('new')}>{t('courses.session.add')}</Button>}
      </Group>
      {sessions.length > 0 && total !== course.teachingHours && (
        <Alert role="note" color="orange" variant="light" icon={<IconInfo />}>
          {t('courses.session.hoursMismatch', {
            hours: formatHours(total, locale),
            course: formatHours(course.teachingHours, locale),
          })}
        </Alert>
      )}
      {run.status === 'completed' && <Text size="sm">{t('courses.session.completedNote')}</Text>}
      <WholeList
        caption={t('courses.session.caption')}
        list={{ data: sessions, isPending: false, error: null }}
        empty={{ what: t('courses.empty.sessions'), next: editable ? t('courses.empty.sessionsNext') : undefined }}
        columns={[
          { label: t('courses.session.fields.date'), noPhoneLabel: true },
          { label: t('courses.session.time') },
          { label: t('courses.session.fields.topic'), wrap: true },
          { label: t('courses.session.fields.room'), wrap: true },
          { label: t('courses.session.instructors'), wrap: true },
          { label: t('courses.session.hoursShort'), align: 'end' },
          ...(editable ? [{ label: t('common.actions'), noPhoneLabel: true }] : []),
        ]}
        row={(s) => {
          const day = formatSessionDay(s.startsAt, locale);
          return [
            <Text key="date" fw={600} size="sm">
              {day}
            </Text>,
            <span key="time" dir="ltr">
              {s.startTime}–{s.endTime}
            </span>,
            s.topic ?? '',
            s.room ?? '',
            s.instructors.join(', '),
            formatHours(s.teachingHours, locale),
            ...(editable ? [<RowActions key="actions" name={day} onEdit={() => setEditing(s)} onDelete={() => remove.ask(s)} />] : []),
          ];
        }}
      />
      <FormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('courses.session.add') : t('courses.session.edit')}
      >
        {editing !== null && (
          <SessionForm
            key={editing === 'new' ? 'new' : editing.id}
            runId={run.id}
            session={editing === 'new' ? undefined : editing}
            previous={sessions.at(-1)}
            onDone={() => setEditing(null)}
          />
        )}
      </FormModal>
      {remove.dialog}
    </Stack>
  );
}
