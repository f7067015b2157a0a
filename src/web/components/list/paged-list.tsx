import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Page } from '../../api/client.js';
import { flatItems } from '../../api/hooks.js';
import { useTranslation } from '../../i18n/translate.js';
import { EmptyState, ListTable, type Column } from '../data.js';

/** What `usePagedList` (TanStack's infinite query) hands a list: its pages and how to load more. */
export interface PagedQuery<T> {
  data: { pages: Page<T>[] } | undefined;
  isPending: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

export interface EmptyText {
  what: string;
  next?: ReactNode;
  action?: ReactNode;
}

interface PagedListProps<T> {
  caption: string;
  list: PagedQuery<T>;
  columns: Column[];
  /** The cells of one row, in the order of the columns. */
  row: (item: T) => ReactNode[];
  /** Defaults to the record's `id`. */
  rowKey?: (item: T) => string;
  /** What the list says when there is nothing at all yet, and the first step to take. */
  empty: EmptyText;
  /**
   * When filters narrow the list: what it says when nothing matches them. It always offers to lift
   * the filters, so nobody is left in front of an empty list without a way back.
   */
  filtered?: { active: number; reset: () => void; empty: EmptyText };
}

/**
 * One list of the app: a table that becomes cards on phones, cursor paging with "load more", the
 * count shown, and an empty state that says what is empty and what to do next.
 */
export function PagedList<T extends object>({ caption, list, columns, row, rowKey, empty, filtered }: PagedListProps<T>) {
  const { t } = useTranslation();
  const items = flatItems(list.data);
  const narrowed = filtered && filtered.active > 0;
  const emptyText = narrowed ? filtered.empty : empty;
  return (
    <ListTable
      caption={caption}
      isPending={list.isPending}
      error={list.error}
      hasNextPage={list.hasNextPage}
      isFetchingNextPage={list.isFetchingNextPage}
      onLoadMore={() => void list.fetchNextPage()}
      empty={
        <EmptyState
          what={emptyText.what}
          next={emptyText.next}
          action={
            narrowed ? (
              <Group gap="sm" justify="center">
                {emptyText.action}
                <Button variant="default" onClick={filtered.reset}>
                  {t('common.resetFilters')}
                </Button>
              </Group>
            ) : (
              emptyText.action
            )
          }
        />
      }
      columns={columns}
      rows={items.map((item, i) => ({ key: rowKey ? rowKey(item) : ((item as { id?: string }).id ?? String(i)), cells: row(item) }))}
    />
  );
}

/** The edit and delete buttons of a row, named after the record for screen readers. */
export function RowActions({ name, onEdit, onDelete, children }: { name: string; onEdit?: () => void; onDelete?: () => void; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      {children}
      {onEdit && (
        <Button size="xs" variant="default" onClick={onEdit} aria-label={t('common.editNamed', { name })}>
          {t('common.edit')}
        </Button>
      )}
      {onDelete && (
        <Button size="xs" variant="outline" color="red" onClick={onDelete} aria-label={t('common.deleteNamed', { name })}>
          {t('common.delete')}
        </Button>
      )}
    </Group>
  );
}
