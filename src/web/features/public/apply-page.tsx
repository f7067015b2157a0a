import { Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { TFunction } from '../../i18n/translate.js';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import type { PublicNetwork } from '../../../common/api/public.js';
import { onDemand, onDemandFormHandlers, zodValidator } from '../../components/forms.js';
import { Page } from '../../components/page.js';
import { currentLocale } from '../../i18n/index.js';
import { isolate } from '../../i18n/format.js';
import { LanguageRows, languagesOf, newLanguageRow, type LanguageRow } from '../portal/language-rows.js';
import { readerOptions } from '../catalog/api.js';
import { InterestCheckboxes } from '../portal/interest-checkboxes.js';
import { useApplyAsVolunteer } from './api.js';
import { NetworkLinks } from './network-links.js';
import { ConsentSection, FormPart, PublicNetworkPage, SubmitArea, ThanksPage, usePlacedProblems } from './public-form.js';
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
  const { formRef, focusFirstError, unplaced, clearUnplaced, place } = usePlacedProblems(form, (path) => {
    const field = FIELD_OF[path] ?? path;
    return fieldNames.has(field.split('.')[0]!) || field.startsWith('languages.') ? field : null;
  });

  const submit = form.onSubmit(
    (values) => {
      clearUnplaced();
      // Without the schema (it could not be fetched) the body goes as it is: the server checks it.
      const body = bodyOf(values, network.consentVersion);
      apply.mutate(schemas.get()?.VolunteerApplicationBody.parse(body) ?? (body as Parameters<typeof apply.mutate>[0]), {
        onSuccess: () => onDone(values.firstName.trim()),
        onError: place,
      });
    },
    () => focusFirstError(),
  );

  return (
    <form ref={formRef} {...onDemandFormHandlers(schemas, submit)} noValidate className="apply-form">
      <Stack gap="lg">
        <Text size="sm">{t('apply.requiredNote')}</Text>

        <FormPart id="apply-about" title={t('apply.about')}>
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
        </FormPart>

        <FormPart id="apply-languages" title={t('apply.languages')} hint={t('apply.languagesHint')}>
          <LanguageRows form={form} idPrefix="apply" />
        </FormPart>

        <FormPart id="apply-topics" title={t('apply.topics')}>
          {network.topics.length > 0 && (
            <InterestCheckboxes
              form={form}
              topics={readerOptions(network.topics, network.defaultLocale, currentLocale())}
              label={t('apply.topicsLabel')}
              description={t('apply.topicsHint')}
            />
          )}
          <Textarea label={t('apply.message')} description={t('apply.messageHint')} autosize minRows={3} maxLength={2000} {...form.getInputProps('message')} />
        </FormPart>

        <ConsentSection
          idPrefix="apply"
          form={form}
          texts={{
            what: t('apply.consent.what'),
            why: t('apply.consent.why', { network: isolate(network.name) }),
            withdraw: t('apply.consent.withdraw'),
            accept: t('apply.consent.accept', { network: isolate(network.name) }),
          }}
          version={network.consentVersion}
        />

        <SubmitArea
          form={form}
          honeypotId="apply-website"
          error={apply.error}
          rateLimitedText={t('apply.rateLimited')}
          unplaced={unplaced}
          pending={apply.isPending}
          label={t('apply.submit')}
        />
      </Stack>
    </form>
  );
}

function ThankYou({ network, firstName }: { network: PublicNetwork; firstName: string }) {
  const { t } = useTranslation();
  return (
    <ThanksPage
      network={network}
      current="apply"
      title={t('apply.thanksTitle')}
      heading={t('apply.thanksHeading', { name: isolate(firstName) })}
      text={t('apply.thanksText', { network: isolate(network.name) })}
      nextId="apply-next"
      next={[t('apply.next1'), t('apply.next2'), t('apply.next3')]}
    />
  );
}

export default function ApplyPage() {
  const { t } = useTranslation();
  const [doneFor, setDoneFor] = useState<string | null>(null);
  return (
    <PublicNetworkPage title={t('apply.title')} unknownText={t('apply.unknown')}>
      {(network) =>
        doneFor !== null ? (
          <ThankYou network={network} firstName={doneFor} />
        ) : (
          <Page title={t('apply.title')}>
            <Stack gap="xs">
              <Text fw={600}>
                <bdi>{network.name}</bdi>
              </Text>
              <Text>{t('apply.intro')}</Text>
              <Text>{t('apply.how')}</Text>
            </Stack>
            <ApplicationForm network={network} onDone={setDoneFor} />
            <NetworkLinks slug={network.slug} current="apply" />
          </Page>
        )
      }
    </PublicNetworkPage>
  );
}
