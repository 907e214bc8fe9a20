import { z } from "zod";
import type { Actor } from "~/models/audit.server";
import { getPanelBySlug } from "~/models/panel.server";
import {
  createSeries,
  getSeriesBySlug,
  publicationsById,
  seriesOfWave,
  seriesWaves,
  setWaveSeries,
  type Series,
} from "~/models/series.server";
import { cachedDefinition } from "~/models/questionnaire.server";
import { questionSpecs } from "~/results/questions";
import type { Snapshot } from "~/results/snapshot";
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

/**
 * What the wave page says of a wave's series: its name, the waves before it, and what its next
 * publication would show as trends (the questions it shares with earlier published waves, those
 * whose answers changed, and which published wave the change among the same people would follow).
 */
export async function seriesPreview(wave: { id: number; questionnaireVersionId: number }) {
  const series = await seriesOfWave(wave.id);
  if (!series) return null;
  const waves = await seriesWaves(series.id);
  const at = waves.findIndex((w) => w.id === wave.id);
  const earlier = waves.slice(0, Math.max(0, at)).filter((w) => w.publicationId !== null);
  const publications = await publicationsById<Snapshot>(earlier.map((w) => w.publicationId as number));
  const specs = questionSpecs(await cachedDefinition(wave.questionnaireVersionId)).filter(
    (q) => q.kind !== "text" && q.kind !== "ranking" && !q.identifying,
  );
  const shared = new Set<string>();
  const changed = new Set<string>();
  for (const w of earlier) {
    const snapshot = publications.get(w.publicationId as number)?.snapshot;
    for (const q of specs) {
      const theirs = snapshot?.questions.find((x) => x.name === q.name);
      if (!theirs) continue;
      const same =
        theirs.kind === q.kind &&
        theirs.options
          .map((o) => o.value)
          .sort()
          .join("\u0000") ===
          q.options
            .map((o) => o.value)
            .sort()
            .join("\u0000");
      (same ? shared : changed).add(q.title);
    }
  }
  return {
    slug: series.slug,
    name: series.name,
    waves: waves.map((w) => ({
      slug: w.slug,
      title: w.title,
      published: w.publicationId !== null,
      current: w.id === wave.id,
    })),
    comparedWith: earlier.map((w) => w.title),
    shared: [...shared],
    changed: [...changed].filter((t) => !shared.has(t)),
    samePeopleWith: earlier.at(-1)?.title ?? null,
  };
}
