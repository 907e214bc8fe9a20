/** Role categories of panelists, stored as codes and shown as labels. */
export const ROLE_CATEGORIES = {
  president: "President, Vice-Chancellor or Rector",
  provost: "Provost or Chief Academic Officer",
  dean: "Dean or Head of School",
  "digital-leader": "CIO, CTO or Chief Digital Officer",
  strategy: "Strategy, Planning or Innovation Lead",
  "online-learning": "Online, Continuing or Professional Education Lead",
  "student-services": "Registrar or Student Services Lead",
  "industry-executive": "Industry Executive",
  "edtech-executive": "EdTech Executive",
  "policy-maker": "Government or Policy Official",
  other: "Other role",
} as const;

/** Organisation types, stored as codes and shown as labels. */
export const ORGANISATION_TYPES = {
  "public-university": "Public university",
  "private-university": "Private university",
  "community-college": "Community or technical college",
  "online-provider": "Online or open university",
  "other-he": "Other higher education institution",
  industry: "Industry or employer",
  edtech: "EdTech company",
  government: "Government or agency",
  association: "Association or network",
} as const;

export type RoleCategory = keyof typeof ROLE_CATEGORIES;
export type OrganisationType = keyof typeof ORGANISATION_TYPES;

/** A panelist's status: pending (signed up, not confirmed), active, unsubscribed, bounced, erased. */
export const PANELIST_STATUSES = ["active", "pending", "unsubscribed", "bounced", "erased"] as const;
export type PanelistStatus = (typeof PANELIST_STATUSES)[number];
