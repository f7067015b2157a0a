import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from '../i18n/translate.js';
import { NetworkError, ProblemError } from '../api/client.js';
import { IconAlert } from './icons.js';

interface Props {
  error: unknown;
  /** Offered when someone else changed the record meanwhile (409): reload the fresh version. */
  onReload?: () => void;
}

/** Shows what went wrong in the server's own (localised) words. */
export function ProblemAlert({ error, onReload }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  let title = t('errors.unexpectedTitle');
  let detail = t('errors.unexpected');
  let conflict = false;
  if (error instanceof ProblemError) {
    title = error.problem.title;
    detail = error.detail;
    conflict = error.slug === 'conflict' || error.status === 409;
  } else if (error instanceof NetworkError) {
    title = t('errors.networkTitle');
    detail = t('errors.network');
  }
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlert />} role="alert">
      <Text size="sm">{detail}</Text>
      {conflict && onReload && (
        <Group mt="sm">
          <Button size="xs" variant="default" onClick={onReload}>
            {t('errors.reload')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
