import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CompletionCurve } from "~/components/CompletionCurve";

const render = (points: { day: string; cumulative: number }[]) =>
  renderToStaticMarkup(createElement(CompletionCurve, { points, invited: 40 }));
const axisDates = (html: string) => [...html.matchAll(/<text[^>]*>(\d{4}-\d{2}-\d{2})<\/text>/g)].map((m) => m[1]);

describe("the completions chart", () => {
  it("on the first day shows its one date once, under the dot, and says why there is no line", () => {
    const html = render([{ day: "2026-12-07", cumulative: 12 }]);
    expect(axisDates(html)).toEqual(["2026-12-07"]);
    expect(html).toContain("All 12 completions so far came on 2026-12-07: one point until a second day has some.");
  });

  it("from the second day shows the first and last dates at the ends, and no such sentence", () => {
    const html = render([
      { day: "2026-12-07", cumulative: 12 },
      { day: "2026-12-08", cumulative: 20 },
    ]);
    expect(axisDates(html)).toEqual(["2026-12-07", "2026-12-08"]);
    expect(html).not.toContain("so far came on");
  });
});
