import { catalogue } from "~/i18n";
import { fill } from "~/lib/format";
import { renderMarkdown } from "~/lib/email";
import { profileQuestions } from "~/lib/survey";
import { fillReferences } from "./findings";
import { formatFor } from "./format";
import { presentationOf } from "./presentation";
import { chosenBreakdown, comparableBreakdowns, inLanguage, ownChoices } from "./published-view";
import { commentaryFor, reportLanguage } from "./report-language.server";
import { groupName, questionSection, regionList, type QuoteView, type ViewContext } from "./report-view";
import type { PublishedQuote, Snapshot } from "./snapshot";
import { standingFacts, standingSentence } from "./standing";
import { trendView } from "./trend-view";

/**
 * What the published page shows one reader, ready to render: the snapshot in the reader's language
 * (asked for with ?lang=, else the browser's), the headline figures and the team's key findings
 * first, where a signed-in respondent stands, each question with its finding and the breakdown chosen
 * with ?by=, then who answered, then the methodology. Every number is written for the language and
 * every finding's references are filled in with the published figures.
 */
export async function reportPage(input: {
  definition: object;
  publication: { snapshot: Snapshot; commentary: Record<string, string> };
  /** The respondent's own answers when they read signed in as themselves; else null. */
  answers: Record<string, unknown> | null;
  asked: { lang: string | null; by: string | null };
  browser: readonly string[];
  panelName: string | null;
  /** The panel's logo address, when it has one. */
  panelLogo?: string | null;
  preview: boolean;
}) {
  const lang = reportLanguage(input.definition, input.asked.lang, input.browser);
  const { language, text, profile } = lang;
  const format = formatFor(language);
  const original = input.publication.snapshot;
  const s = language === lang.primary ? original : inLanguage(original, lang.labels);
  const breakdown = chosenBreakdown(s, input.asked.by);
  const mine = ownChoices(s, input.answers);
  const hidden = fill(text.hidden, { k: s.minGroupSize });
  const commentary = commentaryFor(input.publication.commentary, language, lang.primary);
  const base: Omit<ViewContext, "findings"> = {
    figures: s,
    text,
    profile,
    format,
    presentation: presentationOf(input.definition),
    mine,
    breakdown: breakdown?.family ?? null,
  };
  const findings: Record<string, string> = {};
  const findingLang: Record<string, string> = {};
  for (const [key, c] of Object.entries(commentary)) {
    // A finding's figures are written in the finding's language (English in an English finding on a Spanish page).
    const own =
      c.lang === language
        ? { text, profile, format }
        : { ...(({ results, profile }) => ({ text: results, profile }))(catalogue(c.lang)), format: formatFor(c.lang) };
    findings[key] = renderMarkdown(
      fillReferences(c.markdown, s, {
        percent: own.format.percent,
        count: own.format.count,
        withheld: own.text.withheld,
        group: (family, id) => groupName({ ...base, text: own.text, profile: own.profile }, family, id),
        unknown: own.text.withheld,
      }),
    );
    findingLang[key] = c.lang;
  }
  const ctx: ViewContext = { ...base, findings };

  // The title: the team's for this language, else the questionnaire's in it when the wave kept the questionnaire's.
  const title =
    commentary.title?.lang === language
      ? commentary.title.markdown
      : original.title === lang.primaryLabels.survey
        ? lang.labels.survey
        : original.title;
  const quoteView = (q: PublishedQuote): QuoteView => ({
    text: fill(text.quoted, { text: q.text }),
    attribution: attribution(q),
  });
  const attribution = (q: PublishedQuote) => {
    if (!q.by) return q.attribution;
    const who = q.by.role ? ((profile.roles as Record<string, string>)[q.by.role] ?? text.respondent) : text.respondent;
    const place = q.by.country
      ? (new Intl.DisplayNames([language], { type: "region", fallback: "code" }).of(q.by.country) ?? q.by.country)
      : q.by.region
        ? groupName(base, "region", q.by.region)
        : null;
    return place ? fill(text.attribution, { who, place }) : fill(text.attributionAlone, { who });
  };

  const aboutPeople = new Set([
    ...profileQuestions(input.definition as Record<string, unknown>).map((p) => p.key),
    ...s.questions.filter((q) => q.identifying).map((q) => q.name),
  ]);
  const quotesOf = (name: string) => (s.quotes ?? []).filter((x) => x.question === name).map(quoteView);
  const shown = new Set(s.questions.map((q) => q.name));

  // Organisations and countries are counted from what respondents and their profiles name: 0 means none
  // was named, not that the leaders come from no organisation ("29 leaders answered · 0 organisations").
  const figures = [
    { value: s.respondents, forms: text.figureRespondents, zero: true },
    { value: s.organisations, forms: text.figureOrganisations, zero: false },
    { value: s.countries, forms: text.figureCountries, zero: false },
  ].flatMap((f) =>
    f.value === null || f.value === undefined || (f.value === 0 && !f.zero)
      ? []
      : [{ value: format.count(f.value), label: format.plural(f.forms, f.value) }],
  );

  return {
    language,
    dir: lang.dir,
    skipLink: text.skipLink,
    meta: {
      title: title,
      description:
        s.respondents !== null
          ? fill(text.description, {
              title,
              respondents: format.count(s.respondents),
              who: format.plural(text.figureRespondents, s.respondents),
            })
          : title,
    },
    brand: input.panelName ? fill(text.brand, { panel: input.panelName }) : "Quorum",
    panelLogo: input.panelLogo ?? null,
    title,
    titleLang:
      commentary.title?.lang === language || original.title === lang.primaryLabels.survey ? language : lang.primary,
    preview: input.preview ? text.preview : null,
    readIn: {
      label: text.readIn,
      languages: lang.languages.map((l) => ({ ...l, current: l.code === language })),
    },
    suppressed: s.suppressed ? fill(text.suppressed, { k: s.minGroupSize }) : null,
    headline: {
      label: text.figuresLabel,
      figures,
      keyFindings: findings.keyFindings ?? null,
      keyFindingsLang: findingLang.keyFindings ?? language,
      heading: text.keyFindings,
    },
    findingLang,
    words: {
      you: text.yourAnswer,
      higher: text.higher,
      lower: text.lower,
      trend: { answer: text.answer, withheld: hidden, up: text.trendUp, down: text.trendDown },
    },
    series: s.series
      ? { label: fill(text.seriesLink, { name: s.series.name }), href: `/results/series/${s.series.slug}` }
      : null,
    standing: {
      heading: text.you,
      items: standingFacts(s, mine).map((f) => ({
        question: f.question,
        title: f.title,
        sentence: standingSentence(f, text, format),
      })),
    },
    picker: {
      label: text.compareBy,
      show: text.show,
      options: comparableBreakdowns(s).map((b) => ({
        value: b.family,
        label: (text.family as Record<string, string>)[b.family] ?? b.family,
      })),
      keepLang: language !== lang.languages[0]?.code ? language : null,
    },
    sections: s.suppressed
      ? []
      : s.questions
          .filter((q) => !aboutPeople.has(q.name))
          .map((q) => ({
            ...questionSection(ctx, q, quotesOf(q.name), true),
            trend: s.series ? trendView(ctx, s.series, q) : null,
          })),
    looseQuotes: {
      heading: text.inTheirWords,
      quotes: (s.quotes ?? []).filter((x) => !shown.has(x.question)).map(quoteView),
    },
    people: {
      heading: text.whoAnswered,
      regions: s.suppressed ? null : regionList(ctx),
      sections: s.suppressed
        ? []
        : s.questions
            .filter((q) => aboutPeople.has(q.name))
            .map((q) => questionSection(ctx, q, quotesOf(q.name), false)),
    },
    methodology: {
      heading: text.methodology,
      paragraphs: [
        `${fill(text.fieldwork, {
          from: lang.date(s.fieldwork.opensAt),
          to: s.fieldwork.closesAt ? fill(text.fieldworkTo, { date: lang.date(s.fieldwork.closesAt) }) : "",
          published: lang.date(s.publishedAt),
        })}${s.respondents !== null ? format.plural(text.completed, s.respondents) : ""} ${text.percentages}`,
        fill(text.protection, { k: s.minGroupSize, km1: s.minGroupSize - 1, hidden }),
        ...(s.unpublished?.length
          ? [
              format.plural(text.notPublished, s.unpublished.length, {
                titles: s.unpublished.map((u) => `“${lang.labels.titles[u.name] ?? u.title}”`).join(", "),
              }),
            ]
          : []),
        ...(s.notSummarised?.length
          ? [
              format.plural(text.notSummarised, s.notSummarised.length, {
                titles: s.notSummarised.map((u) => `“${lang.labels.titles[u.name] ?? u.title}”`).join(", "),
              }),
            ]
          : []),
        text.significance,
        ...(s.series?.questions.length ? [fill(text.trendMethod, { k: s.minGroupSize })] : []),
      ],
      csv: input.preview ? null : { label: text.csv, href: `/results/${s.wave}.csv` },
    },
    breakdown: breakdown?.family ?? null,
    breakdowns: comparableBreakdowns(s).map((b) => b.family),
    mine,
    signedIn: input.answers !== null,
    isPreview: input.preview,
  };
}
