import { Alert, Button, Center, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from '../../i18n/translate.js';
import { useSearchParams } from '../../router.js';
import type { BankChangeLookup } from '../../../common/api/portal.js';
import { api, isProblem } from '../../api/client.js';
import { IconCheck } from '../../components/icons.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { isolate } from '../../i18n/format.js';

/**
 * The mailed link of a bank account someone else entered for a volunteer (bank-account.ts): she
 * confirms or rejects it without signing in; the link is good for one decision.
 */
export default function BankConfirmationPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const lookup = useQuery({
    queryKey: ['bank-confirmation', token],
    queryFn: () => api.get<BankChangeLookup>('/api/v1/bank-account-confirmations/lookup', { token }),
    enabled: token.length > 0,
    retry: false,
  });
  const decide = useMutation({
    mutationFn: (decision: 'confirmed' | 'rejected') => api.post<void>('/api/v1/bank-account-confirmations', { token, decision }),
  });

  const invalid = !token || isProblem(lookup.error, 'token-invalid');
  return (
    <Page title={t('bankConfirmation.title')}>
      {decide.isSuccess ? (
        <Alert role="status" color="green" variant="light" icon={<IconCheck />}>
          {t(decide.variables === 'confirmed' ? 'bankConfirmation.confirmed' : 'bankConfirmation.rejected')}
        </Alert>
      ) : invalid || isProblem(decide.error, 'token-invalid') ? (
        <Alert role="alert" color="orange" variant="light">
          {t('bankConfirmation.invalid')}
        </Alert>
      ) : lookup.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} role="status" />
        </Center>
      ) : lookup.error ? (
        <ProblemAlert error={lookup.error} />
      ) : (
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Text>{t('bankConfirmation.intro', { network: isolate(lookup.data.networkName) })}</Text>
            <Text fw={600}>
              <bdi>{lookup.data.accountHolder}</bdi> · IBAN <span dir="ltr">{lookup.data.ibanMasked}</span>
              {lookup.data.bic && (
                <>
                  {' '}
                  · BIC <span dir="ltr">{lookup.data.bic}</span>
                </>
              )}
            </Text>
            <Text>{t('bankConfirmation.question')}</Text>
            <ProblemAlert error={decide.error} />
            <Group>
              <Button loading={decide.isPending && decide.variables === 'confirmed'} onClick={() => decide.mutate('confirmed')}>
                {t('bankConfirmation.confirm')}
              </Button>
              <Button
                variant="default"
                loading={decide.isPending && decide.variables === 'rejected'}
                onClick={() => decide.mutate('rejected')}
              >
                {t('bankConfirmation.reject')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Page>
  );
}
