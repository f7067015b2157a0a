import { Button, VisuallyHidden } from '@mantine/core';
import { forwardRef, lazy, Suspense, useState, type ComponentPropsWithoutRef } from 'react';
import { useTranslation } from '../i18n/translate.js';
import type { Locale } from '../../common/locales.js';
import { languageName } from '../i18n/format.js';
import { useUiLocale } from '../i18n/locale.js';
import { IconLanguage } from './icons.js';

const loadMenu = () => import('./language-menu.js');
const LanguageMenu = lazy(loadMenu);

/** The switcher's face: the language being read, and what the button is for. */
export const SwitcherButton = forwardRef<HTMLButtonElement, { locale: Locale } & ComponentPropsWithoutRef<'button'>>(
  function SwitcherButton({ locale, ...props }, ref) {
    const { t } = useTranslation();
    return (
      <Button ref={ref} variant="default" size="sm" leftSection={<IconLanguage />} data-testid="language-switcher" {...props}>
        <VisuallyHidden>{t('language.label')}: </VisuallyHidden>
        <span lang={locale}>{languageName(locale)}</span>
      </Button>
    );
  },
);

/**
 * The language menu. Its code (Mantine's Menu, popover positioning) is not part of the first page
 * load: the button alone shows until it is first pointed at, focused or pressed; a press opens the
 * menu as soon as that code is in.
 */
export function LanguageSwitcher() {
  const { locale } = useUiLocale();
  const [used, setUsed] = useState(false);
  const preload = () => void loadMenu();
  const button = (
    <SwitcherButton
      locale={locale}
      aria-haspopup="menu"
      aria-expanded={false}
      onPointerEnter={preload}
      onFocus={preload}
      onClick={() => setUsed(true)}
    />
  );
  if (!used) return button;
  return (
    <Suspense fallback={button}>
      <LanguageMenu open />
    </Suspense>
  );
}
