import { Alert, NativeSelect, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { TFunction } from '../../i18n/translate.js';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import type { PublicNetwork } from '../../../common/api/public.js';
import { Name } from '../../components/bidi.js';
import { onDemand, onDemandFormHandlers, zodValidator } from '../../components/forms.js';
import { IconAlert } from '../../components/icons.js';
import { Page } from '../../components/page.js';
import { currentLocale } from '../../i18n/index.js';
import { berlinLocalToInstant, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { useAskForGuide } from './api.js';
import { NetworkLinks } from './network-links.js';
import { ConsentSection, FormPart, GroupError, PublicNetworkPage, SubmitArea, ThanksPage, usePlacedProblems } from './public-form.js';
import { districtData, LanguageChoice, labelOf } from './request-choices.js';
import '../portal/portal.css';
import './public.css';

/** The kinds of help a person can ask for here, in the order the form offers them. */
const KINDS = ['accompaniment', 'language_help', 'parents_evening', 'mentoring', 'office_help'] as const;
type Kind = (typeof KINDS)[number];
const AGE_GROUPS = ['child', 'youth', 'young_adult', 'adult', 'senior'] as const;
const MAX_LANGUAGES = 5;
/** The levels of the office's own scale that a person can judge for themselves. */
const URGENCY = ['normal', 'high', 'urgent'] as const;

interface Values {
  kind: Kind | '';
  topic: string;
  description: string;
  languages: string[];
  districtKey: string;
  place: string;
  startsAt: string;
  ageGroup: string;
  genderPreference: '' | 'female' | 'male';
  urgency: (typeof URGENCY)[number];
  name: string;
  phone: string;
  email: string;
  consent: boolean;
  /** The honeypot. */
  website: string;
}

const optional = (s: string) => (s.trim() === '' ? undefined : s.trim());
/** Help without meeting in person needs no place. */
const inPerson = (kind: Kind | '') => kind !== 'office_help';

function bodyOf(v: Values, consentVersion: string) {
  const withPlace = inPerson(v.kind);
  return {
    kind: v.kind || undefined,
    topic: v.topic || undefined,
    description: v.description.trim(),
    languages: v.languages,
    districtKey: withPlace ? v.districtKey || undefined : undefined,
    place: withPlace ? optional(v.place) : undefined,
    startsAt: v.startsAt ? (berlinLocalToInstant(v.startsAt) ?? v.startsAt) : undefined,
    ageGroup: v.ageGroup || undefined,
    genderPreference: v.genderPreference || undefined,
    urgency: v.urgency,
    contact: { name: v.name.trim(), phone: optional(v.phone), email: optional(v.email) },
    consent: { accepted: v.consent, textVersion: consentVersion },
    locale: currentLocale(),
    website: v.website || undefined,
  };
}

/** Body paths that the form shows under another name. */
const FIELD_OF: Record<string, string> = {
  'contact.name': 'name',
  'contact.phone': 'phone',
  'contact.email': 'email',
  'consent.accepted': 'consent',
};
const FIELDS = new Set([
  'kind',
  'topic',
  'description',
  'languages',
  'districtKey',
  'place',
  'startsAt',
  'urgency',
  'ageGroup',
  'genderPreference',
  'name',
  'phone',
  'email',
  'consent',
]);

// The API's schema for the body, and zod with it: fetched when the person starts on the form.
const schemas = onDemand(() => import('../../../common/api/public.js'));

/** Checks the form with the API's own schema; a few messages say more than "required". */
function validator(consentVersion: string, t: TFunction) {
  return (values: Values) => {
    const body = schemas.get()?.PublicGuideRequestBody;
    if (!body) return {};
    const schema = zodValidator(body, t, (v: Values) => bodyOf(v, consentVersion));
    const errors: Record<string, string> = {};
    for (const [path, message] of Object.entries(schema(values))) {
      const field = FIELD_OF[path] ?? (path.startsWith('languages') ? 'languages' : path);
      if (errors[field]) continue;
      if (field === 'consent') errors.consent = t('askGuide.consentRequired');
      else if (field === 'kind') errors.kind = t('askGuide.kindRequired');
      // The schema's "phone or e-mail" rule carries no input of its own, so it would read "required".
      else if (field === 'phone' && !values.phone.trim() && !values.email.trim()) errors.phone = t('validation.phoneOrEmail');
      else if (field === 'languages')
        errors.languages =
          values.languages.length > MAX_LANGUAGES
            ? t('askGuide.languagesTooMany', { max: MAX_LANGUAGES })
            : t('askGuide.languagesRequired');
      // "Required" is office language; the form says what to do.
      else errors[field] = message === t('validation.required') ? t('askGuide.fillIn') : message;
    }
    return errors;
  };
}

function RequestForm({ network, onDone }: { network: PublicNetwork; onDone: () => void }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const ask = useAskForGuide(network.slug);
  const form = useForm<Values>({
    initialValues: {
      kind: '',
      topic: '',
      description: '',
      languages: [],
      districtKey: '',
      place: '',
      startsAt: '',
      ageGroup: '',
      genderPreference: '',
      urgency: 'normal',
      name: '',
      phone: '',
      email: '',
      consent: false,
      website: '',
    },
    validate: validator(network.requestConsentVersion, t),
  });
  const { formRef, focusFirstError, unplaced, clearUnplaced, place } = usePlacedProblems(form, (path) => {
    const field = FIELD_OF[path] ?? (path.startsWith('languages') ? 'languages' : path);
    return FIELDS.has(field) ? field : null;
  });

  const submit = form.onSubmit(
    (values) => {
      clearUnplaced();
      // Without the schema (it could not be fetched) the body goes as it is: the server checks it.
      const body = bodyOf(values, network.requestConsentVersion);
      ask.mutate(schemas.get()?.PublicGuideRequestBody.parse(body) ?? (body as Parameters<typeof ask.mutate>[0]), {
        onSuccess: () => onDone(),
        onError: place,
      });
    },
    () => focusFirstError(),
  );

  const v = form.values;
  const kindError = form.errors.kind;
  const collator = new Intl.Collator(locale);
  const topics = [...network.topics].sort((a, b) => collator.compare(labelOf(a), labelOf(b)));

  return (
    <form ref={formRef} {...onDemandFormHandlers(schemas, submit)} noValidate className="apply-form">
      <Stack gap="lg">
        <Text size="sm">{t('apply.requiredNote')}</Text>

        <FormPart id="ask-what" title={t('askGuide.whatTitle')} gap="md">
          <Radio.Group
            id="ask-kind"
            label={t('askGuide.kindLabel')}
            required
            {...form.getInputProps('kind')}
            error={kindError ? true : undefined}
            aria-describedby={kindError ? 'ask-kind-error' : undefined}
          >
            <Stack gap="sm" mt="xs">
              {KINDS.map((k, i) => (
                <Radio
                  key={k}
                  value={k}
                  label={t(`askGuide.kinds.${k}`)}
                  description={t(`askGuide.kindHints.${k}`)}
                  aria-invalid={kindError && i === 0 ? true : undefined}
                  aria-describedby={kindError && i === 0 ? 'ask-kind-error' : undefined}
                />
              ))}
            </Stack>
          </Radio.Group>
          <GroupError id="ask-kind-error" error={kindError} />
          {topics.length > 0 && (
            <NativeSelect
              label={t('askGuide.topicLabel')}
              description={t('askGuide.topicHint')}
              data={[{ value: '', label: t('askGuide.topicNone') }, ...topics.map((e) => ({ value: e.key, label: labelOf(e) }))]}
              {...form.getInputProps('topic')}
            />
          )}
          <Textarea
            dir="auto"
            label={t('askGuide.descriptionLabel')}
            description={t('askGuide.descriptionHint')}
            required
            autosize
            minRows={4}
            maxLength={3000}
            {...form.getInputProps('description')}
          />
        </FormPart>

        <FormPart id="ask-languages-title" title={t('askGuide.languagesTitle')}>
          <LanguageChoice value={v.languages} onChange={(value) => form.setFieldValue('languages', value)} error={form.errors.languages} />
        </FormPart>

        <FormPart
          id="ask-where"
          title={inPerson(v.kind) ? t('askGuide.whereTitle') : t('askGuide.whenTitle')}
          hint={t('askGuide.whereHint')}
        >
          {inPerson(v.kind) && (
            <>
              {network.districts.length > 0 && (
                <NativeSelect
                  label={t('askGuide.districtLabel')}
                  data={[{ value: '', label: t('askGuide.districtNone') }, ...districtData(network.districts, t, locale)]}
                  {...form.getInputProps('districtKey')}
                />
              )}
              <TextInput
                dir="auto"
                label={t('askGuide.placeLabel')}
                description={t('askGuide.placeHint')}
                maxLength={300}
                {...form.getInputProps('place')}
              />
            </>
          )}
          <TextInput
            type="datetime-local"
            label={t('askGuide.startsAtLabel')}
            description={t('askGuide.startsAtHint')}
            {...form.getInputProps('startsAt')}
          />
          <Radio.Group label={t('askGuide.urgencyLabel')} description={t('askGuide.urgencyHint')} {...form.getInputProps('urgency')}>
            <Stack gap="xs" mt="xs">
              {URGENCY.map((u) => (
                <Radio key={u} value={u} label={t(`requests.urgency.${u}`)} />
              ))}
            </Stack>
          </Radio.Group>
        </FormPart>

        <FormPart id="ask-person" title={t('askGuide.personTitle')} hint={t('askGuide.personHint')}>
          <NativeSelect
            label={t('askGuide.ageLabel')}
            data={[{ value: '', label: t('portal.choose') }, ...AGE_GROUPS.map((a) => ({ value: a, label: t(`requests.ageGroups.${a}`) }))]}
            {...form.getInputProps('ageGroup')}
          />
          <Radio.Group label={t('askGuide.genderLabel')} {...form.getInputProps('genderPreference')}>
            <Stack gap="xs" mt="xs">
              <Radio value="" label={t('askGuide.gender.any')} />
              <Radio value="female" label={t('askGuide.gender.female')} />
              <Radio value="male" label={t('askGuide.gender.male')} />
            </Stack>
          </Radio.Group>
        </FormPart>

        <FormPart id="ask-contact" title={t('askGuide.contactTitle')} hint={t('askGuide.contactHint')}>
          <TextInput
            dir="auto"
            label={t('askGuide.nameLabel')}
            autoComplete="name"
            required
            maxLength={200}
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('apply.phone')}
            description={t('askGuide.phoneHint')}
            type="tel"
            autoComplete="tel"
            dir="ltr"
            className="portal-ltr-field"
            {...form.getInputProps('phone')}
          />
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="email"
            dir="ltr"
            className="portal-ltr-field"
            {...form.getInputProps('email')}
          />
        </FormPart>

        <ConsentSection
          idPrefix="ask"
          form={form}
          texts={{
            what: t('askGuide.consent.what'),
            why: t('askGuide.consent.why', { network: isolate(network.name) }),
            withdraw: t('askGuide.consent.withdraw'),
            accept: t('askGuide.consent.accept', { network: isolate(network.name) }),
          }}
          version={network.requestConsentVersion}
        />

        <SubmitArea
          form={form}
          honeypotId="ask-website"
          error={ask.error}
          rateLimitedText={t('askGuide.rateLimited')}
          unplaced={unplaced}
          pending={ask.isPending}
          label={t('askGuide.submit')}
        />
      </Stack>
    </form>
  );
}

function Received({ network }: { network: PublicNetwork }) {
  const { t } = useTranslation();
  return (
    <ThanksPage
      network={network}
      current="request"
      title={t('askGuide.thanksTitle')}
      heading={t('askGuide.thanksHeading')}
      text={t('askGuide.thanksText', { network: isolate(network.name) })}
      nextId="ask-next"
      next={[t('askGuide.next1'), t('askGuide.next2'), t('askGuide.next3')]}
    >
      <Alert color="gray" variant="light" icon={<IconAlert />} title={t('askGuide.emergencyTitle')} role="note">
        <Text size="sm">{t('askGuide.emergency')}</Text>
      </Alert>
    </ThanksPage>
  );
}

export default function PublicRequestPage() {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  return (
    <PublicNetworkPage title={t('askGuide.title')} unknownText={t('askGuide.unknown')}>
      {(network) =>
        done ? (
          <Received network={network} />
        ) : (
          <Page title={t('askGuide.title')}>
            <Stack gap="xs">
              <Text fw={600}>
                <Name>{network.name}</Name>
              </Text>
              <Text>{t('askGuide.intro')}</Text>
              <Text>{t('askGuide.how')}</Text>
              <Text>{t('askGuide.forOthers')}</Text>
            </Stack>
            <RequestForm network={network} onDone={() => setDone(true)} />
            <NetworkLinks slug={network.slug} current="request" />
          </Page>
        )
      }
    </PublicNetworkPage>
  );
}
