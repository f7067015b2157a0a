import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import type { FormArrayElement, UseFormReturnType } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { useTranslation } from '../../i18n/translate.js';
import type { LanguageLevel } from '../../../common/volunteers.js';
import { formatNumber } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { IconPlus } from '../../components/icons.js';
import { LANGUAGE_LEVELS, languageLabel, languageOptions } from './languages.js';

/** One language of a form; `key` keeps React's rows apart and never goes to the server. */
export interface LanguageRow {
  key: string;
  code: string;
  level: LanguageLevel | '';
}

export const newLanguageRow = (code = '', level: LanguageLevel | '' = ''): LanguageRow => ({ key: randomId(), code, level });

/** What the API takes: rows without their keys. */
export const languagesOf = (rows: LanguageRow[]) => rows.map(({ code, level }) => ({ code, level }));

/**
 * The list of languages with a level each. Every row is a fieldset named "Language 2" for screen
 * readers; its remove button names the language it removes.
 */
export function LanguageRows<T extends { languages: LanguageRow[] }>({ form, idPrefix }: { form: UseFormReturnType<T>; idPrefix: string }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const { frequent, others } = languageOptions(locale);
  const rows = form.values.languages;

  const languageData = (current: string) => {
    const known = frequent.some((o) => o.value === current) || others.some((o) => o.value === current);
    return [
      { value: '', label: t('portal.choose') },
      ...(current && !known ? [{ value: current, label: current }] : []),
      { group: t('portal.languages.frequent'), items: frequent },
      { group: t('portal.languages.all'), items: others },
    ];
  };

  return (
    <Stack gap="sm">
      {rows.length === 0 && <Text c="dimmed">{t('portal.languages.none')}</Text>}
      {rows.length > 0 && (
        <ul className="portal-rows">
          {rows.map((row, i) => (
            <li key={row.key}>
              <fieldset className="portal-row">
                <legend className="visually-hidden">{t('portal.languages.rowLegend', { number: formatNumber(i + 1, locale) })}</legend>
                <Group align="flex-start" gap="sm" wrap="wrap">
                  <NativeSelect
                    id={`${idPrefix}-language-${row.key}`}
                    label={t('portal.languages.language')}
                    data={languageData(row.code)}
                    className="portal-grow"
                    {...form.getInputProps(`languages.${i}.code`)}
                  />
                  <NativeSelect
                    id={`${idPrefix}-level-${row.key}`}
                    label={t('portal.languages.level')}
                    data={[{ value: '', label: t('portal.choose') }, ...LANGUAGE_LEVELS.map((l) => ({ value: l, label: t(`portal.levels.${l}`) }))]}
                    className="portal-grow"
                    {...form.getInputProps(`languages.${i}.level`)}
                  />
                  <Button
                    variant="subtle"
                    color="red"
                    className="portal-row-remove"
                    onClick={() => form.removeListItem('languages', i)}
                    aria-label={
                      row.code
                        ? t('portal.removeNamed', { name: languageLabel(row.code, locale) })
                        : t('portal.removeNamed', { name: t('portal.languages.rowLegend', { number: formatNumber(i + 1, locale) }) })
                    }
                  >
                    {t('portal.remove')}
                  </Button>
                </Group>
              </fieldset>
            </li>
          ))}
        </ul>
      )}
      <Group>
        <Button variant="default" leftSection={<IconPlus />} onClick={() => form.insertListItem('languages', newLanguageRow() as FormArrayElement<T, 'languages'>)}>
          {t('portal.languages.add')}
        </Button>
      </Group>
    </Stack>
  );
}
