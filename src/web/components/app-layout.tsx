import { AppShell, Burger, Container, Group, Menu, NavLink, ScrollArea, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { useTranslation } from '../i18n/translate.js';
import { Link, Navigate, Outlet, useLocation, useNavigate } from '../router.js';
import { useMe } from '../api/hooks.js';
import type { Me } from '../api/types.js';
import { signOutState, useLogout } from '../features/auth/api.js';
import { ErrorScreen } from '../routes/error.js';
import { IconLogout } from './icons.js';
import { LanguageSwitcher } from './language-switcher.js';
import { Brand, FullPageLoader, SkipLink } from './layouts.js';

// The signed-in frame, in a chunk of its own: public pages (forms, login) never load it.

interface NavItem {
  to: string;
  label: string;
  permission?: string;
}

function useNavItems(me: Me) {
  const { t } = useTranslation();
  const isVolunteer = me.memberships.some((m) => m.role === 'volunteer');
  const main: NavItem[] = [
    { to: '/', label: t('nav.home') },
    ...(isVolunteer ? [{ to: '/portal', label: t('nav.portal') }] : []),
    ...[
      { to: '/volunteers', label: t('nav.volunteers'), permission: 'volunteers:read' },
      { to: '/requests', label: t('nav.requests'), permission: 'guide-requests:submit' },
      { to: '/courses', label: t('nav.courses'), permission: 'courses:read' },
      { to: '/agreements', label: t('nav.agreements'), permission: 'agreements:manage' },
      { to: '/expense-claims', label: t('nav.expenseClaims'), permission: 'expense-claims:manage' },
    ].filter((i) => me.permissions.includes(i.permission)),
    { to: '/profile', label: t('nav.profile') },
  ];
  const admin: NavItem[] = [
    { to: '/admin/organizations', label: t('nav.organizations'), permission: 'organizations:manage' },
    { to: '/admin/catalog', label: t('nav.catalog'), permission: 'catalog:manage' },
    { to: '/admin/users', label: t('nav.users'), permission: 'users:manage' },
    { to: '/admin/invitations', label: t('nav.invitations'), permission: 'invitations:manage' },
    { to: '/admin/api-tokens', label: t('nav.apiTokens'), permission: 'api-tokens:manage' },
    { to: '/admin/settings', label: t('nav.settings'), permission: 'network:manage' },
    { to: '/admin/audit', label: t('nav.audit'), permission: 'audit:read' },
    { to: '/admin/outbox', label: t('nav.outbox'), permission: 'outbox:read' },
  ].filter((i) => me.permissions.includes(i.permission));
  return { main, admin };
}

function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const logout = useLogout();
  const navigate = useNavigate();
  const initials = me.user.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join('');
  return (
    <Menu position="bottom-end" shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton className="user-button" data-testid="user-menu">
          <span className="avatar" aria-hidden="true">
            {initials || '?'}
          </span>
          <VisuallyHidden>{t('nav.userMenu', { name: me.user.name })}</VisuallyHidden>
          <Text component="span" size="sm" fw={500} visibleFrom="md" aria-hidden="true">
            {me.user.name}
          </Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.user.email}</Menu.Label>
        <Menu.Item onClick={() => navigate('/profile')}>{t('nav.profile')}</Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => logout.mutate()}>
          {t('nav.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function AppLayout({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const { main, admin } = useNavItems(me);
  useEffect(() => close(), [location.pathname, close]);

  const isActive = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname.startsWith(to));
  const link = (item: NavItem) => (
    <NavLink
      key={item.to}
      component={Link}
      to={item.to}
      label={item.label}
      active={isActive(item.to)}
      aria-current={isActive(item.to) ? 'page' : undefined}
      variant="light"
      className="nav-link"
    />
  );

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
              aria-expanded={opened}
              aria-controls="app-navbar"
            />
            <Brand />
            <Text size="sm" visibleFrom="sm" className="network-name" truncate>
              {me.network.name}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitcher />
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" id="app-navbar" aria-label={t('nav.label')} data-testid="app-navbar">
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {main.map(link)}
            {admin.length > 0 && (
              <>
                <Text component="h2" size="xs" fw={700} tt="uppercase" mt="md" mb={4} px="sm" className="nav-heading">
                  {t('nav.admin')}
                </Text>
                {admin.map(link)}
              </>
            )}
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" className="app-main" tabIndex={-1}>
        <Container size="lg" px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}

/** The signed-in area: sends strangers to /login and people who still owe TOTP set-up to /profile. */
export default function RequireAuth() {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageLoader asMain />;
  // Not a 401 (that is `null`): the server could not say who is signed in, so do not send them to /login.
  if (error) return <ErrorScreen error={error} onRetry={() => void refetch()} />;
  if (!me) {
    const next = location.pathname + location.search;
    const remember = next !== '/' && !signOutState.intentional;
    return <Navigate to={remember ? `/login?next=${encodeURIComponent(next)}` : '/login'} replace />;
  }
  if (me.totpSetupRequired && location.pathname !== '/profile') {
    return <Navigate to="/profile" replace state={{ notice: 'totpSetupRequired' }} />;
  }
  return <AppLayout me={me} />;
}
