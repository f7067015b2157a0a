import { Button, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from '../../i18n/translate.js';
import { useParams } from '../../router.js';
import type { CertificateVerification } from '../../../common/api/courses.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDateTime, formatNumber, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { IconShieldCheck, IconShieldX } from '../../components/icons.js';
import { formatCalendarDate } from '../portal/languages.js';
import { useCertificateVerification } from './api.js';
import '../portal/portal.css';
import './public.css';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="portal-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Genuine({ certificate }: { certificate: CertificateVerification }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="verify-result" className="verify-result" data-valid="true">
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="center">
          <span className="verify-icon" data-valid="true">
            <IconShieldCheck size={40} />
          </span>
          <Title order={2} size="h3" id="verify-result">
            {t('verifyCertificate.genuineTitle')}
          </Title>
        </Group>
        <Text>{t('verifyCertificate.genuineText', { network: isolate(certificate.networkName) })}</Text>
        <dl className="portal-facts">
          <Fact label={t('verifyCertificate.person')}>
            <bdi>{certificate.volunteerName}</bdi>
          </Fact>
          <Fact label={t('verifyCertificate.course')}>
            <bdi>{certificate.courseTitle}</bdi>
          </Fact>
          <Fact label={t('verifyCertificate.hours')}>{t('verifyCertificate.hoursValue', { count: certificate.teachingHours, hours: formatNumber(certificate.teachingHours, locale) })}</Fact>
          <Fact label={t('verifyCertificate.completedOn')}>{formatCalendarDate(certificate.completedOn, locale)}</Fact>
          <Fact label={t('verifyCertificate.issuer')}>
            <bdi>{certificate.networkName}</bdi>
          </Fact>
        </dl>
        <Text size="sm">{t('verifyCertificate.compare')}</Text>
      </Stack>
    </Paper>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="verify-result" className="verify-result" data-valid="false">
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="center">
          <span className="verify-icon" data-valid="false">
            <IconShieldX size={40} />
          </span>
          <Title order={2} size="h3" id="verify-result">
            {t('verifyCertificate.notFoundTitle')}
          </Title>
        </Group>
        <Text>{t('verifyCertificate.notFoundText')}</Text>
        <div>
          <Text fw={600}>{t('verifyCertificate.whatNowTitle')}</Text>
          <Text size="sm">{t('verifyCertificate.whatNow')}</Text>
        </div>
      </Stack>
    </Paper>
  );
}

export default function VerifyCertificatePage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const { code = '' } = useParams();
  const result = useCertificateVerification(code);
  // The moment of the check, as the reader saw it (for a printout or a screenshot).
  const [checkedAt] = useState(() => new Date().toISOString());

  return (
    <Page title={t('verifyCertificate.title')}>
      <Text>{t('verifyCertificate.intro')}</Text>
      {result.isPending ? (
        <Center py="xl">
          <Loader aria-label={t('verifyCertificate.checking')} role="status" />
        </Center>
      ) : result.error ? (
        <Stack>
          <ProblemAlert error={result.error} />
          <div>
            <Button variant="default" onClick={() => void result.refetch()}>
              {t('errors.retry')}
            </Button>
          </div>
        </Stack>
      ) : result.data ? (
        <Genuine certificate={result.data} />
      ) : (
        <NotFound />
      )}
      {!result.isPending && !result.error && (
        <Stack gap={2}>
          <Text size="xs" className="secondary-text">
            {t('verifyCertificate.checkedAt', { date: formatDateTime(checkedAt, locale) })}
          </Text>
          <Text size="xs" className="secondary-text verify-code">
            {t('verifyCertificate.code')}: <span dir="ltr">{code}</span>
          </Text>
        </Stack>
      )}
    </Page>
  );
}
