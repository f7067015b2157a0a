import { APPLICATION_CONSENT_VERSION, REQUEST_CONSENT_VERSION, type PublicNetwork, type VolunteerApplicationBody } from '../../../common/api/public.js';
import { CreateVolunteerBody } from '../../../common/api/volunteers.js';
import type { Locale } from '../../../common/locales.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import { withTenant } from '../../db/tenancy.js';
import { invalidFields } from '../../http/problems.js';
import { t } from '../../i18n.js';
import type { Actor } from '../audit/actor.js';
import { reserveAttempt } from '../auth/throttle.js';
import { listCatalog, unknownCatalogKeys } from '../catalog/catalog.service.js';
import { consents } from '../consents/consents.table.js';
import { enqueueMail } from '../mail/mail.service.js';
import { getNetwork, networkIdBySlug } from '../networks/networks.service.js';
import { activeUsersWithRole } from '../users/users.service.js';
import { berlinToday } from '../volunteers/profile.js';
import { createVolunteer } from '../volunteers/volunteers.service.js';

/** What the public form shows: the network's name and the topics one may choose. */
export async function publicNetwork(db: Db, slug: string, locale: Locale): Promise<PublicNetwork> {
  const networkId = await networkIdBySlug(db, slug);
  return withTenant(db, networkId, async (tx) => {
    const network = await getNetwork(tx, networkId);
    const topics = await listCatalog(tx, networkId, 'topics', { limit: 200 }, locale);
    const districts = await listCatalog(tx, networkId, 'districts', { limit: 200 }, locale);
    return {
      name: network.name,
      slug: network.slug,
      defaultLocale: network.settings.defaultLocale,
      topics: topics.items.map((e) => ({ key: e.key, name: e.name, label: e.label })),
      districts: districts.items.map((e) => ({ key: e.key, name: e.name, label: e.label, parentKey: e.parentKey })),
      consentVersion: APPLICATION_CONSENT_VERSION,
      requestConsentVersion: REQUEST_CONSENT_VERSION,
    };
  });
}

/**
 * "Become a guide": creates an `interested` volunteer with the consent the person gave, and tells
 * the coordinators. A filled honeypot is answered like a success and writes nothing.
 */
export async function applyAsVolunteer(db: Db, slug: string, body: VolunteerApplicationBody, meta: { ip: string | null; requestId: string; publicUrl: string }): Promise<void> {
  const networkId = await networkIdBySlug(db, slug);
  const rules = [
    { key: `apply-ip:${meta.ip ?? 'unknown'}`, limit: 5, windowMinutes: 60 },
    { key: `apply-network:${networkId}`, limit: 300, windowMinutes: 60 },
  ];
  await reserveAttempt(db, rules, 'formRateLimited');
  if (body.website) return;
  if (body.consent.textVersion !== APPLICATION_CONSENT_VERSION) {
    throw invalidFields([{ path: 'body.consent.textVersion', key: 'consentOutdated' }]);
  }
  await withTenant(db, networkId, async (tx) => {
    const unknown = await unknownCatalogKeys(tx, networkId, 'topics', body.interests, 'body.interests');
    if (unknown.length) throw invalidFields(unknown);
    const actor: Actor = { networkId, type: 'anonymous', id: null, requestId: meta.requestId, ip: meta.ip };
    const volunteer = await createVolunteer(
      tx,
      actor,
      // The schema's defaults fill every list the form does not ask for.
      CreateVolunteerBody.parse({
        firstName: body.firstName,
        lastName: body.lastName,
        email: body.email,
        phone: body.phone ?? null,
        postalCode: body.postalCode ?? null,
        city: body.city ?? null,
        birthYear: body.birthYear ?? null,
        contactLanguage: body.contactLanguage ?? body.locale ?? null,
        languages: body.languages,
        interests: body.interests,
        notes: body.message ? `${t('de', 'applications.messageLabel')}: ${body.message}` : null,
        status: 'interested',
        statusReason: t('de', 'applications.statusReason'),
      }),
      { origins: false, notes: true, bank: true },
    );
    await tx.insert(consents).values({
      networkId,
      id: newId(),
      subjectKind: 'volunteer',
      subjectId: volunteer.id,
      purpose: 'data_processing',
      textVersion: body.consent.textVersion,
      givenOn: berlinToday(),
    });
    const network = await getNetwork(tx, networkId);
    for (const coordinator of await activeUsersWithRole(tx, networkId, 'coordinator')) {
      await enqueueMail(tx, networkId, {
        to: coordinator.email,
        subject: t(coordinator.locale, 'mail.application.subject', { name: `${body.firstName} ${body.lastName}` }),
        text: t(coordinator.locale, 'mail.application.body', {
          coordinator: coordinator.name,
          name: `${body.firstName} ${body.lastName}`,
          network: network.name,
          link: `${meta.publicUrl}/volunteers/${volunteer.id}`,
        }),
      });
    }
  });
}
