import { Anchor, Button, Center, Loader, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link, useNavigate, useParams } from '../../router.js';
import { useCan } from '../../api/hooks.js';
import { EmptyState, FormModal, ListTable } from '../../components/data.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatNumber } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Free } from '../../components/bidi.js';
import { useCourse, useCourseRuns, useSpecializations } from './api.js';
import { CourseForm } from './course-form.js';
import { Facts } from './facts.js';
import { formatHours, formatPeriod, RUN_STATUS_COLOR } from './format.js';
import { RunForm } from './run-form.js';

/** One course of the catalogue with its runs. */
export default function CoursePage() {
  const { courseId = '' } = useParams();
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const navigate = useNavigate();
  const canManage = useCan('courses:manage');
  const course = useCourse(courseId);
  const runs = useCourseRuns(courseId);
  const specializations = useSpecializations();
  const [editing, setEditing] = useState(false);
  const [planning, setPlanning] = useState(false);

  if (course.error) {
    return (
      <Page title={t('courses.course.notFound')}>
        <ProblemAlert error={course.error} />
        <Anchor component={Link} to="/courses">
          {t('courses.backToCatalogue')}
        </Anchor>
      </Page>
    );
  }
  if (!course.data) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} role="status" />
      </Center>
    );
  }
  const c = course.data;
  const specialization = c.specializationKey
    ? (specializations.data?.find((s) => s.key === c.specializationKey)?.name ?? c.specializationKey)
    : null;

  return (
    <Page
      title={c.label}
      freeTitle
      actions={
        canManage && (
          <>
            <Button variant="default" onClick={() => setEditing(true)}>
              {t('courses.course.edit')}
            </Button>
            <Button onClick={() => setPlanning(true)}>{t('courses.run.create')}</Button>
          </>
        )
      }
    >
      <Anchor component={Link} to="/courses" size="sm">
        {t('courses.backToCatalogue')}
      </Anchor>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Facts
            items={[
              [t('courses.fields.kind'), t(`courses.kinds.${c.kind}`)],
              [t('courses.fields.teachingHours'), formatHours(c.teachingHours, locale)],
              ...(specialization ? ([[t('courses.fields.specialization'), specialization]] as [string, string][]) : []),
            ]}
          />
          {c.description && (
            <Text className="course-description" component="div">
              <Free block>{c.description}</Free>
            </Text>
          )}
        </Stack>
      </Paper>

      <Text component="h2" fz="h2" fw={650}>
        {t('courses.course.runs')}
      </Text>
      <ListTable
        caption={t('courses.course.runs')}
        empty={<EmptyState what={t('courses.empty.runs')} next={canManage ? t('courses.empty.runsNext') : undefined} />}
        isPending={runs.isPending}
        error={runs.error}
        columns={[
          {
            label: t('courses.run.fields.title'),
            wrap: true,
            noPhoneLabel: true,
          },
          { label: t('courses.run.fields.status') },
          { label: t('courses.run.period') },
          { label: t('courses.run.places'), align: 'end' },
          { label: t('courses.run.waiting'), align: 'end' },
          { label: t('courses.fields.teachingHours'), align: 'end' },
        ]}
        rows={(runs.data ?? []).map((r) => ({
          key: r.id,
          cells: [
            <Anchor component={Link} to={`/courses/${c.id}/runs/${r.id}`} fw={600} key="title">
              <Free>{r.title}</Free>
            </Anchor>,
            <StatusBadge key="status" color={RUN_STATUS_COLOR[r.status]}>
              {t(`courses.runStatus.${r.status}`)}
            </StatusBadge>,
            formatPeriod(r.firstDate, r.lastDate, locale) || t('courses.run.noSessions'),
            t('courses.run.placesValue', {
              taken: formatNumber(r.enrolledCount, locale),
              capacity: formatNumber(r.capacity, locale),
            }),
            formatNumber(r.waitlistedCount, locale),
            formatHours(r.teachingHours, locale),
          ],
        }))}
      />

      <FormModal opened={editing} onClose={() => setEditing(false)} title={t('courses.catalogue.edit')}>
        {editing && <CourseForm course={c} onCancel={() => setEditing(false)} onSaved={() => setEditing(false)} />}
      </FormModal>
      <FormModal opened={planning} onClose={() => setPlanning(false)} title={t('courses.run.create')}>
        {planning && (
          <RunForm
            course={c}
            onCancel={() => setPlanning(false)}
            onSaved={(run) => {
              setPlanning(false);
              void navigate(`/courses/${c.id}/runs/${run.id}`);
            }}
          />
        )}
      </FormModal>
    </Page>
  );
}
