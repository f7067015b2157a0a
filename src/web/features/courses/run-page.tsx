import { Anchor, Button, Center, Loader, Paper, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link, useParams, useSearchParams } from '../../router.js';
import { useCan } from '../../api/hooks.js';
import { FormModal } from '../../components/data.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatNumber, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { useCompletionPercent, useCourse, useEnrollments, useRun, useSessions } from './api.js';
import { AttendancePanel } from './attendance.js';
import { CompletionPanel } from './completion.js';
import { EnrollmentsPanel } from './enrollments.js';
import { Facts } from './facts.js';
import { formatHours, formatPeriod, RUN_STATUS_COLOR } from './format.js';
import { RunForm } from './run-form.js';
import { SessionsPanel } from './sessions.js';

const TABS = ['sessions', 'participants', 'attendance', 'completion'] as const;
type Tab = (typeof TABS)[number];

/** One run of a course: sessions, participants and waiting list, attendance, completion. */
export default function RunPage() {
  const { courseId = '', runId = '' } = useParams();
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const canManage = useCan('courses:manage');
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'sessions';
  const course = useCourse(courseId);
  const run = useRun(runId);
  const sessions = useSessions(runId);
  const enrollments = useEnrollments(runId);
  const requiredPercent = useCompletionPercent();
  const [editing, setEditing] = useState(false);

  const error = course.error ?? run.error;
  if (error) {
    return (
      <Page title={t('courses.run.notFound')}>
        <ProblemAlert error={error} />
        <Anchor component={Link} to="/courses">
          {t('courses.backToCatalogue')}
        </Anchor>
      </Page>
    );
  }
  if (!course.data || !run.data) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} role="status" />
      </Center>
    );
  }
  const c = course.data;
  const r = run.data;
  const loading = (
    <Center py="xl">
      <Loader aria-label={t('app.loading')} role="status" />
    </Center>
  );
  const participants = (enrollments.data ?? []).filter(
    (e) => e.status === 'enrolled' || e.status === 'completed' || e.status === 'not_completed',
  );

  return (
    <Page
      title={r.title}
      freeTitle
      actions={
        canManage && (
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('courses.run.edit')}
          </Button>
        )
      }
    >
      <Anchor component={Link} to={`/courses/${c.id}`} size="sm">
        {t('courses.run.backToCourse', { course: isolate(c.title) })}
      </Anchor>
      <Paper withBorder p="md" radius="md">
        <Facts
          items={[
            [t('courses.fields.kind'), t(`courses.kinds.${c.kind}`)],
            [
              t('courses.run.fields.status'),
              <StatusBadge key="status" color={RUN_STATUS_COLOR[r.status]}>
                {t(`courses.runStatus.${r.status}`)}
              </StatusBadge>,
            ],
            [t('courses.run.period'), formatPeriod(r.firstDate, r.lastDate, locale) || t('courses.run.noSessions')],
            [
              t('courses.run.places'),
              t('courses.run.placesValue', {
                taken: formatNumber(r.enrolledCount, locale),
                capacity: formatNumber(r.capacity, locale),
              }),
            ],
            [t('courses.run.waiting'), formatNumber(r.waitlistedCount, locale)],
            [t('courses.fields.teachingHours'), formatHours(r.teachingHours, locale)],
          ]}
        />
      </Paper>

      <Tabs
        value={tab}
        onChange={(v) => {
          const next = new URLSearchParams(params);
          next.set('tab', v ?? 'sessions');
          setParams(next, { replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('courses.run.sections')}>
          {TABS.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`courses.run.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="sessions" pt="md">
          {sessions.error ? (
            <ProblemAlert error={sessions.error} />
          ) : sessions.isPending ? (
            loading
          ) : (
            <SessionsPanel course={c} run={r} sessions={sessions.data ?? []} canManage={canManage} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="participants" pt="md">
          <EnrollmentsPanel run={r} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="attendance" pt="md">
          {enrollments.error || sessions.error ? (
            <ProblemAlert error={enrollments.error ?? sessions.error} />
          ) : enrollments.isPending || sessions.isPending ? (
            loading
          ) : (
            <AttendancePanel
              sessions={sessions.data ?? []}
              participants={participants}
              canManage={canManage}
              requiredPercent={requiredPercent}
            />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="completion" pt="md">
          {enrollments.isPending || sessions.isPending ? (
            loading
          ) : (
            <CompletionPanel
              run={r}
              sessions={sessions.data ?? []}
              participants={participants}
              canManage={canManage}
              requiredPercent={requiredPercent}
            />
          )}
        </Tabs.Panel>
      </Tabs>

      <FormModal opened={editing} onClose={() => setEditing(false)} title={t('courses.run.edit')}>
        {editing && <RunForm course={c} run={r} onCancel={() => setEditing(false)} onSaved={() => setEditing(false)} />}
      </FormModal>
    </Page>
  );
}
