import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CatalogEntry } from '../../../common/api/catalog.js';
import type {
  Attendance,
  Completion,
  Course,
  CourseRun,
  CourseSession,
  CreateCourseBody,
  CreateCourseRunBody,
  CreateCourseSessionBody,
  Enrollment,
  PutAttendanceBody,
  TopicDemand,
  UpdateCourseBody,
  UpdateCourseRunBody,
  UpdateCourseSessionBody,
} from '../../../common/api/courses.js';
import { api, NetworkError, ProblemError, type Page } from '../../api/client.js';
import type { Network, Problem } from '../../api/types.js';
import { inReadersLanguage } from '../catalog/api.js';
import { currentLocale, i18n } from '../../i18n/index.js';

/** Every query of this feature starts with this key, so one invalidation refreshes them all. */
const KEY = 'courses';

/** All pages of a list that stays small (a run's enrolments, a catalogue). */
async function everything<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api.get<Page<T>>(path, {
      ...query,
      limit: 200,
      cursor: cursor ?? undefined,
    });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && all.length < 5000);
  return all;
}

/** PUT with the same headers and problem handling as api.* (the shared client has no PUT). */
async function put<T>(path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'PUT',
      headers: {
        Accept: 'application/json, application/problem+json',
        'Accept-Language': currentLocale(),
        'Content-Type': 'application/json',
      },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  const data: unknown = (response.headers.get('content-type') ?? '').includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const problem =
      data && typeof data === 'object' && 'title' in data
        ? (data as Problem)
        : {
            type: 'about:blank',
            title: i18n.t('errors.unexpectedTitle'),
            detail: i18n.t('errors.serverStatus', {
              status: response.status,
            }),
            status: response.status,
          };
    throw new ProblemError({
      ...problem,
      status: problem.status ?? response.status,
    });
  }
  return data as T;
}

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: [KEY] });
}

export const useCourse = (id: string) =>
  useQuery({
    queryKey: [KEY, 'course', id],
    queryFn: () => api.get<Course>(`/api/v1/courses/${id}`),
  });

export const useCourseRuns = (courseId: string) =>
  useQuery({
    queryKey: [KEY, 'runs', courseId],
    queryFn: () => everything<CourseRun>(`/api/v1/courses/${courseId}/runs`),
  });

export const useRun = (id: string) =>
  useQuery({
    queryKey: [KEY, 'run', id],
    queryFn: () => api.get<CourseRun>(`/api/v1/course-runs/${id}`),
  });

export const useSessions = (runId: string) =>
  useQuery({
    queryKey: [KEY, 'sessions', runId],
    queryFn: () => api.get<CourseSession[]>(`/api/v1/course-runs/${runId}/sessions`),
  });

export const useEnrollments = (runId: string) =>
  useQuery({
    queryKey: [KEY, 'enrollments', runId],
    queryFn: () => everything<Enrollment>(`/api/v1/course-runs/${runId}/enrollments`),
  });

export const useDemand = () =>
  useQuery({
    queryKey: [KEY, 'demand'],
    queryFn: () => api.get<TopicDemand[]>('/api/v1/courses/demand'),
  });

export const useSpecializations = () =>
  useQuery({
    queryKey: ['catalog', 'specializations', 'all'],
    queryFn: () => everything<CatalogEntry>('/api/v1/catalog/specializations'),
    select: inReadersLanguage,
    staleTime: 300_000,
  });

/** The share of teaching hours a participant must attend (network setting, default 80 %). */
export function useCompletionPercent(): number {
  const network = useQuery({
    queryKey: ['network'],
    queryFn: () => api.get<Network>('/api/v1/network'),
  });
  return network.data?.settings.courseCompletionPercent ?? 80;
}

export function useAttendances(sessionIds: string[]) {
  return useQueries({
    queries: sessionIds.map((id) => ({
      queryKey: [KEY, 'attendance', id],
      queryFn: () => api.get<Attendance>(`/api/v1/course-sessions/${id}/attendance`),
    })),
  });
}


export function useSaveCourse() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: CreateCourseBody | UpdateCourseBody }) =>
      id ? api.patch<Course>(`/api/v1/courses/${id}`, body) : api.create<Course>('/api/v1/courses', body),
    onSuccess: refresh,
  });
}

export function useSaveRun() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ courseId, id, body }: { courseId: string; id?: string; body: CreateCourseRunBody | UpdateCourseRunBody }) =>
      id ? api.patch<CourseRun>(`/api/v1/course-runs/${id}`, body) : api.create<CourseRun>(`/api/v1/courses/${courseId}/runs`, body),
    onSuccess: refresh,
  });
}

export function useSaveSession() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ runId, id, body }: { runId: string; id?: string; body: CreateCourseSessionBody | UpdateCourseSessionBody }) =>
      id
        ? api.patch<CourseSession>(`/api/v1/course-sessions/${id}`, body)
        : api.create<CourseSession>(`/api/v1/course-runs/${runId}/sessions`, body),
    onSuccess: refresh,
  });
}

export function useDeleteSession() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/course-sessions/${id}`),
    onSuccess: refresh,
  });
}

export function useEnroll() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ runId, volunteerId }: { runId: string; volunteerId: string }) =>
      api.create<Enrollment>(`/api/v1/course-runs/${runId}/enrollments`, {
        volunteerId,
      }),
    onSuccess: refresh,
  });
}

export function useCancelEnrollment() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.post<Enrollment>(`/api/v1/enrollments/${id}/cancel`),
    onSuccess: refresh,
  });
}

export function usePutAttendance() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ sessionId, body }: { sessionId: string; body: PutAttendanceBody }) =>
      put<Attendance>(`/api/v1/course-sessions/${sessionId}/attendance`, body),
    onSuccess: (data) => qc.setQueryData([KEY, 'attendance', data.sessionId], data),
  });
}

export function useCompleteRun() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (runId: string) => api.post<Completion>(`/api/v1/course-runs/${runId}/complete`),
    onSuccess: refresh,
  });
}

export const certificateUrl = (enrollmentId: string) => `/api/v1/enrollments/${enrollmentId}/certificate.pdf`;

export { everything, KEY as COURSES_KEY };
