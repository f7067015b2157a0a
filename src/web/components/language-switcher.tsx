import { Button, Menu, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { LOCALES, directionOf } from '../../common/locales.js';
import { ProblemError } from '../api/client.js';
import { ME_KEY, useQueryClient } from '../api/hooks.js';
import { languageName } from '../i18n/format.js';
import { useUiLocale } from '../i18n/locale.js';
import { IconLanguage } from './icons.js';

export function LanguageSwitcher() {
  const { t } = useTranslation();
  const { locale, setLocale } = useUiLocale();
  const qc = useQueryClient();
  const choose = async (next: (typeof LOCALES)[number]) => {
    if (next === locale) return;
    try {
      await setLocale(next);
    } catch (error) {
      // Most likely a stale version (changed in another tab): fetch the current state for the next try.
      void qc.invalidateQueries({ queryKey: ME_KEY });
      notifications.show({
        color: 'red',
        title: t('language.saveFailed'),
        message: error instanceof ProblemError ? error.detail : t('errors.unexpected'),
      });
    }
  };
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <Button variant="default" size="sm" leftSection={<IconLanguage />} data-testid="language-switcher">
          <VisuallyHidden>{t('language.label')}: </VisuallyHidden>
          <span lang={locale}>{languageName(locale)}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {LOCALES.map((l) => (
          <Menu.Item
            key={l}
            onClick={() => void choose(l)}
            lang={l}
            dir={directionOf(l)}
            aria-current={l === locale ? 'true' : undefined}
            fw={l === locale ? 700 : undefined}
          >
            {languageName(l)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
