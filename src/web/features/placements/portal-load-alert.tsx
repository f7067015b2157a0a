import { Alert } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import { type VolunteerDetail } from '../../../common/api/volunteers.js';
import { IconAlert } from '../../components/icons.js';
import './placements.css';

/** A word of care when her load is above what was agreed (the portal's landing page). */
export function LoadAlert({ volunteer }: { volunteer: VolunteerDetail }) {
  const { t } = useTranslation();
  if (!volunteer.wellbeing.overloaded) return null;
  return (
    <Alert role="note" color="orange" variant="light" icon={<IconAlert />} title={t('placements.load.title')}>
      {t('placements.load.text', { agreements: volunteer.wellbeing.activeAgreements, hours: volunteer.wellbeing.hoursThisMonth })}
    </Alert>
  );
}
