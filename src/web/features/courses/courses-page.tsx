import { Anchor, Button, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { Link, useNavigate } from '../../router.js';
import { COURSE_KINDS, type Course } from '../../../common/api/courses.js';
import { useCan, usePagedList } from '../../api/hooks.js';
import { FormModal } from '../../components/data.js';
import { FilterBar, SelectFilter } from '../../components/list/filter-bar.js';
import { keepKnown, useListFilters } from '../../components/list/list-filters.js';
import { PagedList, RowActions } from '../../components/list/paged-list.js';
import { Page } from '../../components/page.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Free } from '../../components/bidi.js';
import { useSpecializations } from './api.js';
import { CourseForm } from './course-form.js';
import { formatHours } from './format.js';

const FILTERS = { keys: ['kind'], clean: keepKnown({ kind: COURSE_KINDS }) } as const;

/** The network's course catalogue: basic course, specialisation modules, advanced and sustainability courses. */
export default function CoursesPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const navigate = useNavigate();
  const canManage = useCan('courses:manage');
  const filters = useListFilters(FILTERS);
  const list = usePagedList<Course>('courses', '/api/v1/courses', { ...filters.query, sort: 'title' });
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
      <FilterBar>
        <SelectFilter
          filters={filters}
          name="kind"
          label={t('courses.fields.kind')}
          options={COURSE_KINDS.map((k) => ({ value: k, label: t(`courses.kinds.${k}`) }))}
          w={280}
        />
      </FilterBar>
      <PagedList
        caption={t('courses.catalogue.title')}
        list={list}
        empty={{ what: t('courses.empty.catalogue'), next: canManage ? t('courses.empty.catalogueNext') : undefined }}
        filtered={{ ...filters, empty: { what: t('courses.empty.catalogueFiltered'), next: t('courses.empty.catalogueFilteredNext') } }}
        columns={[
          { label: t('courses.fields.title'), wrap: true, noPhoneLabel: true },
          { label: t('courses.fields.kind') },
          { label: t('courses.fields.teachingHours'), align: 'end' },
          { label: t('courses.fields.specialization') },
          ...(canManage ? [{ label: t('common.actions'), noPhoneLabel: true }] : []),
        ]}
        row={(c) => [
          <Anchor component={Link} to={`/courses/${c.id}`} fw={600} key="title">
            <Free>{c.label}</Free>
          </Anchor>,
          t(`courses.kinds.${c.kind}`),
          formatHours(c.teachingHours, locale),
          specializationName(c.specializationKey),
          ...(canManage ? [<RowActions key="edit" name={c.label} onEdit={() => setEditing(c)} />] : []),
        ]}
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
