import {
  DirectionProvider,
  MantineProvider,
  createTheme,
  mergeThemeOverrides,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver,
} from '@mantine/core';
import { useNotifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from './i18n/translate.js';
import { createBrowserRouter, RouterProvider } from './router.js';
import { directionOf } from '../common/locales.js';
import { ME_KEY, useMe } from './api/hooks.js';
import { onSessionProblem, queryClient } from './api/query-client.js';
import { PublicLayout, RedirectIfSignedIn, RequirePermission } from './components/layouts.js';
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
import { page } from './lazy-route.js';
import RouteErrorPage from './routes/error.js';

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

const RequireAuth = lazy(() => import('./components/app-layout.js'));

/** Unknown addresses: inside the app frame when signed in, else in the public frame. */
function NotFoundRoute() {
  const { data: me, isPending } = useMe();
  if (isPending) return null;
  return me ? (
    <Suspense>
      <RequireAuth />
    </Suspense>
  ) : (
    <PublicLayout />
  );
}

/** A page of the admin area, shown to holders of `permission`. */
function adminRoute(path: string, permission: string, load: Parameters<typeof page>[0]) {
  return { path, element: <RequirePermission permission={permission} />, children: [{ index: true, lazy: page(load) }] };
}

// Every page is a chunk of its own (the router's `lazy`), and so is the signed-in frame: a public
// form loads the framework, its layout and its own page, nothing of the coordinators' screens.
const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          {
            path: '/login',
            lazy: async () => {
              const { default: LoginPage } = await import('./routes/login.js');
              return {
                element: (
                  <RedirectIfSignedIn>
                    <LoginPage />
                  </RedirectIfSignedIn>
                ),
              };
            },
          },
          { path: '/forgot-password', lazy: page(() => import('./routes/forgot-password.js')) },
          { path: '/reset-password', lazy: page(() => import('./routes/reset-password.js')) },
          { path: '/invitation', lazy: page(() => import('./routes/invitation.js')) },
          ...publicVolunteerRoutes,
        ],
      },
      {
        lazy: page(() => import('./components/app-layout.js')),
        children: [
          { path: '/', lazy: page(() => import('./routes/home.js')) },
          { path: '/profile', lazy: page(() => import('./routes/profile.js')) },
          ...volunteerRoutes,
          ...volunteerImportRoutes,
          ...courseRoutes,
          ...guideRequestRoutes,
          ...portalRoutes,
          ...placementRoutes,
          ...catalogRoutes,
          adminRoute('/admin/organizations', 'organizations:manage', () => import('./routes/admin/organizations.js')),
          adminRoute('/admin/users', 'users:manage', () => import('./routes/admin/users.js')),
          adminRoute('/admin/invitations', 'invitations:manage', () => import('./routes/admin/invitations.js')),
          adminRoute('/admin/api-tokens', 'api-tokens:manage', () => import('./routes/admin/api-tokens.js')),
          adminRoute('/admin/settings', 'network:manage', () => import('./routes/admin/settings.js')),
          adminRoute('/admin/audit', 'audit:read', () => import('./routes/admin/audit.js')),
          adminRoute('/admin/outbox', 'outbox:read', () => import('./routes/admin/outbox.js')),
        ],
      },
      {
        element: <NotFoundRoute />,
        children: [{ path: '*', lazy: page(() => import('./routes/not-found.js')) }],
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

const Notifications = lazy(() => import('./toasts.js'));

/**
 * The toast container (with its transitions) comes in a chunk of its own once the first message is
 * shown: most visits of a public form never show one. Messages shown before it arrives wait in the store.
 */
function Toasts() {
  const { notifications, queue } = useNotifications();
  const [needed, setNeeded] = useState(false);
  if (!needed && notifications.length + queue.length > 0) setNeeded(true);
  return needed ? (
    <Suspense>
      <Notifications />
    </Suspense>
  ) : null;
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
