import { Alert, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import type { VolunteerDetail } from '../../../common/api/volunteers.js';
import { IconAlert } from '../../components/icons.js';
import { formatNumber } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Facts, Flag, Section } from './components.js';
import { formatIsoDate } from './vocabulary.js';

/** A bar for a load against its maximum; full width is the maximum, beyond it the bar turns red. */
function Meter({ value, max }: { value: number; max: number }) {
  const share = max > 0 ? Math.min(100, (value / max) * 100) : value > 0 ? 100 : 0;
  const over = value > max;
  return (
    <Progress.Root className="load-meter" size="md" aria-hidden="true">
      <Progress.Section value={share} color={over ? 'red.8' : share >= 100 ? 'orange.7' : 'blue.7'} />
    </Progress.Root>
  );
}

/**
 * Load and wellbeing first: who carries more than agreed must be seen at a glance (helpers risk
 * secondary traumatisation; coordinators relieve them and offer supervision).
 */
export function WellbeingSection({ v }: { v: VolunteerDetail }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const w = v.wellbeing;
  const overAgreements = w.activeAgreements > v.maxActiveAgreements;
  const overHours = w.hoursThisMonth > v.maxHoursPerMonth;
  const agreements = t('volunteers.wellbeing.agreementsOf', {
    active: formatNumber(w.activeAgreements, locale),
    max: formatNumber(v.maxActiveAgreements, locale),
  });
  const hours = t('volunteers.wellbeing.hoursOf', {
    hours: formatNumber(w.hoursThisMonth, locale),
    max: formatNumber(v.maxHoursPerMonth, locale),
  });
  return (
    <Section id="profile-wellbeing" title={t('volunteers.sections.wellbeing')}>
      <Stack gap="md">
        {w.overloaded && (
          <Alert role="note" color="red" variant="light" icon={<IconAlert />} title={t('volunteers.wellbeing.overloadedTitle')}>
            <Text size="sm">
              {overAgreements && overHours
                ? t('volunteers.wellbeing.overloadedBoth')
                : overAgreements
                  ? t('volunteers.wellbeing.overloadedAgreements')
                  : t('volunteers.wellbeing.overloadedHours')}{' '}
              {t('volunteers.wellbeing.overloadedAdvice')}
            </Text>
          </Alert>
        )}
        <Facts
          items={[
            {
              key: 'agreements',
              label: t('volunteers.wellbeing.activeAgreements'),
              value: (
                <>
                  <span className="load-text">
                    <span data-over={overAgreements || undefined}>{agreements}</span>
                  </span>
                  <Meter value={w.activeAgreements} max={v.maxActiveAgreements} />
                </>
              ),
            },
            {
              key: 'hours',
              label: t('volunteers.wellbeing.hoursThisMonth'),
              value: (
                <>
                  <span className="load-text">
                    <span data-over={overHours || undefined}>{hours}</span>
                  </span>
                  <Meter value={w.hoursThisMonth} max={v.maxHoursPerMonth} />
                </>
              ),
            },
            {
              key: 'capacity',
              label: t('volunteers.capacity.label'),
              value: w.overloaded ? (
                <Flag color="red">{t('volunteers.flags.overloaded')}</Flag>
              ) : v.freeCapacity ? (
                <Flag color="green">{t('volunteers.capacity.free')}</Flag>
              ) : (
                <Flag color="gray">{t('volunteers.capacity.notFree')}</Flag>
              ),
            },
            {
              key: 'supervision',
              label: t('volunteers.sections.supervision'),
              value: (
                <Group gap="xs" wrap="wrap">
                  <span>{w.lastSupervisionOn ? t('volunteers.supervision.last', { date: formatIsoDate(w.lastSupervisionOn, locale) }) : t('volunteers.supervision.never')}</span>
                  {w.supervisionDue && <Flag>{t('volunteers.flags.supervisionDue')}</Flag>}
                </Group>
              ),
            },
          ]}
        />
        <Text size="sm" className="secondary-text">
          {t('volunteers.capacity.explain')}
        </Text>
      </Stack>
    </Section>
  );
}
