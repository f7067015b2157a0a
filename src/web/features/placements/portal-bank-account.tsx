import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from '../../i18n/translate.js';
import { BankAccount, type VolunteerDetail } from '../../../common/api/volunteers.js';
import { applyProblemToForm, zodValidator } from '../../components/forms.js';
import { IconAlert } from '../../components/icons.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { useCurrentVersion, useDecideBankChange, useUpdateOwnVolunteer } from '../portal/api.js';
import { SaveBar, Section } from '../portal/section.js';
import './placements.css';

/* The volunteer's portal: the bank account for payouts, and a change waiting for confirmation. */

interface BankValues {
  iban: string;
  bic: string;
  accountHolder: string;
}

const bankBody = (v: BankValues) => ({ iban: v.iban, bic: v.bic.trim() === '' ? null : v.bic, accountHolder: v.accountHolder });

/** The account her expenses are paid to (on the portal's claims page). */
export function BankAccountForm({ volunteer }: { volunteer: VolunteerDetail }) {
  const { t } = useTranslation();
  const update = useUpdateOwnVolunteer();
  const version = useCurrentVersion();
  const from = (v: VolunteerDetail): BankValues => ({
    iban: v.bankAccount?.iban ?? '',
    bic: v.bankAccount?.bic ?? '',
    accountHolder: v.bankAccount?.accountHolder ?? `${v.firstName} ${v.lastName}`,
  });
  const validate = zodValidator(BankAccount, t, bankBody);
  const form = useForm<BankValues>({
    initialValues: from(volunteer),
    validate: (v) => {
      const errors = validate(v);
      if (errors.iban) errors.iban = t('placements.bank.ibanInvalid');
      if (errors.bic) errors.bic = t('placements.bank.bicInvalid');
      return errors;
    },
  });
  const dirty = form.isDirty();
  return (
    <Section id="portal-bank" title={t('placements.bank.title')} intro={t('placements.bank.intro')}>
      {volunteer.pendingBankAccount && <PendingBankChange change={volunteer.pendingBankAccount} />}
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          update.mutate(
            { bankAccount: bankBody(values), version: version() },
            {
              onSuccess: (v) => {
                const next = from(v);
                form.setValues(next);
                form.resetDirty(next);
              },
              onError: (e) => applyProblemToForm(form, e),
            },
          ),
        )}
      >
        <Stack>
          <ProblemAlert error={update.error} />
          <TextInput label={t('placements.bank.accountHolder')} required autoComplete="name" {...form.getInputProps('accountHolder')} />
          <TextInput
            label={t('placements.bank.iban')}
            required
            dir="ltr"
            className="portal-ltr-field"
            autoComplete="off"
            spellCheck={false}
            placeholder="DE12 3456 7890 1234 5678 90"
            {...form.getInputProps('iban')}
          />
          <TextInput
            label={t('placements.bank.bic')}
            description={t('placements.bank.bicHint')}
            dir="ltr"
            className="portal-ltr-field"
            autoComplete="off"
            spellCheck={false}
            {...form.getInputProps('bic')}
          />
          <SaveBar label={t('placements.bank.save')} loading={update.isPending} dirty={dirty} saved={update.isSuccess && !dirty} />
        </Stack>
      </form>
    </Section>
  );
}

/**
 * A bank account someone else entered for her: it is used only once she confirms it is hers (a
 * coordinator's typo, or worse, would otherwise receive her money).
 */
function PendingBankChange({ change }: { change: NonNullable<VolunteerDetail['pendingBankAccount']> }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const decide = useDecideBankChange();
  return (
    <Alert role="region" aria-label={t('placements.bank.pendingTitle')} color="orange" variant="light" icon={<IconAlert />} title={t('placements.bank.pendingTitle')}>
      <Stack gap="xs">
        <Text size="sm">
          {t('placements.bank.pendingText', {
            name: change.requestedByName ?? t('placements.bank.pendingSomeone'),
            date: formatDate(change.requestedAt, locale),
          })}
        </Text>
        <Text size="sm">
          {t('placements.bank.accountHolder')}: {change.accountHolder} · {t('placements.bank.iban')}: <span dir="ltr">{change.ibanMasked}</span>
          {change.bic && (
            <>
              {' '}
              · BIC: <span dir="ltr">{change.bic}</span>
            </>
          )}
        </Text>
        <Text size="sm" className="secondary-text">
          {t('placements.bank.pendingHint')}
        </Text>
        <ProblemAlert error={decide.error} />
        <Group gap="xs">
          <Button size="xs" loading={decide.isPending && decide.variables?.decision === 'confirmed'} onClick={() => decide.mutate({ id: change.id, decision: 'confirmed' })}>
            {t('placements.bank.confirm')}
          </Button>
          <Button
            size="xs"
            variant="default"
            loading={decide.isPending && decide.variables?.decision === 'rejected'}
            onClick={() => decide.mutate({ id: change.id, decision: 'rejected' })}
          >
            {t('placements.bank.reject')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
