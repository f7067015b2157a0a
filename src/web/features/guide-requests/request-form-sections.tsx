import {
  Checkbox,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import { AGE_GROUPS, GENDER_PREFERENCES, GUIDE_REQUEST_KINDS, URGENCIES } from '../../../common/api/guide-requests.js';
import { useAllOrganizations } from '../../api/hooks.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Section } from '../volunteers/components.js';
import { sortedByName } from '../volunteers/sorted-by-name.js';
import { countryOptions, districtGroups, languageOptions, type Catalogues } from '../volunteers/vocabulary.js';
import { Needed, ScheduleRows } from './request-form-rows.js';
import type { RequestFormApi as Form } from './request-form-values.js';
import { neededFor } from './vocabulary.js';

const need = (_field: string, label: string) => <Needed>{label}</Needed>;

export function WhatSection({ form, catalogues }: { form: Form; catalogues: Catalogues }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const byName = <T extends { name: string }>(list: T[]) => sortedByName(list, locale);
  return (
    <Section id="form-what" title={t('requests.sections.what')}>
      <Stack>
        <TextInput
          id="request-title"
          dir="auto"
          label={t('requests.fields.title')}
          description={t('requests.form.titleHint')}
          required
          {...form.getInputProps('title')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            id="request-kind"
            label={need('kind', t('requests.fields.kind'))}
            data={[
              { value: '', label: t('requests.form.choose') },
              ...GUIDE_REQUEST_KINDS.map((k) => ({ value: k, label: t(`requests.kinds.${k}`) })),
            ]}
            {...form.getInputProps('kind')}
          />
          <NativeSelect
            id="request-topic"
            label={need('topic', t('requests.fields.topic'))}
            data={[
              { value: '', label: t('requests.form.choose') },
              ...byName(catalogues.topics).map((e) => ({ value: e.key, label: e.name })),
            ]}
            {...form.getInputProps('topic')}
          />
        </SimpleGrid>
        <Textarea
          id="request-description"
          dir="auto"
          label={need('description', t('requests.fields.description'))}
          description={t('requests.form.descriptionHint')}
          autosize
          minRows={3}
          maxRows={12}
          {...form.getInputProps('description')}
        />
        <Checkbox.Group
          id="request-requiredSpecializations"
          label={t('requests.fields.requiredSpecializations')}
          description={t('requests.form.specializationsHint')}
          {...form.getInputProps('requiredSpecializations')}
        >
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} mt="xs" spacing="xs">
            {byName(catalogues.specializations).map((s) => (
              <Checkbox key={s.key} value={s.key} label={s.name} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Checkbox
          label={t('requests.fields.involvesMinors')}
          description={t('requests.form.minorsHint')}
          {...form.getInputProps('involvesMinors', { type: 'checkbox' })}
        />
      </Stack>
    </Section>
  );
}

export function WhereWhenSection({ form, catalogues }: { form: Form; catalogues: Catalogues }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const v = form.values;
  const needsPlace = neededFor(v.kind, 'place');
  return (
    <Section id="form-where" title={t('requests.sections.whereWhen')}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            id="request-districtKey"
            label={needsPlace ? need('districtKey', t('requests.fields.district')) : t('requests.fields.district')}
            data={[{ value: '', label: t('requests.form.choose') }, ...districtGroups(catalogues.districts, t, locale)]}
            {...form.getInputProps('districtKey')}
          />
          <TextInput
            id="request-place"
            dir="auto"
            label={needsPlace ? need('place', t('requests.fields.place')) : t('requests.fields.place')}
            description={t('requests.form.placeHint')}
            {...form.getInputProps('place')}
          />
        </SimpleGrid>
        <Radio.Group label={t('requests.fields.timing')} {...form.getInputProps('timing')}>
          <Group mt="xs" gap="lg">
            <Radio value="once" label={t('requests.form.once')} />
            <Radio value="weekly" label={t('requests.form.weekly')} disabled={v.kind === 'event_appearance'} />
          </Group>
        </Radio.Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            id="request-startsAt"
            type="datetime-local"
            label={v.timing === 'once' ? need('startsAt', t('requests.fields.startsAt')) : t('requests.form.firstDate')}
            description={t('requests.form.berlinTime')}
            {...form.getInputProps('startsAt')}
          />
          <TextInput
            id="request-endsAt"
            type="datetime-local"
            label={v.timing === 'once' ? t('requests.fields.endsAt') : t('requests.form.lastDate')}
            description={t('requests.form.optional')}
            {...form.getInputProps('endsAt')}
          />
        </SimpleGrid>
        {v.timing === 'weekly' && <ScheduleRows form={form} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            id="request-expectedHours"
            label={need('expectedHours', t('requests.fields.expectedHours'))}
            description={t('requests.form.hoursHint')}
            decimalScale={2}
            step={0.25}
            min={0.25}
            max={500}
            allowNegative={false}
            hideControls
            {...form.getInputProps('expectedHours')}
          />
          <NumberInput
            id="request-volunteersNeeded"
            label={t('requests.fields.volunteersNeeded')}
            min={1}
            max={20}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            {...form.getInputProps('volunteersNeeded')}
          />
        </SimpleGrid>
      </Stack>
    </Section>
  );
}

export function SeekerSection({ form, origins }: { form: Form; origins: boolean }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const v = form.values;
  const needsAge = neededFor(v.kind, 'ageGroup');
  return (
    <Section id="form-seeker" title={t('requests.sections.seeker')}>
      <Stack>
        <Text size="sm">{t('requests.form.seekerHint')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            id="request-seeker-ageGroup"
            label={needsAge ? need('seeker.ageGroup', t('requests.fields.ageGroup')) : t('requests.fields.ageGroup')}
            data={[
              // A needed answer offers no "not stated": left open, it shows in the list of what is missing.
              { value: '', label: needsAge ? t('requests.form.choose') : t('requests.form.notStated') },
              ...AGE_GROUPS.map((a) => ({ value: a, label: t(`requests.ageGroups.${a}`) })),
            ]}
            {...form.getInputProps('seeker.ageGroup')}
          />
          <NativeSelect
            id="request-seeker-genderPreference"
            label={t('requests.fields.genderPreference')}
            data={[
              { value: '', label: t('requests.form.noPreference') },
              ...GENDER_PREFERENCES.map((g) => ({ value: g, label: t(`volunteers.gender.${g}`) })),
            ]}
            {...form.getInputProps('seeker.genderPreference')}
          />
        </SimpleGrid>
        <MultiSelect
          id="request-seeker-languages"
          label={t('requests.fields.seekerLanguages')}
          data={languageOptions(locale, v.seeker.languages)}
          searchable
          maxValues={10}
          nothingFoundMessage={t('requests.form.nothingFound')}
          {...form.getInputProps('seeker.languages')}
        />
        <Checkbox
          label={t('requests.fields.wantsPeerMatch')}
          description={t('requests.form.peerHint')}
          {...form.getInputProps('seeker.wantsPeerMatch', { type: 'checkbox' })}
        />
        {origins && v.seeker.wantsPeerMatch && (
          <MultiSelect
            id="request-seeker-origins"
            label={t('requests.fields.origins')}
            description={t('requests.form.originsHint')}
            data={countryOptions(locale)}
            searchable
            maxValues={5}
            nothingFoundMessage={t('requests.form.nothingFound')}
            {...form.getInputProps('seeker.origins')}
          />
        )}
      </Stack>
    </Section>
  );
}

export function ContactSection({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <Section id="form-contact" title={t('requests.sections.contact')}>
      <Stack>
        <Text size="sm">{t('requests.form.contactHint')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            id="request-contact-name"
            dir="auto"
            label={need('contact', t('requests.fields.contactName'))}
            autoComplete="off"
            {...form.getInputProps('contact.name')}
          />
          <TextInput
            id="request-contact-phone"
            type="tel"
            label={need('contact.phone', t('requests.fields.contactPhone'))}
            autoComplete="off"
            {...form.getInputProps('contact.phone')}
          />
          <TextInput
            id="request-contact-email"
            type="email"
            label={t('requests.fields.contactEmail')}
            autoComplete="off"
            {...form.getInputProps('contact.email')}
          />
        </SimpleGrid>
      </Stack>
    </Section>
  );
}

/** Urgency, and for coordinators the requesting organisation. */
export function HandlingSection({ form, organization }: { form: Form; organization: boolean }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const orgs = useAllOrganizations(organization);
  const v = form.values;
  const byName = <T extends { name: string }>(list: T[]) => sortedByName(list, locale);
  return (
    <Section id="form-handling" title={t('requests.sections.handling')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          id="request-urgency"
          label={t('requests.fields.urgency')}
          data={URGENCIES.map((u) => ({ value: u, label: t(`requests.urgency.${u}`) }))}
          {...form.getInputProps('urgency')}
        />
        {organization && (
          <NativeSelect
            id="request-requesterOrganizationId"
            label={t('requests.fields.organization')}
            description={t('requests.form.organizationHint')}
            data={[
              { value: '', label: t('requests.form.noOrganization') },
              ...byName(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name })),
              ...(v.requesterOrganizationId && !orgs.data?.some((o) => o.id === v.requesterOrganizationId)
                ? [{ value: v.requesterOrganizationId, label: t('app.loading') }]
                : []),
            ]}
            {...form.getInputProps('requesterOrganizationId')}
          />
        )}
      </SimpleGrid>
    </Section>
  );
}
