import { Alert, Anchor, Box, Button, Center, Group, Loader, Progress, Stack, Table, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from '../../i18n/translate.js';
import { Link, useParams, useSearchParams } from '../../router.js';
import type { VolunteerDetail } from '../../../common/api/volunteers.js';
import { useCan } from '../../api/hooks.js';
import { IconAlert, IconCheck, IconInfo } from '../../components/icons.js';
import { Page } from '../../components/page.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatCompletionDate, formatDate, formatDateTime, formatNumber, isolate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Free } from '../../components/bidi.js';
import { lastListSearch, useCatalogues, useInvitePortal, useNetwork, useVolunteer } from './api.js';
import { Facts, Flag, formatIban, LanguagesText, Section, VolunteerStatusBadge } from './components.js';
import { DocumentsTab } from './documents.js';
import { berlinToday, countryLabel, districtLabel, formatIsoDate, languageLabel, nameOf, weekdayLabel, type Catalogues } from './vocabulary.js';

const TABS = ['profile', 'qualifications', 'agreements', 'documents', 'history'] as const;
type Tab = (typeof TABS)[number];

function names(keys: string[], entries: { key: string; name: string }[]) {
  return keys.length ? keys.map((k) => nameOf(entries, k)).join(', ') : null;
}

function PortalAccess({ v }: { v: VolunteerDetail }) {
  const { t } = useTranslation();
  const canManage = useCan('volunteers:manage');
  const invite = useInvitePortal(v.id);
  if (v.userId) return <>{t('volunteers.portal.linked')}</>;
  return (
    <Stack gap={4} align="flex-start">
      <span>{t('volunteers.portal.none')}</span>
      {canManage && v.email && (
        <Button
          size="compact-sm"
          variant="default"
          loading={invite.isPending}
          onClick={() =>
            invite.mutate(undefined, {
              onSuccess: () => notifications.show({ color: 'green', message: t('volunteers.portal.invited', { email: v.email }) }),
            })
          }
        >
          {t('volunteers.portal.invite')}
        </Button>
      )}
      <ProblemAlert error={invite.error} />
    </Stack>
  );
}

/** A bar for a load against its maximum; full width is the maximum, beyond it the bar turns red. */
function Meter({ value, max }: { value: number; max: number }) {
  const share = max > 0 ? Math.min(100, (value / max) * 100) : value > 0 ? 100 : 0;
  const over = value > max;
  return (
    <Progress.Root className="load-meter" size="md" aria-hidden="true">
      <Progress.Section value={share} color={over ? 'red.8' : share >= 100 ? 'orange.7' : 'blue.7'} />
    </Progress.Root>
  );
}

/**
 * Load and wellbeing first: who carries more than agreed must be seen at a glance (helpers risk
 * secondary traumatisation; coordinators relieve them and offer supervision).
 */
function WellbeingSection({ v }: { v: VolunteerDetail }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const w = v.wellbeing;
  const overAgreements = w.activeAgreements > v.maxActiveAgreements;
  const overHours = w.hoursThisMonth > v.maxHoursPerMonth;
  const agreements = t('volunteers.wellbeing.agreementsOf', { active: formatNumber(w.activeAgreements, locale), max: formatNumber(v.maxActiveAgreements, locale) });
  const hours = t('volunteers.wellbeing.hoursOf', { hours: formatNumber(w.hoursThisMonth, locale), max: formatNumber(v.maxHoursPerMonth, locale) });
  return (
    <Section id="profile-wellbeing" title={t('volunteers.sections.wellbeing')}>
      <Stack gap="md">
        {w.overloaded && (
          <Alert role="note" color="red" variant="light" icon={<IconAlert />} title={t('volunteers.wellbeing.overloadedTitle')}>
            <Text size="sm">
              {overAgreements && overHours
                ? t('volunteers.wellbeing.overloadedBoth')
                : overAgreements
                  ? t('volunteers.wellbeing.overloadedAgreements')
                  : t('volunteers.wellbeing.overloadedHours')}{' '}
              {t('volunteers.wellbeing.overloadedAdvice')}
            </Text>
          </Alert>
        )}
        <Facts
          items={[
            {
              key: 'agreements',
              label: t('volunteers.wellbeing.activeAgreements'),
              value: (
                <>
                  <span className="load-text">
                    <span data-over={overAgreements || undefined}>{agreements}</span>
                  </span>
                  <Meter value={w.activeAgreements} max={v.maxActiveAgreements} />
                </>
              ),
            },
            {
              key: 'hours',
              label: t('volunteers.wellbeing.hoursThisMonth'),
              value: (
                <>
                  <span className="load-text">
                    <span data-over={overHours || undefined}>{hours}</span>
                  </span>
                  <Meter value={w.hoursThisMonth} max={v.maxHoursPerMonth} />
                </>
              ),
            },
            {
              key: 'capacity',
              label: t('volunteers.capacity.label'),
              value: w.overloaded ? (
                <Flag color="red">{t('volunteers.flags.overloaded')}</Flag>
              ) : v.freeCapacity ? (
                <Flag color="green">{t('volunteers.capacity.free')}</Flag>
              ) : (
                <Flag color="gray">{t('volunteers.capacity.notFree')}</Flag>
              ),
            },
            {
              key: 'supervision',
              label: t('volunteers.sections.supervision'),
              value: (
                <Group gap="xs" wrap="wrap">
                  <span>
                    {w.lastSupervisionOn ? t('volunteers.supervision.last', { date: formatIsoDate(w.lastSupervisionOn, locale) }) : t('volunteers.supervision.never')}
                  </span>
                  {w.supervisionDue && <Flag>{t('volunteers.flags.supervisionDue')}</Flag>}
                </Group>
              ),
            },
          ]}
        />
        <Text size="sm" className="secondary-text">
          {t('volunteers.capacity.explain')}
        </Text>
      </Stack>
    </Section>
  );
}

function ProfileTab({ v, catalogues }: { v: VolunteerDetail; catalogues: Catalogues }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const today = berlinToday();
  const address = [v.street, [v.postalCode, v.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const gender = v.gender === 'self_described' ? v.genderSelfDescribed || t('volunteers.gender.self_described') : v.gender ? t(`volunteers.gender.${v.gender}`) : null;
  const trade = [v.trade && v.trade !== 'other' ? t(`volunteers.trades.${v.trade}`) : null, v.tradeFreeText].filter(Boolean).join(' – ');
  const byDay = [...v.availability].sort((a, b) => a.weekday - b.weekday || a.from.localeCompare(b.from));
  return (
    <Stack gap="lg">
      <WellbeingSection v={v} />
      <Section id="profile-contact" title={t('volunteers.sections.contact')}>
        <Facts
          items={[
            { label: t('fields.email'), value: v.email && <Anchor href={`mailto:${v.email}`}>{v.email}</Anchor> },
            { label: t('fields.phone'), value: v.phone && <Anchor href={`tel:${v.phone.replace(/\s/g, '')}`}>{v.phone}</Anchor> },
            { label: t('fields.address'), value: address && <Free>{address}</Free> },
            { label: t('volunteers.fields.contactLanguage'), value: v.contactLanguage && languageLabel(v.contactLanguage, locale) },
            { label: t('volunteers.fields.birthYear'), value: v.birthYear },
            { label: t('volunteers.fields.gender'), value: gender },
            { label: t('volunteers.portal.label'), value: <PortalAccess v={v} /> },
          ]}
        />
      </Section>

      <Section id="profile-languages" title={t('volunteers.sections.languages')}>
        <LanguagesText languages={v.languages} />
      </Section>

      {v.origins !== undefined && (
        <Section id="profile-origins" title={t('volunteers.sections.origins')}>
          <Stack gap="sm">
            {v.originConsent ? (
              <Alert role="note" color="green" variant="light" icon={<IconCheck />} title={t('volunteers.origins.consentOnRecord')}>
                <Text size="sm">{t('volunteers.origins.consentGiven', { date: formatIsoDate(v.originConsent.givenOn, locale), version: v.originConsent.textVersion })}</Text>
              </Alert>
            ) : (
              <Alert role="note" color="gray" variant="light" icon={<IconInfo />} title={t('volunteers.origins.noConsent')}>
                <Text size="sm">{t('volunteers.origins.noConsentText')}</Text>
              </Alert>
            )}
            <Facts items={[{ label: t('volunteers.fields.origins'), value: v.origins.length ? v.origins.map((c) => countryLabel(c, locale)).join(', ') : null }]} />
          </Stack>
        </Section>
      )}

      <Section id="profile-deployment" title={t('volunteers.sections.deployment')}>
        <Facts
          items={[
            { label: t('volunteers.fields.trade'), value: trade },
            { label: t('volunteers.fields.position'), value: v.professionalPosition && t(`volunteers.positions.${v.professionalPosition}`) },
            { label: t('volunteers.fields.specializations'), value: names(v.specializations, catalogues.specializations) },
            { label: t('volunteers.fields.topics'), value: names(v.topics, catalogues.topics) },
            { label: t('volunteers.fields.interests'), value: names(v.interests, catalogues.topics) },
            { label: t('volunteers.fields.competenceLimits'), value: names(v.competenceLimits, catalogues.topics) },
          ]}
        />
      </Section>

      <Section id="profile-districts" title={t('volunteers.sections.districts')}>
        <Facts
          items={[
            { label: t('volunteers.fields.homeDistrict'), value: v.homeDistrict && districtLabel(catalogues.districts, v.homeDistrict) },
            { label: t('volunteers.fields.districts'), value: v.districts.length ? v.districts.map((d) => districtLabel(catalogues.districts, d)).join(', ') : null },
          ]}
        />
      </Section>

      <Section id="profile-availability" title={t('volunteers.sections.availability')}>
        <Facts
          items={[
            {
              label: t('volunteers.fields.weeklySlots'),
              value: byDay.length ? (
                <ul className="plain-list">
                  {byDay.map((s) => (
                    <li key={`${s.weekday}-${s.from}`}>{t('volunteers.slot', { day: weekdayLabel(s.weekday, locale), from: s.from, to: s.to })}</li>
                  ))}
                </ul>
              ) : null,
            },
            {
              label: t('volunteers.fields.absences'),
              value: v.absences.length ? (
                <ul className="plain-list">
                  {v.absences.map((a) => (
                    <li key={a.from}>
                      {t('volunteers.absence', { from: formatIsoDate(a.from, locale), to: formatIsoDate(a.to, locale) })}
                      {a.note ? (
                        <>
                          {' – '}
                          <Free>{a.note}</Free>
                        </>
                      ) : null}
                      {a.from <= today && today <= a.to && (
                        <>
                          {' '}
                          <Flag>{t('volunteers.flags.absentNow')}</Flag>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              ) : null,
            },
          ]}
        />
      </Section>

      {v.bankAccount !== undefined && (
        <Section id="profile-bank" title={t('volunteers.sections.bank')}>
          {v.bankAccount ? (
            <Facts
              items={[
                { label: t('volunteers.bank.accountHolder'), value: v.bankAccount.accountHolder },
                {
                  label: t('volunteers.bank.iban'),
                  value: (
                    <span className="iban" dir="ltr">
                      {formatIban(v.bankAccount.iban)}
                    </span>
                  ),
                },
                { label: t('volunteers.bank.bic'), value: v.bankAccount.bic && <span dir="ltr">{v.bankAccount.bic}</span> },
              ]}
            />
          ) : (
            <Text>{t('volunteers.bank.none')}</Text>
          )}
          {v.pendingBankAccount && (
            <Alert role="note" mt="sm" color="orange" variant="light" icon={<IconAlert />} title={t('volunteers.bank.pendingTitle')}>
              {t('volunteers.bank.pendingText', {
                iban: v.pendingBankAccount.ibanMasked,
                holder: v.pendingBankAccount.accountHolder,
                name: v.pendingBankAccount.requestedByName ?? '—',
                date: formatDate(v.pendingBankAccount.requestedAt, locale),
                expires: formatDate(v.pendingBankAccount.expiresAt, locale),
              })}
            </Alert>
          )}
          <Text size="sm" mt="sm" className="secondary-text">
            {t('volunteers.bank.hint')}
          </Text>
        </Section>
      )}

      {v.notes !== undefined && (
        <Section id="profile-notes" title={t('volunteers.sections.notes')}>
          <Text size="sm" className="secondary-text" mb="xs">
            {t('volunteers.form.notesHint')}
          </Text>
          {v.notes ? <Free block>{v.notes}</Free> : <Text className="secondary-text">{t('volunteers.none')}</Text>}
        </Section>
      )}
    </Stack>
  );
}

function Check({ done, children }: { done: boolean; children: React.ReactNode }) {
  return (
    <li>
      <span className="check-mark" data-done={done || undefined} aria-hidden="true">
        {done ? <IconCheck size={14} /> : <IconAlert size={14} />}
      </span>
      {children}
    </li>
  );
}

function QualificationsTab({ v, catalogues }: { v: VolunteerDetail; catalogues: Catalogues }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const network = useNetwork();
  const years = network.data?.settings.policeCertificateValidYears ?? 5;
  const months = network.data?.settings.supervisionIntervalMonths ?? 6;
  const basic = v.qualifications.filter((q) => q.type === 'basic').sort((a, b) => b.completedOn.localeCompare(a.completedOn))[0];
  const o = v.onboarding;
  const item = (label: string, on: string | null) => (
    <Check done={!!on}>
      <span>
        {label}: {on ? formatIsoDate(on, locale) : <strong>{t('volunteers.onboarding.missing')}</strong>}
      </span>
    </Check>
  );
  return (
    <Stack gap="lg">
      {v.deployable ? (
        <Alert role="note" color="green" variant="light" icon={<IconCheck />} title={t('volunteers.deployable.yes')}>
          {basic && t('volunteers.deployable.since', { date: formatCompletionDate(basic.completedOn, basic.completedOnPrecision, locale, t), precision: basic.completedOnPrecision })}
        </Alert>
      ) : (
        <Alert role="note" color="orange" variant="light" icon={<IconAlert />} title={t('volunteers.deployable.no')}>
          {t('volunteers.deployable.noText')}
        </Alert>
      )}
      <Section id="qualifications-list" title={t('volunteers.sections.qualifications')}>
        {v.qualifications.length === 0 ? (
          <Text>{t('volunteers.form.noQualifications')}</Text>
        ) : (
          <Box className="table-scroll">
            <Table striped verticalSpacing="sm" className="list-table">
              <Table.Caption className="visually-hidden">{t('volunteers.sections.qualifications')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('volunteers.fields.qualificationType')}</Table.Th>
                  <Table.Th scope="col">{t('volunteers.fields.completedOn')}</Table.Th>
                  <Table.Th scope="col">{t('volunteers.fields.provider')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...v.qualifications]
                  .sort((a, b) => b.completedOn.localeCompare(a.completedOn))
                  .map((q, i) => (
                    <Table.Tr key={`${q.type}-${q.completedOn}-${i}`}>
                      <Table.Td data-label={t('volunteers.fields.qualificationType')} data-wrap>
                        {t(`volunteers.qualificationTypes.${q.type}`)}
                        {q.specializationKey ? ` – ${nameOf(catalogues.specializations, q.specializationKey)}` : ''}
                      </Table.Td>
                      <Table.Td data-label={t('volunteers.fields.completedOn')}>{formatCompletionDate(q.completedOn, q.completedOnPrecision, locale, t)}</Table.Td>
                      <Table.Td data-label={t('volunteers.fields.provider')} data-wrap>
                        {q.provider ?? ''}
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Box>
        )}
      </Section>
      <Section id="qualifications-onboarding" title={t('volunteers.sections.onboarding')}>
        <ul className="checklist">
          {item(t('volunteers.onboarding.confidentialitySignedOn'), o.confidentialitySignedOn)}
          {item(t('volunteers.onboarding.dataProtectionConsentOn'), o.dataProtectionConsentOn)}
          {item(t('volunteers.onboarding.insuranceNotedOn'), o.insuranceNotedOn)}
          <Check done={o.policeCertificateValid}>
            <span>
              {t('volunteers.onboarding.policeCertificateOn')}: {o.policeCertificateOn ? formatIsoDate(o.policeCertificateOn, locale) : <strong>{t('volunteers.onboarding.missing')}</strong>}
            </span>
            {o.policeCertificateOn && !o.policeCertificateValid && <Flag>{t('volunteers.flags.policeOutdated', { years })}</Flag>}
          </Check>
        </ul>
        <Text size="sm" mt="sm" className="secondary-text">
          {t('volunteers.onboarding.policeNote', { years })}
        </Text>
      </Section>
      <Section id="qualifications-supervision" title={t('volunteers.sections.supervision')}>
        <Group gap="sm" wrap="wrap">
          <Text>
            {v.wellbeing.lastSupervisionOn
              ? t('volunteers.supervision.last', { date: formatIsoDate(v.wellbeing.lastSupervisionOn, locale) })
              : t('volunteers.supervision.never')}
          </Text>
          {v.wellbeing.supervisionDue && <Flag>{t('volunteers.flags.supervisionDue')}</Flag>}
        </Group>
        <Text size="sm" mt="sm" className="secondary-text">
          {t('volunteers.supervision.interval', { months })}
        </Text>
      </Section>
    </Stack>
  );
}

function AgreementsTab({ v }: { v: VolunteerDetail }) {
  const { t } = useTranslation();
  const canManage = useCan('agreements:manage');
  return (
    <Stack gap="lg">
      {canManage && (
        <Group gap="md" wrap="wrap">
          <Anchor component={Link} to={`/agreements?volunteerId=${encodeURIComponent(v.id)}&status=all`}>
            {t('volunteers.agreements.open')}
          </Anchor>
          <Anchor component={Link} to={`/agreements/new?volunteerId=${encodeURIComponent(v.id)}`}>
            {t('placements.agreements.record')}
          </Anchor>
        </Group>
      )}
      <Section id="agreements-limits" title={t('volunteers.sections.capacity')}>
        <Facts
          items={[
            { label: t('volunteers.fields.maxActiveAgreements'), value: v.maxActiveAgreements },
            { label: t('volunteers.fields.maxHoursPerMonth'), value: v.maxHoursPerMonth },
          ]}
        />
      </Section>
    </Stack>
  );
}

function HistoryTab({ v }: { v: VolunteerDetail }) {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const history = [...v.statusHistory].reverse();
  return (
    <Stack gap="lg">
      <Section id="history-status" title={t('volunteers.history.title')}>
        {history.length === 0 ? (
          <Text>{t('volunteers.history.none')}</Text>
        ) : (
          <ol className="history">
            {history.map((h, i) => (
              <li key={`${h.at}-${i}`}>
                <Group gap="xs" wrap="wrap">
                  <VolunteerStatusBadge status={h.status} />
                  <Text size="sm">{formatDateTime(h.at, locale)}</Text>
                </Group>
                {h.reason && <Text size="sm">{t('volunteers.history.reason', { reason: h.reason })}</Text>}
                <Text size="sm" className="secondary-text">
                  {h.byName ? t('volunteers.history.by', { name: isolate(h.byName) }) : t('volunteers.history.bySystem')}
                </Text>
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section id="history-record" title={t('volunteers.history.record')}>
        <Facts
          items={[
            { label: t('volunteers.history.createdAt'), value: formatDateTime(v.createdAt, locale) },
            { label: t('volunteers.history.updatedAt'), value: formatDateTime(v.updatedAt, locale) },
          ]}
        />
      </Section>
    </Stack>
  );
}

export default function VolunteerPage() {
  const { t } = useTranslation();
  const { locale } = useUiLocale();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const canManage = useCan('volunteers:manage');
  const volunteer = useVolunteer(id);
  const catalogues = useCatalogues();
  const v = volunteer.data;
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'profile';
  const title = v ? `${v.firstName} ${v.lastName}` : t('volunteers.profileTitle');

  return (
    <Page
      title={title}
      freeTitle={!!v}
      actions={
        v &&
        canManage && (
          <Button component={Link} to={`/volunteers/${id}/edit`}>
            {t('volunteers.editProfile')}
          </Button>
        )
      }
    >
      <Anchor component={Link} to={`/volunteers${lastListSearch()}`} size="sm">
        {t('volunteers.backToList')}
      </Anchor>
      {volunteer.error ? (
        <ProblemAlert error={volunteer.error} />
      ) : !v ? (
        <Center py="xl">
          <Loader aria-label={t('app.loading')} role="status" />
        </Center>
      ) : (
        <>
          <Group gap="sm" wrap="wrap" aria-label={t('volunteers.summary')} role="group">
            <VolunteerStatusBadge status={v.status} />
            <Text size="sm" className="secondary-text">
              {t('volunteers.statusSince', { date: formatDate(v.statusSince, locale) })}
            </Text>
            {v.deployable ? <Flag color="green">{t('volunteers.deployable.short')}</Flag> : <Flag>{t('volunteers.flags.notDeployable')}</Flag>}
            {v.wellbeing.overloaded && <Flag color="red">{t('volunteers.flags.overloaded')}</Flag>}
            {v.freeCapacity && <Flag color="green">{t('volunteers.capacity.free')}</Flag>}
            {!v.onboarding.policeCertificateValid && <Flag>{t('volunteers.flags.policeMissing')}</Flag>}
            {v.wellbeing.supervisionDue && (v.status === 'active' || v.status === 'paused') && <Flag>{t('volunteers.flags.supervisionDue')}</Flag>}
          </Group>
          <Tabs value={tab} onChange={(next) => setParams(next && next !== 'profile' ? { tab: next } : {}, { replace: true })} keepMounted={false}>
            <Tabs.List>
              {TABS.map((k) => (
                <Tabs.Tab key={k} value={k}>
                  {t(`volunteers.tabs.${k}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="profile" pt="lg">
              <ProfileTab v={v} catalogues={catalogues} />
            </Tabs.Panel>
            <Tabs.Panel value="qualifications" pt="lg">
              <QualificationsTab v={v} catalogues={catalogues} />
            </Tabs.Panel>
            <Tabs.Panel value="agreements" pt="lg">
              <AgreementsTab v={v} />
            </Tabs.Panel>
            <Tabs.Panel value="documents" pt="lg">
              <DocumentsTab volunteerId={v.id} />
            </Tabs.Panel>
            <Tabs.Panel value="history" pt="lg">
              <HistoryTab v={v} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </Page>
  );
}
