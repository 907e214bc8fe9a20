// The demo report's findings, written from its own published figures: every figure is a reference
// (the page fills in the published number, or "withheld"), and every claim of order ("leads",
// "most often") is made only when the published figures prove it, so the findings are true by
// construction whatever the synthetic answers turn out to be. In English, Spanish and French, the
// languages the demo questionnaire is complete in.

interface Cell {
  count: number | null;
  percent: number | null;
}
interface Table {
  base: number | null;
  cells: Cell[];
  agree?: Cell;
}
/** The parts of the published figures the findings read (structurally the results' figures). */
export interface DemoFigures {
  breakdowns: { family: string; groups: { id: string; other: boolean }[] }[];
  questions: {
    name: string;
    options: { value: string }[];
    items: { row: { value: string } | null; whole: Table; groups: Record<string, Table[]> }[];
  }[];
}

type Language = "en" | "es" | "fr";
const LANGUAGES: Language[] = ["en", "es", "fr"];

const SENTENCES: Record<Language, Record<string, string>> = {
  en: {
    synthetic:
      "**These answers are synthetic**: invented for Quorum's demo, drawn to read like a real survey of higher education leaders.",
    offer: "{{offerToday=yes}} of the leaders say their institution already offers for-credit micro-credentials",
    offerTop: ", the most in {{@region=$r}} ({{offerToday=yes @region=$r}})",
    plans: "{{plans5y=integrate+expand}} plan to integrate or expand them within five years",
    reasonTop: "“{{reasons.$a label}}” is the reason most agree with ({{reasons.$a=top2}})",
    enrol: "{{enrolmentEffect=much-more+somewhat-more}} expect students to be more likely to enrol",
    offerToday: "**{{offerToday=yes}} already offer them**",
    offerTodayTop: ", most of all in {{@region=$r}} ({{offerToday=yes @region=$r}})",
    plans5y:
      "**{{plans5y=integrate+expand}} plan to integrate or expand** for-credit micro-credentials within five years.",
    reasonsLead:
      "**“{{reasons.$a label}}” leads the reasons**: {{reasons.$a=top2}} agree, ahead of “{{reasons.$b label}}” ({{reasons.$b=top2}}).",
    reasonsShare: "**{{reasons.$a=top2}} agree that “{{reasons.$a label}}”** is a reason to offer them.",
    barriersTop:
      "**“{{barriers=$a label}}” and “{{barriers=$b label}}”** are the barriers named most often ({{barriers=$a}} and {{barriers=$b}}).",
    barriersShare: "**{{barriers=$a}} name “{{barriers=$a label}}”** as a barrier.",
    jobReadySkills:
      "**{{jobReadySkills=top2}} agree** that micro-credentials help students build the skills employers ask for.",
    enrolmentEffect:
      "**{{enrolmentEffect=much-more+somewhat-more}} say students are more likely to enrol** in a degree that includes them.",
    careerTopThree:
      "Where they are not offered, **{{careerTopThree=true}} count students' career prospects among their top three considerations**.",
  },
  es: {
    synthetic:
      "**Estas respuestas son sintéticas**: inventadas para la demostración de Quorum, generadas para parecerse a una encuesta real a líderes de la educación superior.",
    offer: "El {{offerToday=yes}} de los líderes dice que su institución ya ofrece microcredenciales con créditos",
    offerTop: ", sobre todo en {{@region=$r}} ({{offerToday=yes @region=$r}})",
    plans: "el {{plans5y=integrate+expand}} planea integrarlas o ampliarlas en los próximos cinco años",
    reasonTop: "«{{reasons.$a label}}» es el motivo con más acuerdo ({{reasons.$a=top2}})",
    enrol:
      "el {{enrolmentEffect=much-more+somewhat-more}} cree que el estudiantado se matriculará con más probabilidad",
    offerToday: "**El {{offerToday=yes}} ya las ofrece**",
    offerTodayTop: ", sobre todo en {{@region=$r}} ({{offerToday=yes @region=$r}})",
    plans5y:
      "**El {{plans5y=integrate+expand}} planea integrar o ampliar** las microcredenciales con créditos en cinco años.",
    reasonsLead:
      "**«{{reasons.$a label}}» encabeza los motivos**: el {{reasons.$a=top2}} está de acuerdo, por delante de «{{reasons.$b label}}» ({{reasons.$b=top2}}).",
    reasonsShare: "**El {{reasons.$a=top2}} está de acuerdo con «{{reasons.$a label}}»** como motivo para ofrecerlas.",
    barriersTop:
      "**«{{barriers=$a label}}» y «{{barriers=$b label}}»** son los obstáculos más citados ({{barriers=$a}} y {{barriers=$b}}).",
    barriersShare: "**El {{barriers=$a}} cita «{{barriers=$a label}}»** como obstáculo.",
    jobReadySkills:
      "**El {{jobReadySkills=top2}} está de acuerdo** en que las microcredenciales ayudan a desarrollar las competencias que piden los empleadores.",
    enrolmentEffect:
      "**El {{enrolmentEffect=much-more+somewhat-more}} cree que es más probable que el estudiantado se matricule** en un título que las incluya.",
    careerTopThree:
      "Donde no se ofrecen, **el {{careerTopThree=true}} sitúa las perspectivas profesionales del estudiantado entre sus tres prioridades**.",
  },
  fr: {
    synthetic:
      "**Ces réponses sont synthétiques** : inventées pour la démonstration de Quorum, tirées pour ressembler à une vraie enquête auprès de dirigeants de l’enseignement supérieur.",
    offer:
      "{{offerToday=yes}} des dirigeants disent que leur établissement propose déjà des micro-certifications créditées",
    offerTop: ", surtout en {{@region=$r}} ({{offerToday=yes @region=$r}})",
    plans: "{{plans5y=integrate+expand}} prévoient de les intégrer ou de les développer d’ici cinq ans",
    reasonTop: "« {{reasons.$a label}} » est la raison qui recueille le plus d’accord ({{reasons.$a=top2}})",
    enrol: "{{enrolmentEffect=much-more+somewhat-more}} pensent que les étudiants s’inscriront plus volontiers",
    offerToday: "**{{offerToday=yes}} les proposent déjà**",
    offerTodayTop: ", surtout en {{@region=$r}} ({{offerToday=yes @region=$r}})",
    plans5y:
      "**{{plans5y=integrate+expand}} prévoient d’intégrer ou de développer** les micro-certifications créditées d’ici cinq ans.",
    reasonsLead:
      "**« {{reasons.$a label}} » arrive en tête des raisons** : {{reasons.$a=top2}} sont d’accord, devant « {{reasons.$b label}} » ({{reasons.$b=top2}}).",
    reasonsShare: "**{{reasons.$a=top2}} sont d’accord avec « {{reasons.$a label}} »** comme raison de les proposer.",
    barriersTop:
      "**« {{barriers=$a label}} » et « {{barriers=$b label}} »** sont les obstacles les plus cités ({{barriers=$a}} et {{barriers=$b}}).",
    barriersShare: "**{{barriers=$a}} citent « {{barriers=$a label}} »** comme obstacle.",
    jobReadySkills:
      "**{{jobReadySkills=top2}} sont d’accord** : les micro-certifications aident les étudiants à acquérir les compétences que demandent les employeurs.",
    enrolmentEffect:
      "**{{enrolmentEffect=much-more+somewhat-more}} pensent que les étudiants s’inscriront plus volontiers** à un diplôme qui en comprend.",
    careerTopThree:
      "Là où elles ne sont pas proposées, **{{careerTopThree=true}} placent les perspectives professionnelles des étudiants parmi leurs trois priorités**.",
  },
};

/** A share as readers see it: the whole percentage the page shows (null when withheld). */
const share = (c: Cell | undefined) => (c?.percent === null || c?.percent === undefined ? null : Math.round(c.percent));

/**
 * The one entry that is ahead of all the others as the page shows them: every value shown, the
 * first strictly above the second once rounded. Returns the top two keys (the second may be null).
 */
function ahead<T>(entries: { key: T; value: number | null }[]): { first: T; second: T | null } | null {
  if (!entries.length || entries.some((e) => e.value === null)) return null;
  const sorted = [...entries].sort((a, b) => (b.value as number) - (a.value as number));
  if (sorted.length > 1 && sorted[0]!.value === sorted[1]!.value) return null;
  return { first: sorted[0]!.key, second: sorted[1]?.key ?? null };
}

/** The demo's findings from its figures: key findings and one headline per question, in each language. */
export function demoFindings(figures: DemoFigures): Record<string, string> {
  const q = (name: string) => figures.questions.find((x) => x.name === name);
  const fill = (s: string, v: Record<string, string>) => s.replace(/\$([a-z])/g, (_, k: string) => v[k] ?? "");

  // Where offering is most common: a region whose share is above every other shown region's.
  const offer = q("offerToday");
  const yes = offer?.options.findIndex((o) => o.value === "yes") ?? -1;
  const regions = figures.breakdowns.find((b) => b.family === "region");
  const regionShares = (regions?.groups ?? [])
    .map((g, i) => ({ key: g.id, other: g.other, value: share(offer?.items[0]?.groups.region?.[i]?.cells[yes]) }))
    .filter((g) => !g.other);
  const topRegion = yes >= 0 && regionShares.length > 1 ? ahead(regionShares)?.first : undefined;

  // The reasons, by how many agree.
  const reasons = q("reasons");
  const reasonOrder = reasons
    ? ahead(reasons.items.map((it) => ({ key: it.row?.value ?? "", value: share(it.whole.agree) })))
    : null;

  // The barriers named most often (not "none", not "other"): the top two ahead of the rest.
  const barriers = q("barriers");
  const named = (barriers?.options ?? [])
    .map((o, i) => ({ key: o.value, value: share(barriers!.items[0]!.whole.cells[i]) }))
    .filter((o) => !["none", "other"].includes(o.key));
  const byCount = named.every((o) => o.value !== null)
    ? [...named].sort((a, b) => (b.value as number) - (a.value as number))
    : null;
  const topTwo =
    byCount &&
    byCount.length >= 3 &&
    byCount[1]!.value! > byCount[2]!.value! &&
    byCount[0]!.value! >= byCount[1]!.value!
      ? [byCount[0]!.key, byCount[1]!.key]
      : null;

  const out: Record<string, string> = {};
  for (const language of LANGUAGES) {
    const t = SENTENCES[language];
    const at = (key: string) => (language === "en" ? key : `${key}@${language}`);
    const offerLine = `${t.offer}${topRegion ? fill(t.offerTop!, { r: topRegion }) : ""}`;
    const bullets = [
      offer ? offerLine : null,
      q("plans5y") ? t.plans : null,
      reasonOrder ? fill(t.reasonTop!, { a: reasonOrder.first }) : null,
      q("enrolmentEffect") ? t.enrol : null,
    ].filter(Boolean);
    const sentence = (b: string) => b.charAt(0).toLocaleUpperCase(language) + b.slice(1);
    out[at("keyFindings")] = `${t.synthetic}\n\n${bullets.map((b) => `- ${sentence(b as string)}.`).join("\n")}`;
    if (offer) out[at("offerToday")] = `${t.offerToday}${topRegion ? fill(t.offerTodayTop!, { r: topRegion }) : ""}.`;
    if (q("plans5y")) out[at("plans5y")] = t.plans5y!;
    if (reasonOrder)
      out[at("reasons")] = reasonOrder.second
        ? fill(t.reasonsLead!, { a: reasonOrder.first, b: reasonOrder.second })
        : fill(t.reasonsShare!, { a: reasonOrder.first });
    if (barriers && topTwo) out[at("barriers")] = fill(t.barriersTop!, { a: topTwo[0]!, b: topTwo[1]! });
    else if (barriers && byCount) out[at("barriers")] = fill(t.barriersShare!, { a: byCount[0]!.key });
    if (q("jobReadySkills")) out[at("jobReadySkills")] = t.jobReadySkills!;
    if (q("enrolmentEffect")) out[at("enrolmentEffect")] = t.enrolmentEffect!;
    if (q("careerTopThree")) out[at("careerTopThree")] = t.careerTopThree!;
  }
  return out;
}
