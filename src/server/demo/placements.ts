/**
 * The demo's placement work: payout settings, requests in several states, and one agreement that
 * ends soon with deployments logged this month, so that the inbox, the request list and the
 * expense screens show something on the first start. Amira Haddad (the volunteer login) is left
 * without agreements, so that a visitor can propose her and walk the path themselves.
 */
import { CreateGuideRequestBody } from '../../common/api/guide-requests.js';
import type { Db } from '../db/client.js';
import type { Actor } from '../modules/audit/actor.js';
import { insertAgreement } from '../modules/agreements/agreements.service.js';
import { addDays, weekdayAhead } from '../../common/agreement-term.js';
import { fromBerlin } from '../modules/courses/berlin.js';
import { createDeployment } from '../modules/deployments/deployments.service.js';
import { createGuideRequest, updateGuideRequest } from '../modules/guide-requests/guide-requests.service.js';
import { getNetwork, updateNetwork } from '../modules/networks/networks.service.js';
import { berlinToday } from '../modules/volunteers/profile.js';

const COORDINATION = { all: true, organizationIds: [], manage: true, origins: true };

/** The next `weekday` (1 = Monday) at `hour` Berlin time, at least a week ahead, as an instant. */
const nextWeekday = (today: string, weekday: number, hour: number) =>
  fromBerlin(weekdayAhead(today, weekday), `${String(hour).padStart(2, '0')}:00`).toISOString();

export async function seedPlacements(tx: Db, actor: Actor, organizationIds: Record<string, string>, volunteerIds: Map<string, string>, now = new Date()) {
  const network = await getNetwork(tx, actor.networkId);
  await updateNetwork(tx, actor, {
    settings: {
      allowanceUnit: 'deployment',
      allowanceCents: 800,
      payoutAccount: { name: 'vhs Hannover Integrationslotsen', iban: 'DE02120300000000202051', bic: 'BYLADEM1001' },
    },
    version: network.version,
  });
  const today = berlinToday(now);
  const meta = { publicUrl: 'http://localhost:3000', defaultLocale: 'de' as const };
  const request = (body: Record<string, unknown>) => createGuideRequest(tx, actor, COORDINATION, CreateGuideRequestBody.parse(body), { source: 'partner', defaultOrganizationId: null });

  // Ready: the school asks for an Arabic-speaking guide for a parents' evening.
  const evening = await request({
    title: 'Begleitung zum Elternabend der 7b',
    kind: 'parents_evening',
    topic: 'schule-eltern',
    description: 'Eine Mutter, erst seit kurzem in Hannover, möchte den Elternabend ihrer Tochter verstehen und Fragen stellen können.',
    languages: [{ code: 'ar', minLevel: 'B2' }],
    districtKey: 'linden-nord',
    place: 'IGS Linden, Raum 112',
    startsAt: nextWeekday(today, 4, 18),
    endsAt: nextWeekday(today, 4, 20),
    expectedHours: 2,
    seeker: { ageGroup: 'adult', languages: ['ar'], genderPreference: 'female' },
    requesterOrganizationId: organizationIds.school,
    contact: { name: 'Jens Brandt', phone: '0511 168 49 300', email: 'schule@demo.lotse.dev' },
    urgency: 'high',
  });
  await updateGuideRequest(tx, actor, COORDINATION, evening.id, { status: 'ready', version: evening.version }, meta);

  // New and incomplete: the youth office asks for Farsi help; time and contact phone still missing.
  await request({
    title: 'Sprachhilfe beim Hilfeplangespräch',
    kind: 'language_help',
    topic: 'behoerden',
    description: 'Ein Jugendlicher und seine Mutter brauchen Unterstützung beim Gespräch im Jugendamt.',
    languages: [{ code: 'fa', minLevel: 'C1' }],
    districtKey: 'mitte',
    place: 'Joachimstraße 8',
    seeker: { ageGroup: 'youth', languages: ['fa'] },
    involvesMinors: true,
    requesterOrganizationId: organizationIds.city,
    urgency: 'normal',
  });

  // Agreed and running: Mehmet Yılmaz mentors an apprentice for the chamber; it ends in ten days.
  const mehmet = volunteerIds.get('Mehmet Yılmaz');
  if (mehmet) {
    const startsOn = addDays(today, -80);
    const agreementId = await insertAgreement(tx, actor, {
      volunteerId: mehmet,
      organizationId: organizationIds.chamber,
      counterpart: 'Auszubildender im SHK-Handwerk',
      scope: 'Mentoring in der Ausbildung (Anlagenmechaniker SHK)',
      goals: 'Zwischenprüfung bestehen, Berichtsheft regelmäßig führen',
      startsOn,
      endsOn: addDays(today, 10),
    });
    const scope = { all: true, organizationIds: [], volunteerId: null, userId: null };
    const firstOfMonth = `${today.slice(0, 7)}-01`;
    for (const [date, hours, km] of [[firstOfMonth, 2, 12.5], [today, 1.5, 12.5]] as const) {
      await createDeployment(tx, actor, scope, { agreementId, date, hours, km, transport: 'car', ticketCents: 0, note: 'Treffen in der Werkstatt' });
    }
  }
}
