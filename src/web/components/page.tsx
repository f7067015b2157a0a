import { Group, Stack, Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from '../i18n/translate.js';

let firstPage = true;

/** Sets the document title of a page. */
export function useDocumentTitle(title: string) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
}

interface PageProps {
  title: string;
  /** The title is text people typed (a request's title): it takes its own direction (see bidi.tsx). */
  freeTitle?: boolean;
  /** Buttons next to the heading, e.g. "Create". */
  actions?: ReactNode;
  children: ReactNode;
}

/**
 * A page's one <h1> and document title. After a client-side navigation the heading takes the focus,
 * so that screen readers announce the new page and keyboard users start at its top.
 */
export function Page({ title, freeTitle, actions, children }: PageProps) {
  useDocumentTitle(title);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Title order={1} ref={ref} tabIndex={-1} className="page-title" dir={freeTitle ? 'auto' : undefined}>
          {title}
        </Title>
        {actions && <Group gap="sm">{actions}</Group>}
      </Group>
      {children}
    </Stack>
  );
}
