import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import { Link } from '../../router.js';

/**
 * The foot of a network's public pages: each points to the other, so that a person who came to
 * help finds the request form and a person who needs help finds where to volunteer.
 */
export function NetworkLinks({ slug, current }: { slug: string; current: 'apply' | 'request' }) {
  const { t } = useTranslation();
  const s = encodeURIComponent(slug);
  return (
    <Stack component="nav" aria-label={t('askGuide.links.label')} gap={4} className="public-links">
      {current !== 'request' && (
        <Text size="sm">
          {t('askGuide.links.needHelp')}{' '}
          <Anchor component={Link} to={`/request/${s}`}>
            {t('askGuide.links.request')}
          </Anchor>
        </Text>
      )}
      {current !== 'apply' && (
        <Text size="sm">
          {t('askGuide.links.wantToHelp')}{' '}
          <Anchor component={Link} to={`/apply/${s}`}>
            {t('askGuide.links.apply')}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}
