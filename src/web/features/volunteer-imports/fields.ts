import type { ImportField } from '../../../common/api/volunteer-imports.js';

/** The import fields in groups, as the mapping's select boxes show them. */
export const FIELD_GROUPS: {
  group: 'person' | 'profile' | 'records';
  fields: ImportField[];
}[] = [
  {
    group: 'person',
    fields: [
      'firstName',
      'lastName',
      'email',
      'phone',
      'street',
      'postalCode',
      'city',
      'birthYear',
      'gender',
      'genderSelfDescribed',
      'contactLanguage',
    ],
  },
  {
    group: 'profile',
    fields: [
      'languages',
      'trade',
      'tradeFreeText',
      'professionalPosition',
      'specializations',
      'topics',
      'competenceLimits',
      'interests',
      'homeDistrict',
      'districts',
      'maxActiveAgreements',
      'maxHoursPerMonth',
    ],
  },
  {
    group: 'records',
    fields: [
      'status',
      'statusReason',
      'basicCourseOn',
      'basicCourseProvider',
      'confidentialitySignedOn',
      'dataProtectionConsentOn',
      'insuranceNotedOn',
      'policeCertificateOn',
      'lastSupervisionOn',
      'notes',
    ],
  },
];

/** Without these, no row can become a volunteer. */
export const REQUIRED_FIELDS: ImportField[] = ['firstName', 'lastName'];
