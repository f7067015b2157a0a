import {
  Alert,
  Button,
  Center,
  Checkbox,
  Group,
  List,
  Loader,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import type { TFunction } from '../../i18n/translate.js';
import { useRef, useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { useParams } from '../../router.js';
import type { PublicNetwork } from '../../../common/api/public.js';
import { ProblemError, isProblem } from '../../api/client.js';
import { Name } from '../../components/bidi.js';
import { formPath } from '../../components/form-path.js';
import { onDemand, onDemandFormHandlers, useFocusProblem, zodValidator } from '../../components/forms.js';
import { IconAlert, IconCheck } from '../../components/icons.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { currentLocale } from '../../i18n/index.js';
import { berlinLocalToInstant, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { languageOptions } from '../portal/languages.js';
import { useAskForGuide, usePublicNetwork } from './api.js';
import { NetworkLinks } from './network-links.js';
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

/** A catalogue entry's name in the reader's language, where the network gave one. */
const labelOf = (e: { name: string; label?: string }) => e.label || e.name;

/** Districts for the select: each district, then its quarters. */
function districtData(districts: PublicNetwork['districts'], t: TFunction, locale: string) {
  const collator = new Intl.Collator(locale);
  const byName = (a: { name: string }, b: { name: string }) => collator.compare(labelOf(a), labelOf(b));
  const tops = districts.filter((d) => !d.parentKey || !districts.some((p) => p.key === d.parentKey)).sort(byName);
  return tops.map((d) => ({
    group: labelOf(d),
    items: [
      { value: d.key, label: t('volunteers.district.whole', { name: labelOf(d) }) },
      ...districts
        .filter((q) => q.parentKey === d.key)
        .sort(byName)
        .map((q) => ({ value: q.key, label: labelOf(q) })),
    ],
  }));
}

/** Error text under a group of boxes, tied to the group for screen readers. */
function GroupError({ id, error }: { id: string; error: unknown }) {
  if (typeof error !== 'string' || !error) return null;
  return (
    <Text id={id} size="sm" c="var(--mantine-color-error)">
      {error}
    </Text>
  );
}

function LanguageChoice({ value, onChange, error }: { value: string[]; onChange: (v: string[]) => void; error: unknown }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const options = languageOptions(locale);
  // The language of the page comes first: whoever reads Arabic here most likely speaks it.
  const frequent = [...options.frequent.filter((o) => o.value === locale), ...options.frequent.filter((o) => o.value !== locale)];
  const others = options.others;
  const extra = others.filter((o) => value.includes(o.value));
  const [pick, setPick] = useState('');
  const invalid = typeof error === 'string' && !!error;
  return (
    <Stack gap="sm">
      <Checkbox.Group
        id="ask-languages"
        label={t('askGuide.languagesLabel')}
        description={t('askGuide.languagesHint')}
        required
        value={value}
        onChange={onChange}
        error={invalid ? true : undefined}
        aria-describedby={invalid ? 'ask-languages-error' : undefined}
      >
        <SimpleGrid cols={{ base: 1, xs: 2 }} mt="xs" spacing="xs" verticalSpacing="xs">
          {[...frequent, ...extra].map((o, i) => (
            <Checkbox
              key={o.value}
              value={o.value}
              label={o.label}
              aria-invalid={invalid && i === 0 ? true : undefined}
              aria-describedby={invalid && i === 0 ? 'ask-languages-error' : undefined}
            />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <GroupError id="ask-languages-error" error={error} />
      {/* Chosen, then added by a button: arrow keys in a closed select change it at every step. */}
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <NativeSelect
          className="ask-other-language"
          label={t('askGuide.otherLanguage')}
          value={pick}
          data={[{ value: '', label: t('portal.choose') }, ...others.filter((o) => !value.includes(o.value))]}
          onChange={(e) => setPick(e.currentTarget.value)}
        />
        <Button
          variant="default"
          disabled={!pick}
          onClick={() => {
            onChange([...value, pick]);
            setPick('');
          }}
        >
          {t('askGuide.addLanguage')}
        </Button>
      </Group>
    </Stack>
  );
}

function RequestForm({ network, onDone }: { network: PublicNetwork; onDone: () => void }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const ask = useAskForGuide(network.slug);
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstError = useFocusProblem(formRef);
  const [unplaced, setUnplaced] = useState<string[]>([]);
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

  const submit = form.onSubmit(
    (values) => {
      setUnplaced([]);
      // Without the schema (it could not be fetched) the body goes as it is: the server checks it.
      const body = bodyOf(values, network.requestConsentVersion);
      ask.mutate(schemas.get()?.PublicGuideRequestBody.parse(body) ?? (body as Parameters<typeof ask.mutate>[0]), {
        onSuccess: () => onDone(),
        onError: (error) => {
          if (!(error instanceof ProblemError) || !error.problem.errors) return;
          const fields: Record<string, string> = {};
          const rest: string[] = [];
          for (const e of error.problem.errors) {
            const path = formPath(e.path);
            const field = FIELD_OF[path] ?? (path.startsWith('languages') ? 'languages' : path);
            if (FIELDS.has(field)) fields[field] = e.message;
            else rest.push(e.message);
          }
          form.setErrors(fields);
          setUnplaced(rest);
          focusFirstError();
        },
      });
    },
    () => focusFirstError(),
  );

  const v = form.values;
  const rateLimited = isProblem(ask.error) && ask.error.status === 429;
  const kindError = form.errors.kind;
  const consentError = form.errors.consent;
  const collator = new Intl.Collator(locale);
  const topics = [...network.topics].sort((a, b) => collator.compare(labelOf(a), labelOf(b)));

  return (
    <form
      ref={formRef}
      {...onDemandFormHandlers(schemas, submit)}
      noValidate
      className="apply-form"
    >
      <Stack gap="lg">
        <Text size="sm">{t('apply.requiredNote')}</Text>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="ask-what">
          <Stack gap="md">
            <Title order={2} size="h3" id="ask-what">
              {t('askGuide.whatTitle')}
            </Title>
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
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="ask-languages-title">
          <Stack gap="sm">
            <Title order={2} size="h3" id="ask-languages-title">
              {t('askGuide.languagesTitle')}
            </Title>
            <LanguageChoice
              value={v.languages}
              onChange={(value) => form.setFieldValue('languages', value)}
              error={form.errors.languages}
            />
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="ask-where">
          <Stack gap="sm">
            <div>
              <Title order={2} size="h3" id="ask-where">
                {inPerson(v.kind) ? t('askGuide.whereTitle') : t('askGuide.whenTitle')}
              </Title>
              <Text size="sm" mt={4} className="secondary-text">
                {t('askGuide.whereHint')}
              </Text>
            </div>
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
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="ask-person">
          <Stack gap="sm">
            <div>
              <Title order={2} size="h3" id="ask-person">
                {t('askGuide.personTitle')}
              </Title>
              <Text size="sm" mt={4} className="secondary-text">
                {t('askGuide.personHint')}
              </Text>
            </div>
            <NativeSelect
              label={t('askGuide.ageLabel')}
              data={[
                { value: '', label: t('portal.choose') },
                ...AGE_GROUPS.map((a) => ({ value: a, label: t(`requests.ageGroups.${a}`) })),
              ]}
              {...form.getInputProps('ageGroup')}
            />
            <Radio.Group label={t('askGuide.genderLabel')} {...form.getInputProps('genderPreference')}>
              <Stack gap="xs" mt="xs">
                <Radio value="" label={t('askGuide.gender.any')} />
                <Radio value="female" label={t('askGuide.gender.female')} />
                <Radio value="male" label={t('askGuide.gender.male')} />
              </Stack>
            </Radio.Group>
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="ask-contact">
          <Stack gap="sm">
            <div>
              <Title order={2} size="h3" id="ask-contact">
                {t('askGuide.contactTitle')}
              </Title>
              <Text size="sm" mt={4} className="secondary-text">
                {t('askGuide.contactHint')}
              </Text>
            </div>
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
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="ask-consent" className="apply-consent">
          <Stack gap="sm">
            <Title order={2} size="h3" id="ask-consent">
              {t('apply.consent.title')}
            </Title>
            <div>
              <Text fw={600}>{t('apply.consent.whatTitle')}</Text>
              <Text size="sm">{t('askGuide.consent.what')}</Text>
            </div>
            <div>
              <Text fw={600}>{t('apply.consent.whyTitle')}</Text>
              <Text size="sm">{t('askGuide.consent.why', { network: isolate(network.name) })}</Text>
            </div>
            <div>
              <Text fw={600}>{t('apply.consent.withdrawTitle')}</Text>
              <Text size="sm">{t('askGuide.consent.withdraw')}</Text>
            </div>
            <Checkbox
              label={t('askGuide.consent.accept', { network: isolate(network.name) })}
              required
              {...form.getInputProps('consent', { type: 'checkbox' })}
              error={consentError ? true : undefined}
              aria-invalid={consentError ? true : undefined}
              aria-describedby={consentError ? 'ask-consent-error' : undefined}
            />
            <GroupError id="ask-consent-error" error={consentError} />
            <Text size="xs" className="secondary-text">
              {t('apply.consent.version', { version: network.requestConsentVersion })}
            </Text>
          </Stack>
        </Paper>

        {/* A field for robots only: hidden from people, screen readers and the keyboard. */}
        <div className="apply-hp" aria-hidden="true">
          <label htmlFor="ask-website">{t('apply.honeypot')}</label>
          <input id="ask-website" name="website" type="text" tabIndex={-1} autoComplete="off" {...form.getInputProps('website')} />
        </div>

        {rateLimited ? (
          <Alert color="red" variant="light" icon={<IconAlert />} title={t('apply.rateLimitedTitle')} role="alert">
            {t('askGuide.rateLimited')}
          </Alert>
        ) : (
          <>
            <ProblemAlert error={ask.error} />
            {unplaced.length > 0 && (
              <List size="sm" role="alert">
                {unplaced.map((m) => (
                  <List.Item key={m}>{m}</List.Item>
                ))}
              </List>
            )}
          </>
        )}

        <Button type="submit" size="md" loading={ask.isPending} fullWidth>
          {t('askGuide.submit')}
        </Button>
      </Stack>
    </form>
  );
}

function Received({ network }: { network: PublicNetwork }) {
  const { t } = useTranslation();
  return (
    <Page title={t('askGuide.thanksTitle')}>
      <Alert color="green" variant="light" icon={<IconCheck />} title={t('askGuide.thanksHeading')} role="status">
        <Text>{t('askGuide.thanksText', { network: isolate(network.name) })}</Text>
      </Alert>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="ask-next">
        <Title order={2} size="h3" id="ask-next" mb="sm">
          {t('apply.nextTitle')}
        </Title>
        <List type="ordered" spacing="xs" className="portal-list">
          <List.Item>{t('askGuide.next1')}</List.Item>
          <List.Item>{t('askGuide.next2')}</List.Item>
          <List.Item>{t('askGuide.next3')}</List.Item>
        </List>
      </Paper>
      <Alert color="gray" variant="light" icon={<IconAlert />} title={t('askGuide.emergencyTitle')} role="note">
        <Text size="sm">{t('askGuide.emergency')}</Text>
      </Alert>
      <NetworkLinks slug={network.slug} current="request" />
    </Page>
  );
}

export default function PublicRequestPage() {
  const { t } = useTranslation();
  const { networkSlug = '' } = useParams();
  const network = usePublicNetwork(networkSlug);
  const [done, setDone] = useState(false);

  if (network.isPending) {
    return (
      <Page title={t('askGuide.title')}>
        <Center py="xl">
          <Loader aria-label={t('app.loading')} role="status" />
        </Center>
      </Page>
    );
  }
  if (network.error) {
    return (
      <Page title={t('askGuide.title')}>
        <ProblemAlert error={network.error} />
        <div>
          <Button variant="default" onClick={() => void network.refetch()}>
            {t('errors.retry')}
          </Button>
        </div>
      </Page>
    );
  }
  if (!network.data) {
    return (
      <Page title={t('apply.unknownTitle')}>
        <Text>{t('askGuide.unknown')}</Text>
      </Page>
    );
  }
  if (done) return <Received network={network.data} />;
  return (
    <Page title={t('askGuide.title')}>
      <Stack gap="xs">
        <Text fw={600}>
          <Name>{network.data.name}</Name>
        </Text>
        <Text>{t('askGuide.intro')}</Text>
        <Text>{t('askGuide.how')}</Text>
        <Text>{t('askGuide.forOthers')}</Text>
      </Stack>
      <RequestForm network={network.data} onDone={() => setDone(true)} />
      <NetworkLinks slug={network.data.slug} current="request" />
    </Page>
  );
}
