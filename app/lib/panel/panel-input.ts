import { z } from "zod";

/** A new panel, as the admin form, the API and the command line take it. */
export const panelSchema = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case letters, digits and dashes, such as global-he-panel."),
  name: z.string().trim().min(1, "Give the panel a name.").max(200, "Keep the name under 200 characters."),
  description: z.string().trim().max(2000).optional(),
  consentText: z.string().trim().max(5000).optional(),
});
