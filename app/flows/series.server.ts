import { z } from "zod";
import type { Actor } from "~/models/audit.server";
import { getPanelBySlug } from "~/models/panel.server";
import { createSeries, getSeriesBySlug, seriesWaves, setWaveSeries, type Series } from "~/models/series.server";
import { getWaveBySlug } from "~/models/wave.server";

const slug = z
  .string({ required_error: "Give the series a slug." })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case letters, digits and dashes, such as micro-credentials.");

/** A series as the API, the CLI and the admin describe it. */
const seriesInputSchema = z.object({
  slug,
  name: z.string({ required_error: "Give the series a name." }).trim().min(1, "Give the series a name.").max(200),
  panel: z.string({ required_error: "Choose a panel." }).min(1, "Choose a panel."),
});

type Failure = { ok: false; status: 400 | 403 | 404 | 409; errors: Record<string, string[]> };

/** Validates and creates a series; `mayEdit` says whether the caller may edit the panel it names. */
export async function startSeries(
  body: unknown,
  actor: Actor,
  mayEdit: (panelId: number) => boolean = () => true,
): Promise<{ ok: true; series: Series } | Failure> {
  const parsed = seriesInputSchema.safeParse(body);
  if (!parsed.success)
    return { ok: false, status: 400, errors: parsed.error.flatten().fieldErrors as Record<string, string[]> };
  const panel = await getPanelBySlug(parsed.data.panel);
  if (!panel) return { ok: false, status: 404, errors: { panel: [`There is no panel "${parsed.data.panel}".`] } };
  if (!mayEdit(panel.id))
    return { ok: false, status: 403, errors: { panel: [`You may not edit the panel "${panel.slug}".`] } };
  const result = await createSeries({ panelId: panel.id, slug: parsed.data.slug, name: parsed.data.name }, actor);
  if (!result.ok)
    return { ok: false, status: 409, errors: { slug: [`A series "${parsed.data.slug}" already exists.`] } };
  return result;
}

/** Adds an existing wave to a series of the same panel (a wave belongs to one series at most). */
export async function addWaveToSeries(
  series: Series,
  waveSlug: unknown,
  actor: Actor,
): Promise<{ ok: true } | Failure> {
  const wave = typeof waveSlug === "string" ? await getWaveBySlug(waveSlug) : undefined;
  if (!wave) return { ok: false, status: 404, errors: { wave: [`There is no wave "${String(waveSlug ?? "")}".`] } };
  if (wave.panelId !== series.panelId)
    return {
      ok: false,
      status: 400,
      errors: { wave: [`The wave "${wave.slug}" is on another panel; a series keeps to one panel.`] },
    };
  if (wave.seriesId === series.id) return { ok: true };
  if (wave.seriesId !== null)
    return {
      ok: false,
      status: 409,
      errors: { wave: [`The wave "${wave.slug}" is already in the series "${wave.seriesSlug}".`] },
    };
  await setWaveSeries(wave.id, series.id, actor);
  return { ok: true };
}

/** What the API and CLI say about a series. */
export async function seriesJson(series: Series) {
  const waves = await seriesWaves(series.id);
  return {
    slug: series.slug,
    name: series.name,
    panel: series.panelSlug,
    createdAt: series.createdAt,
    waves: waves.map((w) => ({
      slug: w.slug,
      title: w.title,
      opensAt: w.opensAt,
      closesAt: w.closesAt,
      completed: w.completed,
      published: w.publishedAt,
    })),
  };
}

export { getSeriesBySlug };
