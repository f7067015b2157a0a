import { Button, Text } from '@mantine/core';
import { useTranslation } from '../i18n/translate.js';
import { Link } from '../router.js';
import { Page } from '../components/page.js';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')}>
      <Text>{t('notFound.text')}</Text>
      <div>
        <Button component={Link} to="/">
          {t('notFound.home')}
        </Button>
      </div>
    </Page>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('forbidden.title')}>
      <Text>{t('forbidden.text')}</Text>
    </Page>
  );
}
