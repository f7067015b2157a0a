import { Alert, Box, Group, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import type { VolunteerDetail } from '../../../common/api/volunteers.js';
import { IconAlert, IconCheck } from '../../components/icons.js';
import { formatCompletionDate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { useNetwork } from './api.js';
import { Flag, Section } from './components.js';
import { formatIsoDate, nameOf, type Catalogues } from './vocabulary.js';

function Check({ done, children }: { done: boolean; children: ReactNode }) {
  return (
    <li>
      <span className="check-mark" data-done={done || undefined} aria-hidden="true">
        {done ? <IconCheck size={14} /> : <IconAlert size={14} />}
      </span>
      {children}
    </li>
  );
}

export function QualificationsTab({ v, catalogues }: { v: VolunteerDetail; catalogues: Catalogues }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const network = useNetwork();
  const years = network.data?.settings.policeCertificateValidYears ?? 5;
  const months = network.data?.settings.supervisionIntervalMonths ?? 6;
  const basic = v.qualifications.filter((q) => q.type === 'basic').sort((a, b) => b.completedOn.localeCompare(a.completedOn))[0];
  const o = v.onboarding;
  const item = (label: string, on: string | null) => (
    <Check done={!!on}>
      <span>
        {label}: {on ? formatIsoDate(on, locale) : <strong>{t('volunteers.onboarding.missing')}</strong>}
      </span>
    </Check>
  );
  return (
    <Stack gap="lg">
      {v.deployable ? (
        <Alert role="note" color="green" variant="light" icon={<IconCheck />} title={t('volunteers.deployable.yes')}>
          {basic &&
            t('volunteers.deployable.since', {
              date: formatCompletionDate(basic.completedOn, basic.completedOnPrecision, locale, t),
              precision: basic.completedOnPrecision,
            })}
        </Alert>
      ) : (
        <Alert role="note" color="orange" variant="light" icon={<IconAlert />} title={t('volunteers.deployable.no')}>
          {t('volunteers.deployable.noText')}
        </Alert>
      )}
      <Section id="qualifications-list" title={t('volunteers.sections.qualifications')}>
        {v.qualifications.length === 0 ? (
          <Text>{t('volunteers.form.noQualifications')}</Text>
        ) : (
          <Box className="table-scroll">
            <Table striped verticalSpacing="sm" className="list-table">
              <Table.Caption className="visually-hidden">{t('volunteers.sections.qualifications')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('volunteers.fields.qualificationType')}</Table.Th>
                  <Table.Th scope="col">{t('volunteers.fields.completedOn')}</Table.Th>
                  <Table.Th scope="col">{t('volunteers.fields.provider')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...v.qualifications]
                  .sort((a, b) => b.completedOn.localeCompare(a.completedOn))
                  .map((q, i) => (
                    <Table.Tr key={`${q.type}-${q.completedOn}-${i}`}>
                      <Table.Td data-label={t('volunteers.fields.qualificationType')} data-wrap>
                        {t(`volunteers.qualificationTypes.${q.type}`)}
                        {q.specializationKey ? ` – ${nameOf(catalogues.specializations, q.specializationKey)}` : ''}
                      </Table.Td>
                      <Table.Td data-label={t('volunteers.fields.completedOn')}>{formatCompletionDate(q.completedOn, q.completedOnPrecision, locale, t)}</Table.Td>
                      <Table.Td data-label={t('volunteers.fields.provider')} data-wrap>
                        {q.provider ?? ''}
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Box>
        )}
      </Section>
      <Section id="qualifications-onboarding" title={t('volunteers.sections.onboarding')}>
        <ul className="checklist">
          {item(t('volunteers.onboarding.confidentialitySignedOn'), o.confidentialitySignedOn)}
          {item(t('volunteers.onboarding.dataProtectionConsentOn'), o.dataProtectionConsentOn)}
          {item(t('volunteers.onboarding.insuranceNotedOn'), o.insuranceNotedOn)}
          <Check done={o.policeCertificateValid}>
            <span>
              {t('volunteers.onboarding.policeCertificateOn')}:{' '}
              {o.policeCertificateOn ? formatIsoDate(o.policeCertificateOn, locale) : <strong>{t('volunteers.onboarding.missing')}</strong>}
            </span>
            {o.policeCertificateOn && !o.policeCertificateValid && <Flag>{t('volunteers.flags.policeOutdated', { years })}</Flag>}
          </Check>
        </ul>
        <Text size="sm" mt="sm" className="secondary-text">
          {t('volunteers.onboarding.policeNote', { years })}
        </Text>
      </Section>
      <Section id="qualifications-supervision" title={t('volunteers.sections.supervision')}>
        <Group gap="sm" wrap="wrap">
          <Text>
            {v.wellbeing.lastSupervisionOn ? t('volunteers.supervision.last', { date: formatIsoDate(v.wellbeing.lastSupervisionOn, locale) }) : t('volunteers.supervision.never')}
          </Text>
          {v.wellbeing.supervisionDue && <Flag>{t('volunteers.flags.supervisionDue')}</Flag>}
        </Group>
        <Text size="sm" mt="sm" className="secondary-text">
          {t('volunteers.supervision.interval', { months })}
        </Text>
      </Section>
    </Stack>
  );
}
