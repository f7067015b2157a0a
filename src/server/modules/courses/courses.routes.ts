import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Attendance,
  CertificateCodeParams,
  CertificateVerification,
  Completion,
  Course,
  CourseListQuery,
  CourseRun,
  CourseRunListQuery,
  CourseSession,
  CreateCourseBody,
  CreateCourseRunBody,
  CreateCourseSessionBody,
  CreateEnrollmentBody,
  Enrollment,
  EnrollmentListQuery,
  OwnEnrollment,
  PutAttendanceBody,
  TopicDemand,
  UpdateCourseBody,
  UpdateCourseRunBody,
  UpdateCourseSessionBody,
} from '../../../common/api/courses.js';
import { IdParams, page } from '../../../common/api/shared.js';
import type { Config } from '../../config.js';
import { inTenant, principalOf, userIdOf } from '../../http/context.js';
import { DomainError, forbidden } from '../../http/problems.js';
import { NoContent, problems } from '../../http/responses.js';
import { t } from '../../i18n.js';
import { getOwnVolunteer } from '../volunteers/volunteers.service.js';
import { berlinToday } from '../volunteers/profile.js';
import { certificateLocale, renderCertificate } from './certificate.pdf.js';
import { certificateData, completeRun, verifyCertificate } from './course-completion.service.js';
import { createRun, getRun, listRuns, updateRun } from './course-runs.service.js';
import { createSession, deleteSession, getAttendance, listSessions, putAttendance, updateSession } from './course-sessions.service.js';
import { courseDemand, createCourse, getCourse, listCourses, updateCourse } from './courses.service.js';
import { cancelEnrollment, enroll, listEnrollments, listOwnEnrollments } from './enrollments.service.js';

export function coursesRoutes(app: FastifyInstance, config: Config) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['courses'];

  // --- the catalogue ---------------------------------------------------------------------------

  r.get('/api/v1/courses', {
    config: { access: 'courses:read' },
    schema: { tags, summary: 'The network’s course catalogue', querystring: CourseListQuery, response: { 200: page(Course), ...problems(401, 403) } },
    handler: (request) => inTenant(request, (tx, actor) => listCourses(tx, actor.networkId, request.query, request.locale)),
  });

  r.post('/api/v1/courses', {
    config: { access: 'courses:manage', idempotent: true },
    schema: {
      tags,
      summary: 'Add a course: basic (48 teaching hours unless given), specialisation (grants a specialisation, up to 100 hours), advanced, sustainability',
      body: CreateCourseBody,
      response: { 201: Course, ...problems(401, 403) },
    },
    handler: async (request, reply) => reply.code(201).send(await inTenant(request, (tx, actor) => createCourse(tx, actor, request.body, request.locale))),
  });

  r.get('/api/v1/courses/demand', {
    config: { access: 'courses:read' },
    schema: {
      tags,
      summary: 'Qualification interests: onboarding, in-training and active volunteers per topic they want training in, most wanted first',
      response: { 200: z.array(TopicDemand), ...problems(401, 403) },
    },
    handler: (request) => inTenant(request, (tx, actor) => courseDemand(tx, actor.networkId, request.locale)),
  });

  r.get('/api/v1/courses/:id', {
    config: { access: 'courses:read' },
    schema: { tags, summary: 'One course', params: IdParams, response: { 200: Course, ...problems(401, 403, 404) } },
    handler: (request) => inTenant(request, (tx, actor) => getCourse(tx, actor.networkId, request.params.id, request.locale)),
  });

  r.patch('/api/v1/courses/:id', {
    config: { access: 'courses:manage' },
    schema: { tags, summary: 'Change a course (send the version you read)', params: IdParams, body: UpdateCourseBody, response: { 200: Course, ...problems(401, 403, 404, 409) } },
    handler: (request) => inTenant(request, (tx, actor) => updateCourse(tx, actor, request.params.id, request.body, request.locale)),
  });

  // --- runs -----------------------------------------------------------------------------------

  r.get('/api/v1/courses/:id/runs', {
    config: { access: 'courses:read' },
    schema: { tags, summary: 'Runs of a course, newest first', params: IdParams, querystring: CourseRunListQuery, response: { 200: page(CourseRun), ...problems(401, 403, 404) } },
    handler: (request) => inTenant(request, (tx, actor) => listRuns(tx, actor.networkId, request.params.id, request.query)),
  });

  r.post('/api/v1/courses/:id/runs', {
    config: { access: 'courses:manage', idempotent: true },
    schema: { tags, summary: 'Plan a run of a course', params: IdParams, body: CreateCourseRunBody, response: { 201: CourseRun, ...problems(401, 403, 404) } },
    handler: async (request, reply) => reply.code(201).send(await inTenant(request, (tx, actor) => createRun(tx, actor, request.params.id, request.body))),
  });

  r.get('/api/v1/course-runs/:id', {
    config: { access: 'courses:read' },
    schema: { tags, summary: 'One course run with its places, hours and dates', params: IdParams, response: { 200: CourseRun, ...problems(401, 403, 404) } },
    handler: (request) => inTenant(request, (tx, actor) => getRun(tx, actor.networkId, request.params.id)),
  });

  r.patch('/api/v1/course-runs/:id', {
    config: { access: 'courses:manage' },
    schema: {
      tags,
      summary: 'Change a run (send the version you read); more places move the waiting list up',
      params: IdParams,
      body: UpdateCourseRunBody,
      response: { 200: CourseRun, ...problems(401, 403, 404, 409) },
    },
    handler: (request) => inTenant(request, (tx, actor) => updateRun(tx, actor, request.params.id, request.body)),
  });

  r.post('/api/v1/course-runs/:id/complete', {
    config: { access: 'courses:manage' },
    schema: {
      tags,
      summary: 'Complete a run: each participant by the network’s rule (default 80 % of teaching hours attended); qualifications and certificates for those who pass. Idempotent',
      params: IdParams,
      response: { 200: Completion, ...problems(401, 403, 404, 409) },
    },
    handler: (request) => inTenant(request, (tx, actor) => completeRun(tx, actor, request.params.id)),
  });

  // --- sessions -------------------------------------------------------------------------------

  r.get('/api/v1/course-runs/:id/sessions', {
    config: { access: 'courses:read' },
    schema: { tags, summary: 'Sessions (modules) of a run, in order', params: IdParams, response: { 200: z.array(CourseSession), ...problems(401, 403, 404) } },
    handler: (request) => inTenant(request, (tx, actor) => listSessions(tx, actor.networkId, request.params.id)),
  });

  r.post('/api/v1/course-runs/:id/sessions', {
    config: { access: 'courses:manage', idempotent: true },
    schema: {
      tags,
      summary: 'Add a session: local date and times (Europe/Berlin), room, up to two instructors, teaching hours',
      params: IdParams,
      body: CreateCourseSessionBody,
      response: { 201: CourseSession, ...problems(401, 403, 404, 409) },
    },
    handler: async (request, reply) => reply.code(201).send(await inTenant(request, (tx, actor) => createSession(tx, actor, request.params.id, request.body))),
  });

  r.patch('/api/v1/course-sessions/:id', {
    config: { access: 'courses:manage' },
    schema: { tags, summary: 'Change a session (send the version you read)', params: IdParams, body: UpdateCourseSessionBody, response: { 200: CourseSession, ...problems(401, 403, 404, 409) } },
    handler: (request) => inTenant(request, (tx, actor) => updateSession(tx, actor, request.params.id, request.body)),
  });

  r.delete('/api/v1/course-sessions/:id', {
    config: { access: 'courses:manage' },
    schema: { tags, summary: 'Delete a session of a run that is not completed', params: IdParams, response: { 204: NoContent, ...problems(401, 403, 404, 409) } },
    handler: async (request, reply) => {
      await inTenant(request, (tx, actor) => deleteSession(tx, actor, request.params.id));
      return reply.code(204).send(null);
    },
  });

  // --- attendance -----------------------------------------------------------------------------

  r.get('/api/v1/course-sessions/:id/attendance', {
    config: { access: 'courses:read' },
    schema: { tags, summary: 'Attendance of a session: every participant, present or not (null: not recorded)', params: IdParams, response: { 200: Attendance, ...problems(401, 403, 404) } },
    handler: (request) => inTenant(request, (tx, actor) => getAttendance(tx, actor.networkId, request.params.id)),
  });

  r.put('/api/v1/course-sessions/:id/attendance', {
    config: { access: 'courses:manage' },
    schema: { tags, summary: 'Record attendance of participants at a session', params: IdParams, body: PutAttendanceBody, response: { 200: Attendance, ...problems(401, 403, 404) } },
    handler: (request) => inTenant(request, (tx, actor) => putAttendance(tx, actor, request.params.id, request.body)),
  });

  // --- enrolments -----------------------------------------------------------------------------

  r.get('/api/v1/course-runs/:id/enrollments', {
    config: { access: 'courses:read' },
    schema: {
      tags,
      summary: 'Enrolments of a run in order of enrolment, with waiting-list positions',
      params: IdParams,
      querystring: EnrollmentListQuery,
      response: { 200: page(Enrollment), ...problems(401, 403, 404) },
    },
    handler: (request) => inTenant(request, (tx, actor) => listEnrollments(tx, actor.networkId, request.params.id, request.query)),
  });

  r.post('/api/v1/course-runs/:id/enrollments', {
    config: { access: 'courses:manage', idempotent: true },
    schema: {
      tags,
      summary: 'Enrol a volunteer: a place while one is free, else the waiting list',
      params: IdParams,
      body: CreateEnrollmentBody,
      response: { 201: Enrollment, ...problems(401, 403, 404, 409) },
    },
    handler: async (request, reply) => reply.code(201).send(await inTenant(request, (tx, actor) => enroll(tx, actor, request.params.id, request.body.volunteerId))),
  });

  r.post('/api/v1/enrollments/:id/cancel', {
    config: { access: 'courses:manage' },
    schema: { tags, summary: 'Cancel a place or a place in line; a freed place goes to the first in line', params: IdParams, response: { 200: Enrollment, ...problems(401, 403, 404, 409) } },
    handler: (request) => inTenant(request, (tx, actor) => cancelEnrollment(tx, actor, request.params.id)),
  });

  r.get('/api/v1/enrollments/:id/certificate.pdf', {
    // Staff with courses:read, or the volunteer the certificate belongs to (checked below).
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'The certificate of a completed enrolment as a one-page A4 PDF (courses:read, or the volunteer themself)',
      params: IdParams,
      produces: ['application/pdf'],
      response: { 200: z.any().describe('The PDF'), ...problems(401, 403, 404) },
    },
    handler: async (request, reply) => {
      const principal = principalOf(request);
      const staff = principal.permissions.has('courses:read') && !principal.totpSetupRequired;
      const data = await inTenant(request, async (tx, actor) => {
        let own = null;
        if (!staff) {
          if (!principal.user) throw forbidden();
          own = await getOwnVolunteer(tx, actor.networkId, userIdOf(request)).catch((error: unknown) => {
            // Someone without courses:read and without a volunteer record has no certificates.
            throw error instanceof DomainError && error.code === 'NO_VOLUNTEER_PROFILE' ? forbidden() : error;
          });
        }
        return certificateData(tx, actor, request.params.id, own);
      });
      const locale = certificateLocale(data.contactLanguage);
      const pdf = await renderCertificate(data, `${config.publicUrl}/verify/certificate/${encodeURIComponent(data.code)}`, locale, berlinToday());
      const name = `${t(locale, 'courses.certificate.fileName')}-${data.completedOn}.pdf`;
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'private, no-store').send(pdf);
    },
  });

  r.get('/api/v1/me/enrollments', {
    config: { access: 'authenticated' },
    schema: { tags: ['me'], summary: 'The signed-in volunteer’s own enrolments and certificates (portal)', response: { 200: z.array(OwnEnrollment), ...problems(401, 404) } },
    handler: (request) => {
      const userId = userIdOf(request);
      return inTenant(request, async (tx, actor) => listOwnEnrollments(tx, actor.networkId, (await getOwnVolunteer(tx, actor.networkId, userId)).id, request.locale));
    },
  });

  // --- public verification --------------------------------------------------------------------

  r.get('/api/v1/public/certificates/:code', {
    // No rate limit: codes carry 128 random bits (docs/decisions/0005-certificates.md).
    config: { access: 'public' },
    schema: {
      tags: ['public'],
      summary: 'Verify a certificate by the code in its QR code',
      params: CertificateCodeParams,
      response: { 200: CertificateVerification, ...problems(404) },
    },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return verifyCertificate(app.database.db, request.params.code);
    },
  });
}
