import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from '../i18n/translate.js';
import { useCallback, useEffect, useState, type RefObject } from 'react';
import type { z } from 'zod';
import { ProblemError } from '../api/client.js';
import { formPath } from './form-path.js';

/** The value at an issue's path: Zod 4 issues do not carry their input unless asked to. */
function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let node = root;
  for (const part of path) node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[part] : undefined;
  return node;
}

function issueMessage(issue: z.core.$ZodIssue, t: TFunction, input: unknown): string {
  // Empty, or emptied into null by the form's preparation: the field is missing, whatever the rule.
  if (input === '' || input === undefined || input === null) return t('validation.required');
  if (issue.message && !issue.message.includes(' ') && t(`validation.${issue.message}`, { defaultValue: '' })) {
    // Such a message may name the limit it enforces ({minimum}, {maximum}), as written (a year, no grouping).
    const limits = issue as { minimum?: number | bigint; maximum?: number | bigint };
    return t(`validation.${issue.message}`, { minimum: String(limits.minimum), maximum: String(limits.maximum) });
  }
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? t('validation.required') : t('validation.tooShort', { minimum: Number(issue.minimum) });
      }
      if (issue.origin === 'array') return t('validation.required');
      return t('validation.tooSmall', { minimum: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('validation.tooLong', { maximum: Number(issue.maximum) });
      return t('validation.tooBig', { maximum: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.invalidEmail');
      if (issue.format === 'url') return t('form.invalidUrl');
      if (issue.format === 'regex') return t('form.invalidFormat');
      return t('validation.invalidType');
    case 'invalid_value':
      return t('validation.invalidEnum');
    case 'invalid_type':
      return t('validation.invalidType');
    default:
      return t('validation.invalidType');
  }
}

/** A Mantine form validator from a shared Zod schema, with messages from the catalogues. */
export function zodValidator<T>(schema: z.ZodType, t: TFunction, prepare?: (values: T) => unknown) {
  return (values: T): Record<string, string> => {
    const prepared = prepare ? prepare(values) : values;
    const result = schema.safeParse(prepared);
    if (result.success) return {};
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const key = issue.path.map(String).join('.');
      if (!errors[key]) errors[key] = issueMessage(issue, t, valueAt(prepared, issue.path));
    }
    return errors;
  };
}

/**
 * Put the server's field errors onto the form; answers whether every error found its field
 * (when not, the page shows the problem's detail as well — it always does anyway).
 */
export function applyProblemToForm<T>(form: UseFormReturnType<T>, error: unknown): void {
  if (!(error instanceof ProblemError) || !error.problem.errors) return;
  const fields: Record<string, string> = {};
  for (const e of error.problem.errors) fields[formPath(e.path)] = e.message;
  form.setErrors(fields);
}

/** Empty text inputs become null, as the API expects for cleared optional fields. */
export function emptyToNull<T extends Record<string, unknown>>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeof v === 'string' && v.trim() === '' ? null : v;
  return out as T;
}

/**
 * After a failed check or save: once React has drawn the errors, the first field in error inside
 * `container` takes the focus, so that nobody hunts for it; without one, `message` scrolls into
 * view. (A plain animation frame can run before the errors are drawn on a busy machine.)
 */
export function useFocusProblem(container: RefObject<HTMLElement | null>, message?: RefObject<HTMLElement | null>): () => void {
  const [requested, setRequested] = useState(0);
  useEffect(() => {
    if (!requested) return;
    const invalid = container.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else message?.current?.scrollIntoView({ block: 'center' });
  }, [requested, container, message]);
  return useCallback(() => setRequested((n) => n + 1), []);
}

export interface OnDemand<M> {
  get: () => M | undefined;
  load: () => Promise<M | undefined>;
}

/**
 * The `<form>` handlers of a form whose schemas load on demand: the first focus inside starts the
 * fetch, a submit waits for it (or for its failure) and then submits.
 */
export function onDemandFormHandlers(schemas: OnDemand<unknown>, submit: () => void) {
  return {
    onFocusCapture: () => void schemas.load(),
    onSubmit: (event: { preventDefault: () => void }) => {
      event.preventDefault();
      void schemas.load().then(() => submit());
    },
  };
}

/**
 * A module fetched only once a person starts on a form: a public form's schemas (with zod, ≈ 20 KB
 * compressed) are not needed to show it. `load` begins on the first focus inside the form and is
 * awaited on submit; until then, or if it cannot be fetched, `get` answers undefined and the server's
 * own check (it validates every request) still names the faulty fields.
 */
export function onDemand<M>(load: () => Promise<M>): OnDemand<M> {
  let value: M | undefined;
  let pending: Promise<M | undefined> | undefined;
  return {
    get: () => value,
    load: (): Promise<M | undefined> =>
      (pending ??= load().then(
        (m) => (value = m),
        (error: unknown) => {
          console.error(error);
          pending = undefined;
          return undefined;
        },
      )),
  };
}
