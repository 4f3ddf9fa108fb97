export const ROLES = ['admin', 'clinician', 'social_prescriber', 'gp', 'service_manager'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_TYPES = ['pain-service', 'gp-practice', 'vcs'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const DISCIPLINES = [
  'physiotherapist',
  'psychologist',
  'cbt-therapist',
  'occupational-therapist',
  'specialist-nurse',
  'consultant',
  'alexander-technique-teacher',
  'tai-chi-instructor',
  'acupuncturist',
] as const;
export type Discipline = (typeof DISCIPLINES)[number];

/** Which roles an organisation of each type may hold. */
export const ROLES_BY_ORGANISATION_TYPE: Record<OrganisationType, readonly Role[]> = {
  'pain-service': ['admin', 'clinician', 'service_manager'],
  'gp-practice': ['gp'],
  vcs: ['social_prescriber'],
};
