import { Checkbox, MultiSelect, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import type { VolunteerDetail } from '../../../common/api/volunteers.js';
import { BIRTH_YEAR_MAX, BIRTH_YEAR_MIN, GENDERS, PROFESSIONAL_POSITIONS, TRADES, VOLUNTEER_STATUSES } from '../../../common/volunteers.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Section } from './components.js';
import { sortedByName } from './sorted-by-name.js';
import { collator, districtGroups, languageOptions, type Catalogues } from './vocabulary.js';
import type { VolunteerFormApi as Form } from './volunteer-form-values.js';

export function PersonSection({ form }: { form: Form }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const v = form.values;
  return (
    <Section id="form-person" title={t('volunteers.sections.person')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('volunteers.fields.firstName')} required autoComplete="off" {...form.getInputProps('firstName')} />
        <TextInput label={t('volunteers.fields.lastName')} required autoComplete="off" {...form.getInputProps('lastName')} />
        <TextInput label={t('fields.email')} type="email" autoComplete="off" {...form.getInputProps('email')} />
        <TextInput label={t('fields.phone')} type="tel" autoComplete="off" {...form.getInputProps('phone')} />
        <TextInput label={t('volunteers.fields.street')} autoComplete="off" {...form.getInputProps('street')} />
        <SimpleGrid cols={2} spacing="xs">
          <TextInput label={t('volunteers.fields.postalCode')} autoComplete="off" {...form.getInputProps('postalCode')} />
          <TextInput label={t('volunteers.fields.city')} autoComplete="off" {...form.getInputProps('city')} />
        </SimpleGrid>
        {/* No clamping: a year out of range stays as typed and the check says why (1890 never turns into 1900). */}
        <NumberInput
          label={t('volunteers.fields.birthYear')}
          hideControls
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator={false}
          clampBehavior="none"
          min={BIRTH_YEAR_MIN}
          max={BIRTH_YEAR_MAX}
          {...form.getInputProps('birthYear')}
        />
        <NativeSelect
          label={t('volunteers.fields.contactLanguage')}
          data={[{ value: '', label: t('volunteers.form.notStated') }, ...languageOptions(locale, v.contactLanguage ? [v.contactLanguage] : [])]}
          {...form.getInputProps('contactLanguage')}
        />
        <NativeSelect
          label={t('volunteers.fields.gender')}
          description={t('volunteers.form.optional')}
          data={[{ value: '', label: t('volunteers.form.notStated') }, ...GENDERS.map((g) => ({ value: g, label: t(`volunteers.gender.${g}`) }))]}
          {...form.getInputProps('gender')}
        />
        {v.gender === 'self_described' && <TextInput label={t('volunteers.fields.genderSelfDescribed')} {...form.getInputProps('genderSelfDescribed')} />}
      </SimpleGrid>
    </Section>
  );
}

export function WorkSection({ form }: { form: Form }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  return (
    <Section id="form-work" title={t('volunteers.sections.work')}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NativeSelect
          label={t('volunteers.fields.trade')}
          data={[
            { value: '', label: t('volunteers.form.notStated') },
            ...TRADES.filter((x) => x !== 'other')
              .map((x) => ({ value: x, label: t(`volunteers.trades.${x}`) }))
              .sort((a, b) => collator(locale).compare(a.label, b.label)),
            { value: 'other', label: t('volunteers.trades.other') },
          ]}
          {...form.getInputProps('trade')}
        />
        <TextInput label={t('volunteers.fields.tradeFreeText')} description={t('volunteers.form.tradeFreeTextHint')} {...form.getInputProps('tradeFreeText')} />
        <NativeSelect
          label={t('volunteers.fields.position')}
          data={[{ value: '', label: t('volunteers.form.notStated') }, ...PROFESSIONAL_POSITIONS.map((p) => ({ value: p, label: t(`volunteers.positions.${p}`) }))]}
          {...form.getInputProps('professionalPosition')}
        />
      </SimpleGrid>
    </Section>
  );
}

export function DeploymentSection({ form, catalogues }: { form: Form; catalogues: Catalogues }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const topicOptions = sortedByName(catalogues.topics, locale).map((e) => ({ value: e.key, label: e.name }));
  return (
    <Section id="form-deployment" title={t('volunteers.sections.deployment')}>
      <Stack>
        <Checkbox.Group label={t('volunteers.fields.specializations')} {...form.getInputProps('specializations')}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} mt="xs" spacing="xs">
            {sortedByName(catalogues.specializations, locale).map((s) => (
              <Checkbox key={s.key} value={s.key} label={s.name} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Checkbox.Group label={t('volunteers.fields.topics')} description={t('volunteers.form.topicsHint')} {...form.getInputProps('topics')}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} mt="xs" spacing="xs">
            {topicOptions.map((s) => (
              <Checkbox key={s.value} value={s.value} label={s.label} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <MultiSelect
          label={t('volunteers.fields.interests')}
          description={t('volunteers.form.interestsHint')}
          data={topicOptions}
          searchable
          selectFirstOptionOnChange
          nothingFoundMessage={t('volunteers.form.nothingFound')}
          {...form.getInputProps('interests')}
        />
        <MultiSelect
          label={t('volunteers.fields.competenceLimits')}
          description={t('volunteers.form.limitsHint')}
          data={topicOptions}
          searchable
          selectFirstOptionOnChange
          nothingFoundMessage={t('volunteers.form.nothingFound')}
          {...form.getInputProps('competenceLimits')}
        />
      </Stack>
    </Section>
  );
}

export function DistrictsSection({ form, catalogues }: { form: Form; catalogues: Catalogues }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  return (
    <Section id="form-districts" title={t('volunteers.sections.districts')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('volunteers.fields.homeDistrict')}
          data={[{ value: '', label: t('volunteers.form.notStated') }, ...districtGroups(catalogues.districts, t, locale)]}
          {...form.getInputProps('homeDistrict')}
        />
        <MultiSelect
          label={t('volunteers.fields.districts')}
          description={t('volunteers.form.districtsHint')}
          data={districtGroups(catalogues.districts, t, locale)}
          searchable
          selectFirstOptionOnChange
          nothingFoundMessage={t('volunteers.form.nothingFound')}
          {...form.getInputProps('districts')}
        />
      </SimpleGrid>
    </Section>
  );
}

export function CapacitySection({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <Section id="form-capacity" title={t('volunteers.sections.capacity')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput
          label={t('volunteers.fields.maxActiveAgreements')}
          hideControls
          allowDecimal={false}
          allowNegative={false}
          min={0}
          max={50}
          required
          {...form.getInputProps('maxActiveAgreements')}
        />
        <NumberInput
          label={t('volunteers.fields.maxHoursPerMonth')}
          hideControls
          allowDecimal={false}
          allowNegative={false}
          min={0}
          max={300}
          required
          {...form.getInputProps('maxHoursPerMonth')}
        />
      </SimpleGrid>
    </Section>
  );
}

export function StatusSection({ form, current }: { form: Form; current?: VolunteerDetail }) {
  const { t } = useTranslation();
  const statusChanged = current ? form.values.status !== current.status : true;
  return (
    <Section id="form-status" title={t('volunteers.sections.status')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('fields.status')}
          description={current ? t('volunteers.form.statusHintEdit') : t('volunteers.form.statusHintNew')}
          data={VOLUNTEER_STATUSES.map((s) => ({ value: s, label: t(`volunteers.status.${s}`) }))}
          {...form.getInputProps('status')}
        />
        {statusChanged && <TextInput label={t('volunteers.fields.statusReason')} description={t('volunteers.form.statusReasonHint')} {...form.getInputProps('statusReason')} />}
      </SimpleGrid>
    </Section>
  );
}

export function OnboardingSection({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <Section id="form-onboarding" title={t('volunteers.sections.onboarding')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput type="date" label={t('volunteers.onboarding.confidentialitySignedOn')} {...form.getInputProps('onboarding.confidentialitySignedOn')} />
        <TextInput type="date" label={t('volunteers.onboarding.dataProtectionConsentOn')} {...form.getInputProps('onboarding.dataProtectionConsentOn')} />
        <TextInput type="date" label={t('volunteers.onboarding.insuranceNotedOn')} {...form.getInputProps('onboarding.insuranceNotedOn')} />
        <TextInput
          type="date"
          label={t('volunteers.onboarding.policeCertificateOn')}
          description={t('volunteers.form.policeHint')}
          {...form.getInputProps('onboarding.policeCertificateOn')}
        />
        <TextInput type="date" label={t('volunteers.fields.lastSupervisionOn')} {...form.getInputProps('lastSupervisionOn')} />
      </SimpleGrid>
    </Section>
  );
}

/** Where payouts go: shown to the same people as the notes (volunteers:manage). */
export function BankSection({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <Section id="form-bank" title={t('volunteers.sections.bank')}>
      <Stack gap="sm">
        <Text size="sm" className="secondary-text">
          {t('volunteers.bank.formHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('volunteers.bank.accountHolder')} autoComplete="off" {...form.getInputProps('bankAccount.accountHolder')} />
          <TextInput
            label={t('volunteers.bank.iban')}
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            placeholder="DE12 3456 7890 1234 5678 90"
            {...form.getInputProps('bankAccount.iban')}
          />
          <TextInput
            label={t('volunteers.bank.bic')}
            description={t('volunteers.bank.bicHint')}
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            {...form.getInputProps('bankAccount.bic')}
          />
        </SimpleGrid>
      </Stack>
    </Section>
  );
}
