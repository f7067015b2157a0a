import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack } from '@mantine/core';
import { useState } from 'react';
import type { TFunction } from '../../i18n/translate.js';
import { useTranslation } from '../../i18n/translate.js';
import type { PublicNetwork } from '../../../common/api/public.js';
import { useUiLocale } from '../../i18n/locale.js';
import { languageOptions } from '../portal/languages.js';
import { GroupError } from './public-form.js';

/* The request form's choices built from the network's catalogues and the language list. */

/** A catalogue entry's name in the reader's language, where the network gave one. */
export const labelOf = (e: { name: string; label?: string }) => e.label || e.name;

/** Districts for the select: each district, then its quarters. */
export function districtData(districts: PublicNetwork['districts'], t: TFunction, locale: string) {
  const collator = new Intl.Collator(locale);
  const byName = (a: { name: string }, b: { name: string }) => collator.compare(labelOf(a), labelOf(b));
  const tops = districts.filter((d) => !d.parentKey || !districts.some((p) => p.key === d.parentKey)).sort(byName);
  return tops.map((d) => ({
    group: labelOf(d),
    items: [
      { value: d.key, label: t('volunteers.district.whole', { name: labelOf(d) }) },
      ...districts
        .filter((q) => q.parentKey === d.key)
        .sort(byName)
        .map((q) => ({ value: q.key, label: labelOf(q) })),
    ],
  }));
}

/** The person's languages: the frequent ones as boxes, any other added from a list. */
export function LanguageChoice({ value, onChange, error }: { value: string[]; onChange: (v: string[]) => void; error: unknown }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const options = languageOptions(locale);
  // The language of the page comes first: whoever reads Arabic here most likely speaks it.
  const frequent = [...options.frequent.filter((o) => o.value === locale), ...options.frequent.filter((o) => o.value !== locale)];
  const others = options.others;
  const extra = others.filter((o) => value.includes(o.value));
  const [pick, setPick] = useState('');
  const invalid = typeof error === 'string' && !!error;
  return (
    <Stack gap="sm">
      <Checkbox.Group
        id="ask-languages"
        label={t('askGuide.languagesLabel')}
        description={t('askGuide.languagesHint')}
        required
        value={value}
        onChange={onChange}
        error={invalid ? true : undefined}
        aria-describedby={invalid ? 'ask-languages-error' : undefined}
      >
        <SimpleGrid cols={{ base: 1, xs: 2 }} mt="xs" spacing="xs" verticalSpacing="xs">
          {[...frequent, ...extra].map((o, i) => (
            <Checkbox
              key={o.value}
              value={o.value}
              label={o.label}
              aria-invalid={invalid && i === 0 ? true : undefined}
              aria-describedby={invalid && i === 0 ? 'ask-languages-error' : undefined}
            />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <GroupError id="ask-languages-error" error={error} />
      {/* Chosen, then added by a button: arrow keys in a closed select change it at every step. */}
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <NativeSelect
          className="ask-other-language"
          label={t('askGuide.otherLanguage')}
          value={pick}
          data={[{ value: '', label: t('portal.choose') }, ...others.filter((o) => !value.includes(o.value))]}
          onChange={(e) => setPick(e.currentTarget.value)}
        />
        <Button
          variant="default"
          disabled={!pick}
          onClick={() => {
            onChange([...value, pick]);
            setPick('');
          }}
        >
          {t('askGuide.addLanguage')}
        </Button>
      </Group>
    </Stack>
  );
}
