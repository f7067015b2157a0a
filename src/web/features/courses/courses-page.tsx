import { Anchor, Button, Group, NativeSelect, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link, useNavigate } from '../../router.js';
import { COURSE_KINDS, type Course } from '../../../common/api/courses.js';
import { flatItems, useCan, usePagedList } from '../../api/hooks.js';
import { EmptyState, FormModal, ListTable } from '../../components/data.js';
import { Page } from '../../components/page.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Free } from '../../components/bidi.js';
import { useSpecializations } from './api.js';
import { CourseForm } from './course-form.js';
import { formatHours } from './format.js';

/** The network's course catalogue: basic course, specialisation modules, advanced and sustainability courses. */
export default function CoursesPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const navigate = useNavigate();
  const canManage = useCan('courses:manage');
  const [kind, setKind] = useState('');
  const list = usePagedList<Course>('courses', '/api/v1/courses', {
    kind: kind || undefined,
    sort: 'title',
  });
  const items = flatItems(list.data);
  const specializations = useSpecializations();
  const specializationName = (key: string | null) => (key ? (specializations.data?.find((s) => s.key === key)?.name ?? key) : '');
  const [editing, setEditing] = useState<Course | 'new' | null>(null);

  return (
    <Page
      title={t('courses.catalogue.title')}
      actions={
        <>
          <Button variant="default" component={Link} to="/courses/demand">
            {t('courses.demand.title')}
          </Button>
          {canManage && <Button onClick={() => setEditing('new')}>{t('courses.catalogue.create')}</Button>}
        </>
      }
    >
      <Text>{t('courses.catalogue.intro')}</Text>
      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('courses.fields.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value)}
          data={[
            { value: '', label: t('common.all') },
            ...COURSE_KINDS.map((k) => ({
              value: k,
              label: t(`courses.kinds.${k}`),
            })),
          ]}
          w={{ base: '100%', xs: 280 }}
        />
      </Group>
      <ListTable
        caption={t('courses.catalogue.title')}
        empty={
          kind ? (
            <EmptyState what={t('courses.empty.catalogueFiltered')} next={t('courses.empty.catalogueFilteredNext')} action={<Button variant="default" onClick={() => setKind('')}>{t('common.resetFilters')}</Button>} />
          ) : (
            <EmptyState what={t('courses.empty.catalogue')} next={canManage ? t('courses.empty.catalogueNext') : undefined} />
          )
        }
        isPending={list.isPending}
        error={list.error}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        columns={[
          { label: t('courses.fields.title'), wrap: true, noPhoneLabel: true },
          { label: t('courses.fields.kind') },
          { label: t('courses.fields.teachingHours'), align: 'end' },
          { label: t('courses.fields.specialization') },
          ...(canManage ? [{ label: t('common.actions'), noPhoneLabel: true }] : []),
        ]}
        rows={items.map((c) => ({
          key: c.id,
          cells: [
            <Anchor component={Link} to={`/courses/${c.id}`} fw={600} key="title">
              <Free>{c.label}</Free>
            </Anchor>,
            t(`courses.kinds.${c.kind}`),
            formatHours(c.teachingHours, locale),
            specializationName(c.specializationKey),
            ...(canManage
              ? [
                  <Button
                    key="edit"
                    size="xs"
                    variant="default"
                    onClick={() => setEditing(c)}
                    aria-label={t('common.editNamed', { name: c.label })}
                  >
                    {t('common.edit')}
                  </Button>,
                ]
              : []),
          ],
        }))}
      />
      <FormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('courses.catalogue.create') : t('courses.catalogue.edit')}
      >
        {editing !== null && (
          <CourseForm
            key={editing === 'new' ? 'new' : editing.id}
            course={editing === 'new' ? undefined : editing}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              const created = editing === 'new';
              setEditing(null);
              if (created) void navigate(`/courses/${saved.id}`);
            }}
          />
        )}
      </FormModal>
    </Page>
  );
}
