import { Button, Container, Group, Text } from '@mantine/core';
import { useTranslation } from '../i18n/translate.js';
import { Page } from '../components/page.js';
import { ProblemAlert } from '../components/problem-alert.js';

/**
 * Shown when the app cannot go on: the server is unreachable when checking the session, or a page
 * failed to render. Offers to try again instead of a blank screen.
 */
export function ErrorScreen({ error, onRetry }: { error?: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Container component="main" id="main" size={560} py="xl" px="md">
      <Page title={t('errors.pageTitle')}>
        {error ? <ProblemAlert error={error} /> : <Text>{t('errors.unexpected')}</Text>}
        <Group>
          <Button onClick={onRetry ?? (() => window.location.reload())}>{t('errors.retry')}</Button>
        </Group>
      </Page>
    </Container>
  );
}

export default function RouteErrorPage() {
  return <ErrorScreen />;
}
