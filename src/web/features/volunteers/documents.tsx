import { Box, Button, Center, FileInput, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import type { VolunteerDocument } from '../../../common/api/volunteer-extras.js';
import { useCan } from '../../api/hooks.js';
import { ConfirmModal } from '../../components/data.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDateTime, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { useDeleteDocument, useDocuments, useDownload, useUploadDocument } from './api.js';
import { Section } from './components.js';
import { formatBytes } from './vocabulary.js';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = 'application/pdf,image/png,image/jpeg';
const KIND: Record<string, string> = { 'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPEG' };

function Upload({ volunteerId }: { volunteerId: string }) {
  const { t } = useTranslation();
  const upload = useUploadDocument(volunteerId);
  const [file, setFile] = useState<File | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setTooLarge(true);
      return;
    }
    upload.mutate(file, {
      onSuccess: (doc) => {
        setFile(null);
        notifications.show({ color: 'green', message: t('volunteers.documents.uploaded', { name: doc.filename }) });
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Group align="flex-end" wrap="wrap" gap="sm">
          <FileInput
            label={t('volunteers.documents.file')}
            description={t('volunteers.documents.fileHint')}
            placeholder={<span className="secondary-text">{t('volunteers.documents.choose')}</span>}
            accept={ACCEPT}
            value={file}
            clearable
            clearButtonProps={{ 'aria-label': t('volunteers.documents.clear') }}
            onChange={(f) => {
              setFile(f);
              setTooLarge(false);
              upload.reset();
            }}
            error={tooLarge ? t('volunteers.documents.tooLarge') : undefined}
            style={{ flex: '1 1 18rem' }}
          />
          <Button type="submit" disabled={!file} loading={upload.isPending}>
            {t('volunteers.documents.upload')}
          </Button>
        </Group>
        <ProblemAlert error={upload.error} />
      </Stack>
    </form>
  );
}

export function DocumentsTab({ volunteerId }: { volunteerId: string }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const canManage = useCan('volunteers:manage');
  const documents = useDocuments(volunteerId);
  const download = useDownload();
  const remove = useDeleteDocument(volunteerId);
  const [deleting, setDeleting] = useState<VolunteerDocument | null>(null);
  const items = documents.data ?? [];

  return (
    <Stack gap="lg">
      {canManage && (
        <Section id="documents-upload" title={t('volunteers.documents.uploadTitle')}>
          <Upload volunteerId={volunteerId} />
        </Section>
      )}
      <Section id="documents-list" title={t('volunteers.documents.title')}>
        {documents.error ? (
          <ProblemAlert error={documents.error} />
        ) : documents.isPending ? (
          <Center py="md">
            <Loader aria-label={t('app.loading')} role="status" />
          </Center>
        ) : items.length === 0 ? (
          <Text>{t('volunteers.documents.none')}</Text>
        ) : (
          <Stack gap="sm">
            <ProblemAlert error={download.error} />
            <Box className="table-scroll">
              <Table striped verticalSpacing="sm" className="list-table">
                <Table.Caption className="visually-hidden">{t('volunteers.documents.title')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('volunteers.documents.name')}</Table.Th>
                    <Table.Th scope="col">{t('volunteers.documents.kind')}</Table.Th>
                    <Table.Th scope="col">{t('volunteers.documents.size')}</Table.Th>
                    <Table.Th scope="col">{t('volunteers.documents.uploadedAt')}</Table.Th>
                    <Table.Th scope="col">{t('common.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td data-nolabel data-wrap>
                        <Text fw={500} size="sm" style={{ overflowWrap: 'anywhere' }}>
                          {d.filename}
                        </Text>
                      </Table.Td>
                      <Table.Td data-label={t('volunteers.documents.kind')}>{KIND[d.contentType] ?? d.contentType}</Table.Td>
                      <Table.Td data-label={t('volunteers.documents.size')}>{formatBytes(d.size, locale)}</Table.Td>
                      <Table.Td data-label={t('volunteers.documents.uploadedAt')} data-wrap>
                        {d.uploadedByName
                          ? t('volunteers.documents.uploadedBy', { at: formatDateTime(d.uploadedAt, locale), name: isolate(d.uploadedByName) })
                          : formatDateTime(d.uploadedAt, locale)}
                      </Table.Td>
                      <Table.Td data-nolabel>
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={t('volunteers.documents.downloadNamed', { name: d.filename })}
                            loading={download.isPending && download.variables?.fallbackName === d.filename}
                            onClick={() => download.mutate({ path: `/api/v1/volunteers/${volunteerId}/documents/${d.id}`, fallbackName: d.filename })}
                          >
                            {t('volunteers.documents.download')}
                          </Button>
                          {canManage && (
                            <Button size="xs" variant="outline" color="red" aria-label={t('common.deleteNamed', { name: d.filename })} onClick={() => setDeleting(d)}>
                              {t('common.delete')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Box>
          </Stack>
        )}
      </Section>
      <ConfirmModal
        opened={deleting !== null}
        title={t('volunteers.documents.deleteTitle')}
        message={deleting ? t('volunteers.documents.deleteMessage', { name: isolate(deleting.filename) }) : ''}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      />
    </Stack>
  );
}
