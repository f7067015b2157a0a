import { Fieldset, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { TRANSLATION_LOCALES, type TranslationLocale, type Translations } from '../../../common/api/translations.js';
import { directionOf } from '../../../common/locales.js';
import { useUiLocale } from '../../i18n/locale.js';

export type TranslationValues = Record<TranslationLocale, string>;

/**
 * Inputs typed in a direction of their own (a German name on an Arabic page): Mantine aligns every
 * input of a right-to-left page to the right; these start where their own text starts.
 */
export const OWN_DIRECTION = { input: { textAlign: 'start' } } as const;

/** Every other UI language with an empty field, filled from what is stored. */
export const toTranslationValues = (names: Translations | undefined): TranslationValues =>
  Object.fromEntries(TRANSLATION_LOCALES.map((l) => [l, names?.[l] ?? ''])) as TranslationValues;

/** What the API takes: the names given, trimmed; an empty field is left out (the German applies). */
export const fromTranslationValues = (values: TranslationValues): Translations =>
  Object.fromEntries(TRANSLATION_LOCALES.map((l) => [l, values[l].trim()]).filter(([, v]) => v));

/** The language's name in the reader's language ("Englisch", "العربية"). */
export function useLanguageName() {
  const { locale } = useUiLocale();
  return (language: string) => {
    try {
      return new Intl.DisplayNames([locale], { type: 'language' }).of(language) ?? language;
    } catch {
      return language;
    }
  };
}

/**
 * One optional field per UI language other than German, below the German one: each is typed in
 * its own language and direction, and says that leaving it empty keeps the German name.
 */
export function TranslationFields({
  inputProps,
  path,
  legend,
  labelKey,
  hint,
}: {
  /** The form's input props for a path (`form.getInputProps`). */
  inputProps: (path: string) => object;
  /** Where the values sit in the form, e.g. `names`. */
  path: string;
  legend: string;
  /** Catalogue key of a field's label with {language}. */
  labelKey: string;
  hint: string;
}) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const hintId = useId();
  return (
    <Fieldset legend={legend} variant="filled" aria-describedby={hintId}>
      <Text id={hintId} size="sm" className="secondary-text" mb="xs">
        {hint}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {TRANSLATION_LOCALES.map((l) => (
          <TextInput
            key={l}
            label={t(labelKey, { language: languageName(l) })}
            lang={l}
            dir={directionOf(l)}
            styles={OWN_DIRECTION}
            autoComplete="off"
            {...inputProps(`${path}.${l}`)}
          />
        ))}
      </SimpleGrid>
    </Fieldset>
  );
}
