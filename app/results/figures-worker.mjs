// The entry of the figure threads (figures-pool.server.ts): it runs resultFigures from figures.ts,
// the TypeScript source, loaded through tsx here so the same file serves tests, scripts and the
// production server (whose Remix bundle does not contain this thread's code).
import { register } from "tsx/esm/api";

register();
const { resultFigures } = await import("./figures.ts");
const { samePeopleFigures } = await import("./same-people.ts");

/** One computation: plain data in (FigureInput), plain data out ({ figures, record }); or a series' same-people tables. */
export default function compute(input) {
  if (input.task === "same-people") return samePeopleFigures(input);
  return resultFigures(input);
}
