import { Box, Button, Center, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from '../i18n/translate.js';
import { ProblemAlert } from './problem-alert.js';

export interface Column {
  label: string;
  /** Numbers line up at the end. */
  align?: 'end';
  /** Long text (names, addresses) may wrap; everything else stays on one line. */
  wrap?: boolean;
  /** On phones the value speaks for itself (the name heading a card, the action buttons). */
  noPhoneLabel?: boolean;
}

export interface Row {
  key: string;
  cells: ReactNode[];
}

interface ListTableProps {
  /** Names the table for screen readers (caption) and its scroll region. */
  caption: string;
  columns: Column[];
  rows: Row[];
  isPending: boolean;
  error: unknown;
  hasNextPage?: boolean;
  isFetchingNextPage?: boolean;
  onLoadMore?: () => void;
  /** What an empty list says: what is empty and what to do next (an `EmptyState`). */
  empty?: ReactNode;
}

/**
 * An empty list says what is empty and what to do next — a button or link where there is one
 * step to take ("Reset the filters", "Record an agreement").
 */
export function EmptyState({ what, next, action }: { what: string; next?: ReactNode; action?: ReactNode }) {
  return (
    <Stack align="center" gap={6} py="md" ta="center" className="empty-state">
      <Text fw={600}>{what}</Text>
      {next && (
        <Text size="sm" className="secondary-text" maw="40rem">
          {next}
        </Text>
      )}
      {action}
    </Stack>
  );
}

/**
 * A list as a table. On phones each row becomes a card with the column names as labels (CSS in
 * styles.css, `.list-table`); the scroll region stays focusable and named for keyboard users.
 */
/** Whether the element is wider inside than it shows, i.e. can be scrolled sideways. */
function useOverflows<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  });
  return [ref, overflows] as const;
}

export function ListTable({ caption, columns, rows, isPending, error, hasNextPage, isFetchingNextPage, onLoadMore, empty: emptyState }: ListTableProps) {
  const { t } = useTranslation();
  const [scrollRef, overflows] = useOverflows<HTMLDivElement>();
  if (error) return <ProblemAlert error={error} />;
  if (isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} role="status" />
      </Center>
    );
  }
  const empty = rows.length === 0;
  return (
    <Stack gap="sm">
      {/* An empty list shows no bare column headings, only what is empty and what to do. */}
      <Box hidden={empty} ref={scrollRef} className="table-scroll" role="region" aria-label={caption} tabIndex={overflows ? 0 : undefined}>
        <Table striped highlightOnHover verticalSpacing="sm" className="list-table">
          <Table.Caption className="visually-hidden">{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.label} scope="col" ta={c.align}>
                  {c.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                {r.cells.map((cell, i) => (
                  <Table.Td
                    key={i}
                    data-label={columns[i]?.label}
                    ta={columns[i]?.align}
                    data-wrap={columns[i]?.wrap || undefined}
                    data-nolabel={columns[i]?.noPhoneLabel || undefined}
                  >
                    {cell}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
      {empty &&
        (emptyState ?? (
          <Text ta="center" py="md">
            {t('common.empty')}
          </Text>
        ))}
      <Group justify="space-between">
        {!empty ? (
          <Text size="sm" role="status">
            {t('common.shown', { count: rows.length })}
          </Text>
        ) : (
          <span />
        )}
        {hasNextPage && onLoadMore && (
          <Button variant="default" onClick={onLoadMore} loading={isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

interface ConfirmProps {
  opened: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  loading?: boolean;
  error?: unknown;
  danger?: boolean;
  /** False when the caller moves the focus itself after closing (to the field to correct). */
  returnFocus?: boolean;
}

export function ConfirmModal({ opened, title, message, confirmLabel, onConfirm, onClose, loading, error, danger = true, returnFocus = true }: ConfirmProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered returnFocus={returnFocus} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack>
        <Text>{message}</Text>
        <ProblemAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={danger ? 'red' : undefined} onClick={onConfirm} loading={loading} data-autofocus>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Modal dialog with the app's defaults: labelled close button, full screen on phones. */
export function FormModal({
  opened,
  onClose,
  title,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      fullScreen={typeof window !== 'undefined' && window.matchMedia('(max-width: 36em)').matches}
    >
      {children}
    </Modal>
  );
}
