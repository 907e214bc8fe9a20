/** The profile fields a CSV column can fill, in the order the import form shows them. */
export const IMPORT_FIELDS = [
  "email",
  "name",
  "jobTitle",
  "roleCategory",
  "organisation",
  "organisationType",
  "country",
  "language",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const FIELD_LABELS: Record<ImportField, string> = {
  email: "Email",
  name: "Name",
  jobTitle: "Job title",
  roleCategory: "Role category",
  organisation: "Organisation",
  organisationType: "Organisation type",
  country: "Country",
  language: "Language",
};

/** Column index for each field (or null for none); other chosen columns become custom attributes. */
export type Mapping = Record<ImportField, number | null> & { attributes: number[] };
