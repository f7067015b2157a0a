import { Anchor, Box, Center, Container, Group, Loader } from '@mantine/core';
import { useTranslation } from '../i18n/translate.js';
import { Link, Navigate, Outlet, useLocation } from '../router.js';
import { useMe } from '../api/hooks.js';
import { ForbiddenPage } from '../routes/not-found.js';
import { LanguageSwitcher } from './language-switcher.js';

export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t('nav.skipToContent')}
    </a>
  );
}

export function Brand() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/" fw={700} fz="lg" c="var(--mantine-color-text)" underline="never" className="brand">
      {t('app.name')}
    </Anchor>
  );
}

/** A loading spinner inside a page section, announced to screen readers. */
export function InlineLoader() {
  const { t } = useTranslation();
  return (
    <Center py="md">
      <Loader aria-label={t('app.loading')} role="status" />
    </Center>
  );
}

export function FullPageLoader({ asMain = false }: { asMain?: boolean }) {
  const { t } = useTranslation();
  return (
    <Center mih="60vh" component={asMain ? 'main' : 'div'} id={asMain ? 'main' : undefined}>
      <Loader aria-label={t('app.loading')} role="status" />
    </Center>
  );
}

/** Pages for people who are not signed in: a narrow column and the language switcher. */
export function PublicLayout() {
  return (
    <>
      <SkipLink />
      <Box component="header" className="public-header">
        <Group justify="space-between" px="md" py="sm" maw={960} mx="auto">
          <Brand />
          <LanguageSwitcher />
        </Group>
      </Box>
      <Container component="main" id="main" size={460} py="xl" px="md" tabIndex={-1}>
        <Outlet />
      </Container>
    </>
  );
}

/** Shows the nested routes only to people holding the permission; others see the "not allowed" page. */
export function RequirePermission({ permission }: { permission: string }) {
  const { data: me } = useMe();
  return me?.permissions.includes(permission) ? <Outlet /> : <ForbiddenPage />;
}

/** Public pages that make no sense when signed in (the login form) send the person home. */
export function RedirectIfSignedIn({ children }: { children: React.ReactNode }) {
  const { data: me, isPending } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageLoader />;
  if (me) {
    const next = new URLSearchParams(location.search).get('next');
    return <Navigate to={next && next.startsWith('/') && !next.startsWith('//') ? next : '/'} replace />;
  }
  return <>{children}</>;
}
