import { Anchor, Button, Center, Group, Loader, Tabs, Text } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import { Link, useParams, useSearchParams } from '../../router.js';
import { useCan } from '../../api/hooks.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { AgreementsTab } from './agreements-tab.js';
import { lastListSearch, useCatalogues, useVolunteer } from './api.js';
import { Flag, VolunteerStatusBadge } from './components.js';
import { DocumentsTab } from './documents.js';
import { HistoryTab } from './history-tab.js';
import { ProfileTab } from './profile-tab.js';
import { QualificationsTab } from './qualifications-tab.js';

const TABS = ['profile', 'qualifications', 'agreements', 'documents', 'history'] as const;
type Tab = (typeof TABS)[number];

export default function VolunteerPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const canManage = useCan('volunteers:manage');
  const volunteer = useVolunteer(id);
  const catalogues = useCatalogues();
  const v = volunteer.data;
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'profile';
  const title = v ? `${v.firstName} ${v.lastName}` : t('volunteers.profileTitle');

  return (
    <Page
      title={title}
      freeTitle={!!v}
      actions={
        v &&
        canManage && (
          <Button component={Link} to={`/volunteers/${id}/edit`}>
            {t('volunteers.editProfile')}
          </Button>
        )
      }
    >
      <Anchor component={Link} to={`/volunteers${lastListSearch()}`} size="sm">
        {t('volunteers.backToList')}
      </Anchor>
      {volunteer.error ? (
        <ProblemAlert error={volunteer.error} />
      ) : !v ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} role="status" />
        </Center>
      ) : (
        <>
          <Group gap="sm" wrap="wrap" aria-label={t('volunteers.summary')} role="group">
            <VolunteerStatusBadge status={v.status} />
            <Text size="sm" className="secondary-text">
              {t('volunteers.statusSince', { date: formatDate(v.statusSince, locale) })}
            </Text>
            {v.deployable ? <Flag color="green">{t('volunteers.deployable.short')}</Flag> : <Flag>{t('volunteers.flags.notDeployable')}</Flag>}
            {v.wellbeing.overloaded && <Flag color="red">{t('volunteers.flags.overloaded')}</Flag>}
            {v.freeCapacity && <Flag color="green">{t('volunteers.capacity.free')}</Flag>}
            {!v.onboarding.policeCertificateValid && <Flag>{t('volunteers.flags.policeMissing')}</Flag>}
            {v.wellbeing.supervisionDue && (v.status === 'active' || v.status === 'paused') && <Flag>{t('volunteers.flags.supervisionDue')}</Flag>}
          </Group>
          <Tabs value={tab} onChange={(next) => setParams(next && next !== 'profile' ? { tab: next } : {}, { replace: true })} keepMounted={false}>
            <Tabs.List>
              {TABS.map((k) => (
                <Tabs.Tab key={k} value={k}>
                  {t(`volunteers.tabs.${k}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="profile" pt="lg">
              <ProfileTab v={v} catalogues={catalogues} />
            </Tabs.Panel>
            <Tabs.Panel value="qualifications" pt="lg">
              <QualificationsTab v={v} catalogues={catalogues} />
            </Tabs.Panel>
            <Tabs.Panel value="agreements" pt="lg">
              <AgreementsTab v={v} />
            </Tabs.Panel>
            <Tabs.Panel value="documents" pt="lg">
              <DocumentsTab volunteerId={v.id} />
            </Tabs.Panel>
            <Tabs.Panel value="history" pt="lg">
              <HistoryTab v={v} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </Page>
  );
}
