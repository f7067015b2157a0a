import { Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { useTranslation } from '../i18n/translate.js';
import { LOCALES, directionOf } from '../../common/locales.js';
import { ProblemError } from '../api/client.js';
import { ME_KEY, useQueryClient } from '../api/hooks.js';
import { languageName } from '../i18n/format.js';
import { useUiLocale } from '../i18n/locale.js';
import { SwitcherButton } from './language-switcher.js';

/**
 * The switcher's menu (Mantine's Menu and its positioning), loaded when the switcher is first
 * pressed. `open`: that press happened on the stand-in button, so open now, as the press would have
 * (focus on the button first, so that closing the menu returns there).
 */
export default function LanguageMenu({ open }: { open: boolean }) {
  const { t } = useTranslation();
  const target = useRef<HTMLButtonElement>(null);
  const pressed = useRef(false);
  useEffect(() => {
    if (!open || pressed.current) return;
    pressed.current = true;
    target.current?.focus();
    target.current?.click();
  }, [open]);
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
        <SwitcherButton ref={target} locale={locale} />
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
