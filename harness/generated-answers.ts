// Generated answers for a questionnaire definition: one valid completion per call, with a seeded
// random source, reading choices, rows, columns and rating scales from the SurveyJS JSON.
type Json = Record<string, unknown>;
type Item = string | number | { value: unknown };

const valueOf = (item: Item) => (typeof item === "object" ? item.value : item);

function elements(definition: Json): Json[] {
  const out: Json[] = [];
  const walk = (list: unknown) => {
    for (const e of (list as Json[] | undefined) ?? []) {
      if (e.type === "panel") walk(e.elements);
      else out.push(e);
    }
  };
  for (const page of (definition.pages as Json[] | undefined) ?? []) walk(page.elements);
  return out;
}

/**
 * `skew` 0 picks every choice alike; above 0, earlier choices are likelier (a power law), which is
 * closer to how real answers fall. The skew can change from one completion to the next.
 */
export function answerGenerator(definition: Json, random: () => number): (skew?: number) => Record<string, unknown> {
  let bias = 1;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() ** bias * xs.length)] as T;
  const questions = elements(definition);
  return (skew = 0) => {
    bias = 1 + skew;
    const data: Record<string, unknown> = {};
    for (const q of questions) {
      const name = q.name as string;
      const choices = ((q.choices as Item[] | undefined) ?? []).map(valueOf);
      switch (q.type) {
        case "dropdown":
        case "radiogroup":
          if (choices.length) data[name] = pick(choices);
          break;
        case "checkbox": {
          const max = Math.min(Number(q.maxSelectedChoices) || choices.length, choices.length);
          const n = 1 + Math.floor(random() * max);
          data[name] = [...choices].sort(() => random() - 0.5).slice(0, n);
          break;
        }
        case "rating": {
          const scale = ((q.rateValues as Item[] | undefined) ?? []).map(valueOf);
          data[name] = scale.length
            ? pick(scale)
            : Number(q.rateMin ?? 1) + Math.floor(random() * (Number(q.rateMax ?? 5) - Number(q.rateMin ?? 1) + 1));
          break;
        }
        case "matrix": {
          const columns = ((q.columns as Item[]) ?? []).map(valueOf);
          data[name] = Object.fromEntries(((q.rows as Item[]) ?? []).map((r) => [String(valueOf(r)), pick(columns)]));
          break;
        }
        case "boolean":
          data[name] = random() < 0.5;
          break;
        case "comment":
        case "text":
          if (random() < 0.3)
            data[name] = "Learners will build a mosaic of credentials across providers and over a working life.";
          break;
      }
    }
    // A quote consent belongs with a comment (visibleIf), and is required when shown.
    if ("consentToQuote" in data && !data.comment) delete data.consentToQuote;
    if (data.comment && !("consentToQuote" in data)) data.consentToQuote = random() < 0.5;
    return data;
  };
}

/** mulberry32: a small seeded random source. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
