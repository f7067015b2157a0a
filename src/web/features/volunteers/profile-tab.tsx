import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from '../../i18n/translate.js';
import type { VolunteerDetail } from '../../../common/api/volunteers.js';
import { useCan } from '../../api/hooks.js';
import { IconAlert, IconCheck, IconInfo } from '../../components/icons.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDate } from '../../i18n/format.js';
import { useUiLocale } from '../../i18n/locale.js';
import { Free } from '../../components/bidi.js';
import { useInvitePortal } from './api.js';
import { Facts, Flag, formatIban, LanguagesText, Section } from './components.js';
import { berlinToday, countryLabel, districtLabel, formatIsoDate, languageLabel, nameOf, weekdayLabel, type Catalogues } from './vocabulary.js';
import { WellbeingSection } from './wellbeing-section.js';

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

/** The person's record: load, contact, languages, origins, deployment, places, times, bank account and notes. */
export function ProfileTab({ v, catalogues }: { v: VolunteerDetail; catalogues: Catalogues }) {
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
                <Text size="sm">
                  {t('volunteers.origins.consentGiven', {
                    date: formatIsoDate(v.originConsent.givenOn, locale),
                    version: v.originConsent.textVersion,
                  })}
                </Text>
              </Alert>
            ) : (
              <Alert role="note" color="gray" variant="light" icon={<IconInfo />} title={t('volunteers.origins.noConsent')}>
                <Text size="sm">{t('volunteers.origins.noConsentText')}</Text>
              </Alert>
            )}
            <Facts
              items={[
                {
                  label: t('volunteers.fields.origins'),
                  value: v.origins.length ? v.origins.map((c) => countryLabel(c, locale)).join(', ') : null,
                },
              ]}
            />
          </Stack>
        </Section>
      )}

      <Section id="profile-deployment" title={t('volunteers.sections.deployment')}>
        <Facts
          items={[
            { label: t('volunteers.fields.trade'), value: trade },
            {
              label: t('volunteers.fields.position'),
              value: v.professionalPosition && t(`volunteers.positions.${v.professionalPosition}`),
            },
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
            {
              label: t('volunteers.fields.districts'),
              value: v.districts.length ? v.districts.map((d) => districtLabel(catalogues.districts, d)).join(', ') : null,
            },
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
