import { Anchor, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from '../i18n/translate.js';
import { Link } from '../router.js';
import { useAllOrganizations, useSignedInMe } from '../api/hooks.js';
import { Page } from '../components/page.js';
import { InboxPanel } from '../features/inbox/inbox.js';
import { NetworkFigures } from '../features/reports/figures.js';
import { isolate } from '../i18n/format.js';

const ADMIN_LINKS = [
  { to: '/admin/organizations', key: 'organizations', permission: 'organizations:manage' },
  { to: '/admin/users', key: 'users', permission: 'users:manage' },
  { to: '/admin/invitations', key: 'invitations', permission: 'invitations:manage' },
  { to: '/admin/api-tokens', key: 'apiTokens', permission: 'api-tokens:manage' },
  { to: '/admin/settings', key: 'settings', permission: 'network:manage' },
  { to: '/admin/audit', key: 'audit', permission: 'audit:read' },
  { to: '/admin/outbox', key: 'outbox', permission: 'outbox:read' },
] as const;

export default function HomePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const orgs = useAllOrganizations(me.permissions.includes('organizations:read'));
  const orgName = (id: string) => orgs.data?.find((o) => o.id === id)?.name ?? t('home.unknownOrganization');
  const links = ADMIN_LINKS.filter((l) => me.permissions.includes(l.permission));

  return (
    <Page title={t('home.title', { name: isolate(me.user.name) })}>
      <Text size="lg">{t('home.intro', { network: isolate(me.network.name) })}</Text>
      {me.permissions.includes('guide-requests:manage') && <InboxPanel />}
      {/* Funders and management: the network's figures (the coordination office has its inbox instead). */}
      {me.permissions.includes('reports:read') && !me.permissions.includes('guide-requests:manage') && <NetworkFigures network={isolate(me.network.name)} />}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="home-memberships">
          <Title order={2} size="h3" id="home-memberships" mb="sm">
            {t('home.memberships')}
          </Title>
          {me.memberships.length === 0 ? (
            <Text>{t('home.noMemberships')}</Text>
          ) : (
            <List spacing="xs">
              {me.memberships.map((m) => (
                <List.Item key={`${m.organizationId}-${m.role}`}>
                  {t('home.membership', { role: t(`roles.${m.role}`), organization: isolate(orgName(m.organizationId)) })}
                </List.Item>
              ))}
            </List>
          )}
        </Card>
        <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="home-next">
          <Title order={2} size="h3" id="home-next" mb="sm">
            {t('home.shortcuts')}
          </Title>
          <Stack gap="xs" align="flex-start">
            <Anchor component={Link} to="/profile">
              {t('home.profileLink')}
            </Anchor>
            {links.map((l) => (
              <Anchor key={l.to} component={Link} to={l.to}>
                {t(`nav.${l.key}`)}
              </Anchor>
            ))}
          </Stack>
        </Card>
      </SimpleGrid>
    </Page>
  );
}
