import { Box, Button, Center, Collapse, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import type { ReactNode, Ref } from 'react';
import { flatItems } from '../../api/hooks.js';
import { EmptyState } from '../../components/data.js';
import type { EmptyText, PagedQuery } from '../../components/list/paged-list.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { useTranslation } from '../../i18n/translate.js';

/*
 * The parts of a list with its own table (the pool, the guide requests): many filters in a panel
 * that folds away on phones, the count as a live status, and the list's states.
 */

interface FoldingFiltersProps {
  /** Prefix of the ids: `<id>-filters-title` names the panel, `<id>-filter-fields` is what folds. */
  id: string;
  title: string;
  /** How many filters narrow the list; the reset button shows only when there are any. */
  active: number;
  onReset: () => void;
  showLabel: string;
  hideLabel: string;
  children: ReactNode;
}

/** The filter panel: always open on wider screens, folded on phones until asked for. */
export function FoldingFilters({ id, title, active, onReset, showLabel, hideLabel, children }: FoldingFiltersProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const [open, { toggle }] = useDisclosure(false);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`${id}-filters-title`}>
      <Group justify="space-between" mb={phone && !open ? 0 : 'sm'} wrap="wrap" gap="xs">
        <Title order={2} size="h3" id={`${id}-filters-title`}>
          {title}
        </Title>
        <Group gap="xs">
          {active > 0 && (
            <Button variant="default" size="xs" onClick={onReset}>
              {t('common.resetFilters')}
            </Button>
          )}
          {phone && (
            <Button variant="default" size="xs" onClick={toggle} aria-expanded={open} aria-controls={`${id}-filter-fields`}>
              {open ? hideLabel : showLabel}
            </Button>
          )}
        </Group>
      </Group>
      <Collapse in={!phone || open} id={`${id}-filter-fields`}>
        {children}
      </Collapse>
    </Paper>
  );
}

/** "50 shown – there are more" as a live status; empty while nothing is shown. */
export function ShownCount<T>({ list, label }: { list: PagedQuery<T>; label: (count: number, more: boolean) => string }) {
  const { t } = useTranslation();
  const count = flatItems(list.data).length;
  return (
    <Text role="status" size="sm" fw={500}>
      {list.isPending ? t('app.loading') : count === 0 ? '' : label(count, list.hasNextPage)}
    </Text>
  );
}

interface PagedBodyProps<T> {
  list: PagedQuery<T>;
  /** What an empty list says; with filters in effect it always offers to lift them. */
  empty: EmptyText;
  filtered: { active: number; reset: () => void; empty: Omit<EmptyText, 'action'> };
  loadMoreLabel: string;
  /** Defaults to loading the next page. */
  onLoadMore?: () => void;
  /** The table of the items loaded so far. */
  children: (items: T[]) => ReactNode;
}

/** The list's states: its problem, loading, empty (unfiltered or filtered), or its table with "load more". */
export function PagedBody<T>({ list, empty, filtered, loadMoreLabel, onLoadMore, children }: PagedBodyProps<T>) {
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
  if (items.length === 0) {
    const narrowed = filtered.active > 0;
    const text = narrowed ? filtered.empty : empty;
    const reset = (
      <Button variant="default" onClick={filtered.reset}>
        {t('common.resetFilters')}
      </Button>
    );
    return (
      <Paper withBorder p="xl" radius="md">
        <EmptyState what={text.what} next={text.next} action={narrowed ? reset : empty.action} />
      </Paper>
    );
  }
  return (
    <Stack gap="sm">
      {children(items)}
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={onLoadMore ?? (() => void list.fetchNextPage())} loading={list.isFetchingNextPage}>
            {loadMoreLabel}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

interface OwnTableProps {
  caption: string;
  /** Added to `list-table`: the list's own cell widths. */
  className: string;
  /** The first heading cell (a sortable one, say), then the other columns' names. */
  first: ReactNode;
  columns: string[];
  /** The body rows. */
  children: ReactNode;
  scrollRef?: Ref<HTMLDivElement>;
}

/** A list's own table in the app's frame: a named, focusable scroll region, cards on phones. */
export function OwnTable({ caption, className, first, columns, children, scrollRef }: OwnTableProps) {
  return (
    <Box ref={scrollRef} className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <Table striped highlightOnHover verticalSpacing="sm" className={`list-table ${className}`}>
        <Table.Caption className="visually-hidden">{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {first}
            {columns.map((c) => (
              <Table.Th key={c} scope="col">
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Box>
  );
}
