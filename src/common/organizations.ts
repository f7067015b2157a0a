export const ORGANIZATION_KINDS = [
  'coordination_office',
  'counselling_office',
  'sub_project',
  'partner_institution',
  'employer',
  'education_provider',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
