/** The vocabulary of explainable matching, shared by server and web app. */
export const EXCLUSION_RULES = ['status', 'basic_qualification', 'language', 'specialization', 'competence_limit', 'capacity', 'absence', 'police_certificate'] as const;
export type ExclusionRule = (typeof EXCLUSION_RULES)[number];

/** Not a rule of the profile: the volunteer is already proposed for (or agreed on) this request. */
export const ALREADY_PROPOSED = 'already_proposed' as const;

export const CRITERIA = ['distance', 'availability', 'load', 'peer', 'gender', 'interests', 'history'] as const;
export type CriterionKey = (typeof CRITERIA)[number];
