import { eq } from 'drizzle-orm';
import type { OrganizationKind } from '../../common/organizations.js';
import type { Role } from '../../common/permissions.js';
import type { Db } from '../db/client.js';
import { withTenant } from '../db/tenancy.js';
import { systemActor } from '../modules/audit/actor.js';
import { hashPassword } from '../modules/auth/secrets.js';
import { createNetworkWithAdmin } from '../modules/networks/provisioning.js';
import { networks } from '../modules/networks/networks.table.js';
import { createOrganization } from '../modules/organizations/organizations.service.js';
import { createUser } from '../modules/users/users.service.js';
import { ensureCatalogEntries } from '../modules/catalog/catalog.service.js';
import type { Actor } from '../modules/audit/actor.js';
import { createVolunteer, linkVolunteerAccount } from '../modules/volunteers/volunteers.service.js';
import { seedCourses } from './courses.js';
import { seedPlacements } from './placements.js';
import { HANNOVER_DISTRICTS, HANNOVER_SPECIALIZATIONS, HANNOVER_TOPICS, HANNOVER_VOLUNTEERS } from './hannover.js';

export const DEMO_SLUG = 'hannover-demo';
export const DEMO_PASSWORD = 'lotse-demo-2026';

/** The demo network: Hannover's guide coordination with its partners (seed 001 and 000). */
const ORGANIZATIONS: { key: string; kind: OrganizationKind; name: string; shortName: string; address: string; email: string }[] = [
  { key: 'counselling', kind: 'counselling_office', name: 'Clearingstelle Migration Hannover', shortName: 'Clearing', address: 'Hildesheimer Straße 20, 30169 Hannover', email: 'clearing@example.org' },
  { key: 'youth', kind: 'sub_project', name: 'Jugendprojekt Übergang Schule–Beruf (unter 25)', shortName: 'Jugend', address: 'Lange Laube 24, 30159 Hannover', email: 'jugend@example.org' },
  { key: 'adults', kind: 'sub_project', name: 'Erwachsenenprojekt Arbeit und Qualifizierung (ab 25)', shortName: 'Erwachsene', address: 'Vahrenwalder Straße 7, 30165 Hannover', email: 'erwachsene@example.org' },
  { key: 'school', kind: 'partner_institution', name: 'IGS Linden', shortName: 'IGS Linden', address: 'Am Lindener Berge 34, 30449 Hannover', email: 'sekretariat@igs-linden.example.org' },
  { key: 'city', kind: 'partner_institution', name: 'Landeshauptstadt Hannover, Fachbereich Jugend und Familie', shortName: 'FB Jugend', address: 'Joachimstraße 8, 30159 Hannover', email: 'jugend-familie@example.org' },
  { key: 'chamber', kind: 'partner_institution', name: 'Handwerkskammer Hannover', shortName: 'HWK', address: 'Berliner Allee 17, 30175 Hannover', email: 'botschafter@hwk.example.org' },
];

const USERS: { email: string; name: string; role: Role; org: string }[] = [
  { email: 'koordination@demo.lotse.dev', name: 'Katrin Vogel', role: 'coordinator', org: 'office' },
  { email: 'beratung@demo.lotse.dev', name: 'Yusuf Demir', role: 'counsellor', org: 'counselling' },
  { email: 'lotsin@demo.lotse.dev', name: 'Amira Haddad', role: 'volunteer', org: 'office' },
  { email: 'schule@demo.lotse.dev', name: 'Jens Brandt', role: 'partner', org: 'school' },
  { email: 'foerderer@demo.lotse.dev', name: 'Dr. Petra Lange', role: 'viewer', org: 'office' },
];

export const DEMO_ADMIN_EMAIL = 'admin@demo.lotse.dev';
export const DEMO_LOGINS = [{ email: DEMO_ADMIN_EMAIL, role: 'network_admin' as Role }, ...USERS.map((u) => ({ email: u.email, role: u.role }))];

export async function seedDemo(db: Db): Promise<{ created: boolean; networkId: string }> {
  const [existing] = await db.select({ id: networks.id }).from(networks).where(eq(networks.slug, DEMO_SLUG));
  if (existing) return { created: false, networkId: existing.id };
  const { networkId, officeId } = await createNetworkWithAdmin(db, {
    name: 'Integrationsnetz Hannover (Demo)',
    slug: DEMO_SLUG,
    adminEmail: DEMO_ADMIN_EMAIL,
    adminPassword: DEMO_PASSWORD,
    adminName: 'Sabine Krüger',
    officeName: 'Koordinierungsstelle Integrationslotsen (vhs Hannover)',
    // One login per role: the demo's admin holds the admin's rights only (no origins, no coordination).
    adminRoles: ['network_admin'],
  });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await withTenant(db, networkId, async (tx) => {
    const actor = systemActor(networkId);
    const ids: Record<string, string> = { office: officeId };
    for (const o of ORGANIZATIONS) {
      const { key, ...body } = o;
      ids[key] = (await createOrganization(tx, actor, body)).id;
    }
    const userIds: Record<string, string> = {};
    for (const u of USERS) {
      userIds[u.email] = await createUser(tx, actor, { email: u.email, name: u.name, passwordHash, locale: 'de', memberships: [{ organizationId: ids[u.org]!, role: u.role }] });
    }
    const volunteerIds = await seedPool(tx, actor, userIds['lotsin@demo.lotse.dev']!);
    await seedCourses(tx, actor, volunteerIds, officeId);
    await seedPlacements(tx, actor, ids, volunteerIds);
  });
  return { created: true, networkId };
}

/** Catalogues and the volunteer pool; the volunteer login is Amira Haddad's portal account. */
async function seedPool(tx: Db, actor: Actor, volunteerUserId: string): Promise<Map<string, string>> {
  const networkId = actor.networkId;
  const ids = new Map<string, string>();
  await ensureCatalogEntries(tx, networkId, 'specializations', HANNOVER_SPECIALIZATIONS);
  await ensureCatalogEntries(tx, networkId, 'topics', HANNOVER_TOPICS);
  await ensureCatalogEntries(tx, networkId, 'districts', HANNOVER_DISTRICTS.map(({ key, name, lat, lon }) => ({ key, name, lat, lon })));
  await ensureCatalogEntries(
    tx,
    networkId,
    'districts',
    HANNOVER_DISTRICTS.flatMap((d) => d.quarters.map(([key, name, lat, lon]) => ({ key, name, lat, lon, parentKey: d.key }))),
  );
  for (const [i, v] of HANNOVER_VOLUNTEERS.entries()) {
    const created = await createVolunteer(
      tx,
      actor,
      {
        firstName: v.firstName,
        lastName: v.lastName,
        email: i === 0 ? 'lotsin@demo.lotse.dev' : `${v.firstName}.${v.lastName}`.toLowerCase().normalize('NFKD').replace(/[^a-z.]/g, '') + '@example.org',
        city: 'Hannover',
        birthYear: v.birthYear,
        gender: v.gender,
        contactLanguage: v.languages[0]![0],
        languages: v.languages.map(([code, level]) => ({ code, level })),
        origins: v.origins ?? [],
        originConsent: v.origins ? { givenOn: '2025-01-15', textVersion: 'herkunft-2025' } : undefined,
        trade: (v.trade as never) ?? null,
        professionalPosition: (v.position as never) ?? null,
        homeDistrict: v.home,
        districts: v.districts,
        specializations: v.specializations,
        topics: v.topics,
        competenceLimits: v.limits,
        interests: v.topics.slice(0, 1),
        availability: v.slots.map(([weekday, from, to]) => ({ weekday, from, to })),
        absences: [],
        maxActiveAgreements: 2,
        maxHoursPerMonth: 12,
        status: v.status,
        statusReason: 'Demo-Daten',
        onboarding: v.basicOn ? { confidentialitySignedOn: v.basicOn, dataProtectionConsentOn: v.basicOn, policeCertificateOn: v.police ?? null } : {},
        lastSupervisionOn: v.supervision ?? null,
        qualifications: v.basicOn ? [{ type: 'basic', completedOn: v.basicOn, provider: 'vhs Hannover' }] : [],
      },
      { origins: true, notes: true, bank: true },
    );
    if (i === 0) await linkVolunteerAccount(tx, networkId, created.id, volunteerUserId);
    ids.set(`${v.firstName} ${v.lastName}`, created.id);
  }
  return ids;
}
