import { Alert, Button, Center, Checkbox, Group, Loader, NativeSelect, Stack, Text, useDirection } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import type { CourseSession, Enrollment } from '../../../common/api/courses.js';
import { IconCheck, IconInfo } from '../../components/icons.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatNumber, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { useAttendances, usePutAttendance } from './api.js';
import { formatHours, formatSessionDay, formatSessionDayShort, sumHours } from './format.js';

/** Attendance for readers who cannot change it: a mark, and the word for screen readers. */
function ReadOnlyMark({ present }: { present: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="attendance-mark" data-present={present || undefined}>
      {present ? <IconCheck size={16} /> : <span aria-hidden="true">–</span>}
      <span className="visually-hidden">{present ? t('courses.attendance.present') : t('courses.attendance.absent')}</span>
    </span>
  );
}

const cellKey = (sessionId: string, enrollmentId: string) => `${sessionId}:${enrollmentId}`;

export interface Progress {
  attended: number;
  total: number;
  percent: number;
  passes: boolean;
}

/** Hours attended per participant, by the network's rule (the server decides on completion; this shows where people stand). */
export function useAttendanceProgress(sessions: CourseSession[], participants: Enrollment[], requiredPercent: number) {
  const queries = useAttendances(sessions.map((s) => s.id));
  const present = new Map<string, boolean | null>();
  queries.forEach((q) => {
    for (const e of q.data?.entries ?? []) present.set(cellKey(q.data!.sessionId, e.enrollmentId), e.present);
  });
  const total = sumHours(sessions.map((s) => s.teachingHours));
  const progressOf = (enrollmentId: string, overrides?: Map<string, boolean>): Progress => {
    const attended = sumHours(
      sessions
        .filter((s) => (overrides?.get(cellKey(s.id, enrollmentId)) ?? present.get(cellKey(s.id, enrollmentId))) === true)
        .map((s) => s.teachingHours),
    );
    const percent = total > 0 ? Math.floor((attended / total) * 1000) / 10 : 0;
    return {
      attended,
      total,
      percent,
      passes: total > 0 && attended * 100 >= total * requiredPercent,
    };
  };
  const isPending = queries.some((q) => q.isPending);
  const error = queries.find((q) => q.error)?.error ?? null;
  return { present, progressOf, isPending, error, participants };
}

export function ProgressText({ progress }: { progress: Progress }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  return (
    <>
      {t('courses.attendance.progress', {
        attended: formatHours(progress.attended, locale),
        total: formatHours(progress.total, locale),
        percent: formatNumber(progress.percent, locale),
      })}
    </>
  );
}

/**
 * Attendance per session as a grid of checkboxes: one row per participant, one column per
 * session. Each tick is saved at once; arrow keys move between cells, Space ticks.
 */
export function AttendancePanel({
  sessions,
  participants,
  canManage,
  requiredPercent,
}: {
  sessions: CourseSession[];
  participants: Enrollment[];
  canManage: boolean;
  requiredPercent: number;
}) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const { dir } = useDirection();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const { present, progressOf, isPending, error } = useAttendanceProgress(sessions, participants, requiredPercent);
  const put = usePutAttendance();
  const [overrides, setOverrides] = useState<Map<string, boolean>>(new Map());
  const [saving, setSaving] = useState(0);
  const [saved, setSaved] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [phoneSession, setPhoneSession] = useState<string>('');
  const grid = useRef<HTMLTableElement>(null);

  if (!sessions.length) {
    return (
      <Alert role="note" color="blue" variant="light" icon={<IconInfo />}>
        {t('courses.attendance.noSessions')}
      </Alert>
    );
  }
  if (!participants.length) {
    return (
      <Alert role="note" color="blue" variant="light" icon={<IconInfo />}>
        {t('courses.attendance.noParticipants')}
      </Alert>
    );
  }
  if (error) return <ProblemAlert error={error} />;
  if (isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} role="status" />
      </Center>
    );
  }

  const isPresent = (sessionId: string, enrollmentId: string) =>
    overrides.get(cellKey(sessionId, enrollmentId)) ?? present.get(cellKey(sessionId, enrollmentId)) === true;

  const save = (sessionId: string, entries: { enrollmentId: string; present: boolean }[]) => {
    setOverrides((m) => {
      const next = new Map(m);
      for (const e of entries) next.set(cellKey(sessionId, e.enrollmentId), e.present);
      return next;
    });
    setSaving((n) => n + 1);
    setSaved(false);
    setSaveError(null);
    put.mutate(
      { sessionId, body: { entries } },
      {
        onSuccess: () => setSaved(true),
        onError: (e) => setSaveError(e),
        onSettled: () => {
          setSaving((n) => n - 1);
          setOverrides((m) => {
            const next = new Map(m);
            for (const e of entries) next.delete(cellKey(sessionId, e.enrollmentId));
            return next;
          });
        },
      },
    );
  };

  const markAll = (sessionId: string) =>
    save(
      sessionId,
      participants.map((p) => ({ enrollmentId: p.id, present: true })),
    );

  const move = (e: KeyboardEvent<HTMLInputElement>, row: number, col: number) => {
    const forward = dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const back = dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    const step: Record<string, [number, number]> = {
      [forward]: [0, 1],
      [back]: [0, -1],
      ArrowDown: [1, 0],
      ArrowUp: [-1, 0],
    };
    const d = step[e.key];
    if (!d) return;
    const target = grid.current?.querySelector<HTMLInputElement>(`input[data-row="${row + d[0]}"][data-col="${col + d[1]}"]`);
    if (target) {
      e.preventDefault();
      target.focus();
    }
  };

  const status = (
    <Text size="sm" role="status" aria-live="polite">
      {saving > 0
        ? t('courses.attendance.saving')
        : saved
          ? t('courses.attendance.saved')
          : canManage
            ? t('courses.attendance.autosave')
            : ''}
    </Text>
  );

  const dayOf = (s: CourseSession) => formatSessionDay(s.startsAt, locale);

  if (phone) {
    const current = sessions.find((s) => s.id === phoneSession) ?? sessions[0]!;
    return (
      <Stack>
        <NativeSelect
          label={t('courses.attendance.session')}
          value={current.id}
          onChange={(e) => setPhoneSession(e.currentTarget.value)}
          data={sessions.map((s) => ({
            value: s.id,
            label: `${dayOf(s)} · ${s.startTime}–${s.endTime}${s.topic ? ` · ${s.topic}` : ''}`,
          }))}
        />
        {canManage && (
          <Group>
            <Button variant="default" size="sm" onClick={() => markAll(current.id)}>
              {t('courses.attendance.allPresent')}
            </Button>
          </Group>
        )}
        <Stack
          gap="sm"
          role="group"
          aria-label={t('courses.attendance.presentAt', {
            date: dayOf(current),
          })}
        >
          {participants.map((p) =>
            !canManage ? (
              <Group key={p.id} gap="sm" wrap="nowrap">
                <ReadOnlyMark present={isPresent(current.id, p.id)} />
                <div>
                  <Text size="sm">{p.volunteerName}</Text>
                  <Text size="xs" c="dimmed">
                    <ProgressText progress={progressOf(p.id, overrides)} />
                  </Text>
                </div>
              </Group>
            ) : (
              <Checkbox
                key={p.id}
                size="md"
                label={p.volunteerName}
                description={<ProgressText progress={progressOf(p.id, overrides)} />}
                checked={isPresent(current.id, p.id)}
                disabled={!canManage}
                onChange={(e) => save(current.id, [{ enrollmentId: p.id, present: e.currentTarget.checked }])}
              />
            ),
          )}
        </Stack>
        {status}
        <ProblemAlert error={saveError} />
      </Stack>
    );
  }

  return (
    <Stack>
      {canManage && <Text size="sm">{t('courses.attendance.keyboardHint')}</Text>}
      <div className="attendance-scroll" role="region" aria-label={t('courses.attendance.caption')} tabIndex={canManage ? undefined : 0}>
        <table className="attendance-grid" ref={grid}>
          <caption className="visually-hidden">{t('courses.attendance.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('courses.enrollment.name')}</th>
              {sessions.map((s) => (
                <th scope="col" key={s.id}>
                  <div className="attendance-session-head">
                    <span>{formatSessionDayShort(s.startsAt, locale)}</span>
                    <small>
                      <span dir="ltr">{s.startTime}</span> ·{' '}
                      {t('courses.attendance.hoursShort', {
                        hours: formatHours(s.teachingHours, locale),
                      })}
                    </small>
                    {canManage && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => markAll(s.id)}
                        aria-label={t('courses.attendance.allPresentOn', {
                          date: dayOf(s),
                        })}
                      >
                        {t('courses.attendance.all')}
                      </Button>
                    )}
                  </div>
                </th>
              ))}
              <th scope="col" className="attendance-total">
                {t('courses.attendance.attended')}
              </th>
            </tr>
          </thead>
          <tbody>
            {participants.map((p, row) => {
              const progress = progressOf(p.id, overrides);
              return (
                <tr key={p.id}>
                  <th scope="row">{p.volunteerName}</th>
                  {sessions.map((s, col) => (
                    <td key={s.id}>
                      {canManage ? (
                        <span className="attendance-cell">
                          <Checkbox
                            size="md"
                            aria-label={t('courses.attendance.cellLabel', {
                              name: isolate(p.volunteerName),
                              date: dayOf(s),
                            })}
                            checked={isPresent(s.id, p.id)}
                            disabled={!canManage}
                            data-row={row}
                            data-col={col}
                            onKeyDown={(e) => move(e, row, col)}
                            onChange={(e) =>
                              save(s.id, [
                                {
                                  enrollmentId: p.id,
                                  present: e.currentTarget.checked,
                                },
                              ])
                            }
                          />
                        </span>
                      ) : (
                        <ReadOnlyMark present={isPresent(s.id, p.id)} />
                      )}
                    </td>
                  ))}
                  <td className="attendance-total">
                    <Stack gap={2} align="flex-end">
                      <span>
                        <ProgressText progress={progress} />
                      </span>
                      <StatusBadge color={progress.passes ? 'green' : 'orange'}>
                        {progress.passes
                          ? t('courses.attendance.meetsRule')
                          : t('courses.attendance.belowRule', {
                              percent: requiredPercent,
                            })}
                      </StatusBadge>
                    </Stack>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {status}
      <ProblemAlert error={saveError} />
    </Stack>
  );
}
