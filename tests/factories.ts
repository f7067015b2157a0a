import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { Role } from '../src/common/permissions.js';
import type { Database } from '../src/server/db/client.js';
import { withTenant } from '../src/server/db/tenancy.js';
import { systemActor } from '../src/server/modules/audit/actor.js';
import { hashPassword } from '../src/server/modules/auth/secrets.js';
import { createNetworkWithAdmin } from '../src/server/modules/networks/provisioning.js';
import { createOrganization } from '../src/server/modules/organizations/organizations.service.js';
import { createUser } from '../src/server/modules/users/users.service.js';
import { ORIGIN, sessionCookie } from './harness.js';

export const PASSWORD = 'correct horse battery';
const unique = () => randomBytes(4).toString('hex');

export interface TestNetwork {
  networkId: string;
  officeId: string;
  adminEmail: string;
  adminId: string;
}

/** A network with its coordination office and an admin (password PASSWORD) whose holds network_admin only (the role table's admin, without the coordinator's rights). */
export async function makeNetwork(database: Database, name = `Netz ${unique()}`): Promise<TestNetwork> {
  const adminEmail = `admin-${unique()}@example.org`;
  const created = await createNetworkWithAdmin(database.db, { name, adminEmail, adminPassword: PASSWORD, adminName: 'Ada Admin', adminRoles: ['network_admin'] });
  return { networkId: created.networkId, officeId: created.officeId, adminEmail, adminId: created.adminId };
}

/** A person with one role (or several) in one organisation of the network (the office unless named). */
export async function makeUser(database: Database, network: TestNetwork, role: Role | Role[], organizationId = network.officeId) {
  const roles = Array.isArray(role) ? role : [role];
  const email = `${roles.join('-').replaceAll('_', '-')}-${unique()}@example.org`;
  const passwordHash = await hashPassword(PASSWORD);
  const id = await withTenant(database.db, network.networkId, (tx) =>
    createUser(tx, systemActor(network.networkId), {
      email,
      name: `Test ${roles.join(' ')}`,
      passwordHash,
      locale: 'de',
      memberships: roles.map((r) => ({ organizationId, role: r })),
    }),
  );
  return { id, email };
}

export async function makeOrganization(database: Database, network: TestNetwork, name = `Org ${unique()}`) {
  return withTenant(database.db, network.networkId, (tx) => createOrganization(tx, systemActor(network.networkId), { kind: 'partner_institution', name }));
}

/** Signs in through the API and answers the Cookie header value. */
export async function login(app: FastifyInstance, email: string, password = PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: ORIGIN }, payload: { email, password } });
  return sessionCookie(res);
}

/**
 * The cast of a placement test: a network (with its catalogue unless `catalog: false`), a signed-in
 * coordinator, and a partner institution with a signed-in partner.
 */
export async function makePlacementCast(
  t: { app: FastifyInstance; database: Database },
  networkName: string,
  schoolName = 'IGS Linden',
  { catalog = true } = {},
) {
  const network = await makeNetwork(t.database, networkName);
  if (catalog) await makeCatalog(t.database, network);
  const coordinator = await login(t.app, (await makeUser(t.database, network, 'coordinator')).email);
  const school = await makeOrganization(t.database, network, schoolName);
  const partnerEmail = (await makeUser(t.database, network, 'partner', school.id)).email;
  const partner = await login(t.app, partnerEmail);
  return { network, coordinator, school, partner, partnerEmail };
}

/** Headers a browser on Lotse's own page would send with a signed-in request. */
export const asBrowser = (cookie: string, locale = 'de') => ({ cookie, origin: ORIGIN, 'accept-language': locale });

/** Catalogue entries every volunteer test refers to. */
export async function makeCatalog(database: Database, network: TestNetwork) {
  const { ensureCatalogEntries } = await import('../src/server/modules/catalog/catalog.service.js');
  await withTenant(database.db, network.networkId, async (tx) => {
    await ensureCatalogEntries(tx, network.networkId, 'specializations', [
      { key: 'sportlotse', name: 'Sportlotse' },
      { key: 'elternlotse', name: 'Elternlotse' },
    ]);
    await ensureCatalogEntries(tx, network.networkId, 'topics', [
      { key: 'behoerden', name: 'Behörden' },
      { key: 'schule', name: 'Schule und Eltern' },
      { key: 'rechtsberatung', name: 'Rechtsberatung' },
    ]);
    await ensureCatalogEntries(tx, network.networkId, 'districts', [
      { key: 'linden-limmer', name: 'Linden-Limmer', lat: 52.37, lon: 9.71 },
      { key: 'linden-nord', name: 'Linden-Nord', lat: 52.377, lon: 9.713, parentKey: 'linden-limmer' },
      { key: 'mitte', name: 'Mitte', lat: 52.3745, lon: 9.7386 },
    ]);
  });
}

/** A multipart/form-data body by hand: one `file` part and plain fields (volunteer import). */
export function multipartBody(file: { name: string; content: Buffer | string; type?: string } | null, fields: Record<string, string> = {}) {
  const boundary = `----lotse${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** An XLSX file with a header row and rows; `Date` values become Excel date cells. */
export async function xlsxFile(rows: (string | number | Date | null)[][], sheetName = 'Lotsen'): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  for (const row of rows) {
    const added = sheet.addRow(row);
    row.forEach((v, i) => {
      if (v instanceof Date) added.getCell(i + 1).numFmt = 'dd.mm.yyyy';
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** An active, deployable volunteer created through the API by a coordinator (`cookie`); answers its id. */
export async function makeVolunteer(app: FastifyInstance, cookie: string, fields: Record<string, unknown> = {}): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/volunteers',
    headers: asBrowser(cookie),
    payload: {
      firstName: 'Test',
      lastName: `Lotse ${unique()}`,
      email: `lotse-${unique()}@example.org`,
      status: 'active',
      qualifications: [{ type: 'basic', completedOn: '2025-06-30', provider: 'vhs Hannover' }],
      languages: [{ code: 'de', level: 'C1' }],
      maxActiveAgreements: 2,
      maxHoursPerMonth: 10,
      ...fields,
    },
  });
  if (res.statusCode !== 201) throw new Error(`volunteer not created (${res.statusCode}): ${res.body}`);
  return res.json().id as string;
}

/** A portal account (role volunteer) linked to the volunteer record; answers its session cookie. */
export async function makePortalLogin(app: FastifyInstance, database: Database, network: TestNetwork, volunteerId: string): Promise<string> {
  const { linkVolunteerAccount } = await import('../src/server/modules/volunteers/volunteers.service.js');
  const account = await makeUser(database, network, 'volunteer');
  await withTenant(database.db, network.networkId, (tx) => linkVolunteerAccount(tx, network.networkId, volunteerId, account.id));
  return login(app, account.email);
}

/** A guide request submitted by `requester` (a partner's or coordinator's session) and released to matching by `coordinator`. */
export async function makeReadyRequest(app: FastifyInstance, requester: string, coordinator: string, payload: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const created = await app.inject({ method: 'POST', url: '/api/v1/guide-requests', headers: asBrowser(requester), payload });
  if (created.statusCode !== 201) throw new Error(`request not created (${created.statusCode}): ${created.body}`);
  const released = await app.inject({
    method: 'PATCH',
    url: `/api/v1/guide-requests/${created.json().id}`,
    headers: asBrowser(coordinator),
    payload: { status: 'ready', version: created.json().version },
  });
  if (released.statusCode !== 200) throw new Error(`request not released (${released.statusCode}): ${released.body}`);
  return released.json() as { id: string; version: number };
}
