import { useDirection } from '@mantine/core';
import { useCallback, useEffect } from 'react';
import { useTranslation } from './translate.js';
import { directionOf, isLocale, type Locale } from '../../common/locales.js';
import { api } from '../api/client.js';
import { ME_KEY, useMe, useQueryClient } from '../api/hooks.js';
import { queryClient } from '../api/query-client.js';
import type { Me } from '../api/types.js';
import { applyDocumentLocale, i18n, loadCatalogue, rememberLocale } from './index.js';

/** Switch the interface language now: catalogue, <html lang/dir> and Mantine's direction. */
function useApplyLocale() {
  const { setDirection } = useDirection();
  return useCallback(
    async (locale: Locale) => {
      rememberLocale(locale);
      // Only the language being read is loaded: fetch the other catalogue first, so that text,
      // direction and <html lang> change together.
      await loadCatalogue(locale);
      applyDocumentLocale(locale);
      setDirection(directionOf(locale));
      if (i18n.language !== locale) {
        // Answers the server put into words (catalogue labels, reasons) follow the new language.
        i18n.changeLanguage(locale);
        void queryClient.invalidateQueries();
      }
    },
    [setDirection],
  );
}

/** After sign-in the person's saved language wins over the device's choice. */
export function LocaleSync() {
  const { data: me } = useMe();
  const apply = useApplyLocale();
  const saved = me?.user.locale;
  useEffect(() => {
    if (saved && isLocale(saved) && saved !== i18n.language) void apply(saved);
  }, [saved, apply]);
  return null;
}

export function useUiLocale() {
  const { i18n: ui } = useTranslation();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const apply = useApplyLocale();
  const locale: Locale = isLocale(ui.language) ? ui.language : 'de';

  const setLocale = useCallback(
    async (next: Locale) => {
      if (me) {
        // Signed in: save the choice with the person; it follows them to other devices.
        const updated = await api.patch<Me>('/api/v1/me', { locale: next, version: me.user.version });
        qc.setQueryData(ME_KEY, updated);
      }
      await apply(next);
    },
    [me, qc, apply],
  );

  return { locale, setLocale };
}
