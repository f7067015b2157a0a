import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import type { CourseRun, CourseSession, Enrollment } from '../../../common/api/courses.js';
import { ConfirmModal, ListTable } from '../../components/data.js';
import { IconInfo } from '../../components/icons.js';
import { StatusBadge } from '../../components/status-badge.js';
import { useUiLocale } from '../../i18n/locale.js';
import { certificateUrl, useCompleteRun } from './api.js';
import { ProgressText, useAttendanceProgress } from './attendance.js';
import { ENROLLMENT_STATUS_COLOR, formatHours, sumHours } from './format.js';

/**
 * Completion by the network's rule: whoever attended at least the required share of teaching
 * hours completes, gets the qualification in their profile and a certificate.
 */
export function CompletionPanel({
  run,
  sessions,
  participants,
  canManage,
  requiredPercent,
}: {
  run: CourseRun;
  sessions: CourseSession[];
  participants: Enrollment[];
  canManage: boolean;
  requiredPercent: number;
}) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const { progressOf, isPending, error } = useAttendanceProgress(sessions, participants, requiredPercent);
  const complete = useCompleteRun();
  const [confirming, setConfirming] = useState(false);
  const total = sumHours(sessions.map((s) => s.teachingHours));
  const needed = Math.ceil(((total * requiredPercent) / 100) * 4) / 4;
  const completed = run.status === 'completed';
  const canComplete = canManage && run.status !== 'cancelled' && sessions.length > 0 && participants.length > 0;

  return (
    <Stack>
      <Alert role="note" color="blue" variant="light" icon={<IconInfo />}>
        {t('courses.completion.rule', {
          percent: requiredPercent,
          needed: formatHours(needed, locale),
          total: formatHours(total, locale),
        })}
      </Alert>
      {completed && <Text>{t('courses.completion.completedNote')}</Text>}
      <ListTable
        caption={t('courses.completion.caption')}
        isPending={isPending}
        error={error}
        columns={[
          {
            label: t('courses.enrollment.name'),
            wrap: true,
            noPhoneLabel: true,
          },
          { label: t('courses.attendance.attended') },
          { label: t('courses.completion.result') },
          { label: t('courses.completion.certificate'), noPhoneLabel: true },
        ]}
        rows={participants.map((p) => {
          const progress = progressOf(p.id);
          const final = p.status === 'completed' || p.status === 'not_completed';
          return {
            key: p.id,
            cells: [
              <Text key="name" size="sm" fw={500}>
                {p.volunteerName}
              </Text>,
              <ProgressText key="progress" progress={progress} />,
              final ? (
                <StatusBadge key="result" color={ENROLLMENT_STATUS_COLOR[p.status]}>
                  {t(`courses.enrollmentStatus.${p.status}`)}
                </StatusBadge>
              ) : (
                <StatusBadge key="result" color={progress.passes ? 'green' : 'orange'}>
                  {progress.passes
                    ? t('courses.attendance.meetsRule')
                    : t('courses.attendance.belowRule', {
                        percent: requiredPercent,
                      })}
                </StatusBadge>
              ),
              p.certificate ? (
                <Anchor
                  key="cert"
                  href={certificateUrl(p.id)}
                  download
                  size="sm"
                  aria-label={t('courses.enrollment.certificateNamed', {
                    name: p.volunteerName,
                  })}
                >
                  {t('courses.enrollment.certificate')}
                </Anchor>
              ) : (
                ''
              ),
            ],
          };
        })}
      />
      {canComplete && (
        <Group>
          <Button onClick={() => setConfirming(true)} variant={completed ? 'default' : 'filled'}>
            {completed ? t('courses.completion.again') : t('courses.completion.complete')}
          </Button>
        </Group>
      )}
      <ConfirmModal
        opened={confirming}
        danger={false}
        title={completed ? t('courses.completion.againTitle') : t('courses.completion.confirmTitle')}
        message={t('courses.completion.confirm', { percent: requiredPercent })}
        confirmLabel={completed ? t('courses.completion.again') : t('courses.completion.complete')}
        loading={complete.isPending}
        error={complete.error}
        onClose={() => {
          setConfirming(false);
          complete.reset();
        }}
        onConfirm={() =>
          complete.mutate(run.id, {
            onSuccess: (result) => {
              setConfirming(false);
              const passed = result.results.filter((r) => r.status === 'completed').length;
              notifications.show({
                color: 'green',
                message: t('courses.completion.done', {
                  passed,
                  count: result.results.length,
                }),
              });
            },
          })
        }
      />
    </Stack>
  );
}
