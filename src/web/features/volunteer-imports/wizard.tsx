import { List, Stack, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { ProblemError } from '../../api/client.js';
import { ProblemAlert } from '../../components/problem-alert.js';

/* The frame of the import wizard: its steps, each step's heading, and the problem a step ran into. */

export type Step = 'file' | 'mapping' | 'preview' | 'import';
const STEPS: Step[] = ['file', 'mapping', 'preview', 'import'];

/** Which step the wizard is on, as a list that says so to screen readers too. */
export function StepList({ current }: { current: Step }) {
  const { t } = useTranslation();
  const index = STEPS.indexOf(current);
  return (
    <nav aria-label={t('import.steps.label')}>
      <ol className="import-steps">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={s === current ? 'step' : undefined} data-state={i < index ? 'done' : i === index ? 'current' : 'todo'}>
            <span className="import-step-number" aria-hidden="true">
              {i + 1}
            </span>
            <span>
              <span className="visually-hidden">
                {t('import.steps.number', {
                  number: i + 1,
                  total: STEPS.length,
                })}{' '}
              </span>
              {t(`import.steps.${s}`)}
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The problem and, for mapping errors, each field's message. */
export function ImportProblem({ error }: { error: unknown }) {
  if (!error) return null;
  const fieldErrors = error instanceof ProblemError ? (error.problem.errors ?? []) : [];
  return (
    <Stack gap="xs">
      <ProblemAlert error={error} />
      {fieldErrors.length > 0 && (
        <List size="sm" className="import-error-list">
          {fieldErrors.map((e) => (
            <List.Item key={e.path + e.message}>{e.message}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

export function StepHeading({ children, focus }: { children: string; focus: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  // Moving to another step puts the reading position at its heading (not on the page's first load).
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <Title order={2} ref={ref} tabIndex={-1} className="page-title">
      {children}
    </Title>
  );
}
