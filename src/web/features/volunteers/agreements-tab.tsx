import { Anchor, Group, Stack } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';
import type { VolunteerDetail } from '../../../common/api/volunteers.js';
import { useCan } from '../../api/hooks.js';
import { Facts, Section } from './components.js';

export function AgreementsTab({ v }: { v: VolunteerDetail }) {
  const { t } = useTranslation();
  const canManage = useCan('agreements:manage');
  return (
    <Stack gap="lg">
      {canManage && (
        <Group gap="md" wrap="wrap">
          <Anchor component={Link} to={`/agreements?volunteerId=${encodeURIComponent(v.id)}&status=all`}>
            {t('volunteers.agreements.open')}
          </Anchor>
          <Anchor component={Link} to={`/agreements/new?volunteerId=${encodeURIComponent(v.id)}`}>
            {t('placements.agreements.record')}
          </Anchor>
        </Group>
      )}
      <Section id="agreements-limits" title={t('volunteers.sections.capacity')}>
        <Facts
          items={[
            { label: t('volunteers.fields.maxActiveAgreements'), value: v.maxActiveAgreements },
            { label: t('volunteers.fields.maxHoursPerMonth'), value: v.maxHoursPerMonth },
          ]}
        />
      </Section>
    </Stack>
  );
}
