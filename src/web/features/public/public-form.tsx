import { Alert, Button, Center, Checkbox, List, Loader, Paper, Stack, Text, Title, type MantineSpacing } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { useParams } from '../../router.js';
import type { PublicNetwork } from '../../../common/api/public.js';
import { isProblem, ProblemError } from '../../api/client.js';
import { formPath } from '../../components/form-path.js';
import { useFocusProblem } from '../../components/forms.js';
import { IconAlert, IconCheck } from '../../components/icons.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { usePublicNetwork } from './api.js';
import { NetworkLinks } from './network-links.js';

/*
 * The parts the two public forms (apply as a volunteer, ask for a guide) share: the network's
 * page around the form, the consent block, the honeypot, the answer to a submission and the
 * thank-you page. Light on purpose: these pages are what a visitor without an account downloads.
 */

type PublicForm = 'apply' | 'request';

/**
 * The network named in the address, or what stands in its place: the loader, a retry after a
 * failed fetch, or the page for an unknown network.
 */
export function PublicNetworkPage({
  title,
  unknownText,
  children,
}: {
  title: string;
  unknownText: string;
  children: (network: PublicNetwork) => ReactNode;
}) {
  const { t } = useTranslation();
  const { networkSlug = '' } = useParams();
  const network = usePublicNetwork(networkSlug);

  if (network.isPending) {
    return (
      <Page title={title}>
        <Center py="xl">
          <Loader aria-label={t('app.loading')} role="status" />
        </Center>
      </Page>
    );
  }
  if (network.error) {
    return (
      <Page title={title}>
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
        <Text>{unknownText}</Text>
      </Page>
    );
  }
  return <>{children(network.data)}</>;
}

/** Error text under a group of boxes, tied to the group for screen readers. */
export function GroupError({ id, error }: { id: string; error: unknown }) {
  if (typeof error !== 'string' || !error) return null;
  return (
    <Text id={id} size="sm" c="var(--mantine-color-error)">
      {error}
    </Text>
  );
}

/** A titled part of a public form, with a hint under its title where one is given. */
export function FormPart({
  id,
  title,
  hint,
  gap = 'sm',
  className,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  gap?: MantineSpacing;
  className?: string;
  children: ReactNode;
}) {
  const heading = (
    <Title order={2} size="h3" id={id}>
      {title}
    </Title>
  );
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id} className={className}>
      <Stack gap={gap}>
        {hint ? (
          <div>
            {heading}
            <Text size="sm" mt={4} className="secondary-text">
              {hint}
            </Text>
          </div>
        ) : (
          heading
        )}
        {children}
      </Stack>
    </Paper>
  );
}

/** What is stored, why, and how to withdraw, then the box to accept it in the version shown. */
export function ConsentSection<V extends { consent: boolean }>({
  idPrefix,
  form,
  texts,
  version,
}: {
  idPrefix: 'apply' | 'ask';
  form: UseFormReturnType<V>;
  texts: { what: string; why: string; withdraw: string; accept: string };
  version: string;
}) {
  const { t } = useTranslation();
  const consentError = form.errors.consent;
  const errorId = `${idPrefix}-consent-error`;
  return (
    <FormPart id={`${idPrefix}-consent`} title={t('apply.consent.title')} className="apply-consent">
      <div>
        <Text fw={600}>{t('apply.consent.whatTitle')}</Text>
        <Text size="sm">{texts.what}</Text>
      </div>
      <div>
        <Text fw={600}>{t('apply.consent.whyTitle')}</Text>
        <Text size="sm">{texts.why}</Text>
      </div>
      <div>
        <Text fw={600}>{t('apply.consent.withdrawTitle')}</Text>
        <Text size="sm">{texts.withdraw}</Text>
      </div>
      {/* Mantine's checkbox shows an error without tying it to the box: aria-invalid and the description are set here. */}
      <Checkbox
        label={texts.accept}
        required
        {...form.getInputProps('consent', { type: 'checkbox' })}
        error={consentError ? true : undefined}
        aria-invalid={consentError ? true : undefined}
        aria-describedby={consentError ? errorId : undefined}
      />
      <GroupError id={errorId} error={consentError} />
      <Text size="xs" className="secondary-text">
        {t('apply.consent.version', { version })}
      </Text>
    </FormPart>
  );
}

/** A field for robots only: hidden from people, screen readers and the keyboard. */
function Honeypot<V extends { website: string }>({ id, form }: { id: string; form: UseFormReturnType<V> }) {
  const { t } = useTranslation();
  return (
    <div className="apply-hp" aria-hidden="true">
      <label htmlFor={id}>{t('apply.honeypot')}</label>
      <input id={id} name="website" type="text" tabIndex={-1} autoComplete="off" {...form.getInputProps('website')} />
    </div>
  );
}

/**
 * The server's field errors placed at the form's fields; the ones without a field are listed
 * above the button. `fieldOf` names the form's field for a body path, or null.
 */
export function usePlacedProblems<V>(form: UseFormReturnType<V>, fieldOf: (path: string) => string | null) {
  // After a failed check the first field in error takes the focus, so that nobody hunts for it.
  const formRef = useRef<HTMLFormElement>(null);
  const focusFirstError = useFocusProblem(formRef);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const place = (error: unknown) => {
    if (!(error instanceof ProblemError) || !error.problem.errors) return;
    const fields: Record<string, string> = {};
    const rest: string[] = [];
    for (const e of error.problem.errors) {
      const field = fieldOf(formPath(e.path));
      if (field !== null) fields[field] = e.message;
      else rest.push(e.message);
    }
    form.setErrors(fields);
    setUnplaced(rest);
    focusFirstError();
  };
  return { formRef, focusFirstError, unplaced, clearUnplaced: () => setUnplaced([]), place };
}

/** Above the submit button: too many submissions from here, or the server's problem and the errors without a field. */
function SubmitProblems({ error, rateLimitedText, unplaced }: { error: unknown; rateLimitedText: string; unplaced: string[] }) {
  const { t } = useTranslation();
  if (isProblem(error) && error.status === 429) {
    return (
      <Alert color="red" variant="light" icon={<IconAlert />} title={t('apply.rateLimitedTitle')} role="alert">
        {rateLimitedText}
      </Alert>
    );
  }
  return (
    <>
      <ProblemAlert error={error} />
      {unplaced.length > 0 && (
        <List size="sm" role="alert">
          {unplaced.map((m) => (
            <List.Item key={m}>{m}</List.Item>
          ))}
        </List>
      )}
    </>
  );
}

/** The end of a public form: the honeypot, what went wrong with the last submission, and the button. */
export function SubmitArea<V extends { website: string }>({
  form,
  honeypotId,
  error,
  rateLimitedText,
  unplaced,
  pending,
  label,
}: {
  form: UseFormReturnType<V>;
  honeypotId: string;
  error: unknown;
  rateLimitedText: string;
  unplaced: string[];
  pending: boolean;
  label: string;
}) {
  return (
    <>
      <Honeypot id={honeypotId} form={form} />
      <SubmitProblems error={error} rateLimitedText={rateLimitedText} unplaced={unplaced} />
      <Button type="submit" size="md" loading={pending} fullWidth>
        {label}
      </Button>
    </>
  );
}

/** The page after a submission: received, what happens next, and the network's other form. */
export function ThanksPage({
  network,
  current,
  title,
  heading,
  text,
  nextId,
  next,
  children,
}: {
  network: PublicNetwork;
  current: PublicForm;
  title: string;
  heading: string;
  text: string;
  /** The id of the "what happens next" heading. */
  nextId: string;
  next: string[];
  /** Shown below the next steps. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Page title={title}>
      <Alert color="green" variant="light" icon={<IconCheck />} title={heading} role="status">
        <Text>{text}</Text>
      </Alert>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby={nextId}>
        <Title order={2} size="h3" id={nextId} mb="sm">
          {t('apply.nextTitle')}
        </Title>
        <List type="ordered" spacing="xs" className="portal-list">
          {next.map((step) => (
            <List.Item key={step}>{step}</List.Item>
          ))}
        </List>
      </Paper>
      {children}
      <NetworkLinks slug={network.slug} current={current} />
    </Page>
  );
}
