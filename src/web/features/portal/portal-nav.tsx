import { Button, Menu } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import { Link, useLocation } from '../../router.js';

export interface PortalSection {
  to: string;
  label: string;
}

/** The menu button's arrow; decorative, the button carries the label. */
function Chevron() {
  return (
    <svg
      width={16}
      height={16}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M6 9l6 6 6-6" />
    </svg>
  );
}

const PARTS = ['proposals', 'agreements', 'deployments', 'claims', 'courses', 'profile'] as const;

/** The parts of the portal, in the order she meets them: the landing page first. */
export function usePortalSections(): PortalSection[] {
  const { t } = useTranslation();
  return [{ to: '/portal', label: t('portal.nav.home') }, ...PARTS.map((p) => ({ to: `/portal/${p}`, label: t(`portal.nav.${p}`) }))];
}

/** The part of the portal the address names, or null outside the portal frame. */
export function usePortalSection(): PortalSection | null {
  const { pathname } = useLocation();
  const sections = usePortalSections();
  const path = pathname.replace(/\/+$/, '') || '/';
  return sections.find((s) => s.to === path) ?? null;
}

/**
 * Where the anchors of the former one-page portal lead now, so that old links and bookmarks
 * (`/portal#portal-bank`) still reach their part.
 */
export const PORTAL_HASHES: Record<string, string> = {
  'portal-proposals': '/portal/proposals',
  'portal-agreements': '/portal/agreements',
  'portal-deployments': '/portal/deployments',
  'portal-claim': '/portal/claims',
  'portal-bank': '/portal/claims#portal-bank',
  'portal-courses': '/portal/courses',
  'portal-status': '/portal/profile',
  'portal-contact': '/portal/profile#portal-contact',
  'portal-languages': '/portal/profile#portal-languages',
  'portal-times': '/portal/profile#portal-times',
  'portal-absences': '/portal/profile#portal-absences',
  'portal-interests': '/portal/profile#portal-interests',
};

/**
 * Between the parts of the portal: a row of tabs on wider screens, one compact menu on phones.
 * Both are plain links (each part is a page of its own), the current one marked for screen readers.
 */
export function PortalNav() {
  const { t } = useTranslation();
  const sections = usePortalSections();
  const current = usePortalSection();
  return (
    <nav aria-label={t('portal.nav.label')} className="portal-nav">
      <ul className="portal-tabs">
        {sections.map((s) => (
          <li key={s.to}>
            <Link to={s.to} className="portal-tab" aria-current={current?.to === s.to ? 'page' : undefined}>
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
      <div className="portal-menu">
        <Menu position="bottom-start" width="target" shadow="md">
          <Menu.Target>
            <Button
              variant="default"
              fullWidth
              justify="space-between"
              styles={{ label: { flex: 1 } }}
              rightSection={<Chevron />}
              aria-label={t('portal.nav.menuNamed', { current: current?.label ?? t('portal.title') })}
            >
              {current?.label ?? t('portal.title')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {sections.map((s) => (
              <Menu.Item
                key={s.to}
                component={Link}
                to={s.to}
                aria-current={current?.to === s.to ? 'page' : undefined}
                className="portal-menu-item"
              >
                {s.label}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </div>
    </nav>
  );
}
