import { Alert, Anchor, Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import type { CourseRun, Enrollment } from '../../../common/api/courses.js';
import { useCan } from '../../api/hooks.js';
import { ConfirmModal, EmptyState, ListTable } from '../../components/data.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatDate, formatNumber, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Name } from '../../components/bidi.js';
import { useVolunteerSearch } from '../volunteers/api.js';
import { certificateUrl, useCancelEnrollment, useEnroll, useEnrollments } from './api.js';
import { ENROLLMENT_STATUS_COLOR, formatIsoDate } from './format.js';

const ACTIVE = new Set(['enrolled', 'waitlisted', 'completed', 'not_completed']);

function EnrolForm({ run, enrollments }: { run: CourseRun; enrollments: Enrollment[] }) {
  const { t } = useTranslation();
  const canSearch = useCan('volunteers:read');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [volunteerId, setVolunteerId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const found = useVolunteerSearch(q, canSearch);
  const enroll = useEnroll();
  const taken = new Set(enrollments.filter((e) => ACTIVE.has(e.status)).map((e) => e.volunteerId));
  const options = (found.data?.items ?? [])
    .filter((v) => !taken.has(v.id))
    .map((v) => ({ value: v.id, label: `${v.firstName} ${v.lastName}` }));
  const full = run.enrolledCount >= run.capacity;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!volunteerId) {
      setError(t('validation.required'));
      return;
    }
    enroll.mutate(
      { runId: run.id, volunteerId },
      {
        onSuccess: (created) => {
          notifications.show({
            color: 'green',
            message:
              created.status === 'waitlisted'
                ? t('courses.enrollment.waitlistedMessage', {
                    name: isolate(created.volunteerName),
                    position: created.waitlistPosition ?? 0,
                  })
                : t('courses.enrollment.enrolledMessage', {
                    name: isolate(created.volunteerName),
                  }),
          });
          setVolunteerId(null);
          setSearch('');
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('courses.enrollment.volunteer')}
            description={full ? t('courses.enrollment.fullHint') : t('courses.enrollment.freeHint')}
            placeholder={t('courses.enrollment.searchPlaceholder')}
            searchable
            clearable
            data={options}
            value={volunteerId}
            onChange={(v) => {
              setVolunteerId(v);
              setError(null);
            }}
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: all }) => all}
            nothingFoundMessage={found.isFetching ? t('app.loading') : t('courses.enrollment.nothingFound')}
            error={error}
            w={{ base: '100%', sm: 380 }}
            comboboxProps={{ withinPortal: true }}
            clearButtonProps={{ 'aria-label': t('courses.enrollment.clear') }}
          />
          <Button type="submit" loading={enroll.isPending}>
            {full ? t('courses.enrollment.toWaitlist') : t('courses.enrollment.enrol')}
          </Button>
        </Group>
        <ProblemAlert error={enroll.error} />
      </Stack>
    </form>
  );
}

/** Participants and the waiting list of a run; a cancelled place goes to the first in line. */
export function EnrollmentsPanel({ run, canManage }: { run: CourseRun; canManage: boolean }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const enrollments = useEnrollments(run.id);
  const cancel = useCancelEnrollment();
  const [cancelling, setCancelling] = useState<Enrollment | null>(null);
  const [movedUp, setMovedUp] = useState<string | null>(null);
  const all = enrollments.data ?? [];
  const participants = all.filter((e) => e.status === 'enrolled' || e.status === 'completed' || e.status === 'not_completed');
  const waiting = all.filter((e) => e.status === 'waitlisted').sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));
  const cancelled = all.filter((e) => e.status === 'cancelled');
  const open = run.status !== 'completed' && run.status !== 'cancelled';

  const confirmCancel = () => {
    if (!cancelling) return;
    const before = new Set(waiting.map((w) => w.id));
    cancel.mutate(cancelling.id, {
      onSuccess: async (done) => {
        setCancelling(null);
        const { data: after } = await enrollments.refetch();
        const promoted = (after ?? []).filter((e) => before.has(e.id) && e.status === 'enrolled');
        const names = promoted.map((p) => isolate(p.volunteerName)).join(', ');
        setMovedUp(
          promoted.length
            ? t('courses.enrollment.movedUp', {
                name: isolate(done.volunteerName),
                next: names,
              })
            : null,
        );
        notifications.show({
          color: 'green',
          message: t('courses.enrollment.cancelledMessage', {
            name: isolate(done.volunteerName),
          }),
        });
      },
    });
  };

  const cancelButton = (e: Enrollment) => (
    <Button
      size="xs"
      variant="outline"
      color="red"
      key="cancel"
      onClick={() => setCancelling(e)}
      aria-label={t('courses.enrollment.cancelNamed', {
        name: e.volunteerName,
      })}
    >
      {t('courses.enrollment.cancel')}
    </Button>
  );

  return (
    <Stack>
      <Text fw={500}>
        {t('courses.enrollment.places', {
          taken: formatNumber(run.enrolledCount, locale),
          capacity: formatNumber(run.capacity, locale),
          waiting: run.waitlistedCount,
        })}
      </Text>
      {canManage && open && <EnrolForm run={run} enrollments={all} />}
      {movedUp && (
        <Alert
          color="green"
          variant="light"
          role="status"
          withCloseButton
          onClose={() => setMovedUp(null)}
          closeButtonLabel={t('common.close')}
        >
          {movedUp}
        </Alert>
      )}

      <Title order={2} fz="h3">
        {t('courses.enrollment.participants')}
      </Title>
      <ListTable
        caption={t('courses.enrollment.participants')}
        empty={<EmptyState what={t('courses.empty.participants')} next={canManage && open ? t('courses.empty.participantsNext') : undefined} />}
        isPending={enrollments.isPending}
        error={enrollments.error}
        columns={[
          {
            label: t('courses.enrollment.name'),
            wrap: true,
            noPhoneLabel: true,
          },
          { label: t('fields.status') },
          { label: t('courses.enrollment.since') },
          { label: t('common.actions'), noPhoneLabel: true },
        ]}
        rows={participants.map((e) => ({
          key: e.id,
          cells: [
            <Text key="name" size="sm" fw={500}>
              {e.volunteerName}
            </Text>,
            <StatusBadge key="status" color={ENROLLMENT_STATUS_COLOR[e.status]}>
              {e.status === 'completed' && e.completedOn
                ? t('courses.enrollment.completedOn', {
                    date: formatIsoDate(e.completedOn, locale),
                  })
                : t(`courses.enrollmentStatus.${e.status}`)}
            </StatusBadge>,
            formatDate(e.createdAt, locale),
            <Group gap="xs" wrap="nowrap" key="actions">
              {e.certificate && (
                <Anchor
                  href={certificateUrl(e.id)}
                  download
                  size="sm"
                  aria-label={t('courses.enrollment.certificateNamed', {
                    name: e.volunteerName,
                  })}
                >
                  {t('courses.enrollment.certificate')}
                </Anchor>
              )}
              {canManage && e.status === 'enrolled' && open && cancelButton(e)}
            </Group>,
          ],
        }))}
      />

      <Title order={2} fz="h3">
        {t('courses.enrollment.waitlist')}
      </Title>
      <ListTable
        caption={t('courses.enrollment.waitlist')}
        empty={<EmptyState what={t('courses.empty.waitlist')} next={t('courses.empty.waitlistNext')} />}
        isPending={enrollments.isPending}
        error={null}
        columns={[
          { label: t('courses.enrollment.position'), align: 'end' },
          { label: t('courses.enrollment.name'), wrap: true },
          { label: t('courses.enrollment.since') },
          ...(canManage && open ? [{ label: t('common.actions'), noPhoneLabel: true }] : []),
        ]}
        rows={waiting.map((e) => ({
          key: e.id,
          cells: [
            t('courses.enrollment.positionValue', {
              position: e.waitlistPosition ?? 0,
            }),
            <Text key="name" size="sm" fw={500}>
              {e.volunteerName}
            </Text>,
            formatDate(e.createdAt, locale),
            ...(canManage && open ? [cancelButton(e)] : []),
          ],
        }))}
      />

      {cancelled.length > 0 && (
        <details className="course-cancelled">
          <summary>{t('courses.enrollment.cancelledList', { count: cancelled.length })}</summary>
          <ul className="plain-list">
            {cancelled.map((e) => (
              <li key={e.id}>
                <Name>{e.volunteerName}</Name> · {formatDate(e.updatedAt, locale)}
              </li>
            ))}
          </ul>
        </details>
      )}

      <ConfirmModal
        opened={cancelling !== null}
        title={t('courses.enrollment.cancelTitle')}
        message={
          cancelling?.status === 'waitlisted'
            ? t('courses.enrollment.cancelWaitingConfirm', {
                name: isolate(cancelling.volunteerName),
              })
            : t('courses.enrollment.cancelConfirm', {
                name: isolate(cancelling?.volunteerName ?? ''),
              })
        }
        confirmLabel={t('courses.enrollment.cancel')}
        loading={cancel.isPending}
        error={cancel.error}
        onClose={() => {
          setCancelling(null);
          cancel.reset();
        }}
        onConfirm={confirmCancel}
      />
    </Stack>
  );
}
