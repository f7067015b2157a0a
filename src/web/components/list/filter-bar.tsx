import { Button, Checkbox, Group, NativeSelect, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import type { ListFilters } from './list-filters.js';

/** Field widths of a filter bar: full width on phones, a fixed width beside each other above. */
export type FilterWidth = number;
const width = (w: FilterWidth) => ({ base: '100%', xs: w });

/** The row of filters above a list; wraps on narrow screens. */
export function FilterBar({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <Group align="flex-end" wrap="wrap" className={className}>
      {children}
    </Group>
  );
}

interface FilterProps<K extends string> {
  filters: ListFilters<K>;
  name: K;
  label: string;
  description?: string;
  w?: FilterWidth;
}

/**
 * Free-text search: what is typed shows at once, the list (and the URL) follow after a pause, and a
 * reset of the filters empties the box.
 */
export function SearchFilter<K extends string>({ filters, name, label, description, w = 260 }: FilterProps<K>) {
  const current = filters.get(name);
  const [text, setText] = useState(current);
  const committed = useRef(current);
  const commit = useDebouncedCallback((value: string) => {
    committed.current = value.trim();
    filters.set(name, committed.current);
  }, 300);
  useEffect(() => {
    // The URL changed from elsewhere (reset, back button): the box shows what is in effect.
    if (current !== committed.current) {
      commit.cancel();
      committed.current = current;
      setText(current);
    }
  }, [current, commit]);
  return (
    <TextInput
      label={label}
      description={description}
      type="search"
      value={text}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setText(value);
        commit(value);
      }}
      w={width(w)}
    />
  );
}

export interface FilterOption {
  value: string;
  label: string;
}

/** A choice of one value; `all` adds the first option that lifts the filter. */
export function SelectFilter<K extends string>({
  filters,
  name,
  label,
  options,
  all = true,
  w = 220,
}: FilterProps<K> & { options: FilterOption[]; all?: boolean }) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={label}
      value={filters.get(name)}
      onChange={(e) => filters.set(name, e.currentTarget.value)}
      data={all ? [{ value: '', label: t('common.all') }, ...options] : options}
      w={width(w)}
    />
  );
}

/** A date bound (YYYY-MM-DD in the URL; the page turns it into an instant for the API). */
export function DateFilter<K extends string>({ filters, name, label, w = 170 }: FilterProps<K>) {
  return <TextInput label={label} type="date" value={filters.get(name)} onChange={(e) => filters.set(name, e.currentTarget.value)} w={width(w)} />;
}

/** A yes-only filter ("only those ending soon"): `true` in the URL, absent otherwise. */
export function CheckboxFilter<K extends string>({ filters, name, label }: Omit<FilterProps<K>, 'w'>) {
  return (
    <Checkbox label={label} checked={filters.get(name) === 'true'} onChange={(e) => filters.set(name, e.currentTarget.checked ? 'true' : null)} mb={8} />
  );
}

/** Lifts every filter; disabled while none narrows the list. */
export function ResetFiltersButton<K extends string>({ filters }: { filters: ListFilters<K> }) {
  const { t } = useTranslation();
  return (
    <Button variant="default" onClick={filters.reset} disabled={filters.active === 0}>
      {t('common.resetFilters')}
    </Button>
  );
}
