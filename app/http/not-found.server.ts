import { z } from "zod";
import { getPanelBySlug, type Panel } from "~/models/panel.server";
import type { PanelistFilters } from "~/models/panelist.server";
import { getWaveBySlug, type Wave } from "~/models/wave.server";

const filterSchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  region: z.string().max(100).optional().catch(undefined),
  country: z.string().regex(/^[A-Z]{2}$/).optional().catch(undefined),
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

/** The panel a URL names, or a 404. */
export async function requirePanel(slug: string | undefined): Promise<Panel> {
  const panel = slug ? await getPanelBySlug(slug) : undefined;
  if (!panel) throw new Response("There is no panel at this address.", { status: 404 });
  return panel;
}

/** The wave a URL names, or a 404. */
export async function requireWave(slug: string | undefined): Promise<Wave> {
  const wave = slug ? await getWaveBySlug(slug) : undefined;
  if (!wave) throw new Response("There is no such wave.", { status: 404 });
  return wave;
}
