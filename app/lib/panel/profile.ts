import { z } from "zod";
import { toCountryCode } from "./countries";
import { LANGUAGES, toLanguage } from "~/lib/language";
import { ORGANISATION_TYPES, ROLE_CATEGORIES } from "./profile-options";

/** Finds a code from a code or its label, ignoring case ("Provost or Chief Academic Officer" → "provost"). */
function codeFrom<T extends Record<string, string>>(options: T, input: string): keyof T | undefined {
  const value = input.trim().toLowerCase();
  for (const [code, label] of Object.entries(options)) {
    if (code === value || label.toLowerCase() === value) return code as keyof T;
  }
  return undefined;
}

const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be at most ${max} characters.`)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

/** A panelist's profile as people type it (form, CSV, API); normalised to codes. */
export const profileSchema = z.object({
  email: z
    .string({ required_error: "Email is required.", invalid_type_error: "Email must be text." })
    .trim()
    .min(1, "Email is required.")
    .max(254, "Email is too long.")
    .email("Email is not a valid address."),
  name: z
    .string({ required_error: "Name is required.", invalid_type_error: "Name must be text." })
    .trim()
    .min(1, "Name is required.")
    .max(200, "Name must be at most 200 characters."),
  jobTitle: optionalText(200, "Job title"),
  organisation: optionalText(200, "Organisation"),
  roleCategory: z
    .string()
    .optional()
    .nullable()
    .transform((v, ctx) => {
      if (!v || !v.trim()) return null;
      const code = codeFrom(ROLE_CATEGORIES, v);
      if (!code) ctx.addIssue({ code: "custom", message: `Role category "${v}" is not one of the list.` });
      return code ?? null;
    }),
  organisationType: z
    .string()
    .optional()
    .nullable()
    .transform((v, ctx) => {
      if (!v || !v.trim()) return null;
      const code = codeFrom(ORGANISATION_TYPES, v);
      if (!code) ctx.addIssue({ code: "custom", message: `Organisation type "${v}" is not one of the list.` });
      return code ?? null;
    }),
  country: z
    .string({ required_error: "Country is required.", invalid_type_error: "Country must be text." })
    .transform((v, ctx) => {
      if (!v.trim()) {
        ctx.addIssue({ code: "custom", message: "Country is required." });
        return "";
      }
      const code = toCountryCode(v);
      if (!code)
        ctx.addIssue({
          code: "custom",
          message: `Country "${v}" is unknown: use an ISO code such as CL or an English name such as Chile.`,
        });
      return code ?? "";
    }),
  language: z
    .string()
    .optional()
    .nullable()
    .transform((v, ctx) => {
      if (!v || !v.trim()) return null;
      const code = toLanguage(v);
      if (!code)
        ctx.addIssue({
          code: "custom",
          message: `Language "${v}" is not one Quorum speaks: use one of ${Object.values(LANGUAGES)
            .map((l) => l.name)
            .join(", ")} (or its code, such as es).`,
        });
      return code ?? null;
    }),
  attributes: z
    .record(z.union([z.string().max(500), z.number(), z.boolean(), z.null()]), {
      invalid_type_error: "Attributes must be an object of short values.",
    })
    .optional()
    .default({}),
});

export type Profile = z.output<typeof profileSchema>;

/** The profile fields a person's form shows and their record stores, each possibly missing. */
export interface ProfileFields {
  name?: string | null;
  jobTitle?: string | null;
  roleCategory?: string | null;
  organisation?: string | null;
  organisationType?: string | null;
  country?: string | null;
  language?: string | null;
}

/** Field errors keyed by field name, for forms and API answers. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  return error.flatten().fieldErrors as Record<string, string[]>;
}
