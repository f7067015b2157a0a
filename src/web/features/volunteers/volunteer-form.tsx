import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useRef, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { CreateVolunteerBody, type VolunteerDetail } from '../../../common/api/volunteers.js';
import {
  BIRTH_YEAR_MAX,
  BIRTH_YEAR_MIN,
  GENDERS,
  LANGUAGE_LEVELS,
  PROFESSIONAL_POSITIONS,
  QUALIFICATION_TYPES,
  TRADES,
  VOLUNTEER_STATUSES,
  WEEKDAYS,
  type LanguageLevel,
  type QualificationType,
  type VolunteerStatus,
} from '../../../common/volunteers.js';
import { ProblemError } from '../../api/client.js';
import { useCan, useOneSubmitAtATime } from '../../api/hooks.js';
import { applyProblemToForm, useFocusProblem, zodValidator } from '../../components/forms.js';
import { IconInfo } from '../../components/icons.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { useUiLocale } from '../../i18n/locale.js';
import { formatIban, Section } from './components.js';
import {
  collator,
  countryOptions,
  districtGroups,
  formatIsoDate,
  languageOptions,
  levelLabel,
  weekdayLabel,
  type Catalogues,
} from './vocabulary.js';

export interface FormValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  street: string;
  postalCode: string;
  city: string;
  birthYear: string | number;
  gender: string;
  genderSelfDescribed: string;
  contactLanguage: string;
  languages: { code: string; level: LanguageLevel }[];
  origins: string[];
  /** Consent being recorded now (the one on record shows apart). */
  recordConsent: boolean;
  originConsent: { givenOn: string; textVersion: string };
  withdrawConsent: boolean;
  trade: string;
  tradeFreeText: string;
  professionalPosition: string;
  specializations: string[];
  topics: string[];
  interests: string[];
  competenceLimits: string[];
  homeDistrict: string;
  districts: string[];
  availability: { weekday: string; from: string; to: string }[];
  absences: { from: string; to: string; note: string }[];
  maxActiveAgreements: string | number;
  maxHoursPerMonth: string | number;
  status: VolunteerStatus;
  statusReason: string;
  onboarding: { confidentialitySignedOn: string; dataProtectionConsentOn: string; insuranceNotedOn: string; policeCertificateOn: string };
  lastSupervisionOn: string;
  qualifications: { type: QualificationType; completedOn: string; provider: string; specializationKey: string }[];
  notes: string;
  /** Where payouts go; all three empty means none. */
  bankAccount: { iban: string; bic: string; accountHolder: string };
}

const str = (v: string | null | undefined) => v ?? '';

export function emptyValues(): FormValues {
  return {
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    street: '',
    postalCode: '',
    city: '',
    birthYear: '',
    gender: '',
    genderSelfDescribed: '',
    contactLanguage: '',
    languages: [],
    origins: [],
    recordConsent: false,
    originConsent: { givenOn: '', textVersion: '' },
    withdrawConsent: false,
    trade: '',
    tradeFreeText: '',
    professionalPosition: '',
    specializations: [],
    topics: [],
    interests: [],
    competenceLimits: [],
    homeDistrict: '',
    districts: [],
    availability: [],
    absences: [],
    maxActiveAgreements: 2,
    maxHoursPerMonth: 10,
    status: 'interested',
    statusReason: '',
    onboarding: { confidentialitySignedOn: '', dataProtectionConsentOn: '', insuranceNotedOn: '', policeCertificateOn: '' },
    lastSupervisionOn: '',
    qualifications: [],
    notes: '',
    bankAccount: { iban: '', bic: '', accountHolder: '' },
  };
}

export function valuesOf(v: VolunteerDetail): FormValues {
  return {
    ...emptyValues(),
    firstName: v.firstName,
    lastName: v.lastName,
    email: str(v.email),
    phone: str(v.phone),
    street: str(v.street),
    postalCode: str(v.postalCode),
    city: str(v.city),
    birthYear: v.birthYear ?? '',
    gender: str(v.gender),
    genderSelfDescribed: str(v.genderSelfDescribed),
    contactLanguage: str(v.contactLanguage),
    languages: v.languages.map((l) => ({ ...l })),
    origins: [...(v.origins ?? [])],
    trade: str(v.trade),
    tradeFreeText: str(v.tradeFreeText),
    professionalPosition: str(v.professionalPosition),
    specializations: [...v.specializations],
    topics: [...v.topics],
    interests: [...v.interests],
    competenceLimits: [...v.competenceLimits],
    homeDistrict: str(v.homeDistrict),
    districts: [...v.districts],
    availability: v.availability.map((s) => ({ weekday: String(s.weekday), from: s.from, to: s.to })),
    absences: v.absences.map((a) => ({ from: a.from, to: a.to, note: str(a.note) })),
    maxActiveAgreements: v.maxActiveAgreements,
    maxHoursPerMonth: v.maxHoursPerMonth,
    status: v.status,
    onboarding: {
      confidentialitySignedOn: str(v.onboarding.confidentialitySignedOn),
      dataProtectionConsentOn: str(v.onboarding.dataProtectionConsentOn),
      insuranceNotedOn: str(v.onboarding.insuranceNotedOn),
      policeCertificateOn: str(v.onboarding.policeCertificateOn),
    },
    lastSupervisionOn: str(v.wellbeing.lastSupervisionOn),
    qualifications: v.qualifications.map((q) => ({ type: q.type, completedOn: q.completedOn, provider: str(q.provider), specializationKey: str(q.specializationKey) })),
    notes: str(v.notes),
    bankAccount: { iban: v.bankAccount ? formatIban(v.bankAccount.iban) : '', bic: str(v.bankAccount?.bic), accountHolder: str(v.bankAccount?.accountHolder) },
  };
}

export interface Access {
  /** Origins and their consent (coordinators). */
  origins: boolean;
  /** Coordinator-only notes. */
  notes: boolean;
}

const text = (v: string) => (v.trim() === '' ? null : v.trim());
const date = (v: string) => (v === '' ? null : v);
const integer = (v: string | number) => (v === '' ? undefined : Number(v));

/** The request body for the values: every field a coordinator writes, in the API's terms. */
export function bodyOf(v: FormValues, access: Access, current?: VolunteerDetail): Record<string, unknown> {
  const body: Record<string, unknown> = {
    firstName: v.firstName.trim(),
    lastName: v.lastName.trim(),
    email: text(v.email),
    phone: text(v.phone),
    street: text(v.street),
    postalCode: text(v.postalCode),
    city: text(v.city),
    birthYear: v.birthYear === '' ? null : Number(v.birthYear),
    gender: v.gender || null,
    genderSelfDescribed: v.gender === 'self_described' ? text(v.genderSelfDescribed) : null,
    contactLanguage: v.contactLanguage || null,
    languages: v.languages.map((l) => ({ code: l.code, level: l.level })),
    trade: v.trade || null,
    tradeFreeText: text(v.tradeFreeText),
    professionalPosition: v.professionalPosition || null,
    specializations: v.specializations,
    topics: v.topics,
    interests: v.interests,
    competenceLimits: v.competenceLimits,
    homeDistrict: v.homeDistrict || null,
    districts: v.districts,
    availability: v.availability.map((s) => ({ weekday: Number(s.weekday), from: s.from, to: s.to })),
    absences: v.absences.map((a) => ({ from: a.from, to: a.to, note: text(a.note) })),
    maxActiveAgreements: integer(v.maxActiveAgreements),
    maxHoursPerMonth: integer(v.maxHoursPerMonth),
    status: v.status,
    onboarding: {
      confidentialitySignedOn: date(v.onboarding.confidentialitySignedOn),
      dataProtectionConsentOn: date(v.onboarding.dataProtectionConsentOn),
      insuranceNotedOn: date(v.onboarding.insuranceNotedOn),
      policeCertificateOn: date(v.onboarding.policeCertificateOn),
    },
    lastSupervisionOn: date(v.lastSupervisionOn),
    qualifications: v.qualifications.map((q) => ({
      type: q.type,
      completedOn: q.completedOn,
      provider: text(q.provider),
      specializationKey: q.type === 'specialization' ? q.specializationKey || null : null,
    })),
  };
  if (!current || v.status !== current.status) body.statusReason = text(v.statusReason);
  if (access.notes) body.notes = text(v.notes);
  // The bank account is shown to the same people as the notes (volunteers:manage).
  if (access.notes) {
    const b = v.bankAccount;
    body.bankAccount =
      b.iban.trim() === '' && b.bic.trim() === '' && b.accountHolder.trim() === '' ? null : { iban: b.iban.trim(), bic: text(b.bic), accountHolder: b.accountHolder.trim() };
  }
  if (access.origins) {
    const onRecord = !!current?.originConsent;
    if (onRecord && v.withdrawConsent) {
      // Withdrawal erases the origins on the server.
      body.originConsent = null;
    } else if (!onRecord && v.recordConsent) {
      body.originConsent = { givenOn: v.originConsent.givenOn, textVersion: v.originConsent.textVersion.trim() };
      body.origins = v.origins;
    } else if (onRecord) {
      body.origins = v.origins;
    }
  }
  return body;
}

/** Only what changed goes to the server: unchanged lists are not rewritten, and the audit names real changes. */
export function changedFields(body: Record<string, unknown>, before: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(body)) {
    if (k === 'originConsent' || k === 'statusReason' || JSON.stringify(value) !== JSON.stringify(before[k])) out[k] = value;
  }
  if ('status' in out && 'statusReason' in body) out.statusReason = body.statusReason;
  else delete out.statusReason;
  return out;
}

type Form = UseFormReturnType<FormValues>;

function RowRemove({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="default" size="lg" mb={2} aria-label={label} onClick={onClick}>
      <span aria-hidden="true">×</span>
    </ActionIcon>
  );
}

function AddButton({ children, onClick }: { children: ReactNode; onClick: () => void }) {
  return (
    <Group>
      <Button variant="default" size="xs" onClick={onClick}>
        {children}
      </Button>
    </Group>
  );
}

function LanguagesFields({ form }: { form: Form }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const options = languageOptions(
    locale,
    form.values.languages.map((l) => l.code),
  );
  return (
    <Stack gap="sm">
      {form.values.languages.length === 0 && <Text size="sm">{t('volunteers.form.noLanguages')}</Text>}
      <div className="row-list">
        {form.values.languages.map((_, i) => (
          <div className="row-item" key={i}>
            <NativeSelect
              className="grow"
              label={t('volunteers.form.languageN', { n: i + 1 })}
              data={[{ value: '', label: t('volunteers.form.chooseLanguage'), disabled: true }, ...options]}
              {...form.getInputProps(`languages.${i}.code`)}
            />
            <NativeSelect
              className="narrow"
              label={t('volunteers.fields.level')}
              data={LANGUAGE_LEVELS.map((l) => ({ value: l, label: levelLabel(l, t) }))}
              {...form.getInputProps(`languages.${i}.level`)}
            />
            <RowRemove label={t('volunteers.form.removeLanguage', { n: i + 1 })} onClick={() => form.removeListItem('languages', i)} />
          </div>
        ))}
      </div>
      <AddButton onClick={() => form.insertListItem('languages', { code: '', level: 'B1' })}>{t('volunteers.form.addLanguage')}</AddButton>
    </Stack>
  );
}

function OriginFields({ form, current }: { form: Form; current?: VolunteerDetail }) {
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

function Rows({
  form,
  path,
  empty,
  addLabel,
  blank,
  render,
}: {
  form: Form;
  path: 'availability' | 'absences' | 'qualifications';
  empty: string;
  addLabel: string;
  blank: FormValues['availability'][number] | FormValues['absences'][number] | FormValues['qualifications'][number];
  render: (i: number) => ReactNode;
}) {
  const list = form.values[path] as unknown[];
  return (
    <Stack gap="sm">
      {list.length === 0 && <Text size="sm">{empty}</Text>}
      <div className="row-list">{list.map((_, i) => render(i))}</div>
      <AddButton onClick={() => form.insertListItem(path, blank)}>{addLabel}</AddButton>
    </Stack>
  );
}

export function VolunteerForm({
  initial,
  current,
  catalogues,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  onReload,
}: {
  initial: FormValues;
  /** The stored record when editing. */
  current?: VolunteerDetail;
  catalogues: Catalogues;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  /** Saves; a rejected promise (the server's problem) puts its field errors onto the form. */
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const access: Access = { origins: useCan('volunteers:origins'), notes: useCan('volunteers:manage') };
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const form = useForm<FormValues>({
    initialValues: initial,
    validate: (values) => {
      const errors = zodValidator<FormValues>(CreateVolunteerBody, t, (v) => bodyOf(v, access, current))(values);
      for (const field of ['maxActiveAgreements', 'maxHoursPerMonth'] as const) {
        if (values[field] === '') errors[field] = t('validation.required');
      }
      if (access.origins && values.recordConsent && !current?.originConsent) {
        if (!values.originConsent.givenOn) errors['originConsent.givenOn'] = t('validation.required');
        if (!values.originConsent.textVersion.trim()) errors['originConsent.textVersion'] = t('validation.required');
      }
      if (errors['bankAccount.iban']) errors['bankAccount.iban'] = values.bankAccount.iban.trim() === '' ? t('validation.required') : t('volunteers.bank.ibanInvalid');
      if (errors['bankAccount.accountHolder'] && values.bankAccount.accountHolder.trim() === '') errors['bankAccount.accountHolder'] = t('validation.required');
      if (errors['bankAccount.bic'] && values.bankAccount.bic.trim() !== '') errors['bankAccount.bic'] = t('volunteers.bank.bicInvalid');
      return errors;
    },
  });

  /** After a failed save, take the person to the first field to fix, or to the message. */
  const focusProblem = useFocusProblem(formRef, alertRef);

  const saveOnce = useOneSubmitAtATime(onSubmit);
  const submit = form.onSubmit(async (values) => {
    try {
      await saveOnce(bodyOf(values, access, current));
    } catch (e) {
      applyProblemToForm(form, e);
      focusProblem();
    }
  }, focusProblem);

  const v = form.values;
  const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => collator(locale).compare(a.name, b.name));
  const topicOptions = byName(catalogues.topics).map((e) => ({ value: e.key, label: e.name }));
  const statusChanged = current ? v.status !== current.status : true;
  const conflict = error instanceof ProblemError && error.status === 409;

  return (
    <form ref={formRef} noValidate onSubmit={submit}>
      <Stack gap="lg">
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

        <Section id="form-languages" title={t('volunteers.sections.languages')}>
          <LanguagesFields form={form} />
        </Section>

        {access.origins && (
          <Section id="form-origins" title={t('volunteers.sections.origins')}>
            <OriginFields form={form} current={current} />
          </Section>
        )}

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

        <Section id="form-deployment" title={t('volunteers.sections.deployment')}>
          <Stack>
            <Checkbox.Group label={t('volunteers.fields.specializations')} {...form.getInputProps('specializations')}>
              <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} mt="xs" spacing="xs">
                {byName(catalogues.specializations).map((s) => (
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

        <Section id="form-availability" title={t('volunteers.sections.availability')}>
          <Stack gap="lg">
            <Rows
              form={form}
              path="availability"
              empty={t('volunteers.form.noSlots')}
              addLabel={t('volunteers.form.addSlot')}
              blank={{ weekday: '1', from: '09:00', to: '12:00' }}
              render={(i) => (
                <div className="row-item" key={i}>
                  <NativeSelect
                    className="grow"
                    label={t('volunteers.form.slotN', { n: i + 1 })}
                    data={WEEKDAYS.map((d) => ({ value: String(d), label: weekdayLabel(d, locale) }))}
                    {...form.getInputProps(`availability.${i}.weekday`)}
                  />
                  <TextInput className="narrow" type="time" label={t('volunteers.fields.from')} {...form.getInputProps(`availability.${i}.from`)} />
                  <TextInput className="narrow" type="time" label={t('volunteers.fields.to')} {...form.getInputProps(`availability.${i}.to`)} />
                  <RowRemove label={t('volunteers.form.removeSlot', { n: i + 1 })} onClick={() => form.removeListItem('availability', i)} />
                </div>
              )}
            />
            <Text fw={600} size="sm" component="h3">
              {t('volunteers.fields.absences')}
            </Text>
            <Rows
              form={form}
              path="absences"
              empty={t('volunteers.form.noAbsences')}
              addLabel={t('volunteers.form.addAbsence')}
              blank={{ from: '', to: '', note: '' }}
              render={(i) => (
                <div className="row-item" key={i}>
                  <TextInput className="narrow" type="date" label={t('volunteers.form.absenceFromN', { n: i + 1 })} {...form.getInputProps(`absences.${i}.from`)} />
                  <TextInput className="narrow" type="date" label={t('volunteers.fields.until')} {...form.getInputProps(`absences.${i}.to`)} />
                  <TextInput className="grow" label={t('volunteers.fields.note')} {...form.getInputProps(`absences.${i}.note`)} />
                  <RowRemove label={t('volunteers.form.removeAbsence', { n: i + 1 })} onClick={() => form.removeListItem('absences', i)} />
                </div>
              )}
            />
          </Stack>
        </Section>

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

        <Section id="form-status" title={t('volunteers.sections.status')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('fields.status')}
              description={current ? t('volunteers.form.statusHintEdit') : t('volunteers.form.statusHintNew')}
              data={VOLUNTEER_STATUSES.map((s) => ({ value: s, label: t(`volunteers.status.${s}`) }))}
              {...form.getInputProps('status')}
            />
            {statusChanged && (
              <TextInput label={t('volunteers.fields.statusReason')} description={t('volunteers.form.statusReasonHint')} {...form.getInputProps('statusReason')} />
            )}
          </SimpleGrid>
        </Section>

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

        <Section id="form-qualifications" title={t('volunteers.sections.qualifications')}>
          <Stack gap="sm">
            <Text size="sm">{t('volunteers.form.qualificationsHint')}</Text>
            <Rows
              form={form}
              path="qualifications"
              empty={t('volunteers.form.noQualifications')}
              addLabel={t('volunteers.form.addQualification')}
              blank={{ type: 'basic', completedOn: '', provider: '', specializationKey: '' }}
              render={(i) => (
                <div className="row-item" key={i}>
                  <NativeSelect
                    className="grow"
                    label={t('volunteers.form.qualificationN', { n: i + 1 })}
                    data={QUALIFICATION_TYPES.map((q) => ({ value: q, label: t(`volunteers.qualificationTypes.${q}`) }))}
                    {...form.getInputProps(`qualifications.${i}.type`)}
                  />
                  {v.qualifications[i]?.type === 'specialization' && (
                    <NativeSelect
                      className="grow"
                      label={t('volunteers.fields.specialization')}
                      data={[{ value: '', label: t('volunteers.form.notStated') }, ...byName(catalogues.specializations).map((s) => ({ value: s.key, label: s.name }))]}
                      {...form.getInputProps(`qualifications.${i}.specializationKey`)}
                    />
                  )}
                  <TextInput className="narrow" type="date" required label={t('volunteers.fields.completedOn')} {...form.getInputProps(`qualifications.${i}.completedOn`)} />
                  <TextInput className="grow" label={t('volunteers.fields.provider')} {...form.getInputProps(`qualifications.${i}.provider`)} />
                  <RowRemove label={t('volunteers.form.removeQualification', { n: i + 1 })} onClick={() => form.removeListItem('qualifications', i)} />
                </div>
              )}
            />
          </Stack>
        </Section>

        {access.notes && (
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
        )}

        {access.notes && (
          <Section id="form-notes" title={t('volunteers.sections.notes')}>
            <Textarea label={t('volunteers.fields.notes')} description={t('volunteers.form.notesHint')} autosize minRows={3} maxRows={12} {...form.getInputProps('notes')} />
          </Section>
        )}

        <div className="form-actions">
          <Stack gap="xs">
            <div ref={alertRef} tabIndex={-1}>
              <ProblemAlert error={error} onReload={onReload} />
              {conflict && onReload && (
                <Text size="sm" mt={4}>
                  {t('volunteers.form.conflictHint')}
                </Text>
              )}
            </div>
            <Group justify="flex-end">
              <Button variant="default" onClick={onCancel}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={pending}>
                {submitLabel}
              </Button>
            </Group>
          </Stack>
        </div>
      </Stack>
    </form>
  );
}
