import type { LightMyRequestResponse } from 'fastify';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Completion, Course, CourseRun, CourseSession, Enrollment } from '../../../common/api/courses.js';
import { createTestApp, type TestApp } from '../../../../tests/harness.js';
import { asBrowser, login, makeCatalog, makeNetwork, makeUser, type TestNetwork } from '../../../../tests/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { linkVolunteerAccount } from '../volunteers/volunteers.service.js';

let t: TestApp;
let network: TestNetwork;
let other: TestNetwork;
let coordinator: string;
let counsellor: string;
let partner: string;
let admin: string;
let otherAdmin: string;
/** The portal account of volunteer "Bilal", linked to his record. */
let bilalPortal: string;

const PROBLEM = 'https://lotse.dev/problems/';

const problemOf = (res: LightMyRequestResponse) => {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return res.json() as { type: string; status: number; code?: string; errors?: { path: string; message: string }[] };
};

function call(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, cookie = coordinator, payload?: object) {
  return t.app.inject({ method, url, headers: asBrowser(cookie), ...(payload ? { payload } : {}) });
}
async function ok<T>(res: Promise<LightMyRequestResponse> | LightMyRequestResponse, status = 200): Promise<T> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}

async function makeVolunteer(firstName: string, lastName: string, extra: object = {}, cookie = coordinator): Promise<string> {
  const v = await ok<{ id: string }>(call('POST', '/api/v1/volunteers', cookie, { firstName, lastName, status: 'in_training', ...extra }), 201);
  return v.id;
}

beforeAll(async () => {
  t = await createTestApp();
  network = await makeNetwork(t.database, 'Integrationsnetz Hannover');
  other = await makeNetwork(t.database, 'Netzwerk Braunschweig');
  await makeCatalog(t.database, network);
  await makeCatalog(t.database, other);
  admin = await login(t.app, network.adminEmail);
  otherAdmin = await login(t.app, other.adminEmail);
  coordinator = await login(t.app, (await makeUser(t.database, network, 'coordinator')).email);
  counsellor = await login(t.app, (await makeUser(t.database, network, 'counsellor')).email);
  partner = await login(t.app, (await makeUser(t.database, network, 'partner')).email);
});
afterAll(() => t.close());

let basic: Course;
let special: Course;

describe('the course catalogue', () => {
  it('creates a basic course with 48 teaching hours by default', async () => {
    basic = await ok<Course>(call('POST', '/api/v1/courses', coordinator, { kind: 'basic', title: 'Basisqualifizierung Integrationslots*innen', description: 'Rollen, Recht, Kommunikation' }), 201);
    expect(basic).toMatchObject({ kind: 'basic', teachingHours: 48, specializationKey: null, version: 1 });
    expect(await ok<Course>(call('GET', `/api/v1/courses/${basic.id}`, counsellor))).toEqual(basic);
  });

  it('requires a known specialisation and at most 100 hours for a specialisation module', async () => {
    const missing = problemOf(await call('POST', '/api/v1/courses', coordinator, { kind: 'specialization', title: 'Sportlotse', teachingHours: 20 }));
    expect(missing.status).toBe(422);
    expect(missing.errors?.map((e) => e.path)).toEqual(['body.specializationKey']);
    const unknown = problemOf(await call('POST', '/api/v1/courses', coordinator, { kind: 'specialization', title: 'X', teachingHours: 20, specializationKey: 'zauberlotse' }));
    expect(unknown.errors?.[0]).toMatchObject({ path: 'body.specializationKey' });
    const tooLong = problemOf(await call('POST', '/api/v1/courses', coordinator, { kind: 'specialization', title: 'X', teachingHours: 120, specializationKey: 'sportlotse' }));
    expect(tooLong.errors?.map((e) => e.path)).toEqual(['body.teachingHours']);
    const notSpecial = problemOf(await call('POST', '/api/v1/courses', coordinator, { kind: 'advanced', title: 'Aufbau', teachingHours: 16, specializationKey: 'sportlotse' }));
    expect(notSpecial.errors?.map((e) => e.path)).toEqual(['body.specializationKey']);
    const noHours = problemOf(await call('POST', '/api/v1/courses', coordinator, { kind: 'sustainability', title: 'Nachhaltigkeit' }));
    expect(noHours.errors?.map((e) => e.path)).toEqual(['body.teachingHours']);

    special = await ok<Course>(call('POST', '/api/v1/courses', coordinator, { kind: 'specialization', title: 'Spezialisierung Sportlotse', teachingHours: 8, specializationKey: 'sportlotse' }), 201);
    expect(special).toMatchObject({ kind: 'specialization', teachingHours: 8, specializationKey: 'sportlotse' });
  });

  it('changes a course with its version and refuses a stale version with 409, changing nothing', async () => {
    const changed = await ok<Course>(call('PATCH', `/api/v1/courses/${basic.id}`, coordinator, { description: 'Rollen, Recht, Kommunikation, Grenzen', version: 1 }));
    expect(changed).toMatchObject({ version: 2, description: 'Rollen, Recht, Kommunikation, Grenzen', teachingHours: 48 });
    const stale = await call('PATCH', `/api/v1/courses/${basic.id}`, coordinator, { title: 'Überschrieben', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(problemOf(stale)).toMatchObject({ type: `${PROBLEM}conflict`, code: 'COURSE_VERSION_CONFLICT' });
    expect((await ok<Course>(call('GET', `/api/v1/courses/${basic.id}`))).title).toBe('Basisqualifizierung Integrationslots*innen');
    basic = changed;
  });

  it('lists the catalogue by title, filtered by kind', async () => {
    const all = await ok<{ items: Course[] }>(call('GET', '/api/v1/courses', counsellor));
    expect(all.items.map((c) => c.title)).toEqual(['Basisqualifizierung Integrationslots*innen', 'Spezialisierung Sportlotse']);
    const specials = await ok<{ items: Course[] }>(call('GET', '/api/v1/courses?kind=specialization'));
    expect(specials.items.map((c) => c.id)).toEqual([special.id]);
  });

  it('lets counsellors read but not change, and keeps partners out', async () => {
    expect((await call('POST', '/api/v1/courses', counsellor, { kind: 'basic', title: 'X' })).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/courses', partner)).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/courses/${basic.id}`, partner)).statusCode).toBe(403);
  });
});

let run: CourseRun;
const sessions: CourseSession[] = [];
const vol: Record<string, string> = {};
const enr: Record<string, Enrollment> = {};

describe('course runs and sessions', () => {
  it('plans a run with capacity and provider, titled after its course unless named', async () => {
    const bad = problemOf(await call('POST', `/api/v1/courses/${basic.id}/runs`, coordinator, { capacity: 2, providerId: '00000000-0000-7000-8000-000000000000' }));
    expect(bad.errors?.map((e) => e.path)).toEqual(['body.providerId']);
    run = await ok<CourseRun>(call('POST', `/api/v1/courses/${basic.id}/runs`, coordinator, { capacity: 2, status: 'open', providerId: network.officeId }), 201);
    expect(run).toMatchObject({ title: basic.title, courseId: basic.id, courseKind: 'basic', capacity: 2, status: 'open', enrolledCount: 0, waitlistedCount: 0, teachingHours: 0, firstDate: null });
    const listed = await ok<{ items: CourseRun[] }>(call('GET', `/api/v1/courses/${basic.id}/runs`, counsellor));
    expect(listed.items.map((r) => r.id)).toEqual([run.id]);
    expect((await call('POST', `/api/v1/courses/${basic.id}/runs`, coordinator, { capacity: 2, status: 'completed' })).statusCode).toBe(422);
  });

  it('changes a run with its version, 409 when stale', async () => {
    run = await ok<CourseRun>(call('PATCH', `/api/v1/course-runs/${run.id}`, coordinator, { title: 'Basisqualifizierung Frühjahr 2026', version: run.version }));
    expect(run.version).toBe(2);
    expect((await call('PATCH', `/api/v1/course-runs/${run.id}`, coordinator, { capacity: 9, version: 1 })).statusCode).toBe(409);
  });

  it('adds sessions in Berlin time and stores them as UTC instants', async () => {
    const plan = [
      { date: '2026-03-02', topic: 'Rolle und Selbstverständnis', room: 'Rathaus, Raum 101' },
      { date: '2026-03-09', topic: 'Aufenthaltsrecht im Überblick', room: 'Rathaus, Raum 101' },
      { date: '2026-03-16', topic: 'Interkulturelle Kommunikation', room: 'vhs, Raum 2' },
      { date: '2026-03-30', topic: 'Grenzen des Ehrenamts', room: 'vhs, Raum 2' },
      { date: '2026-04-13', topic: null, room: null },
    ];
    for (const p of plan) {
      sessions.push(
        await ok<CourseSession>(
          call('POST', `/api/v1/course-runs/${run.id}/sessions`, coordinator, { ...p, startTime: '17:00', endTime: '20:15', instructors: ['Dr. Meyer', 'S. Yilmaz'], teachingHours: 4 }),
          201,
        ),
      );
    }
    expect(sessions[0]).toMatchObject({ date: '2026-03-02', startTime: '17:00', endTime: '20:15', startsAt: '2026-03-02T16:00:00.000Z', endsAt: '2026-03-02T19:15:00.000Z' });
    // After the change to summer time on 29 March, 17:00 in Berlin is 15:00 UTC.
    expect(sessions[3]).toMatchObject({ startsAt: '2026-03-30T15:00:00.000Z', instructors: ['Dr. Meyer', 'S. Yilmaz'] });
    const reversed = problemOf(await call('POST', `/api/v1/course-runs/${run.id}/sessions`, coordinator, { date: '2026-04-20', startTime: '18:00', endTime: '17:00', teachingHours: 1 }));
    expect(reversed.errors?.map((e) => e.path)).toEqual(['body.endTime']);
    expect((await call('POST', `/api/v1/course-runs/${run.id}/sessions`, coordinator, { date: '2026-04-20', startTime: '17:00', endTime: '18:00', teachingHours: 1, instructors: ['a', 'b', 'c'] })).statusCode).toBe(422);
  });

  it('changes and deletes a session; the run sums hours and dates', async () => {
    const extra = await ok<CourseSession>(call('POST', `/api/v1/course-runs/${run.id}/sessions`, coordinator, { date: '2026-04-20', startTime: '17:00', endTime: '18:00', teachingHours: 1 }), 201);
    const moved = await ok<CourseSession>(call('PATCH', `/api/v1/course-sessions/${extra.id}`, coordinator, { startTime: '16:00', room: 'Rathaus', version: 1 }));
    expect(moved).toMatchObject({ startTime: '16:00', endTime: '18:00', room: 'Rathaus', version: 2 });
    expect((await call('PATCH', `/api/v1/course-sessions/${extra.id}`, coordinator, { room: 'X', version: 1 })).statusCode).toBe(409);
    expect((await call('DELETE', `/api/v1/course-sessions/${extra.id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/v1/course-sessions/${extra.id}`)).statusCode).toBe(404);
    const listed = await ok<CourseSession[]>(call('GET', `/api/v1/course-runs/${run.id}/sessions`, counsellor));
    expect(listed.map((s) => s.id)).toEqual(sessions.map((s) => s.id));
    expect(await ok<CourseRun>(call('GET', `/api/v1/course-runs/${run.id}`))).toMatchObject({ teachingHours: 20, firstDate: '2026-03-02', lastDate: '2026-04-13' });
  });
});

describe('enrolment and the waiting list', () => {
  beforeAll(async () => {
    vol.amira = await makeVolunteer('Amira', 'Haddad', { status: 'active', interests: ['schule', 'behoerden'] });
    vol.bilal = await makeVolunteer('Bilal', 'Şahin', { contactLanguage: 'en', interests: ['schule'] });
    vol.chiara = await makeVolunteer('Chiara', 'Rossi', { status: 'onboarding', interests: ['schule'] });
    vol.dana = await makeVolunteer('Dana', 'Kowalska', { status: 'interested', interests: ['schule', 'behoerden'] });
    const account = await makeUser(t.database, network, 'volunteer');
    await withTenant(t.database.db, network.networkId, (tx) => linkVolunteerAccount(tx, network.networkId, vol.bilal!, account.id));
    bilalPortal = await login(t.app, account.email);
  });

  it('gives places within capacity and puts the third on the waiting list', async () => {
    for (const name of ['amira', 'bilal', 'chiara']) {
      enr[name] = await ok<Enrollment>(call('POST', `/api/v1/course-runs/${run.id}/enrollments`, coordinator, { volunteerId: vol[name] }), 201);
    }
    expect(enr.amira).toMatchObject({ status: 'enrolled', waitlistPosition: null, volunteerName: 'Amira Haddad' });
    expect(enr.bilal).toMatchObject({ status: 'enrolled' });
    expect(enr.chiara).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    enr.dana = await ok<Enrollment>(call('POST', `/api/v1/course-runs/${run.id}/enrollments`, coordinator, { volunteerId: vol.dana }), 201);
    expect(enr.dana).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    expect(await ok<CourseRun>(call('GET', `/api/v1/course-runs/${run.id}`))).toMatchObject({ enrolledCount: 2, waitlistedCount: 2 });
  });

  it('enrols a volunteer in a run only once', async () => {
    const again = await call('POST', `/api/v1/course-runs/${run.id}/enrollments`, coordinator, { volunteerId: vol.amira });
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).code).toBe('ALREADY_ENROLLED');
  });

  it('moves the first in line up when an enrolled volunteer cancels', async () => {
    const cancelled = await ok<Enrollment>(call('POST', `/api/v1/enrollments/${enr.amira!.id}/cancel`));
    expect(cancelled.status).toBe('cancelled');
    const list = await ok<{ items: Enrollment[] }>(call('GET', `/api/v1/course-runs/${run.id}/enrollments`, counsellor));
    const byName = Object.fromEntries(list.items.map((e) => [e.volunteerName.split(' ')[0], e]));
    expect(byName.Chiara).toMatchObject({ status: 'enrolled', waitlistPosition: null });
    expect(byName.Dana).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await call('POST', `/api/v1/enrollments/${enr.amira!.id}/cancel`)).statusCode).toBe(409);
  });

  it('puts someone who enrols again after cancelling at the end of the line', async () => {
    const back = await ok<Enrollment>(call('POST', `/api/v1/course-runs/${run.id}/enrollments`, coordinator, { volunteerId: vol.amira }), 201);
    expect(back).toMatchObject({ id: enr.amira!.id, status: 'waitlisted', waitlistPosition: 2 });
    const waiting = await ok<{ items: Enrollment[] }>(call('GET', `/api/v1/course-runs/${run.id}/enrollments?status=waitlisted`));
    expect(waiting.items.map((e) => [e.volunteerName, e.waitlistPosition])).toEqual([
      ['Amira Haddad', 2],
      ['Dana Kowalska', 1],
    ]);
  });

  it('never gives more places than the capacity to concurrent enrolments', async () => {
    const crowd = await Promise.all(Array.from({ length: 8 }, (_, i) => makeVolunteer(`Person${i}`, 'Andrang')));
    const busy = await ok<CourseRun>(call('POST', `/api/v1/courses/${basic.id}/runs`, coordinator, { capacity: 3, status: 'open', title: 'Andrang' }), 201);
    const answers = await Promise.all(crowd.map((volunteerId) => call('POST', `/api/v1/course-runs/${busy.id}/enrollments`, coordinator, { volunteerId })));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(201));
    const results = answers.map((a) => a.json() as Enrollment);
    expect(results.filter((e) => e.status === 'enrolled')).toHaveLength(3);
    const list = await ok<{ items: Enrollment[]; nextCursor: string }>(call('GET', `/api/v1/course-runs/${busy.id}/enrollments?limit=3`));
    expect(list.items).toHaveLength(3);
    const rest = await ok<{ items: Enrollment[] }>(call('GET', `/api/v1/course-runs/${busy.id}/enrollments?cursor=${list.nextCursor}`));
    const all = [...list.items, ...rest.items];
    expect(all.filter((e) => e.status === 'enrolled')).toHaveLength(3);
    expect(all.filter((e) => e.status === 'waitlisted').map((e) => e.waitlistPosition).sort()).toEqual([1, 2, 3, 4, 5]);
    // And a duplicate sent twice at once is enrolled once.
    const twice = await Promise.all([0, 1].map(() => call('POST', `/api/v1/course-runs/${busy.id}/enrollments`, coordinator, { volunteerId: vol.amira })));
    expect(twice.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('refuses unknown volunteers and needs courses:manage', async () => {
    const unknown = problemOf(await call('POST', `/api/v1/course-runs/${run.id}/enrollments`, coordinator, { volunteerId: '00000000-0000-7000-8000-000000000000' }));
    expect(unknown).toMatchObject({ status: 422, errors: [{ path: 'body.volunteerId' }] });
    expect((await call('POST', `/api/v1/course-runs/${run.id}/enrollments`, counsellor, { volunteerId: vol.amira })).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/course-runs/${run.id}/enrollments`, partner)).statusCode).toBe(403);
  });
});

describe('attendance and completion', () => {
  it('records attendance per session for participants only', async () => {
    // Bilal attends 4 of 5 sessions (16 of 20 hours = exactly 80 %), Chiara 3 (60 %).
    for (const [i, s] of sessions.entries()) {
      const a = await ok<{ entries: { enrollmentId: string; present: boolean | null }[] }>(
        call('PUT', `/api/v1/course-sessions/${s.id}/attendance`, coordinator, {
          entries: [
            { enrollmentId: enr.bilal!.id, present: i !== 4 },
            { enrollmentId: enr.chiara!.id, present: i < 3 },
          ],
        }),
      );
      expect(a.entries).toHaveLength(2);
    }
    const first = await ok<{ entries: { volunteerName: string; present: boolean | null }[] }>(call('GET', `/api/v1/course-sessions/${sessions[4]!.id}/attendance`, counsellor));
    expect(first.entries.map((e) => [e.volunteerName, e.present])).toEqual([
      ['Bilal Şahin', false],
      ['Chiara Rossi', false],
    ]);
    const waiting = problemOf(await call('PUT', `/api/v1/course-sessions/${sessions[0]!.id}/attendance`, coordinator, { entries: [{ enrollmentId: enr.dana!.id, present: true }] }));
    expect(waiting).toMatchObject({ status: 422, errors: [{ path: 'body.entries.0.enrollmentId' }] });
    expect((await call('PUT', `/api/v1/course-sessions/${sessions[0]!.id}/attendance`, counsellor, { entries: [] })).statusCode).toBe(403);
  });

  let completion: Completion;
  it('completes at exactly 80 % and not below, and records the qualification', async () => {
    completion = await ok<Completion>(call('POST', `/api/v1/course-runs/${run.id}/complete`));
    expect(completion.requiredPercent).toBe(80);
    expect(completion.run.status).toBe('completed');
    const result = Object.fromEntries(completion.results.map((r) => [r.volunteerName, r]));
    expect(result['Bilal Şahin']).toMatchObject({ status: 'completed', attendedHours: 16, totalHours: 20 });
    expect(result['Chiara Rossi']).toMatchObject({ status: 'not_completed', attendedHours: 12, totalHours: 20 });
    expect(completion.results).toHaveLength(2);

    const bilal = await ok<{ qualifications: { type: string; completedOn: string; provider: string | null }[]; deployable: boolean }>(call('GET', `/api/v1/volunteers/${vol.bilal}`));
    expect(bilal.qualifications).toEqual([expect.objectContaining({ type: 'basic', completedOn: '2026-04-13' })]);
    expect(bilal.deployable).toBe(true);
    const chiara = await ok<{ qualifications: unknown[]; deployable: boolean }>(call('GET', `/api/v1/volunteers/${vol.chiara}`));
    expect(chiara).toMatchObject({ qualifications: [], deployable: false });
    const list = await ok<{ items: Enrollment[] }>(call('GET', `/api/v1/course-runs/${run.id}/enrollments`));
    expect(Object.fromEntries(list.items.map((e) => [e.volunteerName, [e.status, e.certificate]]))).toEqual({
      'Amira Haddad': ['waitlisted', false],
      'Bilal Şahin': ['completed', true],
      'Chiara Rossi': ['not_completed', false],
      'Dana Kowalska': ['waitlisted', false],
    });
  });

  it('is idempotent: completing again changes nothing and records the qualification once', async () => {
    const again = await ok<Completion>(call('POST', `/api/v1/course-runs/${run.id}/complete`));
    expect(again.results).toEqual(completion.results);
    const bilal = await ok<{ qualifications: unknown[] }>(call('GET', `/api/v1/volunteers/${vol.bilal}`));
    expect(bilal.qualifications).toHaveLength(1);
  });

  it('keeps a completed run as its certificates state it', async () => {
    expect(problemOf(await call('POST', `/api/v1/course-runs/${run.id}/enrollments`, coordinator, { volunteerId: vol.dana })).code).toBe('COURSE_RUN_CLOSED');
    expect((await call('POST', `/api/v1/enrollments/${enr.bilal!.id}/cancel`)).statusCode).toBe(409);
    expect(problemOf(await call('DELETE', `/api/v1/course-sessions/${sessions[0]!.id}`)).code).toBe('COURSE_RUN_COMPLETED');
    expect((await call('PATCH', `/api/v1/course-runs/${run.id}`, coordinator, { status: 'open', version: completion.run.version })).statusCode).toBe(409);
  });

  it('refuses to complete a run without sessions', async () => {
    const empty = await ok<CourseRun>(call('POST', `/api/v1/courses/${basic.id}/runs`, coordinator, { capacity: 5 }), 201);
    expect(problemOf(await call('POST', `/api/v1/course-runs/${empty.id}/complete`)).code).toBe('COURSE_RUN_WITHOUT_SESSIONS');
  });

  it('grants the specialisation of a module, by the network’s own percentage', async () => {
    const settings = await ok<{ version: number }>(call('GET', '/api/v1/network', admin));
    await ok(call('PATCH', '/api/v1/network', admin, { settings: { courseCompletionPercent: 50 }, version: settings.version }));
    const sportRun = await ok<CourseRun>(call('POST', `/api/v1/courses/${special.id}/runs`, coordinator, { capacity: 10, status: 'running' }), 201);
    const days = await Promise.all(
      ['2026-05-04', '2026-05-11'].map(async (date) => ok<CourseSession>(call('POST', `/api/v1/course-runs/${sportRun.id}/sessions`, coordinator, { date, startTime: '10:00', endTime: '13:15', teachingHours: 4, topic: 'Sport und Teilhabe' }), 201)),
    );
    enr.amiraSport = await ok<Enrollment>(call('POST', `/api/v1/course-runs/${sportRun.id}/enrollments`, coordinator, { volunteerId: vol.amira }), 201);
    await ok(call('PUT', `/api/v1/course-sessions/${days[0]!.id}/attendance`, coordinator, { entries: [{ enrollmentId: enr.amiraSport.id, present: true }] }));
    const done = await ok<Completion>(call('POST', `/api/v1/course-runs/${sportRun.id}/complete`));
    expect(done).toMatchObject({ requiredPercent: 50, results: [{ status: 'completed', attendedHours: 4, totalHours: 8 }] });
    const amira = await ok<{ specializations: string[]; qualifications: { type: string; specializationKey: string | null }[] }>(call('GET', `/api/v1/volunteers/${vol.amira}`));
    expect(amira.specializations).toContain('sportlotse');
    expect(amira.qualifications).toContainEqual(expect.objectContaining({ type: 'specialization', specializationKey: 'sportlotse' }));
  });
});

/** The PDF's text as pdftotext reads it, or null where poppler is not installed. */
function pdfText(pdf: Buffer): string | null {
  const file = path.join(os.tmpdir(), `lotse-certificate-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } catch {
    return null;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe('certificates', () => {
  let verifyUrl: string;

  it('renders a one-page A4 PDF with name, course, hours, modules and a verification link', async () => {
    const res = await call('GET', `/api/v1/enrollments/${enr.bilal!.id}/certificate.pdf`, counsellor);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    // The QR code's target is also the page's link annotation, in plain text.
    const uri = /\/URI \((http[^)]+)\)/.exec(raw);
    expect(uri).not.toBeNull();
    verifyUrl = uri![1]!;
    expect(verifyUrl).toMatch(new RegExp(`^http://localhost:3000/verify/certificate/${network.networkId}\\.[A-Za-z0-9_-]{22}$`));

    const text = pdfText(pdf);
    if (text !== null) {
      // Bilal's contact language is English.
      for (const expected of ['Certificate', 'Bilal Şahin', 'Integrationsnetz Hannover', 'Basisqualifizierung Integrationslots*innen', 'attended 16 of 20 teaching hours', 'Aufenthaltsrecht im Überblick', 'Module 5', verifyUrl]) {
        expect(text).toContain(expected);
      }
    } else {
      expect(raw).toContain('/Title');
    }
  });

  it('prints the course’s title in the certificate’s language where the network gave one', async () => {
    const current = await ok<Course>(call('GET', `/api/v1/courses/${basic.id}`, coordinator));
    await ok<Course>(call('PATCH', `/api/v1/courses/${basic.id}`, coordinator, { titles: { en: 'Basic training for integration guides' }, version: current.version }));
    const res = await call('GET', `/api/v1/enrollments/${enr.bilal!.id}/certificate.pdf`, counsellor);
    expect(res.statusCode).toBe(200);
    // The document's subject (an uncompressed string of the info dictionary) is the course as printed.
    const raw = res.rawPayload.toString('latin1');
    expect(raw).toContain('(Basic training for integration guides)');
    expect(raw).not.toContain('(Basisqualifizierung Integrationslots*innen)');
    const text = pdfText(res.rawPayload);
    if (text !== null) expect(text).toContain('Basic training for integration guides');
    const restored = await ok<Course>(call('GET', `/api/v1/courses/${basic.id}`, coordinator));
    await ok<Course>(call('PATCH', `/api/v1/courses/${basic.id}`, coordinator, { titles: {}, version: restored.version }));
  });

  it('prints in German for every other contact language', async () => {
    const res = await call('GET', `/api/v1/enrollments/${enr.amiraSport!.id}/certificate.pdf`);
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload);
    if (text !== null) for (const expected of ['Zertifikat', 'Amira Haddad', 'Spezialisierungsmodul', '4 von 8 Unterrichtseinheiten']) expect(text).toContain(expected);
  });

  it('verifies the QR code’s URL publicly, without signing in', async () => {
    const code = decodeURIComponent(verifyUrl.split('/verify/certificate/')[1]!);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/certificates/${encodeURIComponent(code)}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      valid: true,
      volunteerName: 'Bilal Şahin',
      courseTitle: 'Basisqualifizierung Integrationslots*innen',
      completedOn: '2026-04-13',
      networkName: 'Integrationsnetz Hannover',
      teachingHours: 16,
    });
  });

  it('answers 404 for unknown, malformed and other networks’ codes', async () => {
    const code = decodeURIComponent(verifyUrl.split('/verify/certificate/')[1]!);
    const secret = code.split('.')[1]!;
    for (const wrong of [`${network.networkId}.AAAAAAAAAAAAAAAAAAAAAA`, `${other.networkId}.${secret}`, 'nonsense', `${code}x`]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/certificates/${encodeURIComponent(wrong)}` });
      expect(res.statusCode, wrong).toBe(404);
      expect(problemOf(res).type).toBe(`${PROBLEM}not-found`);
    }
  });

  it('has no certificate for a participant who did not complete', async () => {
    expect(problemOf(await call('GET', `/api/v1/enrollments/${enr.chiara!.id}/certificate.pdf`)).code).toBe('CERTIFICATE_NOT_FOUND');
  });

  it('lets a volunteer download their own certificate only', async () => {
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/enrollments/${enr.bilal!.id}/certificate.pdf`, headers: { cookie: bilalPortal } });
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const others = await t.app.inject({ method: 'GET', url: `/api/v1/enrollments/${enr.amiraSport!.id}/certificate.pdf`, headers: { cookie: bilalPortal } });
    expect(others.statusCode).toBe(404);
    const mine = await ok<{ id: string; courseTitle: string; certificate: boolean; status: string }[]>(t.app.inject({ method: 'GET', url: '/api/v1/me/enrollments', headers: { cookie: bilalPortal } }));
    expect(mine.map((e) => [e.courseTitle, e.status, e.certificate])).toEqual([['Basisqualifizierung Integrationslots*innen', 'completed', true]]);
    // The portal account reaches nothing else of the courses module.
    expect((await call('GET', `/api/v1/course-runs/${run.id}/enrollments`, bilalPortal)).statusCode).toBe(403);
  });

  it('refuses partners with 403', async () => {
    expect((await call('GET', `/api/v1/enrollments/${enr.bilal!.id}/certificate.pdf`, partner)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/me/enrollments', partner)).statusCode).toBe(404);
  });
});

describe('qualification interests', () => {
  it('counts onboarding, in-training and active volunteers per topic they want training in', async () => {
    const demand = await ok<{ topicKey: string; topicName: string; volunteers: number }[]>(call('GET', '/api/v1/courses/demand', counsellor));
    // Dana is only interested (not yet onboarding) and does not count.
    expect(demand).toEqual([
      { topicKey: 'schule', topicName: 'Schule und Eltern', topicLabel: 'Schule und Eltern', volunteers: 3 },
      { topicKey: 'behoerden', topicName: 'Behörden', topicLabel: 'Behörden', volunteers: 1 },
    ]);
    expect((await call('GET', '/api/v1/courses/demand', partner)).statusCode).toBe(403);
  });
});

describe('another network', () => {
  it('cannot read, change, enrol into, complete or download anything of this network (404)', async () => {
    const theirs = await makeVolunteer('Fremd', 'Person', {}, otherAdmin);
    for (const [method, url, payload] of [
      ['GET', `/api/v1/courses/${basic.id}`],
      ['PATCH', `/api/v1/courses/${basic.id}`, { title: 'X', version: basic.version }],
      ['GET', `/api/v1/courses/${basic.id}/runs`],
      ['POST', `/api/v1/courses/${basic.id}/runs`, { capacity: 1 }],
      ['GET', `/api/v1/course-runs/${run.id}`],
      ['GET', `/api/v1/course-runs/${run.id}/sessions`],
      ['GET', `/api/v1/course-runs/${run.id}/enrollments`],
      ['POST', `/api/v1/course-runs/${run.id}/enrollments`, { volunteerId: theirs }],
      ['POST', `/api/v1/course-runs/${run.id}/complete`],
      ['GET', `/api/v1/course-sessions/${sessions[0]!.id}/attendance`],
      ['PUT', `/api/v1/course-sessions/${sessions[0]!.id}/attendance`, { entries: [] }],
      ['PATCH', `/api/v1/course-sessions/${sessions[0]!.id}`, { room: 'X', version: 1 }],
      ['POST', `/api/v1/enrollments/${enr.dana!.id}/cancel`],
      ['GET', `/api/v1/enrollments/${enr.bilal!.id}/certificate.pdf`],
    ] as const) {
      const res = await call(method, url, otherAdmin, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await ok<{ items: unknown[] }>(call('GET', '/api/v1/courses', otherAdmin))).items).toEqual([]);
    expect(await ok(call('GET', '/api/v1/courses/demand', otherAdmin))).toEqual([]);
  });

  it('cannot have its volunteers enrolled here', async () => {
    const theirs = await makeVolunteer('Noch', 'Jemand', {}, otherAdmin);
    const open = await ok<CourseRun>(call('POST', `/api/v1/courses/${basic.id}/runs`, coordinator, { capacity: 5, status: 'open' }), 201);
    const res = problemOf(await call('POST', `/api/v1/course-runs/${open.id}/enrollments`, coordinator, { volunteerId: theirs }));
    expect(res).toMatchObject({ status: 422, errors: [{ path: 'body.volunteerId' }] });
  });

  it('writes an audit trail with field names only', async () => {
    const events = await ok<{ items: { action: string; entity: string; fields: string[] }[] }>(call('GET', '/api/v1/audit-events?limit=200', admin));
    const entities = new Set(events.items.map((e) => `${e.action}:${e.entity}`));
    for (const expected of ['create:course', 'update:course', 'create:course_run', 'create:course_session', 'delete:course_session', 'create:enrollment', 'update:enrollment', 'update:attendance', 'update:course_run', 'export:certificate']) {
      expect(entities, expected).toContain(expected);
    }
    const courseCreate = events.items.find((e) => e.entity === 'course' && e.action === 'create');
    expect(courseCreate?.fields).toEqual(expect.arrayContaining(['kind', 'title']));
  });
});
