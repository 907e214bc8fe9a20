import type { ResultFigures, TableFigures } from "./figures";
import { groupLabel } from "./published-view";

/**
 * The results as JSON: the figures as they are (`breakdowns`, and per question `items` with every
 * group's table), plus the fields the API has always had, read off the same figures: `regions`,
 * and per question `base`, `options` with count and percent, `byRegion`, `rows`, `mean`, `ranks`.
 * Nothing in it describes fewer people than the figures do.
 */
export function publicJson<F extends ResultFigures>(f: F) {
  const regions = f.breakdowns.find((b) => b.family === "region");
  return {
    ...f,
    regions: (regions?.groups ?? []).map((g) => ({
      region: groupLabel("region", g.id),
      count: g.size,
      percent: g.percent,
      suppressed: false,
    })),
    questions: f.questions.map((q) => {
      const first = q.items[0];
      const whole = first?.whole;
      const options = (t: TableFigures | undefined) =>
        q.options.map((o, i) => ({
          value: o.value,
          label: o.label,
          count: t?.cells[i]?.count ?? null,
          percent: t?.cells[i]?.percent ?? null,
        }));
      return {
        ...q,
        base: whole?.base ?? null,
        suppressed: whole?.base === null,
        options: q.kind === "matrix" ? [] : options(whole),
        ...(whole?.mean !== undefined ? { mean: whole.mean } : {}),
        ...(q.kind === "matrix"
          ? {
              rows: q.items.map((it) => ({
                value: it.row?.value ?? "",
                label: it.row?.label ?? "",
                base: it.whole.base,
                topTwoPercent: it.whole.agree?.percent ?? null,
              })),
            }
          : {}),
        ...(q.kind === "ranking"
          ? {
              ranks: q.options.map((o, i) => ({
                value: o.value,
                label: o.label,
                meanRank: whole?.ranks?.[i] ?? null,
                firstPercent: whole?.cells[i]?.percent ?? null,
              })),
            }
          : {}),
        groups: (f.breakdowns[0]?.groups ?? []).map((g, gi) => {
          const family = f.breakdowns[0]!.family;
          const t = first?.groups[family]?.[gi];
          return {
            group: groupLabel(family, g.id, f),
            base: t?.base ?? null,
            suppressed: !t || t.base === null,
            options: q.kind === "matrix" ? [] : options(t),
            ...(t?.mean !== undefined ? { mean: t.mean } : {}),
          };
        }),
        byRegion: (regions?.groups ?? []).map((g, gi) => {
          const t = first?.groups.region?.[gi];
          return {
            region: groupLabel("region", g.id),
            base: t?.base ?? null,
            suppressed: !t || t.base === null,
            options: q.kind === "matrix" ? [] : options(t),
          };
        }),
      };
    }),
  };
}
