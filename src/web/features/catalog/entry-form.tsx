import { Button, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useId, useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { CreateCatalogEntryBody, type CatalogEntry, type CatalogKind } from '../../../common/api/catalog.js';
import { applyProblemToForm, zodValidator } from '../../components/forms.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { fetchCatalogEntry, useSaveCatalogEntry } from './api.js';
import { fromTranslationValues, OWN_DIRECTION, toTranslationValues, TranslationFields, type TranslationValues } from './translation-fields.js';

interface Values {
  key: string;
  name: string;
  names: TranslationValues;
  parentKey: string;
  lat: number | string;
  lon: number | string;
}

const toValues = (e?: CatalogEntry): Values => ({
  key: e?.key ?? '',
  name: e?.name ?? '',
  names: toTranslationValues(e?.names),
  parentKey: e?.parentKey ?? '',
  lat: e?.lat ?? '',
  lon: e?.lon ?? '',
});

function clean(kind: CatalogKind, v: Values): CreateCatalogEntryBody {
  const body: CreateCatalogEntryBody = { key: v.key.trim(), name: v.name.trim(), names: fromTranslationValues(v.names) };
  if (kind === 'districts') {
    body.parentKey = v.parentKey || null;
    body.lat = typeof v.lat === 'number' ? v.lat : null;
    body.lon = typeof v.lon === 'number' ? v.lon : null;
  }
  return body;
}

/** Adds or changes one entry: the German name, the names in the other languages, and for districts their place. */
export function CatalogEntryForm({
  kind,
  entry,
  districts,
  onDone,
}: {
  kind: CatalogKind;
  entry?: CatalogEntry;
  /** Districts a quarter can belong to (districts only). */
  districts: CatalogEntry[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveCatalogEntry(kind);
  const form = useForm<Values>({ initialValues: toValues(entry), validate: zodValidator(CreateCatalogEntryBody, t, (v: Values) => clean(kind, v)) });
  const [version, setVersion] = useState(entry?.version);
  const coordinatesHint = useId();

  const submit = form.onSubmit((values) => {
    const { key, ...changes } = clean(kind, values);
    const onSuccess = () => {
      notifications.show({ color: 'green', message: t('common.savedMessage') });
      onDone();
    };
    const onError = (e: unknown) => applyProblemToForm(form, e);
    if (entry && version !== undefined) save.mutate({ key: entry.key, body: { ...changes, version } }, { onSuccess, onError });
    else save.mutate({ body: { key, ...changes } }, { onSuccess, onError });
  });

  const reload = async () => {
    if (!entry) return;
    const fresh = await fetchCatalogEntry(kind, entry.key);
    setVersion(fresh.version);
    form.setValues(toValues(fresh));
    form.resetDirty(toValues(fresh));
    save.reset();
  };

  const parents = districts.filter((d) => !d.parentKey && d.key !== entry?.key);
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ProblemAlert error={save.error} onReload={() => void reload()} />
        <TextInput label={t('catalog.name')} required data-autofocus lang="de" dir="ltr" styles={OWN_DIRECTION} {...form.getInputProps('name')} />
        <TranslationFields inputProps={(p) => form.getInputProps(p)} path="names" legend={t('catalog.names')} labelKey="catalog.nameIn" hint={t('catalog.namesHint')} />
        <TextInput
          label={t('catalog.key')}
          description={t('catalog.keyHint')}
          required
          readOnly={!!entry}
          variant={entry ? 'filled' : 'default'}
          dir="ltr"
          styles={OWN_DIRECTION}
          autoComplete="off"
          spellCheck={false}
          {...form.getInputProps('key')}
        />
        {kind === 'districts' && (
          <>
            <NativeSelect
              label={t('catalog.parent')}
              data={[{ value: '', label: t('catalog.parentNone') }, ...parents.map((d) => ({ value: d.key, label: d.name }))]}
              {...form.getInputProps('parentKey')}
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <NumberInput label={t('catalog.lat')} min={-90} max={90} decimalScale={6} dir="ltr" styles={OWN_DIRECTION} aria-describedby={coordinatesHint} {...form.getInputProps('lat')} />
              <NumberInput label={t('catalog.lon')} min={-180} max={180} decimalScale={6} dir="ltr" styles={OWN_DIRECTION} aria-describedby={coordinatesHint} {...form.getInputProps('lon')} />
            </SimpleGrid>
            <Text id={coordinatesHint} size="sm" className="secondary-text" mt={-8}>
              {t('catalog.coordinatesHint')}
            </Text>
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {entry ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
