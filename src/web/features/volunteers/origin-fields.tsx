import { Alert, Button, Checkbox, Group, MultiSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import type { VolunteerDetail } from '../../../common/api/volunteers.js';
import { IconInfo } from '../../components/icons.js';
import { useUiLocale } from '../../i18n/locale.js';
import { countryOptions, formatIsoDate } from './vocabulary.js';
import type { VolunteerFormApi as Form } from './volunteer-form-values.js';

/** Origins can be kept only with a recorded consent; withdrawing it erases them. */
export function OriginFields({ form, current }: { form: Form; current?: VolunteerDetail }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const onRecord = current?.originConsent ?? null;
  const v = form.values;
  const consentActive = (onRecord && !v.withdrawConsent) || (!onRecord && v.recordConsent);
  return (
    <Stack gap="sm">
      <Text size="sm">{t('volunteers.origins.explain')}</Text>
      {onRecord ? (
        v.withdrawConsent ? (
          <Alert role="note" color="orange" variant="light" icon={<IconInfo />} title={t('volunteers.origins.withdrawTitle')}>
            <Stack gap="xs">
              <Text size="sm">{t('volunteers.origins.withdrawText')}</Text>
              <Group>
                <Button size="xs" variant="default" onClick={() => form.setFieldValue('withdrawConsent', false)}>
                  {t('volunteers.origins.keepConsent')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <Alert role="note" color="green" variant="light" icon={<IconInfo />} title={t('volunteers.origins.consentOnRecord')}>
            <Stack gap="xs">
              <Text size="sm">{t('volunteers.origins.consentGiven', { date: formatIsoDate(onRecord.givenOn, locale), version: onRecord.textVersion })}</Text>
              <Group>
                <Button size="xs" variant="outline" color="red" onClick={() => form.setFieldValue('withdrawConsent', true)}>
                  {t('volunteers.origins.withdraw')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )
      ) : (
        <>
          <Alert role="note" color="gray" variant="light" icon={<IconInfo />} title={t('volunteers.origins.noConsent')}>
            <Text size="sm">{t('volunteers.origins.noConsentText')}</Text>
          </Alert>
          <Checkbox label={t('volunteers.origins.recordConsent')} {...form.getInputProps('recordConsent', { type: 'checkbox' })} />
          {v.recordConsent && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput type="date" required label={t('volunteers.origins.givenOn')} {...form.getInputProps('originConsent.givenOn')} />
              <TextInput
                required
                label={t('volunteers.origins.textVersion')}
                description={t('volunteers.origins.textVersionHint')}
                {...form.getInputProps('originConsent.textVersion')}
              />
            </SimpleGrid>
          )}
        </>
      )}
      <MultiSelect
        label={t('volunteers.fields.origins')}
        description={consentActive ? t('volunteers.origins.pickHint') : t('volunteers.origins.lockedHint')}
        data={countryOptions(locale)}
        searchable
        selectFirstOptionOnChange
        disabled={!consentActive}
        maxValues={10}
        nothingFoundMessage={t('volunteers.form.nothingFound')}
        {...form.getInputProps('origins')}
        value={consentActive ? v.origins : []}
      />
    </Stack>
  );
}
