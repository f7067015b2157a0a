import { Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from '../../i18n/translate.js';
import { useTranslation } from '../../i18n/translate.js';
import { z } from 'zod';
import { Absence, AvailabilitySlot, LanguageSkill, VolunteerSelfFields, type UpdateOwnVolunteerBody, type VolunteerDetail } from '../../../common/api/volunteers.js';
import { WEEKDAYS } from '../../../common/volunteers.js';
import { applyProblemToForm, zodValidator } from '../../components/forms.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatNumber } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { OWN_VOLUNTEER_KEY, useCatalog, useCurrentVersion, useUpdateOwnVolunteer } from './api.js';
import { IconLock, IconPlus } from '../../components/icons.js';
import { LanguageRows, languagesOf, newLanguageRow, type LanguageRow } from './language-rows.js';
import { formatCalendarDate, languageOptions, weekdayName } from './languages.js';
import { SaveBar, Section } from './section.js';
import { InterestCheckboxes } from './interest-checkboxes.js';

export { InterestCheckboxes };

type SelfBody = Omit<UpdateOwnVolunteerBody, 'version'>;

/**
 * One part of the profile as its own form. It sends only its fields with the newest version the
 * page knows, so saving one part never overwrites another; the answer becomes the form's new state.
 */
function useSectionForm<V extends object>(volunteer: VolunteerDetail, from: (v: VolunteerDetail) => V, validate: (values: V) => Record<string, string>, toBody: (values: V) => SelfBody) {
  const form = useForm<V>({ initialValues: from(volunteer), validate });
  const update = useUpdateOwnVolunteer();
  const version = useCurrentVersion();
  const qc = useQueryClient();
  const reset = (v: VolunteerDetail) => {
    const next = from(v);
    form.setValues(next);
    form.resetDirty(next);
  };
  const submit = form.onSubmit((values) =>
    update.mutate({ ...toBody(values), version: version() }, { onSuccess: reset, onError: (e) => applyProblemToForm(form, e) }),
  );
  const reload = async () => {
    await qc.refetchQueries({ queryKey: OWN_VOLUNTEER_KEY });
    const fresh = qc.getQueryData<VolunteerDetail | null>(OWN_VOLUNTEER_KEY);
    if (fresh) reset(fresh);
    update.reset();
  };
  const dirty = form.isDirty();
  return { form, update, submit, reload, dirty, saved: update.isSuccess && !dirty };
}

/** Duplicates in a list of rows, as form errors at the repeated rows. */
function duplicates<R>(rows: R[], value: (r: R) => string, path: (i: number) => string, t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  rows.forEach((r, i) => {
    const v = value(r);
    if (v && rows.findIndex((o) => value(o) === v) !== i) errors[path(i)] = t('validation.duplicate');
  });
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Contact

interface ContactValues {
  phone: string;
  street: string;
  postalCode: string;
  city: string;
  contactLanguage: string;
}

const ContactSchema = VolunteerSelfFields.pick({ phone: true, street: true, postalCode: true, city: true, contactLanguage: true });
const nullIfEmpty = (s: string) => (s.trim() === '' ? null : s.trim());
const contactBody = (v: ContactValues) => ({
  phone: nullIfEmpty(v.phone),
  street: nullIfEmpty(v.street),
  postalCode: nullIfEmpty(v.postalCode),
  city: nullIfEmpty(v.city),
  contactLanguage: nullIfEmpty(v.contactLanguage),
});

export function ContactForm({ volunteer }: { volunteer: VolunteerDetail }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const { frequent, others } = languageOptions(locale);
  const { form, update, submit, reload, dirty, saved } = useSectionForm<ContactValues>(
    volunteer,
    (v) => ({ phone: v.phone ?? '', street: v.street ?? '', postalCode: v.postalCode ?? '', city: v.city ?? '', contactLanguage: v.contactLanguage ?? '' }),
    zodValidator(ContactSchema, t, contactBody),
    contactBody,
  );
  return (
    <Section id="portal-contact" title={t('portal.contact.title')} intro={t('portal.contact.intro')}>
      <Stack gap="xs" className="portal-fixed">
        <Group gap={6} wrap="nowrap" align="center">
          <IconLock size={16} />
          <Text size="sm" fw={600}>
            {t('portal.fixedHint')}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('portal.contact.name')} value={`${volunteer.firstName} ${volunteer.lastName}`} readOnly variant="filled" />
          <TextInput label={t('fields.email')} value={volunteer.email ?? ''} readOnly variant="filled" dir="ltr" className="portal-ltr-field" />
        </SimpleGrid>
      </Stack>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={update.error} onReload={() => void reload()} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('fields.phone')} type="tel" autoComplete="tel" dir="ltr" className="portal-ltr-field" {...form.getInputProps('phone')} />
            <NativeSelect
              label={t('portal.contact.contactLanguage')}
              data={[
                { value: '', label: t('portal.notSpecified') },
                { group: t('portal.languages.frequent'), items: frequent },
                { group: t('portal.languages.all'), items: others },
              ]}
              {...form.getInputProps('contactLanguage')}
            />
            <TextInput label={t('portal.contact.street')} autoComplete="street-address" {...form.getInputProps('street')} />
            <div className="portal-place">
              <TextInput label={t('portal.contact.postalCode')} autoComplete="postal-code" inputMode="numeric" className="portal-postal" {...form.getInputProps('postalCode')} />
              <TextInput label={t('portal.contact.city')} autoComplete="address-level2" className="portal-city" {...form.getInputProps('city')} />
            </div>
          </SimpleGrid>
          <SaveBar label={t('portal.contact.save')} loading={update.isPending} dirty={dirty} saved={saved} />
        </Stack>
      </form>
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------
// Languages

interface LanguageValues {
  languages: LanguageRow[];
}

const LanguagesSchema = z.object({ languages: z.array(LanguageSkill) });

export function LanguagesForm({ volunteer }: { volunteer: VolunteerDetail }) {
  const { t } = useTranslation();
  const validate = (v: LanguageValues) => ({
    ...zodValidator(LanguagesSchema, t, (x: LanguageValues) => ({ languages: languagesOf(x.languages) }))(v),
    ...duplicates(v.languages, (r) => r.code, (i) => `languages.${i}.code`, t),
  });
  const { form, update, submit, reload, dirty, saved } = useSectionForm<LanguageValues>(
    volunteer,
    (v) => ({ languages: v.languages.map((l) => newLanguageRow(l.code, l.level)) }),
    validate,
    (v) => ({ languages: languagesOf(v.languages) as SelfBody['languages'] }),
  );
  return (
    <Section id="portal-languages" title={t('portal.languages.title')} intro={t('portal.languages.intro')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={update.error} onReload={() => void reload()} />
          <LanguageRows form={form} idPrefix="portal" />
          <SaveBar label={t('portal.languages.save')} loading={update.isPending} dirty={dirty} saved={saved} />
        </Stack>
      </form>
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------
// Weekly times

interface SlotRow {
  key: string;
  weekday: string;
  from: string;
  to: string;
}
interface AvailabilityValues {
  availability: SlotRow[];
}

const AvailabilitySchema = z.object({ availability: z.array(AvailabilitySlot) });
const slotsOf = (rows: SlotRow[]) => rows.map((r) => ({ weekday: Number(r.weekday) || 0, from: r.from, to: r.to }));

function RemoveButton({ onClick, name }: { onClick: () => void; name: string }) {
  const { t } = useTranslation();
  return (
    <Button variant="subtle" color="red" className="portal-row-remove" onClick={onClick} aria-label={t('portal.removeNamed', { name })}>
      {t('portal.remove')}
    </Button>
  );
}

function AddButton({ onClick, children }: { onClick: () => void; children: string }) {
  return (
    <Group>
      <Button variant="default" leftSection={<IconPlus />} onClick={onClick}>
        {children}
      </Button>
    </Group>
  );
}

export function AvailabilityForm({ volunteer }: { volunteer: VolunteerDetail }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const { form, update, submit, reload, dirty, saved } = useSectionForm<AvailabilityValues>(
    volunteer,
    (v) => ({ availability: v.availability.map((s) => ({ key: randomId(), weekday: String(s.weekday), from: s.from, to: s.to })) }),
    zodValidator(AvailabilitySchema, t, (v: AvailabilityValues) => ({ availability: slotsOf(v.availability) })),
    (v) => ({ availability: slotsOf(v.availability) }),
  );
  const rows = form.values.availability;
  const rowName = (r: SlotRow, i: number) =>
    r.weekday && r.from && r.to
      ? t('portal.times.slotName', { day: weekdayName(Number(r.weekday), locale), from: r.from, to: r.to })
      : t('portal.times.rowLegend', { number: formatNumber(i + 1, locale) });
  return (
    <Section id="portal-times" title={t('portal.times.title')} intro={t('portal.times.intro')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={update.error} onReload={() => void reload()} />
          {rows.length === 0 && <Text className="secondary-text">{t('portal.times.none')}</Text>}
          {rows.length > 0 && (
            <ul className="portal-rows">
              {rows.map((row, i) => (
                <li key={row.key}>
                  <fieldset className="portal-row">
                    <legend className="visually-hidden">{t('portal.times.rowLegend', { number: formatNumber(i + 1, locale) })}</legend>
                    <Group align="flex-start" gap="sm" wrap="wrap">
                      <NativeSelect
                        label={t('portal.times.weekday')}
                        data={[{ value: '', label: t('portal.choose') }, ...WEEKDAYS.map((d) => ({ value: String(d), label: weekdayName(d, locale) }))]}
                        className="portal-grow"
                        {...form.getInputProps(`availability.${i}.weekday`)}
                      />
                      <Group gap="sm" wrap="nowrap" align="flex-start" className="portal-grow">
                        <TextInput type="time" label={t('portal.times.from')} className="portal-time" {...form.getInputProps(`availability.${i}.from`)} />
                        <TextInput type="time" label={t('portal.times.to')} className="portal-time" {...form.getInputProps(`availability.${i}.to`)} />
                      </Group>
                      <RemoveButton onClick={() => form.removeListItem('availability', i)} name={rowName(row, i)} />
                    </Group>
                  </fieldset>
                </li>
              ))}
            </ul>
          )}
          <AddButton onClick={() => form.insertListItem('availability', { key: randomId(), weekday: '', from: '', to: '' })}>{t('portal.times.add')}</AddButton>
          <SaveBar label={t('portal.times.save')} loading={update.isPending} dirty={dirty} saved={saved} />
        </Stack>
      </form>
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------
// Absences

interface AbsenceRow {
  key: string;
  from: string;
  to: string;
  note: string;
}
interface AbsenceValues {
  absences: AbsenceRow[];
}

const AbsencesSchema = z.object({ absences: z.array(Absence) });
const absencesOf = (rows: AbsenceRow[]) => rows.map((r) => ({ from: r.from, to: r.to, note: nullIfEmpty(r.note) }));

export function AbsencesForm({ volunteer }: { volunteer: VolunteerDetail }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const validate = (v: AbsenceValues) => ({
    ...zodValidator(AbsencesSchema, t, (x: AbsenceValues) => ({ absences: absencesOf(x.absences) }))(v),
    // The server keeps one absence per first day.
    ...duplicates(v.absences, (r) => r.from, (i) => `absences.${i}.from`, t),
  });
  const { form, update, submit, reload, dirty, saved } = useSectionForm<AbsenceValues>(
    volunteer,
    (v) => ({ absences: v.absences.map((a) => ({ key: randomId(), from: a.from, to: a.to, note: a.note ?? '' })) }),
    validate,
    (v) => ({ absences: absencesOf(v.absences) }),
  );
  const rows = form.values.absences;
  const rowName = (r: AbsenceRow, i: number) =>
    r.from && r.to ? t('portal.absences.rangeName', { from: formatCalendarDate(r.from, locale), to: formatCalendarDate(r.to, locale) }) : t('portal.absences.rowLegend', { number: formatNumber(i + 1, locale) });
  return (
    <Section id="portal-absences" title={t('portal.absences.title')} intro={t('portal.absences.intro')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={update.error} onReload={() => void reload()} />
          {rows.length === 0 && <Text className="secondary-text">{t('portal.absences.none')}</Text>}
          {rows.length > 0 && (
            <ul className="portal-rows">
              {rows.map((row, i) => (
                <li key={row.key}>
                  <fieldset className="portal-row">
                    <legend className="visually-hidden">{t('portal.absences.rowLegend', { number: formatNumber(i + 1, locale) })}</legend>
                    <Group align="flex-start" gap="sm" wrap="wrap">
                      <Group gap="sm" wrap="nowrap" align="flex-start" className="portal-grow">
                        <TextInput type="date" label={t('portal.absences.from')} className="portal-date" {...form.getInputProps(`absences.${i}.from`)} />
                        <TextInput type="date" label={t('portal.absences.to')} className="portal-date" {...form.getInputProps(`absences.${i}.to`)} />
                      </Group>
                      <TextInput label={t('portal.absences.note')} description={t('portal.absences.noteHint')} className="portal-grow" maxLength={200} {...form.getInputProps(`absences.${i}.note`)} />
                      <RemoveButton onClick={() => form.removeListItem('absences', i)} name={rowName(row, i)} />
                    </Group>
                  </fieldset>
                </li>
              ))}
            </ul>
          )}
          <AddButton onClick={() => form.insertListItem('absences', { key: randomId(), from: '', to: '', note: '' })}>{t('portal.absences.add')}</AddButton>
          <SaveBar label={t('portal.absences.save')} loading={update.isPending} dirty={dirty} saved={saved} />
        </Stack>
      </form>
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------
// Interests (topics one wants training in)

interface InterestValues {
  interests: string[];
}

export function InterestsForm({ volunteer }: { volunteer: VolunteerDetail }) {
  const { t } = useTranslation();
  const topics = useCatalog('topics');
  const { form, update, submit, reload, dirty, saved } = useSectionForm<InterestValues>(
    volunteer,
    (v) => ({ interests: v.interests }),
    () => ({}),
    (v) => ({ interests: v.interests }),
  );
  return (
    <Section id="portal-interests" title={t('portal.interests.title')} intro={t('portal.interests.intro')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert error={update.error ?? topics.error} onReload={() => void reload()} />
          <InterestCheckboxes form={form} topics={topics.data ?? []} label={t('portal.interests.label')} />
          <SaveBar label={t('portal.interests.save')} loading={update.isPending} dirty={dirty} saved={saved} />
        </Stack>
      </form>
    </Section>
  );
}