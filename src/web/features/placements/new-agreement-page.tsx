import {
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link, useNavigate, useSearchParams } from '../../router.js';
import { CreateAgreementBody } from '../../../common/api/agreements.js';
import { useAllOrganizations } from '../../api/hooks.js';
import { applyProblemToForm, zodValidator } from '../../components/forms.js';
import { InlineLoader } from '../../components/layouts.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { useVolunteer, useVolunteerSearch } from '../volunteers/api.js';
import { useCreateAgreement, useNetwork } from './api.js';
import { berlinToday, formatDay, latestEnd } from './format.js';
import './placements.css';

interface Values {
  volunteerId: string;
  organizationId: string;
  counterpart: string;
  scope: string;
  goals: string;
  startsOn: string;
  endsOn: string;
}

const text = (v: string) => (v.trim() === '' ? null : v.trim());

function bodyOf(v: Values): CreateAgreementBody {
  return {
    volunteerId: v.volunteerId,
    organizationId: v.organizationId || null,
    counterpart: text(v.counterpart),
    scope: v.scope.trim(),
    goals: text(v.goals),
    startsOn: v.startsOn,
    endsOn: v.endsOn,
  };
}

/**
 * A coordinator records an agreement made outside Lotse (on the phone, at the office): who, with
 * which institution, what and for how long — the term within the network's longest term.
 */
export default function NewAgreementPage() {
  const { t } = useTranslation();
  const network = useNetwork();
  return (
    <div className="placement-screen">
      <Page title={t('placements.newAgreement.title')}>
        <Stack gap="lg" maw={720} w="100%">
          <Anchor component={Link} to="/agreements">
            {t('placements.newAgreement.back')}
          </Anchor>
          <Text>{t('placements.newAgreement.intro')}</Text>
          {network.data ? (
            <AgreementForm maxMonths={network.data.settings.agreementMaxMonths} />
          ) : network.error ? (
            <ProblemAlert error={network.error} />
          ) : (
            <InlineLoader />
          )}
        </Stack>
      </Page>
    </div>
  );
}

function AgreementForm({ maxMonths }: { maxMonths: number }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const navigate = useNavigate();
  const organizations = useAllOrganizations();
  const create = useCreateAgreement();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useVolunteerSearch(q, true, 'active');
  const [chosenName, setChosenName] = useState<string | null>(null);
  // Opened from a volunteer's profile: that person is chosen already.
  const [params] = useSearchParams();
  const presetId = params.get('volunteerId') ?? '';
  const preset = useVolunteer(presetId, presetId !== '');
  const today = berlinToday();

  const form = useForm<Values>({
    initialValues: {
      volunteerId: presetId,
      organizationId: '',
      counterpart: '',
      scope: '',
      goals: '',
      startsOn: today,
      endsOn: latestEnd(today, maxMonths),
    },
    validate: zodValidator<Values>(CreateAgreementBody, t, bodyOf),
    onValuesChange: (next, previous) => {
      // A new start moves an end that was still the longest term along with it.
      if (
        next.startsOn !== previous.startsOn &&
        /^\d{4}-\d{2}-\d{2}$/.test(next.startsOn) &&
        previous.endsOn === latestEnd(previous.startsOn, maxMonths)
      ) {
        form.setFieldValue('endsOn', latestEnd(next.startsOn, maxMonths));
      }
    },
  });

  const options = (found.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.firstName} ${v.lastName}` }));
  // Keep the chosen person in the list while the search shows others.
  const presetName = preset.data && preset.data.id === form.values.volunteerId ? `${preset.data.firstName} ${preset.data.lastName}` : null;
  const shownName = chosenName ?? presetName;
  if (form.values.volunteerId && shownName && !options.some((o) => o.value === form.values.volunteerId))
    options.unshift({ value: form.values.volunteerId, label: shownName });
  const validStart = /^\d{4}-\d{2}-\d{2}$/.test(form.values.startsOn);

  const submit = form.onSubmit((v) => {
    create.mutate(bodyOf(v), {
      onSuccess: (agreement) => {
        notifications.show({
          color: 'green',
          title: t('placements.newAgreement.saved'),
          message: t('placements.newAgreement.savedText', {
            name: isolate(agreement.volunteerName),
            date: formatDay(agreement.endsOn, locale),
          }),
        });
        void navigate(`/agreements/${agreement.id}`);
      },
      onError: (e) => applyProblemToForm(form, e),
    });
  });

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
      <form onSubmit={submit} noValidate aria-label={t('placements.newAgreement.title')}>
        <Stack>
          <ProblemAlert error={create.error} />
          <Select
            label={t('placements.newAgreement.volunteer')}
            description={t('placements.newAgreement.volunteerHint')}
            placeholder={t('placements.newAgreement.searchPlaceholder')}
            required
            searchable
            clearable
            data={options}
            value={form.values.volunteerId || null}
            onChange={(id, option) => {
              form.setFieldValue('volunteerId', id ?? '');
              setChosenName(option?.label ?? null);
            }}
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: all }) => all}
            nothingFoundMessage={found.isFetching ? t('app.loading') : t('placements.newAgreement.nothingFound')}
            error={form.errors.volunteerId}
            comboboxProps={{ withinPortal: true }}
            clearButtonProps={{ 'aria-label': t('placements.newAgreement.clear') }}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <NativeSelect
              label={t('placements.newAgreement.organization')}
              data={[
                { value: '', label: t('placements.newAgreement.noOrganization') },
                ...(organizations.data ?? []).map((o) => ({ value: o.id, label: o.name })),
              ]}
              {...form.getInputProps('organizationId')}
            />
            <TextInput
              label={t('placements.newAgreement.counterpart')}
              description={t('placements.newAgreement.counterpartHint')}
              maxLength={200}
              {...form.getInputProps('counterpart')}
            />
          </SimpleGrid>
          <Textarea
            label={t('placements.newAgreement.scope')}
            description={t('placements.newAgreement.scopeHint')}
            required
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps('scope')}
          />
          <Textarea label={t('placements.newAgreement.goals')} autosize minRows={2} maxLength={2000} {...form.getInputProps('goals')} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput type="date" label={t('placements.newAgreement.startsOn')} required {...form.getInputProps('startsOn')} />
            <TextInput
              type="date"
              label={t('placements.newAgreement.endsOn')}
              description={
                validStart
                  ? t('placements.newAgreement.endsOnHint', {
                      months: maxMonths,
                      date: formatDay(latestEnd(form.values.startsOn, maxMonths), locale),
                    })
                  : undefined
              }
              required
              min={validStart ? form.values.startsOn : undefined}
              max={validStart ? latestEnd(form.values.startsOn, maxMonths) : undefined}
              {...form.getInputProps('endsOn')}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('placements.newAgreement.submit')}
            </Button>
            <Button variant="default" component={Link} to="/agreements">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
