import { Alert, Button, Center, Checkbox, List, Loader, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { TFunction } from '../../i18n/translate.js';
import { useRef, useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { useParams } from '../../router.js';
import type { PublicNetwork } from '../../../common/api/public.js';
import { ProblemError, isProblem } from '../../api/client.js';
import { onDemand, onDemandFormHandlers, useFocusProblem, zodValidator } from '../../components/forms.js';
import { IconAlert, IconCheck } from '../../components/icons.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formPath } from '../../components/form-path.js';
import { currentLocale } from '../../i18n/index.js';
import { isolate } from '../../i18n/format.js';
import { LanguageRows, languagesOf, newLanguageRow, type LanguageRow } from '../portal/language-rows.js';
import { readerOptions } from '../catalog/api.js';
import { InterestCheckboxes } from '../portal/interest-checkboxes.js';
import { usePublicNetwork, useApplyAsVolunteer } from './api.js';
import { NetworkLinks } from './network-links.js';
import '../portal/portal.css';
import './public.css';

interface Values {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  postalCode: string;
  city: string;
  languages: LanguageRow[];
  interests: string[];
  message: string;
  consent: boolean;
  /** The honeypot. */
  website: string;
}

const optional = (s: string) => (s.trim() === '' ? undefined : s.trim());

/** The request body; rows left completely empty are no languages, not errors. */
function bodyOf(v: Values, consentVersion: string) {
  return {
    firstName: v.firstName.trim(),
    lastName: v.lastName.trim(),
    email: v.email.trim(),
    phone: optional(v.phone),
    postalCode: optional(v.postalCode),
    city: optional(v.city),
    languages: languagesOf(v.languages.filter((l) => l.code || l.level)),
    interests: v.interests,
    message: optional(v.message),
    consent: { accepted: v.consent, textVersion: consentVersion },
    locale: currentLocale(),
    website: v.website || undefined,
  };
}

/** Error paths of the body that are not the form's own fields. */
const FIELD_OF: Record<string, string> = { 'consent.accepted': 'consent' };

// The API's schema for the body, and zod with it: fetched when the person starts on the form.
const schemas = onDemand(() => import('../../../common/api/public.js'));

function validator(consentVersion: string, t: TFunction) {
  return (values: Values) => {
    const body = schemas.get()?.VolunteerApplicationBody;
    if (!body) return {};
    const schema = zodValidator(body, t, (v: Values) => bodyOf(v, consentVersion));
    const errors: Record<string, string> = {};
    for (const [path, message] of Object.entries(schema(values))) {
      if (path === 'consent.accepted') errors.consent = t('apply.consentRequired');
      else errors[FIELD_OF[path] ?? path] = message;
    }
    return errors;
  };
}

function ApplicationForm({ network, onDone }: { network: PublicNetwork; onDone: (firstName: string) => void }) {
  const { t } = useTranslation();
  const apply = useApplyAsVolunteer(network.slug);
  // After a failed check the first field in error takes the focus, so that nobody hunts for it.
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstError = useFocusProblem(formRef);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const form = useForm<Values>({
    initialValues: {
      firstName: '',
      lastName: '',
      email: '',
      phone: '',
      postalCode: '',
      city: '',
      languages: [newLanguageRow()],
      interests: [],
      message: '',
      consent: false,
      website: '',
    },
    validate: validator(network.consentVersion, t),
  });
  const fieldNames = new Set(['firstName', 'lastName', 'email', 'phone', 'postalCode', 'city', 'interests', 'message', 'consent']);

  const submit = form.onSubmit(
    (values) => {
      setUnplaced([]);
      // Without the schema (it could not be fetched) the body goes as it is: the server checks it.
      const body = bodyOf(values, network.consentVersion);
      apply.mutate(schemas.get()?.VolunteerApplicationBody.parse(body) ?? (body as Parameters<typeof apply.mutate>[0]), {
        onSuccess: () => onDone(values.firstName.trim()),
        onError: (error) => {
          if (!(error instanceof ProblemError) || !error.problem.errors) return;
          const fields: Record<string, string> = {};
          const rest: string[] = [];
          for (const e of error.problem.errors) {
            const path = formPath(e.path);
            const field = FIELD_OF[path] ?? path;
            if (fieldNames.has(field.split('.')[0]!) || field.startsWith('languages.')) fields[field] = e.message;
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

  const rateLimited = isProblem(apply.error) && apply.error.status === 429;
  const consentError = form.errors.consent;

  return (
    <form
      ref={formRef}
      {...onDemandFormHandlers(schemas, submit)}
      noValidate
      className="apply-form"
    >
      <Stack gap="lg">
        <Text size="sm">{t('apply.requiredNote')}</Text>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="apply-about">
          <Stack gap="sm">
            <Title order={2} size="h3" id="apply-about">
              {t('apply.about')}
            </Title>
            <TextInput label={t('apply.firstName')} autoComplete="given-name" required {...form.getInputProps('firstName')} />
            <TextInput label={t('apply.lastName')} autoComplete="family-name" required {...form.getInputProps('lastName')} />
            <TextInput
              label={t('fields.email')}
              description={t('apply.emailHint')}
              type="email"
              autoComplete="email"
              dir="ltr"
              className="portal-ltr-field"
              required
              {...form.getInputProps('email')}
            />
            <TextInput
              label={t('apply.phone')}
              description={t('apply.phoneHint')}
              type="tel"
              autoComplete="tel"
              dir="ltr"
              className="portal-ltr-field"
              {...form.getInputProps('phone')}
            />
            <div className="portal-place">
              <TextInput label={t('apply.postalCode')} autoComplete="postal-code" inputMode="numeric" className="portal-postal" {...form.getInputProps('postalCode')} />
              <TextInput label={t('apply.city')} autoComplete="address-level2" className="portal-city" {...form.getInputProps('city')} />
            </div>
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="apply-languages">
          <Stack gap="sm">
            <div>
              <Title order={2} size="h3" id="apply-languages">
                {t('apply.languages')}
              </Title>
              <Text size="sm" mt={4} className="secondary-text">
                {t('apply.languagesHint')}
              </Text>
            </div>
            <LanguageRows form={form} idPrefix="apply" />
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="apply-topics">
          <Stack gap="sm">
            <Title order={2} size="h3" id="apply-topics">
              {t('apply.topics')}
            </Title>
            {network.topics.length > 0 && (
              <InterestCheckboxes
                form={form}
                topics={readerOptions(network.topics, network.defaultLocale, currentLocale())}
                label={t('apply.topicsLabel')}
                description={t('apply.topicsHint')}
              />
            )}
            <Textarea label={t('apply.message')} description={t('apply.messageHint')} autosize minRows={3} maxLength={2000} {...form.getInputProps('message')} />
          </Stack>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="apply-consent" className="apply-consent">
          <Stack gap="sm">
            <Title order={2} size="h3" id="apply-consent">
              {t('apply.consent.title')}
            </Title>
            <div>
              <Text fw={600}>{t('apply.consent.whatTitle')}</Text>
              <Text size="sm">{t('apply.consent.what')}</Text>
            </div>
            <div>
              <Text fw={600}>{t('apply.consent.whyTitle')}</Text>
              <Text size="sm">{t('apply.consent.why', { network: isolate(network.name) })}</Text>
            </div>
            <div>
              <Text fw={600}>{t('apply.consent.withdrawTitle')}</Text>
              <Text size="sm">{t('apply.consent.withdraw')}</Text>
            </div>
            {/* Mantine's checkbox shows an error without tying it to the box: aria-invalid and the description are set here. */}
            <Checkbox
              label={t('apply.consent.accept', { network: isolate(network.name) })}
              required
              {...form.getInputProps('consent', { type: 'checkbox' })}
              error={consentError ? true : undefined}
              aria-invalid={consentError ? true : undefined}
              aria-describedby={consentError ? 'apply-consent-error' : undefined}
            />
            {consentError && (
              <Text id="apply-consent-error" size="sm" c="var(--mantine-color-error)">
                {consentError}
              </Text>
            )}
            <Text size="xs" className="secondary-text">
              {t('apply.consent.version', { version: network.consentVersion })}
            </Text>
          </Stack>
        </Paper>

        {/* A field for robots only: hidden from people, screen readers and the keyboard. */}
        <div className="apply-hp" aria-hidden="true">
          <label htmlFor="apply-website">{t('apply.honeypot')}</label>
          <input id="apply-website" name="website" type="text" tabIndex={-1} autoComplete="off" {...form.getInputProps('website')} />
        </div>

        {rateLimited ? (
          <Alert color="red" variant="light" icon={<IconAlert />} title={t('apply.rateLimitedTitle')} role="alert">
            {t('apply.rateLimited')}
          </Alert>
        ) : (
          <>
            <ProblemAlert error={apply.error} />
            {unplaced.length > 0 && (
              <List size="sm" role="alert">
                {unplaced.map((m) => (
                  <List.Item key={m}>{m}</List.Item>
                ))}
              </List>
            )}
          </>
        )}

        <Button type="submit" size="md" loading={apply.isPending} fullWidth>
          {t('apply.submit')}
        </Button>
      </Stack>
    </form>
  );
}

function ThankYou({ network, firstName }: { network: PublicNetwork; firstName: string }) {
  const { t } = useTranslation();
  return (
    <Page title={t('apply.thanksTitle')}>
      <Alert color="green" variant="light" icon={<IconCheck />} title={t('apply.thanksHeading', { name: isolate(firstName) })} role="status">
        <Text>{t('apply.thanksText', { network: isolate(network.name) })}</Text>
      </Alert>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="apply-next">
        <Title order={2} size="h3" id="apply-next" mb="sm">
          {t('apply.nextTitle')}
        </Title>
        <List type="ordered" spacing="xs" className="portal-list">
          <List.Item>{t('apply.next1')}</List.Item>
          <List.Item>{t('apply.next2')}</List.Item>
          <List.Item>{t('apply.next3')}</List.Item>
        </List>
      </Paper>
      <NetworkLinks slug={network.slug} current="apply" />
    </Page>
  );
}

export default function ApplyPage() {
  const { t } = useTranslation();
  const { networkSlug = '' } = useParams();
  const network = usePublicNetwork(networkSlug);
  const [doneFor, setDoneFor] = useState<string | null>(null);

  if (network.isPending) {
    return (
      <Page title={t('apply.title')}>
        <Center py="xl">
          <Loader aria-label={t('app.loading')} role="status" />
        </Center>
      </Page>
    );
  }
  if (network.error) {
    return (
      <Page title={t('apply.title')}>
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
        <Text>{t('apply.unknown')}</Text>
      </Page>
    );
  }
  if (doneFor !== null) return <ThankYou network={network.data} firstName={doneFor} />;
  return (
    <Page title={t('apply.title')}>
      <Stack gap="xs">
        <Text fw={600}>
          <bdi>{network.data.name}</bdi>
        </Text>
        <Text>{t('apply.intro')}</Text>
        <Text>{t('apply.how')}</Text>
      </Stack>
      <ApplicationForm network={network.data} onDone={setDoneFor} />
      <NetworkLinks slug={network.data.slug} current="apply" />
    </Page>
  );
}
