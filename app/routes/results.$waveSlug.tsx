import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/BarChart";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { longDate } from "~/lib/dates";
import { draftSnapshot } from "~/flows/publish.server";
import { readablePublication, resultsReader, type Reader } from "~/http/results-access.server";
import { getWaveBySlug } from "~/models/wave.server";
import type { Snapshot } from "~/results/snapshot";
import { chosenSegment, ownChoices, pageSnapshot, segmentChoices } from "~/results/published-view";
import type { GroupFigures, QuestionFigures } from "~/results/figures";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Results · Quorum" }];
  const s = data.snapshot;
  const description = `${s.respondents} leaders shared their views${s.countries ? ` from ${s.countries} countries` : ""}. Results of ${s.title}.`;
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
      return view(url, { snapshot: await draftSnapshot(wave), commentary: {} }, { kind: "admin" }, true);
    }
  }
  const { publication, reader } = await readablePublication(request, params.waveSlug);
  return view(url, publication, reader, false);
}

function view(url: URL, publication: { snapshot: Snapshot; commentary: Record<string, string> }, reader: Reader, preview: boolean) {
  const segment = chosenSegment(publication.snapshot, url.searchParams.get("segment") ?? "");
  return {
    snapshot: pageSnapshot(publication.snapshot, segment),
    commentary: publication.commentary,
    segment,
    segments: segmentChoices(publication.snapshot),
    mine: ownChoices(reader.kind === "respondent" ? reader.answers : null),
    token: url.searchParams.get("t"),
    preview,
  };
}

function QuestionResult({ q, segment, segmentLabel, groups, mine, quotes, note }: { q: QuestionFigures; segment: string | null; segmentLabel: string | null; groups: GroupFigures[]; mine: string[] | undefined; quotes: { text: string; attribution: string }[]; note?: string }) {
  const group = segment ? groups.find((g) => g.group === segment) : undefined;
  const compare = Boolean(group && !group.suppressed);
  if (q.kind === "text") {
    if (quotes.length === 0) return null;
    return (
      <section className="result quotes" aria-labelledby={`q-${q.name}`}>
        <h2 id={`q-${q.name}`}>{q.title}</h2>
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
  return (
    <section className="result" aria-labelledby={`q-${q.name}`}>
      <h2 id={`q-${q.name}`}>{q.title}</h2>
      {note ? <p className="commentary">{note}</p> : null}
      {q.suppressed ? (
        <p>Fewer than the minimum group size answered this question, so it is not shown.</p>
      ) : (
        <>
          <p className="hint">
            n = {q.base}
            {q.mean !== undefined && q.mean !== null ? ` · mean ${q.mean}` : ""}
            {segment && (!group || group.suppressed) ? ` · ${segmentLabel}: fewer than the minimum group size answered, so no comparison` : ""}
            {compare ? ` · dark bars: ${segmentLabel} (n = ${group?.base}), grey bars: all respondents` : ""}
          </p>
          {q.rows ? (
            <BarChart
              title={`${q.title}: agree or strongly agree`}
              base={q.base}
              bars={q.rows.map((r, i) => ({
                label: r.label,
                percent: compare ? (group?.rows?.[i]?.topTwoPercent ?? null) : r.topTwoPercent,
                compare: compare ? r.topTwoPercent : undefined,
              }))}
              compareLabel={compare ? "All respondents" : undefined}
            />
          ) : q.ranks ? (
            <BarChart title={`${q.title}: ranked first`} base={q.base} bars={q.ranks.map((r) => ({ label: `${r.label} (mean rank ${r.meanRank ?? "–"})`, percent: r.firstPercent }))} />
          ) : (
            <BarChart
              title={q.title}
              base={q.base}
              bars={q.options
                .map((o, i) => ({ o, i }))
                .map(({ o, i }) => ({
                  label: o.label,
                  percent: compare ? (group?.options[i]?.percent ?? null) : o.percent,
                  compare: compare ? o.percent : undefined,
                  mine: mine?.includes(o.value),
                }))}
              compareLabel={compare ? "All respondents" : undefined}
            />
          )}
        </>
      )}
    </section>
  );
}

export default function Results() {
  const { snapshot: s, segment, segments, mine, token, commentary, preview } = useLoaderData<typeof loader>();
  const regionsShown = s.regions.filter((r) => !r.suppressed);
  const hiddenRegions = s.regions.filter((r) => r.suppressed);
  return (
    <main id="main" className="page results">
      <p className="brand">Quorum · published results</p>
      {preview ? <p className="notice" role="note">Preview: this is what readers would see if you published now. Nothing is published yet.</p> : null}
      <h1>{s.title}</h1>
      {s.suppressed ? (
        <p>Fewer than {s.minGroupSize} people answered, so no results are shown: publishing them could identify someone.</p>
      ) : (
        <>
          <section className="headline" aria-label="Headline figures">
            <p className="lede">
              <strong>{s.respondents}</strong> leaders from <strong>{s.organisations}</strong> organisations in <strong>{s.countries}</strong>{" "}
              countries shared their views
              {regionsShown.length ? (
                <>
                  : {regionsShown.map((r) => `${Math.round(r.percent ?? 0)}% ${r.region}`).join(", ")}
                  {hiddenRegions.length ? `; other regions together ${Math.round(100 - regionsShown.reduce((t, r) => t + (r.percent ?? 0), 0))}%` : ""}.
                </>
              ) : (
                "."
              )}
            </p>
            {commentary.keyFindings ? <p>{commentary.keyFindings}</p> : null}
          </section>
          <section aria-labelledby="region-mix">
            <h2 id="region-mix">Who answered</h2>
            <BarChart title="Respondents by region" base={s.respondents} bars={regionsShown.map((r) => ({ label: r.region, percent: r.percent }))} />
            {hiddenRegions.length ? <p className="hint">{hiddenRegions.map((r) => r.region).join(", ")}: fewer than {s.minGroupSize} responses each, shown together only.</p> : null}
          </section>
          <Form method="get" className="segment-picker inline-form form" aria-label="Compare a region with all respondents">
            {token ? <input type="hidden" name="t" value={token} /> : null}
            {preview ? <input type="hidden" name="preview" value="1" /> : null}
            <div className="field">
              <label htmlFor="segment">Compare a group with everyone</label>
              <select id="segment" name="segment" defaultValue={segment ? `${segment.kind}:${segment.key}` : ""}>
                <option value="">No comparison</option>
                {(["region", "organisationType", "roleCategory"] as const).map((kind) => (
                  <optgroup key={kind} label={kind === "region" ? "Region" : kind === "organisationType" ? "Organisation type" : "Role"}>
                    {segments.filter((x) => x.kind === kind).map((x) => (
                      <option key={x.key} value={`${x.kind}:${x.key}`}>
                        {x.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <button type="submit" className="button">
              Show
            </button>
          </Form>
          {s.questions.map((q) => (
            <QuestionResult key={q.name} q={q} segment={segment?.key ?? null} segmentLabel={segment?.label ?? null} groups={q.groups} mine={mine[q.name]} quotes={(s.quotes ?? []).filter((x) => x.question === q.name)} note={commentary[q.name]} />
          ))}
        </>
      )}
      <section aria-labelledby="methodology" className="methodology">
        <h2 id="methodology">Methodology</h2>
        <p>
          Fieldwork {longDate(s.fieldwork.opensAt)}
          {s.fieldwork.closesAt ? ` to ${longDate(s.fieldwork.closesAt)}` : ""}; published {longDate(s.publishedAt)}.
          {s.respondents !== null ? ` ${s.respondents} completed responses.` : ""} Percentages are of the respondents who answered each question (n),
          rounded to whole numbers; for multiple-choice questions they can add up to more than 100%. No figure describes fewer than{" "}
          {s.minGroupSize} people: smaller groups are hidden, with one more group where needed so a hidden one cannot be worked out from the total.
          Written answers are never published except quotes approved by the panel team.
        </p>
        {!preview ? (
          <p>
            <a href={`/results/${s.wave}.csv${token ? `?t=${encodeURIComponent(token)}` : ""}`}>Download these tables (CSV)</a>
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
