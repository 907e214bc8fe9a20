import { z } from "zod";

/** What the panelist list can be filtered by (query-string values, already checked). */
export interface PanelistFilters {
  q?: string;
  region?: string;
  country?: string;
  organisationType?: string;
  roleCategory?: string;
  status?: string;
}

const filterSchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  region: z.string().max(100).optional().catch(undefined),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .catch(undefined),
  organisationType: z.string().max(50).optional().catch(undefined),
  roleCategory: z.string().max(50).optional().catch(undefined),
  status: z.enum(["pending", "active", "unsubscribed", "bounced", "erased"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

/** Panelist filters from a query string; bad values are ignored rather than failing. */
export function parseFilters(url: URL): PanelistFilters & { page: number } {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  return filterSchema.parse(raw);
}
