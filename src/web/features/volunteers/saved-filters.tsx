import { ActionIcon, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { SavedFilter } from '../../../common/api/volunteer-extras.js';
import { Free } from '../../components/bidi.js';
import { ConfirmModal, FormModal } from '../../components/data.js';
import { applyProblemToForm } from '../../components/forms.js';
import type { ListFilters } from '../../components/list/list-filters.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { isolate } from '../../i18n/format.js';
import { useTranslation } from '../../i18n/translate.js';
import { useDeleteSavedFilter, useSavedFilters, useSaveFilter } from './api.js';
import { sameFilters, savedFilterValues, type FilterKey } from './filters.js';

/** The coordinator's saved filters of the pool: one click brings a list back. */
export function SavedFilters({ filters }: { filters: ListFilters<FilterKey> }) {
  const { t } = useTranslation();
  const saved = useSavedFilters();
  const save = useSaveFilter();
  const remove = useDeleteSavedFilter();
  const [saving, { open: openSave, close: closeSave }] = useDisclosure(false);
  const [deleting, setDeleting] = useState<SavedFilter | null>(null);
  const form = useForm({ initialValues: { name: '' }, validate: { name: (v) => (v.trim() ? null : t('validation.required')) } });
  const items = saved.data ?? [];

  const close = () => {
    closeSave();
    save.reset();
    form.reset();
  };

  return (
    <section aria-labelledby="saved-filters-title">
      <Group gap="xs" align="center" wrap="wrap">
        <Text id="saved-filters-title" component="h2" size="sm" fw={700}>
          {t('volunteers.saved.title')}
        </Text>
        {saved.isPending && <Loader size="xs" aria-label={t('app.loading')} role="status" />}
        {!saved.isPending && items.length === 0 && (
          <Text size="sm" className="secondary-text">
            {t('volunteers.saved.none')}
          </Text>
        )}
        <ul className="chip-list" aria-labelledby="saved-filters-title">
          {items.map((f) => {
            const query = savedFilterValues(f.query);
            const current = sameFilters(query, filters.values);
            return (
              <li key={f.id}>
                <Group gap={2} wrap="nowrap">
                  <Button
                    size="compact-sm"
                    variant={current ? 'filled' : 'light'}
                    aria-pressed={current}
                    onClick={() => filters.replace(query)}
                  >
                    <Free>{f.name}</Free>
                  </Button>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="md"
                    aria-label={t('volunteers.saved.deleteNamed', { name: f.name })}
                    onClick={() => setDeleting(f)}
                  >
                    <span aria-hidden="true">×</span>
                  </ActionIcon>
                </Group>
              </li>
            );
          })}
        </ul>
        <Button size="compact-sm" variant="default" onClick={openSave} disabled={filters.active === 0 && !filters.values.sort}>
          {t('volunteers.saved.save')}
        </Button>
      </Group>
      <ProblemAlert error={saved.error} />
      <FormModal opened={saving} onClose={close} title={t('volunteers.saved.saveTitle')}>
        <form
          noValidate
          onSubmit={form.onSubmit((v) =>
            save.mutate(
              { name: v.name.trim(), query: filters.values },
              {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: t('volunteers.saved.savedMessage', { name: v.name.trim() }) });
                  close();
                },
                onError: (e) => applyProblemToForm(form, e),
              },
            ),
          )}
        >
          <Stack>
            <Text size="sm">{t('volunteers.saved.saveIntro')}</Text>
            <ProblemAlert error={save.error} />
            <TextInput label={t('volunteers.saved.name')} required data-autofocus {...form.getInputProps('name')} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </FormModal>
      <ConfirmModal
        opened={deleting !== null}
        title={t('volunteers.saved.deleteTitle')}
        message={deleting ? t('volunteers.saved.deleteMessage', { name: isolate(deleting.name) }) : ''}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      />
    </section>
  );
}
