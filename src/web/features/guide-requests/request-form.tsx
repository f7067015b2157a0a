import {
  ActionIcon,
  Anchor,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import {
  AGE_GROUPS,
  CreateGuideRequestBody,
  GENDER_PREFERENCES,
  GUIDE_REQUEST_KINDS,
  URGENCIES,
  type GuideRequestDetail,
  type GuideRequestKind,
} from '../../../common/api/guide-requests.js';
import { WEEKDAYS, type LanguageLevel } from '../../../common/volunteers.js';
import { ProblemError } from '../../api/client.js';
import { useAllOrganizations, useCan } from '../../api/hooks.js';
import { ConfirmModal } from '../../components/data.js';
import { applyProblemToForm, useFocusProblem, zodValidator } from '../../components/forms.js';
import { IconCheck } from '../../components/icons.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDateTime } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Section } from '../volunteers/components.js';
import {
  collator,
  countryOptions,
  districtGroups,
  languageOptions,
  levelLabel,
  MIN_LEVELS,
  weekdayLabel,
  type Catalogues,
} from '../volunteers/vocabulary.js';
import { berlinLocalToInstant, draftMissing, fieldLabel, inputIdOf, instantToBerlinLocal, neededFor } from './vocabulary.js';

export interface FormValues {
  title: string;
  kind: GuideRequestKind | '';
  topic: string;
  description: string;
  languages: { code: string; minLevel: LanguageLevel }[];
  districtKey: string;
  place: string;
  timing: 'once' | 'weekly';
  startsAt: string;
  endsAt: string;
  schedule: { weekday: string; from: string; to: string }[];
  expectedHours: string | number;
  volunteersNeeded: string | number;
  requiredSpecializations: string[];
  involvesMinors: boolean;
  seeker: { ageGroup: string; languages: string[]; genderPreference: string; wantsPeerMatch: boolean; origins: string[] };
  contact: { name: string; phone: string; email: string };
  urgency: (typeof URGENCIES)[number];
  requesterOrganizationId: string;
}

export function emptyValues(): FormValues {
  return {
    title: '',
    kind: '',
    topic: '',
    description: '',
    languages: [],
    districtKey: '',
    place: '',
    timing: 'once',
    startsAt: '',
    endsAt: '',
    schedule: [],
    expectedHours: '',
    volunteersNeeded: 1,
    requiredSpecializations: [],
    involvesMinors: false,
    seeker: { ageGroup: '', languages: [], genderPreference: '', wantsPeerMatch: false, origins: [] },
    contact: { name: '', phone: '', email: '' },
    urgency: 'normal',
    requesterOrganizationId: '',
  };
}

export function valuesOf(r: GuideRequestDetail): FormValues {
  return {
    title: r.title,
    kind: r.kind ?? '',
    topic: r.topic ?? '',
    description: r.description ?? '',
    languages: r.languages.map((l) => ({ ...l })),
    districtKey: r.districtKey ?? '',
    place: r.place ?? '',
    timing: r.schedule.length ? 'weekly' : 'once',
    startsAt: instantToBerlinLocal(r.startsAt),
    endsAt: instantToBerlinLocal(r.endsAt),
    schedule: r.schedule.map((s) => ({ weekday: String(s.weekday), from: s.from, to: s.to })),
    expectedHours: r.expectedHours ?? '',
    volunteersNeeded: r.volunteersNeeded,
    requiredSpecializations: [...r.requiredSpecializations],
    involvesMinors: r.involvesMinors,
    seeker: {
      ageGroup: r.seeker.ageGroup ?? '',
      languages: [...r.seeker.languages],
      genderPreference: r.seeker.genderPreference ?? '',
      wantsPeerMatch: r.seeker.wantsPeerMatch,
      origins: [...(r.seeker.origins ?? [])],
    },
    contact: { name: r.contact?.name ?? '', phone: r.contact?.phone ?? '', email: r.contact?.email ?? '' },
    urgency: r.urgency,
    requesterOrganizationId: r.requesterOrganizationId ?? '',
  };
}

export interface Access {
  /** Picks the requesting organisation (coordinators). */
  organization: boolean;
  /** Reads and writes seekers' origins (special category). */
  origins: boolean;
}

const text = (v: string) => (v.trim() === '' ? null : v.trim());

/** The request body for the values, in the API's terms. */
export function bodyOf(v: FormValues, access: Access): Record<string, unknown> {
  const contactGiven = v.contact.name.trim() || v.contact.phone.trim() || v.contact.email.trim();
  const body: Record<string, unknown> = {
    title: v.title.trim(),
    kind: v.kind || null,
    topic: v.topic || null,
    description: text(v.description),
    languages: v.languages.map((l) => ({ code: l.code, minLevel: l.minLevel })),
    districtKey: v.districtKey || null,
    place: text(v.place),
    startsAt: v.startsAt ? (berlinLocalToInstant(v.startsAt) ?? v.startsAt) : null,
    endsAt: v.endsAt ? (berlinLocalToInstant(v.endsAt) ?? v.endsAt) : null,
    schedule: v.timing === 'weekly' ? v.schedule.map((s) => ({ weekday: Number(s.weekday), from: s.from, to: s.to })) : [],
    expectedHours: v.expectedHours === '' ? null : Number(v.expectedHours),
    volunteersNeeded: v.volunteersNeeded === '' ? 1 : Number(v.volunteersNeeded),
    requiredSpecializations: v.requiredSpecializations,
    involvesMinors: v.involvesMinors,
    seeker: {
      ageGroup: v.seeker.ageGroup || null,
      languages: v.seeker.languages,
      genderPreference: v.seeker.genderPreference || null,
      wantsPeerMatch: v.seeker.wantsPeerMatch,
      origins: access.origins && v.seeker.wantsPeerMatch ? v.seeker.origins : [],
    },
    contact: contactGiven ? { name: v.contact.name.trim(), phone: text(v.contact.phone), email: text(v.contact.email) } : null,
    urgency: v.urgency,
  };
  if (access.organization) body.requesterOrganizationId = v.requesterOrganizationId || null;
  return body;
}

/** Only what changed goes to the server, so that the audit names real changes. */
export function changedFields(body: Record<string, unknown>, before: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(body)) if (JSON.stringify(value) !== JSON.stringify(before[k])) out[k] = value;
  return out;
}

type Form = UseFormReturnType<FormValues>;

/** A field the complete description needs: marked in its label, in words for screen readers. */
function Needed({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      {children}
      <span className="match-mark" aria-hidden="true">
        {' '}
        ◆
      </span>
      <span className="visually-hidden"> ({t('requests.form.neededShort')})</span>
    </>
  );
}

function RowRemove({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="default" size="lg" mb={2} aria-label={label} onClick={onClick}>
      <span aria-hidden="true">×</span>
    </ActionIcon>
  );
}

function LanguageNeeds({ form }: { form: Form }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const options = languageOptions(
    locale,
    form.values.languages.map((l) => l.code),
  );
  const error = form.errors.languages;
  return (
    <Stack gap="sm">
      <Text size="sm">
        <Needed>{t('requests.form.languagesHint')}</Needed>
      </Text>
      {form.values.languages.length === 0 && (
        <Text size="sm" fw={500} id="request-languages-empty">
          {t('requests.form.noLanguages')}
        </Text>
      )}
      <div className="row-list">
        {form.values.languages.map((_, i) => (
          <div className="row-item" key={i}>
            <NativeSelect
              className="grow"
              id={i === 0 ? 'request-languages' : undefined}
              label={t('requests.form.languageN', { n: i + 1 })}
              data={[{ value: '', label: t('requests.form.chooseLanguage'), disabled: true }, ...options]}
              {...form.getInputProps(`languages.${i}.code`)}
            />
            <NativeSelect
              className="narrow"
              label={t('requests.fields.minLevel')}
              data={MIN_LEVELS.map((l) => ({ value: l, label: levelLabel(l, t) }))}
              {...form.getInputProps(`languages.${i}.minLevel`)}
            />
            <RowRemove label={t('requests.form.removeLanguage', { n: i + 1 })} onClick={() => form.removeListItem('languages', i)} />
          </div>
        ))}
      </div>
      {error && (
        <Text size="sm" c="var(--mantine-color-error)" role="alert">
          {error}
        </Text>
      )}
      <Group>
        <Button
          variant="default"
          size="xs"
          id={form.values.languages.length === 0 ? 'request-languages' : undefined}
          onClick={() => {
            const n = form.values.languages.length;
            form.insertListItem('languages', { code: '', minLevel: 'B1' });
            // Keyboard users continue in the row they just added.
            requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-path="languages.${n}.code"]`)?.focus());
          }}
        >
          {t('requests.form.addLanguage')}
        </Button>
      </Group>
    </Stack>
  );
}

function ScheduleRows({ form }: { form: Form }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  return (
    <Stack gap="sm">
      {form.values.schedule.length === 0 && <Text size="sm">{t('requests.form.noSlots')}</Text>}
      <div className="row-list">
        {form.values.schedule.map((_, i) => (
          <div className="row-item" key={i}>
            <NativeSelect
              className="grow"
              label={t('requests.form.slotN', { n: i + 1 })}
              data={WEEKDAYS.map((d) => ({ value: String(d), label: weekdayLabel(d, locale) }))}
              {...form.getInputProps(`schedule.${i}.weekday`)}
            />
            <TextInput className="narrow" type="time" label={t('requests.form.from')} {...form.getInputProps(`schedule.${i}.from`)} />
            <TextInput className="narrow" type="time" label={t('requests.form.to')} {...form.getInputProps(`schedule.${i}.to`)} />
            <RowRemove label={t('requests.form.removeSlot', { n: i + 1 })} onClick={() => form.removeListItem('schedule', i)} />
          </div>
        ))}
      </div>
      <Group>
        <Button
          variant="default"
          size="xs"
          onClick={() => {
            const n = form.values.schedule.length;
            form.insertListItem('schedule', { weekday: '1', from: '09:00', to: '12:00' });
            requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-path="schedule.${n}.weekday"]`)?.focus());
          }}
        >
          {t('requests.form.addSlot')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The list beside the form: what the complete description still lacks, each a link to its field. */
function StillMissing({ missing, serverMissing }: { missing: string[]; serverMissing?: string[] }) {
  const { t } = useTranslation();
  const focus = (path: string) => {
    const el = document.getElementById(inputIdOf(path));
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  };
  const savedDiffers = serverMissing && JSON.stringify(serverMissing) !== JSON.stringify(missing);
  return (
    <Paper withBorder p="md" radius="md" component="aside" aria-labelledby="still-missing-title" className="still-missing">
      <Title order={2} size="h4" id="still-missing-title">
        {t('requests.form.missingTitle')}
      </Title>
      <Text size="sm" mt={4} className="secondary-text">
        {t('requests.form.missingIntro')}
      </Text>
      {missing.length === 0 ? (
        <Group gap="xs" mt="sm" wrap="nowrap" align="flex-start">
          <span className="check-mark" data-done aria-hidden="true">
            <IconCheck size={14} />
          </span>
          <Text size="sm" fw={500}>
            {t('requests.form.complete')}
          </Text>
        </Group>
      ) : (
        <ul className="missing-list" aria-live="polite">
          {missing.map((m) => (
            <li key={m}>
              <Anchor component="button" type="button" size="sm" onClick={() => focus(m)}>
                {fieldLabel(m, t)}
              </Anchor>
            </li>
          ))}
        </ul>
      )}
      {savedDiffers && (
        <Text size="xs" mt="sm" className="secondary-text">
          {t('requests.form.savedMissing', { count: serverMissing.length })}
        </Text>
      )}
    </Paper>
  );
}

export function RequestForm({
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
  current?: GuideRequestDetail;
  catalogues: Catalogues;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const access: Access = { organization: useCan('guide-requests:manage'), origins: useCan('volunteers:origins') };
  const orgs = useAllOrganizations(access.organization);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const [tried, setTried] = useState(false);
  /** Values held back until the person confirms a start date in the past. */
  const [pastStart, setPastStart] = useState<FormValues | null>(null);
  const form = useForm<FormValues>({
    initialValues: initial,
    validate: (values) => {
      const errors = zodValidator<FormValues>(CreateGuideRequestBody, t, (v) => bodyOf(v, access))(values);
      if (errors.expectedHours && values.expectedHours !== '') errors.expectedHours = t('validation.quarterHours');
      if (errors.contact) {
        errors['contact.name'] = errors.contact;
        delete errors.contact;
      }
      return errors;
    },
  });

  /** After a failed save, take the person to the first field to fix, or to the message. */
  const focusProblem = useFocusProblem(formRef, alertRef);

  const save = async (values: FormValues) => {
    try {
      await onSubmit(bodyOf(values, access));
    } catch (e) {
      applyProblemToForm(form, e);
      if (form.errors.contact) form.setFieldError('contact.name', form.errors.contact);
      focusProblem();
    }
  };

  const submit = form.onSubmit(
    async (values) => {
      // A date typed in the past is mostly a slip (a wrong year or month); an unchanged old date is not asked about again.
      if (startsInPast(values.startsAt) && values.startsAt !== initial.startsAt) {
        setPastStart(values);
        return;
      }
      await save(values);
    },
    () => {
      setTried(true);
      focusProblem();
    },
  );

  const v = form.values;
  const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => collator(locale).compare(a.name, b.name));
  const missing = draftMissing(v);
  const conflict = error instanceof ProblemError && error.status === 409;
  const needsPlace = neededFor(v.kind, 'place');
  const needsAge = neededFor(v.kind, 'ageGroup');
  const need = (_field: string, label: string) => <Needed>{label}</Needed>;

  return (
    <div className="request-form-layout">
      <StillMissing missing={missing} serverMissing={current?.missingFields} />
      <form ref={formRef} noValidate onSubmit={submit} aria-label={submitLabel} data-tried={tried || undefined}>
        <Stack gap="lg">
          <Text size="sm">
            <span className="match-mark" aria-hidden="true">
              ◆
            </span>{' '}
            {t('requests.form.neededLegend')}
          </Text>
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

          <Section id="form-languages" title={t('requests.fields.languages')}>
            <LanguageNeeds form={form} />
          </Section>

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
              {access.origins && v.seeker.wantsPeerMatch && (
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

          <Section id="form-handling" title={t('requests.sections.handling')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                id="request-urgency"
                label={t('requests.fields.urgency')}
                data={URGENCIES.map((u) => ({ value: u, label: t(`requests.urgency.${u}`) }))}
                {...form.getInputProps('urgency')}
              />
              {access.organization && (
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

          <div className="form-actions">
            <Stack gap="xs">
              <div ref={alertRef} tabIndex={-1}>
                <ProblemAlert error={error} onReload={onReload} />
                {conflict && onReload && (
                  <Text size="sm" mt={4}>
                    {t('requests.form.conflictHint')}
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
      <ConfirmModal
        opened={pastStart !== null}
        title={t('requests.form.pastStartTitle')}
        message={t('requests.form.pastStartText', {
          date: pastStart ? formatDateTime(berlinLocalToInstant(pastStart.startsAt), locale) : '',
        })}
        confirmLabel={t('requests.form.pastStartConfirm')}
        danger={false}
        returnFocus={false}
        loading={pending}
        onConfirm={() => {
          const values = pastStart;
          setPastStart(null);
          if (values) void save(values);
        }}
        onClose={() => {
          setPastStart(null);
          // Back to the date, to correct it.
          window.setTimeout(() => document.getElementById('request-startsAt')?.focus(), 50);
        }}
      />
    </div>
  );
}

/** Whether a wall-clock time in Berlin (datetime-local) lies before now. */
function startsInPast(local: string): boolean {
  const instant = local ? berlinLocalToInstant(local) : null;
  return instant !== null && new Date(instant).getTime() < Date.now();
}
