import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Bars } from "~/components/Bars";
import { ComparisonTable } from "~/components/ComparisonTable";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { draftSnapshot } from "~/flows/publish.server";
import { readablePublication, resultsReader, type Reader } from "~/http/results-access.server";
import { longDate } from "~/lib/dates";
import { renderMarkdown } from "~/lib/markdown";
import { getPanelById } from "~/models/panel.server";
import { getWaveBySlug } from "~/models/wave.server";
import type { QuestionFigures, TableFigures } from "~/results/figures";
import { hiddenLabel } from "~/results/published-csv";
import { chosenBreakdown, comparableBreakdowns, FAMILY_LABELS, groupLabel, longListRest, optionOrder, ownChoices, standing } from "~/results/published-view";
import type { Snapshot } from "~/results/snapshot";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Results · Quorum" }];
  const s = data.snapshot;
  const description = s.respondents ? `${s.respondents} leaders shared their views${s.countries ? ` from ${s.countries} countries` : ""}. Results of ${s.title}.` : `Results of ${s.title}.`;
  return [
    { title: `${s.title}: results · Quorum` },
    { name: "description", content: description },
    { property: "og:title", content: `${s.title}: results` },
    { property: "og:description", content: description },
    { property: "og:type", content: "article" },
  ];
};

export async function loader({ params, request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // An admin previews exactly what publishing now would show, before anything is published.
  if (url.searchParams.get("preview") === "1") {
    const wave = params.waveSlug ? await getWaveBySlug(params.waveSlug) : undefined;
    if (wave && (await resultsReader(request, wave)).kind === "admin") {
      const panel = await getPanelById(wave.panelId);
      return view(url, { snapshot: (await draftSnapshot(wave)).snapshot, commentary: {} }, { kind: "admin" }, true, panel?.name ?? null);
    }
  }
  const { wave, publication, reader } = await readablePublication(request, params.waveSlug);
  const panel = await getPanelById(wave.panelId);
  return view(url, publication, reader, false, panel?.name ?? null);
}

function view(url: URL, publication: { snapshot: Snapshot; commentary: Record<string, string> }, reader: Reader, preview: boolean, panelName: string | null) {
  const s = publication.snapshot;
  const breakdown = chosenBreakdown(s, url.searchParams.get("by"));
  const mine = ownChoices(s, reader.kind === "respondent" ? reader.answers : null);
  return {
    snapshot: s,
    panelName,
    // The panel team's Markdown, rendered here to HTML that can carry nothing but text, emphasis, lists and safe links.
    commentary: Object.fromEntries(Object.entries(publication.commentary).map(([k, v]) => [k, renderMarkdown(v)])),
    standing: standing(s, mine),
    breakdown: breakdown?.family ?? null,
    breakdowns: comparableBreakdowns(s).map((b) => b.family),
    mine,
    signedIn: reader.kind === "respondent",
    preview,
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function Question({ q, data }: { q: QuestionFigures; data: Data }) {
  const { snapshot: s, commentary, breakdown, mine } = data;
  const hidden = hiddenLabel(s.minGroupSize);
  const family = breakdown ? s.breakdowns.find((b) => b.family === breakdown) : undefined;
  const rest = longListRest(q);
  // A long list shows what is shown, ranked, and the rest on one line together.
  const order = optionOrder(q).filter((i) => !rest || q.items[0]?.whole.cells[i]?.count !== null);
  const columns = (item: QuestionFigures["items"][number]) => [
    { label: "All respondents", table: item.whole },
    ...(family && !q.identifying ? family.groups.map((g, i) => ({ label: groupLabel(family.family, g.id, s), table: item.groups[family.family]?.[i] })) : []),
  ];
  const quotes = (s.quotes ?? []).filter((x) => x.question === q.name);
  const answered = q.items[0]?.whole.base;
  const head = (t: TableFigures) => `n = ${t.base === null ? hidden : t.base.toLocaleString("en")}${t.mean !== undefined && t.mean !== null ? ` · mean ${t.mean}` : ""}`;
  return (
    <section className="result" aria-labelledby={`q-${q.name}`}>
      {commentary[q.name] ? <div className="finding" dangerouslySetInnerHTML={{ __html: commentary[q.name] as string }} /> : null}
      <h2 id={`q-${q.name}`} className={commentary[q.name] ? "question-under-finding" : undefined}>
        {q.title}
      </h2>
      {answered === null || answered === undefined ? (
        <p>Fewer than {s.minGroupSize} people answered this question, so it is not shown.</p>
      ) : answered === 0 ? (
        <p>Nobody answered this question.</p>
      ) : q.kind === "matrix" ? (
        <>
          <p className="hint">Agree or strongly agree, of those who answered each statement</p>
          <Bars label={`${q.title}: agree or strongly agree`} hidden={hidden} bars={q.items.map((it) => ({ label: it.row?.label ?? "", percent: it.whole.agree?.percent ?? null }))} />
          {family ? (
            <ComparisonTable
              caption={`Agree or strongly agree, by ${FAMILY_LABELS[family.family]?.name.toLowerCase() ?? "group"}`}
              hidden={hidden}
              answers={q.items.map((it, i) => ({ label: it.row?.label ?? "", index: i }))}
              columns={columns(q.items[0]!).map((c, ci) => ({ label: c.label, table: { base: c.table?.base ?? null, cells: q.items.map((it) => (ci === 0 ? it.whole : it.groups[family.family]?.[ci - 1])?.agree ?? { count: null, percent: null }) } }))}
            />
          ) : null}
        </>
      ) : (
        q.items.map((item, ii) => (
          <div key={ii}>
            <p className="hint">{head(item.whole)}</p>
            <Bars
              label={q.title}
              hidden={hidden}
              bars={[
                ...order.map((i) => ({ label: q.options[i]!.label, percent: item.whole.cells[i]?.percent ?? null, mine: mine[q.name]?.includes(q.options[i]!.value) })),
                ...(rest ? [{ label: `${rest.options} other answers together`, percent: rest.percent }] : []),
              ]}
            />
            {item.whole.ranks ? (
              <p className="hint">
                Average position (1 = first):{" "}
                {q.options.map((o, i) => `${o.label} ${item.whole.ranks?.[i] ?? hidden}`).join("; ")}
              </p>
            ) : null}
            {item.whole.agree ? <p className="hint">Top two points together: {item.whole.agree.percent === null ? hidden : `${Math.round(item.whole.agree.percent)}%`}</p> : null}
            {family && !q.identifying ? (
              <ComparisonTable
                caption={`${q.title}, by ${FAMILY_LABELS[family.family]?.name.toLowerCase() ?? "group"}`}
                hidden={hidden}
                answers={order.map((i) => ({ label: q.options[i]!.label, index: i }))}
                columns={columns(item)}
                extra={q.kind === "rating" ? { label: "Mean", cell: (t) => (t.mean === null || t.mean === undefined ? null : String(t.mean)) } : undefined}
              />
            ) : null}
          </div>
        ))
      )}
      {quotes.map((quote, i) => (
        <figure key={i} className="quote">
          <blockquote>
            <p>“{quote.text}”</p>
          </blockquote>
          <figcaption>{quote.attribution}</figcaption>
        </figure>
      ))}
    </section>
  );
}

export default function Results() {
  const data = useLoaderData<typeof loader>();
  const { snapshot: s, commentary, preview, breakdowns, breakdown } = data;
  const hidden = hiddenLabel(s.minGroupSize);
  const regions = s.breakdowns.find((b) => b.family === "region");
  const shownRegions = regions?.groups.filter((g) => !g.other) ?? [];
  const otherRegions = regions?.groups.find((g) => g.other);
  const quoted = new Set(s.questions.map((q) => q.name));
  const looseQuotes = (s.quotes ?? []).filter((x) => !quoted.has(x.question));
  return (
    <main id="main" className="page results">
      <p className="brand">{data.panelName ? `${data.panelName} · results` : "Quorum · published results"}</p>
      {preview ? <p className="notice" role="note">Preview: this is what readers would see if you published now. Nothing is published yet.</p> : null}
      <h1>{s.title}</h1>
      {s.suppressed ? (
        <p>Fewer than {s.minGroupSize} people answered, so no results are shown: publishing them could identify someone.</p>
      ) : (
        <>
          <section className="headline" aria-label="Headline figures">
            <p className="lede">
              <strong>{s.respondents?.toLocaleString("en")}</strong> leaders from <strong>{s.organisations?.toLocaleString("en")}</strong> organisations in <strong>{s.countries}</strong> countries shared their views
              {shownRegions.length ? `: ${shownRegions.map((g) => `${Math.round(g.percent)}% ${g.id}`).join(", ")}${otherRegions ? `; other regions together ${Math.round(otherRegions.percent)}%` : ""}.` : "."}
            </p>
            {commentary.keyFindings ? <div className="key-findings" dangerouslySetInnerHTML={{ __html: commentary.keyFindings }} /> : null}
          </section>
          {data.standing.length ? (
            <section aria-labelledby="standing" className="standing">
              <h2 id="standing">You and the panel</h2>
              <ul>
                {data.standing.map((st) => (
                  <li key={st.question}>
                    <a href={`#q-${st.question}`}>{st.title}</a>: you answered {st.answers.map((a) => `“${a.label}”`).join(", ")}, as did{" "}
                    {st.answers.map((a) => (a.percent === null ? hidden : `${Math.round(a.percent)}%`)).join(", ")} of respondents
                    {st.answers.length === 1 && st.answers[0]?.rank === 1 ? " — the most common answer" : ""}.
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {regions ? (
            <section aria-labelledby="region-mix">
              <h2 id="region-mix">Who answered</h2>
              <Bars label="Respondents by region" hidden={hidden} bars={regions.groups.map((g) => ({ label: groupLabel("region", g.id), percent: g.percent }))} />
            </section>
          ) : null}
          {breakdowns.length ? (
            <Form method="get" className="segment-picker inline-form form" aria-label="Compare groups with everyone">
              {preview ? <input type="hidden" name="preview" value="1" /> : null}
              <div className="field">
                <label htmlFor="by">Compare groups by</label>
                <select id="by" name="by" defaultValue={breakdown ?? undefined}>
                  {breakdowns.map((f) => (
                    <option key={f} value={f}>
                      {FAMILY_LABELS[f]?.name ?? f}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button">
                Show
              </button>
            </Form>
          ) : null}
          {s.questions.map((q) => (
            <Question key={q.name} q={q} data={data} />
          ))}
          {looseQuotes.length ? (
            <section className="result quotes" aria-labelledby="quotes">
              <h2 id="quotes">In their words</h2>
              {looseQuotes.map((quote, i) => (
                <figure key={i} className="quote">
                  <blockquote>
                    <p>“{quote.text}”</p>
                  </blockquote>
                  <figcaption>{quote.attribution}</figcaption>
                </figure>
              ))}
            </section>
          ) : null}
        </>
      )}
      <section aria-labelledby="methodology" className="methodology">
        <h2 id="methodology">Methodology</h2>
        <p>
          Fieldwork {longDate(s.fieldwork.opensAt)}
          {s.fieldwork.closesAt ? ` to ${longDate(s.fieldwork.closesAt)}` : ""}; published {longDate(s.publishedAt)}.
          {s.respondents !== null ? ` ${s.respondents} completed responses.` : ""} Percentages are of the respondents who answered each question (n),
          rounded to whole numbers; for multiple-choice questions they can add up to more than 100%.
        </p>
        <p>
          No figure here describes fewer than {s.minGroupSize} people, and none can be worked out from the others or from an earlier publication of
          these results. Groups smaller than that are shown only together (&ldquo;other … together&rdquo;); a figure of 1 to {s.minGroupSize - 1} people,
          or one where every member of a group gave the same answer, reads &ldquo;{hidden}&rdquo;, and so do the figures withheld so that it cannot be
          worked out by subtraction. Only people who answered through a personal invitation count towards the {s.minGroupSize}. Written answers are
          never published except quotes approved by the panel team, signed only with what describes at least {s.minGroupSize} respondents.
        </p>
        <p>
          In the tables comparing groups, ▲ or ▼ marks a group whose share differs from that of everyone else who answered by more than chance
          would explain: a two-proportion z-test at the 95% level (two-sided), on the counts shown, made only where each side has at least five
          expected answers both ways. With many comparisons, about one in twenty marks can appear by chance alone; an unmarked difference may still
          be real but is too small to tell with these numbers.
        </p>
        {!preview ? (
          <p>
            <a href={`/results/${s.wave}.csv`}>Download these tables (CSV)</a>
          </p>
        ) : null}
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return (
    <main id="main" className="page narrow">
      <GeneralErrorBoundary
        statusHandlers={{
          403: ({ data }) => (
            <>
              <h1>These results are not public</h1>
              <p>{String(data)}</p>
            </>
          ),
          404: () => (
            <>
              <h1>No results here yet</h1>
              <p>These results are not published, or the address is mistyped.</p>
            </>
          ),
        }}
      />
    </main>
  );
}
