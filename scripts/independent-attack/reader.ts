// What a reader knows, built only from the questionnaire (its SurveyJS JSON, its conditions run by
// survey-core) and what an anonymous reader is served (`GET /results/<slug>.json`), plus public
// facts: the World Bank's country → region table and the product's public lists of role categories
// and organisation types. Nothing here reads how Quorum decides what to publish.
//
// The reader's unknowns are respondent types ("atoms"): combinations of the answers that the
// published figures and the conditions tie together. One "clique" per question and breakdown
// (the question, the questions its condition reads, the breakdown's variable), per quote, and for
// the country answer; each clique gets every published figure expressible over its variables.
// Solving each clique alone is a relaxation of what a reader knows, so every bound it proves holds.
import { ConditionRunner } from "survey-core";
import { ORGANISATION_TYPES, regionOf, ROLE_CATEGORIES } from "~/lib/panel";

/** A respondent type's values: one string per variable, "" for no answer. */
export type Values = Record<string, string>;

type VarKind = "single" | "multi" | "rating" | "ranking" | "boolean" | "row" | "text" | "family";

export interface Var {
  name: string;
  kind: VarKind;
  /** The question (element) it answers, or the breakdown family. */
  question: string;
  row?: string;
  domain: string[];
  /** Choices of a checkbox or ranking, in order. */
  items?: string[];
  required: boolean;
  visibleIf?: string;
  /** The variables the condition reads (known to the reader). */
  reads: string[];
  /** What kind of relation the condition is, for classification. */
  conditionKind?: ConditionKind;
}

export type ConditionKind = "folded" | "or" | "negated" | "other";

/** Where a figure a reader uses comes from: what an ablation removes to classify a disclosure. */
export type Source = "size" | "base" | "table" | "profile-table" | "rank" | "mean" | "percent" | "quote";

/** A linear fact: lo ≤ Σ_atoms weight(atom) · x_atom ≤ hi. */
export interface Figure {
  id: string;
  source: Source;
  keys: string[];
  weight: (get: (key: string) => string) => number;
  lo: number;
  hi: number;
}

/** A count a reader may try to pin: the atoms a predicate selects. */
export interface Quantity {
  id: string;
  /** "cell" (published or withheld), "withheld" (withheld cell), "sum" (cells of one table), "atom", "marginal". */
  what: "cell" | "withheld" | "sum" | "atom" | "marginal" | "allnone";
  /** The kind of disclosure it is when pinned, when that is known from what it is (the group kinds). */
  kind?: string;
  keys: string[];
  weight: (get: (key: string) => string) => number;
  /** A withheld cell's table: those who answered it there (a cell equal to it is a whole group's answer). */
  whole?: (get: (key: string) => string) => number;
}

export interface Published {
  minGroupSize: number;
  suppressed: boolean;
  respondents: number | null;
  breakdowns: { family: string; groups: { id: string; other: boolean; size: number; percent: number }[] }[];
  questions: PublishedQuestion[];
  quotes?: { question: string; by?: { role: string | null; country: string | null; region: string | null } }[];
}

interface Cell {
  count: number | null;
  percent: number | null;
}
interface Table {
  base: number | null;
  cells: Cell[];
  agree?: Cell;
  mean?: number | null;
  ranks?: (number | null)[];
}
export interface PublishedQuestion {
  name: string;
  type: string;
  kind: string;
  identifying: boolean;
  options: { value: string }[];
  items: { row: { value: string } | null; whole: Table; groups: Record<string, Table[]> }[];
}

interface Element {
  type: string;
  name: string;
  isRequired?: boolean;
  visibleIf?: string;
  enableIf?: string;
  showOtherItem?: boolean;
  hasOther?: boolean;
  showNoneItem?: boolean;
  hasNone?: boolean;
  choices?: (string | { value: unknown })[];
  rows?: (string | { value: unknown })[];
  columns?: (string | { value: unknown })[];
  rateMin?: number;
  rateMax?: number;
  rateCount?: number;
  rateValues?: (number | { value: unknown })[];
  elements?: Element[];
}

const FAMILIES = ["region", "organisationType", "roleCategory"] as const;
const PROFILE_QUESTIONS = new Set(["country", "organisationType", "roleCategory"]);
const value = (c: string | { value: unknown }) => String(typeof c === "object" ? c.value : c);

/** Both conditions (either may be absent). */
function and(a: string | undefined, b: string | undefined): string | undefined {
  return a && b ? `(${a}) and (${b})` : (a ?? b);
}

/**
 * The questions, each with the condition under which it can be answered: its page's, panels' and own
 * visibleIf, and its enableIf (a disabled question is shown but cannot be answered, so a required one
 * is answered exactly when it is visible and enabled).
 */
function elements(definition: object): Element[] {
  const out: Element[] = [];
  const walk = (els: Element[] | undefined, inherited?: string) => {
    for (const el of els ?? []) {
      if (el.type === "panel") {
        walk(el.elements, and(inherited, and(el.visibleIf, el.enableIf)));
        continue;
      }
      out.push({ ...el, visibleIf: and(inherited, and(el.visibleIf, el.enableIf)) });
    }
  };
  const pages = (definition as { pages: { elements: Element[]; visibleIf?: string }[] }).pages;
  const pageOf = new Map<string, number>();
  pages.forEach((page, i) => {
    const from = out.length;
    walk(page.elements, page.visibleIf);
    for (const el of out.slice(from)) pageOf.set(el.name, i);
  });
  // A complete trigger ends the survey when the last page it reads is left: the questions of later
  // pages are answered only when it is false.
  const triggers = (definition as { triggers?: { type?: string; expression?: string }[] }).triggers ?? [];
  for (const t of triggers) {
    if (t.type !== "complete" || !t.expression) continue;
    const reads = new ConditionRunner(t.expression).getVariables().map((v) => v.split(/[.[]/)[0]!);
    const last = Math.max(...reads.map((r) => pageOf.get(r) ?? 0));
    for (const el of out) if ((pageOf.get(el.name) ?? 0) > last) el.visibleIf = and(el.visibleIf, `!(${t.expression})`);
  }
  return out;
}

function subsets(items: string[]): string[] {
  const out: string[] = [];
  for (let m = 1; m < 1 << items.length; m++) out.push(items.filter((_, i) => m & (1 << i)).join("|"));
  return out;
}

function permutations(items: string[]): string[] {
  if (items.length <= 1) return [items.join(">")];
  return items.flatMap((x, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => `${x}>${rest}`),
  );
}

function ratingPoints(el: Element): string[] {
  if (el.rateValues?.length) return el.rateValues.map((v) => value(v as never));
  const min = el.rateMin ?? 1;
  const max = el.rateMax ?? (el.rateCount ? min + el.rateCount - 1 : 5);
  return Array.from({ length: max - min + 1 }, (_, i) => String(min + i));
}

/** The rounding a published number leaves: half a unit of its last decimal. */
function tolerance(n: number): number {
  const text = String(n);
  const decimals = text.includes(".") ? text.split(".")[1]!.length : 0;
  return 0.5 * 10 ** -decimals + 1e-9;
}

/** A questionnaire and a publication, read as a reader would. */
export class Reader {
  readonly vars = new Map<string, Var>();
  readonly k: number;
  /** Per published family, the group ids in order and which values a group stands for. */
  readonly groups = new Map<string, { id: string; other: boolean; named: Set<string> }[]>();
  private readonly hasCountry: boolean;
  /** The profile question each breakdown is answered by, and whether every answer it takes decides the group. */
  private readonly setBy = new Map<string, { question: string; decides: boolean }>();
  /** Per identifying question published with an "Other", the answers shown by name. */
  readonly folded = new Map<string, Set<string>>();
  private readonly figures: Figure[] = [];
  private readonly tableQuantities: Quantity[] = [];

  constructor(
    definition: object,
    readonly published: Published,
  ) {
    this.k = published.minGroupSize;
    const els = elements(definition);
    const names = new Set(els.map((e) => e.name));
    for (const el of els) this.addElement(el, names);
    this.hasCountry = this.vars.has("country");
    // A published answer or group the questionnaire does not list (an "Other" answer stored as given) is a value too.
    for (const q of published.questions) {
      const v = this.vars.get(q.name);
      if (!v || v.kind !== "single") continue;
      for (const o of q.options) if (o.value !== "__other" && !v.domain.includes(o.value)) v.domain.push(o.value);
      if (q.identifying && q.options.some((o) => o.value === "__other"))
        this.folded.set(q.name, new Set(q.options.map((o) => o.value).filter((o) => o !== "__other")));
    }
    for (const b of published.breakdowns) {
      const named = new Set(b.groups.filter((g) => !g.other).map((g) => g.id));
      this.groups.set(
        b.family,
        b.groups.map((g) => ({ id: g.id, other: g.other, named })),
      );
    }
    // How each breakdown follows from the answers (decision 006, "Which profile a response is counted
    // under"): a profile question's answer wins when it is a value Quorum knows (a country with a
    // region, one of its organisation types or roles); any other answer ("Other", or none) leaves the
    // panel's record in charge. When every answer the question can take is such a value, the answer
    // sets the group; otherwise the group is a variable of its own, tied to the answer where the answer
    // is a known value.
    for (const f of FAMILIES) {
      const question = f === "region" ? "country" : f;
      const q = this.vars.get(question);
      if (q && q.kind === "single")
        this.setBy.set(f, {
          question,
          decides: q.domain.every((x) => x !== "" && this.knownClass(f, x) !== undefined),
        });
    }
    for (const f of FAMILIES) {
      const by = this.setBy.get(f);
      if (by?.decides && f !== "region") {
        // A group the questionnaire does not list is an answer too (a profile value shown by name).
        const v = this.vars.get(f)!;
        for (const g of this.groups.get(f) ?? []) if (!g.other && !v.domain.includes(g.id)) v.domain.push(g.id);
        continue;
      }
      if (by?.decides) {
        const reachable = new Set(
          this.vars
            .get("country")!
            .domain.map((c) => regionOf(c))
            .filter((r) => r !== undefined),
        );
        this.vars.set("@region", {
          name: "@region",
          kind: "family",
          question: f,
          domain: [...reachable],
          required: true,
          reads: [],
        });
        continue;
      }
      // A breakdown no answer decides for everyone: its named groups, one value for the rest, and
      // none when the groups do not cover every respondent.
      const groups = this.groups.get(f) ?? [];
      const ids = groups.filter((g) => !g.other).map((g) => g.id);
      const known =
        f === "region"
          ? [
              "North America",
              "Latin America & Caribbean",
              "Europe & Central Asia",
              "Middle East & North Africa",
              "Sub-Saharan Africa",
              "South Asia",
              "East Asia & Pacific",
            ]
          : Object.keys(f === "organisationType" ? ORGANISATION_TYPES : ROLE_CATEGORIES);
      const rest = groups.length === 0 || groups.some((g) => g.other);
      const domain = [...new Set([...ids, ...(rest ? known.filter((x) => !ids.includes(x)).slice(0, 1) : [])])];
      const sizes = published.breakdowns.find((b) => b.family === f)?.groups.reduce((s, g) => s + g.size, 0);
      if (sizes !== undefined && published.respondents !== null && sizes < published.respondents) domain.push("");
      this.vars.set(`@${f}`, { name: `@${f}`, kind: "family", question: f, domain, required: true, reads: [] });
    }
    for (const v of this.vars.values()) v.conditionKind = v.visibleIf ? this.conditionKind(v) : undefined;
    this.readFigures();
  }

  private addElement(el: Element, names: Set<string>) {
    const reads = el.visibleIf
      ? [...new Set(new ConditionRunner(el.visibleIf).getVariables().map((v) => v.split(/[.[]/)[0]!))]
      : [];
    const base = {
      question: el.name,
      required: !!el.isRequired && !el.visibleIf,
      visibleIf: el.visibleIf,
      reads: reads.filter((r) => names.has(r)),
    };
    const required = !!el.isRequired;
    const optional = (d: string[]) => (el.isRequired && !el.visibleIf ? d : [...d, ""]);
    const add = (v: Omit<Var, "domain"> & { domain: string[] }) =>
      this.vars.set(v.name, { ...v, required, domain: optional(v.domain) });
    switch (el.type) {
      case "radiogroup":
      case "dropdown":
        add({
          ...base,
          name: el.name,
          kind: "single",
          domain: [...(el.choices ?? []).map(value), ...(el.showOtherItem || el.hasOther ? ["other"] : [])],
        });
        break;
      case "boolean":
        add({ ...base, name: el.name, kind: "boolean", domain: ["true", "false"] });
        break;
      case "rating":
        add({ ...base, name: el.name, kind: "rating", domain: ratingPoints(el) });
        break;
      case "checkbox": {
        const items = [
          ...(el.choices ?? []).map(value),
          ...(el.showOtherItem || el.hasOther ? ["other"] : []),
          ...(el.showNoneItem || el.hasNone ? ["none"] : []),
        ];
        add({ ...base, name: el.name, kind: "multi", items, domain: subsets(items) });
        break;
      }
      case "ranking": {
        const items = (el.choices ?? []).map(value);
        if (items.length <= 6) add({ ...base, name: el.name, kind: "ranking", items, domain: permutations(items) });
        break;
      }
      case "matrix":
        for (const row of (el.rows ?? []).map(value))
          add({
            ...base,
            name: `${el.name}.${row}`,
            kind: "row",
            row,
            domain: (el.columns ?? []).map(value),
          });
        break;
      case "comment":
      case "text":
        this.vars.set(el.name, { ...base, name: el.name, kind: "text", domain: ["text", ""], required: false });
        break;
      default:
        break;
    }
  }

  /** The kind of relation a condition is: on a folded answer, an "or", a negation, or another. */
  private conditionKind(v: Var): ConditionKind {
    const text = v.visibleIf!;
    const literals = [...text.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
    for (const r of v.reads) {
      const q = this.published.questions.find((p) => p.name === r);
      if (q?.identifying) {
        const shown = new Set(q.options.map((o) => o.value));
        if (literals.some((l) => !shown.has(l))) return "folded";
      }
    }
    if (/\bor\b/i.test(text)) return "or";
    if (/!=|notcontains|<>|\bnot\b/i.test(text)) return "negated";
    return "other";
  }

  /** The variables that tell a family (breakdown): its own, or for regions also the country answer. */
  familyKeys(family: string): string[] {
    if (!this.setBy.get(family)?.decides) return [`@${family}`];
    return family === "region" ? ["@region", "country"] : [family];
  }

  /** Is this the profile question a breakdown is answered by? */
  setsFamily(question: string, family: string): boolean {
    return this.setBy.get(family)?.question === question;
  }

  /** The group an answer to a breakdown's profile question puts its respondent in, when it is a value Quorum knows. */
  knownClass(family: string, answer: string): string | undefined {
    if (answer === "") return undefined;
    if (family === "region") return regionOf(answer);
    const known = family === "organisationType" ? ORGANISATION_TYPES : ROLE_CATEGORIES;
    return Object.hasOwn(known, answer) ? answer : undefined;
  }

  /** Which published group of a family a value stands for ("" for none, "*" for any when none is published). */
  private groupClass(family: string, x: string): string {
    if (x === "") return "";
    const groups = this.groups.get(family);
    if (!groups?.length) return "*";
    return groups[0]!.named.has(x) ? x : "\u0000other";
  }

  /**
   * The ties between a breakdown that no answer decides for everyone and its profile question, within
   * a clique: a respondent whose answer is a known value is in that value's group.
   */
  consistent(values: Values): boolean {
    for (const [family, by] of this.setBy) {
      if (by.decides) continue;
      const answer = values[by.question];
      const group = values[`@${family}`];
      if (answer === undefined || group === undefined) continue;
      const cls = this.knownClass(family, answer);
      if (cls !== undefined && this.groupClass(family, cls) !== this.groupClass(family, group)) return false;
    }
    return true;
  }

  familyValue(family: string, key: string, v: string): string {
    if (family === "region" && key === "country") return v === "" ? "" : (regionOf(v) ?? "?");
    return v;
  }

  inGroup(family: string, gi: number, key: string, v: string): boolean {
    const g = this.groups.get(family)![gi]!;
    const fv = this.familyValue(family, key, v);
    return g.other ? fv !== "" && !g.named.has(fv) : fv === g.id;
  }

  /** Does an answer count in option i of a published question (a folded "__other" is every other answer)? */
  private cellTest(q: PublishedQuestion, varName: string, i: number): (x: string) => boolean {
    const v = this.vars.get(varName)!;
    // A matrix lists no options: its cells follow the questionnaire's columns.
    const option = q.options.length ? q.options[i]!.value : v.domain.filter((d) => d !== "")[i]!;
    if (option === "__other") {
      const shown = new Set(q.options.map((o) => o.value).filter((o) => o !== "__other"));
      return (x) => x !== "" && !shown.has(x);
    }
    switch (v.kind) {
      case "multi":
        return (x) => x !== "" && x.split("|").includes(option);
      case "ranking":
        return (x) => x !== "" && x.split(">")[0] === option;
      default:
        return (x) => x === option;
    }
  }

  private readFigures() {
    const p = this.published;
    const n = p.respondents;
    if (n !== null) this.figures.push({ id: "respondents", source: "size", keys: [], weight: () => 1, lo: n, hi: n });
    for (const b of p.breakdowns) {
      if (!this.groups.has(b.family)) continue;
      for (const key of this.familyKeys(b.family))
        b.groups.forEach((g, gi) => {
          this.figures.push({
            id: `size ${b.family}=${g.id}`,
            source: "size",
            keys: [key],
            weight: (get) => (this.inGroup(b.family, gi, key, get(key)) ? 1 : 0),
            lo: g.size,
            hi: g.size,
          });
        });
    }
    for (const q of p.questions) {
      for (const item of q.items) {
        const varName = item.row ? `${q.name}.${item.row.value}` : q.name;
        const v = this.vars.get(varName);
        if (!v) continue;
        const tables: { label: string; table: Table; groupKey?: string; inGroup: (x: string) => boolean }[] = [
          { label: "all", table: item.whole, inGroup: () => true },
        ];
        for (const [family, list] of Object.entries(item.groups)) {
          if (!this.groups.has(family)) continue;
          for (const key of this.familyKeys(family))
            list.forEach((table, gi) => {
              tables.push({
                label: `${family}=${this.groups.get(family)![gi]!.id}`,
                table,
                groupKey: key,
                inGroup: (x) => this.inGroup(family, gi, key, x),
              });
            });
        }
        const source: Source = PROFILE_QUESTIONS.has(q.name) ? "profile-table" : "table";
        for (const t of tables) this.readTable(q, varName, v, t, source);
      }
    }
    // Quotes: someone whose answer to the quoted question was shown, with the signature's attributes.
    const signatures = new Map<
      string,
      { question: string | null; role: string | null; place: [string, string] | null; n: number }
    >();
    for (const quote of p.quotes ?? []) {
      const by = quote.by ?? { role: null, country: null, region: null };
      const place: [string, string] | null = by.country
        ? ["country", by.country]
        : by.region
          ? ["region", by.region]
          : null;
      // A quote shown with another question's finding comes from some free-text answer: only its signature is known.
      const question = this.quotedQuestion(quote.question);
      const id = JSON.stringify([question, by.role, place]);
      const s = signatures.get(id) ?? { question, role: by.role, place, n: 0 };
      s.n++;
      signatures.set(id, s);
    }
    for (const [id, s] of signatures) {
      const roleKey = this.familyKeys("roleCategory")[0]!;
      for (const placeKey of s.place?.[0] === "region" ? this.familyKeys("region") : s.place ? ["country"] : [null]) {
        if (placeKey === "country" && !this.hasCountry) continue;
        const keys = [
          ...(s.question ? [s.question] : []),
          ...(s.role ? [roleKey] : []),
          ...(placeKey ? [placeKey] : []),
        ];
        const question = s.question;
        this.figures.push({
          id: `quote ${id}`,
          source: "quote",
          keys,
          weight: (get) => {
            if ((question && get(question) === "") || (s.role && get(roleKey) !== s.role)) return 0;
            if (!s.place || !placeKey) return 1;
            const place =
              s.place[0] === "country" ? get(placeKey) : this.familyValue("region", placeKey, get(placeKey));
            return place === s.place[1] ? 1 : 0;
          },
          lo: s.n,
          hi: Infinity,
        });
      }
    }
  }

  /** The free-text question a quote shown under this question answers, when the reader can tell. */
  quotedQuestion(shownUnder: string): string | null {
    return this.vars.get(shownUnder)?.kind === "text" ? shownUnder : null;
  }

  private readTable(
    q: PublishedQuestion,
    varName: string,
    v: Var,
    t: { label: string; table: Table; groupKey?: string; inGroup: (x: string) => boolean },
    source: Source,
  ) {
    const keys = t.groupKey ? [varName, t.groupKey] : [varName];
    const inG = (get: (k: string) => string) => (t.groupKey ? t.inGroup(get(t.groupKey)) : true);
    const id = `${varName} [${t.label}]`;
    const base = (get: (k: string) => string) => (get(varName) !== "" && inG(get) ? 1 : 0);
    const { table } = t;
    if (table.base !== null)
      this.figures.push({ id: `${id} base`, source: "base", keys, weight: base, lo: table.base, hi: table.base });
    else this.tableQuantities.push({ id: `${id} base`, what: "withheld", keys, weight: base });
    const withheld: ((get: (k: string) => string) => boolean)[] = [];
    const cellTests: { label: string; test: (get: (k: string) => string) => boolean; cell: Cell }[] = [];
    table.cells.forEach((cell, i) => {
      const test = this.cellTest(q, varName, i);
      cellTests.push({
        label: q.options[i]?.value ?? v.domain[i] ?? String(i),
        test: (get) => test(get(varName)) && inG(get),
        cell,
      });
    });
    if (table.agree && (v.kind === "rating" || v.kind === "row")) {
      const top = v.domain.filter((d) => d !== "").slice(-2);
      cellTests.push({ label: "top two", test: (get) => top.includes(get(varName)) && inG(get), cell: table.agree });
    }
    for (const c of cellTests) {
      const cid = `${id} ${c.label}`;
      if (c.cell.count !== null) {
        this.figures.push({
          id: cid,
          source,
          keys,
          weight: (get) => (c.test(get) ? 1 : 0),
          lo: c.cell.count,
          hi: c.cell.count,
        });
        this.tableQuantities.push({ id: cid, what: "cell", keys, weight: (get) => (c.test(get) ? 1 : 0) });
      } else {
        withheld.push(c.test);
        this.tableQuantities.push({
          id: cid,
          what: "withheld",
          keys,
          weight: (get) => (c.test(get) ? 1 : 0),
          whole: base,
        });
      }
      if (c.cell.percent !== null && (c.cell.count === null || table.base === null)) {
        const tol = tolerance(c.cell.percent);
        for (const [bound, sign] of [
          [c.cell.percent + tol, -1],
          [c.cell.percent - tol, 1],
        ] as const) {
          this.figures.push({
            id: `${cid} percent`,
            source: "percent",
            keys,
            weight: (get) => sign * ((c.test(get) ? 100 : 0) - bound * base(get)),
            lo: 0,
            hi: Infinity,
          });
        }
      }
    }
    // Sums of the withheld cells of one table: all of them, and each pair.
    const sum = (tests: typeof withheld) => (get: (k: string) => string) =>
      tests.reduce((s, test) => s + (test(get) ? 1 : 0), 0);
    if (withheld.length >= 2) {
      this.tableQuantities.push({ id: `${id} withheld together`, what: "sum", keys, weight: sum(withheld) });
      for (let a = 0; a < withheld.length; a++)
        for (let b = a + 1; b < withheld.length; b++)
          if (withheld.length > 2)
            this.tableQuantities.push({
              id: `${id} withheld pair ${a}+${b}`,
              what: "sum",
              keys,
              weight: sum([withheld[a]!, withheld[b]!]),
            });
    }
    // A rating's mean: Σ point × count = base × mean, within its rounding.
    if (typeof table.mean === "number" && v.kind === "rating") {
      const m = table.mean;
      const tol = tolerance(m);
      for (const [bound, sign] of [
        [m + tol, -1],
        [m - tol, 1],
      ] as const)
        this.figures.push({
          id: `${id} mean`,
          source: "mean",
          keys,
          weight: (get) => (base(get) ? sign * (Number(get(varName)) - bound) : 0),
          lo: 0,
          hi: Infinity,
        });
    }
    // A ranking's average positions: Σ position × count = base × average, positions 1..n.
    if (table.ranks && v.kind === "ranking") {
      table.ranks.forEach((m, i) => {
        if (m === null) return;
        const item = q.options[i]!.value;
        const tol = tolerance(m);
        for (const [bound, sign] of [
          [m + tol, -1],
          [m - tol, 1],
        ] as const)
          this.figures.push({
            id: `${id} average position of ${item}`,
            source: "rank",
            keys,
            weight: (get) => (base(get) ? sign * (get(varName).split(">").indexOf(item) + 1 - bound) : 0),
            lo: 0,
            hi: Infinity,
          });
      });
    }
  }

  /** Every figure expressible over these variables. */
  figuresFor(vars: Set<string>): Figure[] {
    return this.figures.filter((f) => f.keys.every((k) => vars.has(k)));
  }

  quantitiesFor(vars: Set<string>): Quantity[] {
    return this.tableQuantities.filter((q) => q.keys.every((k) => vars.has(k)));
  }

  /** The cliques: each question with the questions its condition reads and one breakdown; the country; each quote. */
  cliques(): string[][] {
    const out = new Map<string, string[]>();
    const add = (vars: string[]) => {
      const set = [...new Set(vars)].sort();
      if (set.includes("country") && this.setBy.get("region")?.decides) {
        const i = set.indexOf("@region");
        if (i >= 0) set.splice(i, 1);
      }
      out.set(set.join(","), set);
    };
    const readsOf = (name: string, seen = new Set<string>()): string[] => {
      const v = this.vars.get(name);
      if (!v || seen.has(name)) return [];
      seen.add(name);
      return v.reads.flatMap((r) => [r, ...(this.vars.get(r)?.visibleIf ? readsOf(r, seen) : [])]);
    };
    const rowVars = (name: string) =>
      this.vars.has(name) ? [name] : [...this.vars.keys()].filter((k) => k.startsWith(`${name}.`));
    const condVars = (name: string) => readsOf(name).flatMap(rowVars);
    for (const v of this.vars.values()) {
      if (v.kind === "family" || v.kind === "text") continue;
      const shown = this.published.questions.some((q) => q.name === v.question);
      if (!shown) continue;
      if (v.name === "country") {
        add(["country"]);
        continue;
      }
      for (const f of FAMILIES) add([v.name, ...condVars(v.name), this.familyKeys(f)[0]!]);
    }
    for (const quote of this.published.quotes ?? []) {
      const question = this.quotedQuestion(quote.question);
      const keys = question ? [question, ...condVars(question)] : [];
      if (quote.by?.role) keys.push(this.familyKeys("roleCategory")[0]!);
      if (quote.by?.country && this.hasCountry) keys.push("country");
      if (quote.by?.region) keys.push("@region");
      add(keys);
    }
    return [...out.values()];
  }

  /** A respondent's values, from their answers and the breakdowns they were counted under. */
  valuesOf(data: Record<string, unknown>, profile: Record<string, string | null>): Values {
    const out: Values = {};
    for (const v of this.vars.values()) {
      if (v.kind === "family") {
        const x = profile[v.question] ?? "";
        // A value no group names is one of the values merged into "other": any of them will do.
        const named = this.groups.get(v.question)?.[0]?.named;
        const rest = v.domain.find((d) => d !== "" && !named?.has(d)) ?? v.domain[v.domain.length - 1]!;
        out[v.name] = x === "" || v.domain.includes(x) ? x : rest;
        continue;
      }
      const raw =
        v.kind === "row" ? (data[v.question] as Record<string, unknown> | undefined)?.[v.row!] : data[v.question];
      if (raw === undefined || raw === null || raw === "" || (Array.isArray(raw) && raw.length === 0)) {
        out[v.name] = "";
        continue;
      }
      switch (v.kind) {
        case "multi":
          out[v.name] = v.items!.filter((i) => (raw as unknown[]).map(String).includes(i)).join("|");
          break;
        case "ranking":
          out[v.name] = (raw as unknown[]).map(String).join(">");
          break;
        case "text":
          out[v.name] = String(raw).trim() ? "text" : "";
          break;
        default:
          out[v.name] = String(raw);
      }
      // An answer the reader cannot name (an "Other" stored as typed) is the question's "other".
      if (!v.domain.includes(out[v.name]!) && v.domain.includes("other")) out[v.name] = "other";
    }
    return out;
  }

  /** The answers a condition sees, from a clique's values. */
  surveyValues(values: Values): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, x] of Object.entries(values)) {
      const v = this.vars.get(name);
      if (!v || x === "") continue;
      switch (v.kind) {
        case "multi":
          out[name] = x.split("|");
          break;
        case "ranking":
          out[name] = x.split(">");
          break;
        case "rating":
          out[name] = Number.isNaN(Number(x)) ? x : Number(x);
          break;
        case "boolean":
          out[name] = x === "true";
          break;
        case "row":
          out[v.question] = { ...((out[v.question] as object) ?? {}), [v.row!]: x };
          break;
        case "text":
          out[name] = "some text";
          break;
        default:
          out[name] = x;
      }
    }
    return out;
  }
}
