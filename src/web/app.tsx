import {
  DirectionProvider,
  MantineProvider,
  createTheme,
  mergeThemeOverrides,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver,
  useDirection,
} from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { directionOf } from '../common/locales.js';
import { ME_KEY, useMe } from './api/hooks.js';
import { onSessionProblem, queryClient } from './api/query-client.js';
import { PublicLayout, RedirectIfSignedIn, RequireAuth, RequirePermission } from './components/layouts.js';
import { catalogRoutes } from './features/catalog/routes.js';
import { courseRoutes } from './features/courses/routes.js';
import { guideRequestRoutes } from './features/guide-requests/routes.js';
import { placementRoutes } from './features/placements/routes.js';
import { portalRoutes } from './features/portal/routes.js';
import { publicVolunteerRoutes } from './features/public/routes.js';
import { volunteerImportRoutes } from './features/volunteer-imports/routes.js';
import { volunteerRoutes } from './features/volunteers/routes.js';
import { currentLocale } from './i18n/index.js';
import { LocaleSync } from './i18n/locale.js';
import ApiTokensPage from './routes/admin/api-tokens.js';
import AuditPage from './routes/admin/audit.js';
import InvitationsPage from './routes/admin/invitations.js';
import OrganizationsPage from './routes/admin/organizations.js';
import OutboxPage from './routes/admin/outbox.js';
import SettingsPage from './routes/admin/settings.js';
import UsersPage from './routes/admin/users.js';
import ForgotPasswordPage from './routes/forgot-password.js';
import HomePage from './routes/home.js';
import InvitationPage from './routes/invitation.js';
import LoginPage from './routes/login.js';
import NotFoundPage from './routes/not-found.js';
import ProfilePage from './routes/profile.js';
import RouteErrorPage from './routes/error.js';
import ResetPasswordPage from './routes/reset-password.js';

/**
 * Text on "light" and "outline" variants (alerts, badges, secondary buttons) uses shade 9, so that
 * coloured text keeps 4.5:1 contrast on white and on the tinted backgrounds.
 */
// Shade 9 of these palettes is still too light for small text; darker tones of the same hue.
const DARK_TEXT: Record<string, string> = {
  green: '#1e6b30',
  orange: '#a63a0c',
  yellow: '#7a5b00',
  teal: '#0b6b5a',
  cyan: '#0b6378',
  lime: '#4a6b10',
};

const variantColorResolver: VariantColorsResolver = (input) => {
  const result = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({
    color: input.color || input.theme.primaryColor,
    theme: input.theme,
  });
  if (!parsed.isThemeColor || parsed.color === 'gray' || parsed.color === 'dark') return result;
  const strong = DARK_TEXT[parsed.color] ?? `var(--mantine-color-${parsed.color}-9)`;
  if (input.variant === 'light') return { ...result, color: strong, hoverColor: strong };
  if (input.variant === 'outline')
    return {
      ...result,
      color: strong,
      border: `1px solid ${strong}`,
      hoverColor: strong,
    };
  if (input.variant === 'subtle') return { ...result, color: strong, hoverColor: strong };
  return result;
};

const baseTheme = createTheme({
  variantColorResolver,
  primaryColor: 'blue',
  // Shade 8 keeps white text on filled buttons and blue links above 4.5:1 contrast.
  primaryShade: 8,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Helvetica Neue", Arial, sans-serif',
  headings: {
    fontWeight: '650',
    sizes: {
      h1: { fontSize: '1.75rem', lineHeight: '1.3' },
      h2: { fontSize: '1.375rem', lineHeight: '1.35' },
      h3: { fontSize: '1.125rem', lineHeight: '1.4' },
    },
  },
  components: {
    Button: { defaultProps: { color: 'blue' } },
  },
});

/**
 * Per language: the show-password toggle is a labelled, focusable button (Mantine hides it by
 * default); a notification's close button says what it does, and its text under a title is dark
 * enough to read (Mantine's gray.6 is below 4.5:1 on white).
 */
function useTheme() {
  const { t } = useTranslation();
  return useMemo(
    () =>
      mergeThemeOverrides(baseTheme, {
        components: {
          PasswordInput: {
            defaultProps: { visibilityToggleButtonProps: { tabIndex: 0, 'aria-label': t('fields.showPassword') } },
          },
          Notification: {
            defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } },
            styles: { description: { color: 'var(--mantine-color-gray-7)' } },
          },
        },
      }),
    [t],
  );
}

// Mantine's "dimmed" grey (gray.6) is below 4.5:1 on white; secondary text uses gray.7 instead.
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});

/** Unknown addresses: inside the app frame when signed in, else in the public frame. */
function NotFoundRoute() {
  const { data: me, isPending } = useMe();
  if (isPending) return null;
  return me ? <RequireAuth /> : <PublicLayout />;
}

const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          {
            path: '/login',
            element: (
              <RedirectIfSignedIn>
                <LoginPage />
              </RedirectIfSignedIn>
            ),
          },
          { path: '/forgot-password', element: <ForgotPasswordPage /> },
          { path: '/reset-password', element: <ResetPasswordPage /> },
          { path: '/invitation', element: <InvitationPage /> },
          ...publicVolunteerRoutes,
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          { path: '/', element: <HomePage /> },
          { path: '/profile', element: <ProfilePage /> },
          ...volunteerRoutes,
          ...volunteerImportRoutes,
          ...courseRoutes,
          ...guideRequestRoutes,
          ...portalRoutes,
          ...placementRoutes,
          ...catalogRoutes,
          {
            path: '/admin/organizations',
            element: <RequirePermission permission="organizations:manage" />,
            children: [{ index: true, element: <OrganizationsPage /> }],
          },
          {
            path: '/admin/users',
            element: <RequirePermission permission="users:manage" />,
            children: [{ index: true, element: <UsersPage /> }],
          },
          {
            path: '/admin/invitations',
            element: <RequirePermission permission="invitations:manage" />,
            children: [{ index: true, element: <InvitationsPage /> }],
          },
          {
            path: '/admin/api-tokens',
            element: <RequirePermission permission="api-tokens:manage" />,
            children: [{ index: true, element: <ApiTokensPage /> }],
          },
          {
            path: '/admin/settings',
            element: <RequirePermission permission="network:manage" />,
            children: [{ index: true, element: <SettingsPage /> }],
          },
          {
            path: '/admin/audit',
            element: <RequirePermission permission="audit:read" />,
            children: [{ index: true, element: <AuditPage /> }],
          },
          {
            path: '/admin/outbox',
            element: <RequirePermission permission="outbox:read" />,
            children: [{ index: true, element: <OutboxPage /> }],
          },
        ],
      },
      {
        element: <NotFoundRoute />,
        children: [{ path: '*', element: <NotFoundPage /> }],
      },
    ],
  },
]);

/** Reacts to problems that concern the whole session, wherever they come from. */
function SessionProblems() {
  useEffect(
    () =>
      onSessionProblem((error) => {
        if (error.slug === 'unauthenticated') {
          // The session ended (expired, or signed out elsewhere): the guard sends the person to /login.
          queryClient.setQueryData(ME_KEY, null);
        } else if (error.slug === 'totp-setup-required') {
          void queryClient.invalidateQueries({ queryKey: ME_KEY });
          void router.navigate('/profile', {
            state: { notice: 'totpSetupRequired' },
          });
        }
      }),
    [],
  );
  return null;
}

/** Messages in the bottom corner on the reading end, at most three: they never cover a page's heading. */
function Toasts() {
  const { dir } = useDirection();
  return <Notifications position={dir === 'rtl' ? 'bottom-left' : 'bottom-right'} limit={3} />;
}

export function App() {
  const theme = useTheme();
  return (
    <QueryClientProvider client={queryClient}>
      <DirectionProvider initialDirection={directionOf(currentLocale())} detectDirection={false}>
        <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
          <Toasts />
          <LocaleSync />
          <SessionProblems />
          <RouterProvider router={router} />
        </MantineProvider>
      </DirectionProvider>
    </QueryClientProvider>
  );
}
