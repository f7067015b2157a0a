import type { Problem } from '../../common/api/index.js';
import { currentLocale, i18n } from '../i18n/index.js';

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

/**
 * Create submissions not yet settled, each with its Idempotency-Key: the same submission (same
 * path, same body) sent again while it is open — a retry after a lost answer, a second click that
 * slipped past the disabled button — carries the same key, so the server creates once and answers
 * the first result. A success or a refusal settles it; a changed form is another body, so another
 * key. A key is given up after a while (the server keeps them a day), so a form is never stuck.
 */
const openSubmissions = new Map<string, { key: string; since: number }>();
const SUBMISSION_LIFETIME_MS = 10 * 60_000;

function idempotencyKeyFor(submission: string): string {
  const now = Date.now();
  for (const [id, open] of openSubmissions) if (now - open.since > SUBMISSION_LIFETIME_MS) openSubmissions.delete(id);
  let open = openSubmissions.get(submission);
  if (!open) {
    open = { key: randomKey(), since: now };
    openSubmissions.set(submission, open);
  }
  return open.key;
}

/** A random UUID; `crypto.randomUUID` exists only on https and localhost, an office LAN may serve plain http. */
function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function request<T>(method: string, path: string, body?: unknown, idempotent = false): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', 'Accept-Language': currentLocale() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const submission = idempotent ? `${method} ${path} ${JSON.stringify(body)}` : null;
  if (submission) headers['Idempotency-Key'] = idempotencyKeyFor(submission);
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    // The request may have arrived: a retry of this submission keeps its key.
    throw new NetworkError(error);
  }
  if (submission && response.ok) openSubmissions.delete(submission);
  if (response.status === 204 || response.status === 202) {
    return undefined as T;
  }
  const type = response.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    // Refused: settled. A server failure, or the first request still running, may yet create: a retry keeps the key.
    const inProgress = response.status === 409 && (data as Problem | null)?.type === `${PROBLEM_PREFIX}idempotency-key-in-progress`;
    if (submission && response.status < 500 && !inProgress) openSubmissions.delete(submission);
    // A proxy or gateway in between may answer without problem+json; say so in the reader's language.
    const problem =
      data && typeof data === 'object' && 'title' in data
        ? (data as Problem)
        : {
            type: 'about:blank',
            title: i18n.t('errors.unexpectedTitle'),
            detail: i18n.t('errors.serverStatus', { status: response.status }),
            status: response.status,
          };
    throw new ProblemError({ ...problem, status: problem.status ?? response.status });
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  /** A POST that creates a record: sent with an Idempotency-Key, so a repeat of the same submission creates nothing. */
  create: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}, true),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
