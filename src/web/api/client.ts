import type { Problem } from '../../common/api/index.js';
import { currentLocale, i18next } from '../i18n/index.js';

const PROBLEM_PREFIX = 'https://lotse.dev/problems/';

/** An answer of the API that was not a success, carrying the server's localised problem. */
export class ProblemError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** The last part of the problem type, e.g. `totp-required`. */
  get slug(): string {
    const t = this.problem.type ?? '';
    return t.startsWith(PROBLEM_PREFIX) ? t.slice(PROBLEM_PREFIX.length) : t;
  }

  /** What to show the person: the server's localised detail, else its title. */
  get detail(): string {
    return this.problem.detail ?? this.problem.title;
  }
}

export function isProblem(error: unknown, slug?: string): error is ProblemError {
  return error instanceof ProblemError && (slug === undefined || error.slug === slug);
}

/** Thrown when the server cannot be reached at all; the UI shows a generic message. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network', { cause });
    this.name = 'NetworkError';
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', 'Accept-Language': currentLocale() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (response.status === 204 || response.status === 202) {
    return undefined as T;
  }
  const type = response.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    // A proxy or gateway in between may answer without problem+json; say so in the reader's language.
    const problem =
      data && typeof data === 'object' && 'title' in data
        ? (data as Problem)
        : {
            type: 'about:blank',
            title: i18next.t('errors.unexpectedTitle'),
            detail: i18next.t('errors.serverStatus', { status: response.status }),
            status: response.status,
          };
    throw new ProblemError({ ...problem, status: problem.status ?? response.status });
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
