import { getWave } from "~/models/wave.server";
import type { SeriesWave } from "~/models/series.server";
import { mayRead, resultsReader } from "./results-access.server";

/** Whether this request may read a series wave's published results, by that wave's own audience. */
export function seriesReader(request: Request): (wave: SeriesWave) => Promise<boolean> {
  return async (w) => {
    const wave = await getWave(w.id);
    return Boolean(wave && mayRead(wave.audience, await resultsReader(request, wave)));
  };
}
