import { getPanelBySlug, type Panel } from "~/models/panel.server";
import { getWaveBySlug, type Wave } from "~/models/wave.server";

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
