import { Button, Center, Group, Loader, Stack } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import type { Page } from '../../api/client.js';
import { flatItems } from '../../api/hooks.js';
import { useTranslation } from '../../i18n/translate.js';
import { EmptyState, ListTable, type Column } from '../data.js';
import { ProblemAlert } from '../problem-alert.js';

/** What `usePagedList` (TanStack's infinite query) hands a list: its pages and how to load more. */
export interface PagedQuery<T> {
  data: { pages: Page<T>[] } | undefined;
  isPending: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** A list that comes in one answer (a query of an array, or records the page already holds). */
export interface WholeQuery<T> {
  data: T[] | undefined;
  isPending: boolean;
  error: unknown;
}

export interface EmptyText {
  what: string;
  next?: ReactNode;
  action?: ReactNode;
}

/** What a list says when it is empty, with or without filters. */
interface EmptyProps {
  /** What the list says when there is nothing at all yet, and the first step to take. */
  empty: EmptyText;
  /**
   * When filters narrow the list: what it says when nothing matches them. It always offers to lift
   * the filters, so nobody is left in front of an empty list without a way back.
   */
  filtered?: { active: number; reset: () => void; empty: EmptyText };
}

interface TableProps<T> extends EmptyProps {
  caption: string;
  columns: Column[];
  /** The cells of one row, in the order of the columns. */
  row: (item: T) => ReactNode[];
  /** Defaults to the record's `id`. */
  rowKey?: (item: T) => string;
}

const keyOf = <T extends object>(item: T, i: number, rowKey?: (item: T) => string) =>
  rowKey ? rowKey(item) : ((item as { id?: string }).id ?? String(i));

function ListEmpty({ empty, filtered }: EmptyProps) {
  const { t } = useTranslation();
  const narrowed = filtered && filtered.active > 0;
  const text = narrowed ? filtered.empty : empty;
  return (
    <EmptyState
      what={text.what}
      next={text.next}
      action={
        narrowed ? (
          <Group gap="sm" justify="center">
            {text.action}
            <Button variant="default" onClick={filtered.reset}>
              {t('common.resetFilters')}
            </Button>
          </Group>
        ) : (
          text.action
        )
      }
    />
  );
}

function ItemTable<T extends object>({
  items,
  paging,
  caption,
  columns,
  row,
  rowKey,
  empty,
  filtered,
}: TableProps<T> & { items: T[]; paging: Omit<PagedQuery<T>, 'data'> | WholeQuery<T> }) {
  const more = 'fetchNextPage' in paging ? paging : undefined;
  return (
    <ListTable
      caption={caption}
      isPending={paging.isPending}
      error={paging.error}
      hasNextPage={more?.hasNextPage}
      isFetchingNextPage={more?.isFetchingNextPage}
      onLoadMore={more ? () => void more.fetchNextPage() : undefined}
      empty={<ListEmpty empty={empty} filtered={filtered} />}
      columns={columns}
      rows={items.map((item, i) => ({ key: keyOf(item, i, rowKey), cells: row(item) }))}
    />
  );
}

/**
 * One list of the app: a table that becomes cards on phones, cursor paging with "load more", the
 * count shown, and an empty state that says what is empty and what to do next.
 */
export function PagedList<T extends object>({ list, ...props }: TableProps<T> & { list: PagedQuery<T> }) {
  return <ItemTable items={flatItems(list.data)} paging={list} {...props} />;
}

/** The same table for a list that comes whole (a ranking, a run's sessions): no paging. */
export function WholeList<T extends object>({ list, ...props }: TableProps<T> & { list: WholeQuery<T> }) {
  return <ItemTable items={list.data ?? []} paging={list} {...props} />;
}

/**
 * A paged list of cards (`<li>`s each, e.g. mails with their text): loading, problems, the empty
 * state and "load more" as in a `PagedList`.
 */
export function PagedCards<T extends object>({
  list,
  card,
  cardKey,
  empty,
  filtered,
}: EmptyProps & { list: PagedQuery<T>; card: (item: T) => ReactNode; cardKey?: (item: T) => string }) {
  const { t } = useTranslation();
  const items = flatItems(list.data);
  if (list.error) return <ProblemAlert error={list.error} />;
  if (list.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} role="status" />
      </Center>
    );
  }
  return (
    <>
      {items.length === 0 ? (
        <ListEmpty empty={empty} filtered={filtered} />
      ) : (
        <Stack component="ul" gap="md" className="plain-list">
          {items.map((item, i) => (
            <Fragment key={keyOf(item, i, cardKey)}>{card(item)}</Fragment>
          ))}
        </Stack>
      )}
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </>
  );
}

/** One button of a row, named after the record for screen readers ("Revoke the invitation to …"). */
export function RowAction({ label, named, onClick, danger }: { label: string; named: string; onClick: () => void; danger?: boolean }) {
  return (
    <Button size="xs" variant={danger ? 'outline' : 'default'} color={danger ? 'red' : undefined} onClick={onClick} aria-label={named}>
      {label}
    </Button>
  );
}

/** The edit and delete buttons of a row, named after the record for screen readers. */
export function RowActions({
  name,
  onEdit,
  onDelete,
  children,
}: {
  name: string;
  onEdit?: () => void;
  onDelete?: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      {children}
      {onEdit && <RowAction label={t('common.edit')} named={t('common.editNamed', { name })} onClick={onEdit} />}
      {onDelete && <RowAction danger label={t('common.delete')} named={t('common.deleteNamed', { name })} onClick={onDelete} />}
    </Group>
  );
}
