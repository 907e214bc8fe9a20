import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { data } from "@remix-run/node";
import { cachedDefinition } from "~/models/questionnaire.server";
import { announceResults, draftSnapshot, fieldsToEcho, publish, republishing } from "~/flows/publish.server";
import type { ResultFigures } from "~/results/figure-types";
import { currentPublication, resultsAudience, unpublish } from "~/models/publication.server";
import { plural } from "~/lib/format";
import { mayOnPanel } from "~/lib/web";
import { languageChoices } from "~/lib/survey";
import { PublishForm, type PublishState } from "~/components/PublishForm";
import { quotableFigures } from "~/results/findings";
import { reportLanguages } from "~/results/report-language.server";
import { OptionSelect } from "~/components/forms";
import { ORGANISATION_TYPES, ROLE_CATEGORIES } from "~/lib/panel";
import { computeResults, type Dimension } from "~/results/results.server";
import { questionSpecs } from "~/results/questions";
import { versionDefinition } from "~/models/questionnaire.server";
import { requireWaveAdmin } from "~/http/session.server";
import { readForm } from "~/http/forms.server";
import { busyAs503 } from "~/http/figures-busy.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Live results: ${data?.wave.title ?? ""} · Quorum admin` },
];

const DIMENSIONS: [Dimension, string][] = [
  ["region", "Region"],
  ["organisationType", "Organisation type"],
  ["roleCategory", "Role category"],
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { admin, wave } = await requireWaveAdmin(request, params.slug);
  const asked = new URL(request.url).searchParams.get("by");
  const specs = questionSpecs(await versionDefinition(wave.questionnaireVersionId));
  // Viewers (the lowest role) see live results only through the disclosure engine, at the wave's k,
  // exactly as publishing now would show them (issue 21): no cross-tab by answer, no small group. So does
  // everyone on an anonymous wave: no page joins a response to a person for anyone (DOMAIN), and a live
  // region of one beside the panel's "answered" column would. Only identified waves show the team every figure.
  const mayPublish = mayOnPanel(admin, wave.panelId, "editor");
  const protectedView = !mayPublish || !wave.identified;
  const crossTabs = protectedView
    ? []
    : specs
        .filter((q) => q.kind === "single" && q.options.length <= 12)
        .map((q) => [`answer:${q.name}`, `Answer to: ${q.title.slice(0, 60)}`] as [Dimension, string]);
  const dimensions = [...DIMENSIONS, ...crossTabs];
  const dimension = dimensions.find(([d]) => d === asked)?.[0] ?? "region";
  // Owners and editors of an identified wave see every figure, however small; everyone else gets the wave's k.
  const [results, publication, gate] = await Promise.all([
    busyAs503(
      protectedView ? draftSnapshot(wave).then((d) => d.snapshot as ResultFigures) : computeResults(wave, dimension),
    ),
    currentPublication(wave.id),
    republishing(wave),
  ]);
  return {
    protectedView,
    mayPublish,
    wave: {
      slug: wave.slug,
      title: wave.title,
      minGroupSize: wave.minGroupSize,
      audience: wave.audience,
      identified: wave.identified,
    },
    dimension,
    dimensions,
    labels: Object.fromEntries(
      specs.map((q) => [q.name, Object.fromEntries(q.options.map((o) => [o.value, o.label]))]),
    ),
    results,
    published: publication
      ? { at: publication.publishedAt, keyFindings: publication.commentary.keyFindings ?? "" }
      : null,
    otherLanguages: languageChoices(
      reportLanguages(await versionDefinition(wave.questionnaireVersionId)).languages,
    ).slice(1),
    quotable: quotableFigures(specs),
    commentary: publication?.commentary ?? {},
    gate,
  };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const { admin, wave } = await requireWaveAdmin(request, params.slug, "editor");
  const form = await readForm(request);
  const actor = { label: admin.email, adminId: admin.id };
  if (form.get("intent") === "unpublish") {
    await unpublish(wave, actor);
    return { message: "The results are hidden until you publish again." };
  }
  // Key findings and a short commentary per question, all kept with the snapshot.
  // No prototype: a field named "commentary.__proto__" is a key like any other (and refused as unknown),
  // not a write to the object's prototype that would be dropped without a word.
  const commentary: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of form.entries()) {
    const text = typeof value === "string" ? value.trim() : "";
    // "keyFindings@es": the same in another language of the questionnaire (readers of that language see it).
    if (text && (key === "keyFindings" || /^keyFindings@[a-z]{2}$/.test(key) || key.startsWith("commentary.")))
      commentary[key.startsWith("commentary.") ? key.slice(11) : key] = text;
  }
  const announce = form.get("announce") === "on";
  // Publishing with the announcement emails every reader: say how many, and go on only once confirmed.
  if (announce && form.get("confirmed") !== "yes") {
    const count = (await resultsAudience(wave)).length;
    const fields = fieldsToEcho(
      await cachedDefinition(wave.questionnaireVersionId),
      Object.fromEntries(
        [...form.entries()].filter(([k, v]) => typeof v === "string" && k !== "intent" && k !== "confirmed") as [
          string,
          string,
        ][],
      ),
    );
    return {
      confirm: { count, fields, question: `Publish and email ${plural(count, "reader")} that the results are out?` },
    };
  }
  const fields = fieldsToEcho(
    await cachedDefinition(wave.questionnaireVersionId),
    Object.fromEntries(
      [...form.entries()].filter(([k, v]) => typeof v === "string" && k !== "intent") as [string, string][],
    ),
  );
  // Findings that may not be true of the figures stop publishing until the team has seen them.
  const outcome = await busyAs503(
    publish(wave, actor, commentary, { stopOnWarnings: form.get("findingsChecked") !== "yes" }),
  );
  if (!outcome.ok)
    return data(
      { message: outcome.warnings ? undefined : outcome.message, warnings: outcome.warnings, fields },
      { status: outcome.warnings ? 422 : outcome.invalid ? 400 : 409 },
    );
  const p = outcome.publication;
  const announced = announce ? await announceResults(wave, p) : 0;
  return {
    message: `Published: ${p.snapshot.respondents ?? "fewer than k"} respondents, frozen now. Readers see /results/${wave.slug}.${announced ? ` ${plural(announced, "“results are out” email")} queued.` : ""}`,
  };
}

const groupLabel = (dimension: Dimension, key: string, labels: Record<string, Record<string, string>>) =>
  dimension.startsWith("answer:")
    ? (labels[dimension.slice(7)]?.[key] ?? key)
    : dimension === "organisationType"
      ? (ORGANISATION_TYPES[key as keyof typeof ORGANISATION_TYPES] ?? key)
      : dimension === "roleCategory"
        ? (ROLE_CATEGORIES[key as keyof typeof ROLE_CATEGORIES] ?? key)
        : key;

/** A percentage, or a dash where the figure is withheld (viewers' protected view) or has no base. */
const pc = (p: number | null | undefined) => (p === null || p === undefined ? "–" : `${Math.round(p)}%`);
const count = (n: number | null | undefined) => (n === null || n === undefined ? "–" : String(n));

export default function LiveResults() {
  const {
    wave,
    dimension,
    dimensions,
    labels,
    results,
    published,
    commentary,
    gate,
    otherLanguages,
    quotable,
    protectedView,
    mayPublish,
  } = useLoaderData<typeof loader>();
  const groups = results.breakdowns.find((b) => b.family === dimension)?.groups ?? [];
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="crumbs">
        <Link to="/admin/waves">Waves</Link> › <Link to={`/admin/waves/${wave.slug}`}>{wave.title}</Link> › Live results
      </p>
      <h1>Live results</h1>
      {protectedView ? (
        <p className="notice" role="note">
          As readers would see them if the wave were published now: groups and figures that describe fewer than k ={" "}
          {wave.minGroupSize} people, or that would let someone work one out, are withheld (–).{" "}
          {wave.identified
            ? "Owners and editors see the unsuppressed figures."
            : "This wave is anonymous, so the panel team sees it this way too: no page links an answer to a person."}
        </p>
      ) : (
        <p className="notice" role="note">
          Live and unsuppressed: these figures include groups smaller than the wave&apos;s minimum group size (k ={" "}
          {wave.minGroupSize}) and are for the panel team only. Published results hide them.
        </p>
      )}
      {results.suppressed ? (
        <p role="status">
          {protectedView
            ? `Fewer than ${wave.minGroupSize} completed responses so far: nothing can be shown yet.`
            : "No completed responses yet."}
        </p>
      ) : null}
      <p>
        {count(results.respondents)} completed responses · {count(results.organisations)} organisations ·{" "}
        {count(results.countries)} countries
        {results.responseRate !== null ? ` · ${Math.round(results.responseRate)}% response rate` : ""}
      </p>
      <section aria-labelledby="publish" className="publish">
        <h2 id="publish">Publish</h2>
        {actionData && "message" in actionData && actionData.message ? (
          <p className="notice success" role="status">
            {actionData.message}
          </p>
        ) : null}
        <p>
          {published ? (
            <>
              Published {new Date(published.at).toISOString().slice(0, 16).replace("T", " ")} UTC —{" "}
              <Link to={`/results/${wave.slug}`}>see it as readers do</Link>.{" "}
            </>
          ) : (
            "Not published yet. "
          )}
          Readers:{" "}
          {wave.audience === "public" ? "anyone" : wave.audience === "panel" ? "the panel" : "those who answered"}.
          Publishing freezes the figures with groups under k = {wave.minGroupSize} hidden; publishing again makes a new
          snapshot.
        </p>
        <p>
          <Link to={`/results/${wave.slug}?preview=1`}>Preview it exactly as readers will see it</Link>
        </p>
        {published && !gate.allowed ? (
          <p className="notice" role="note">
            {gate.changes} response{gate.changes === 1 ? " was" : "s were"} added, changed or removed since the last
            publication: {gate.needed} more
            {gate.needed === 1 ? " is" : " are"} needed before it can be published again (k = {wave.minGroupSize}), so
            that comparing the two publications cannot single anyone out.
          </p>
        ) : null}
        {mayPublish ? (
          <PublishForm
            state={actionData as PublishState | undefined}
            published={Boolean(published)}
            commentary={commentary}
            languages={otherLanguages}
            questions={results.questions
              .filter((q) => q.kind !== "text")
              .map((q) => ({ name: q.name, title: q.title }))}
            quotable={quotable}
          />
        ) : null}
      </section>
      <Form method="get" className="inline-form form">
        <div className="field">
          <label htmlFor="by">Break down by</label>
          <OptionSelect id="by" name="by" options={dimensions} defaultValue={dimension} />
        </div>
        <button type="submit" className="button">
          Show
        </button>
      </Form>
      {results.questions.map((q) => (
        <section key={q.name} aria-labelledby={`q-${q.name}`} className="result">
          <h2 id={`q-${q.name}`}>{q.title}</h2>
          {q.items.map((item, ii) => (
            <div key={ii} className="table-scroll">
              <p className="hint">
                {item.row ? `${item.row.label} · ` : ""}n = {count(item.whole.base)}
                {item.whole.mean !== undefined && item.whole.mean !== null ? ` · mean ${item.whole.mean}` : ""}
                {item.whole.agree ? ` · agree or strongly agree ${pc(item.whole.agree.percent)}` : ""}
              </p>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Answer</th>
                    <th scope="col">All</th>
                    {groups.map((g) => (
                      <th scope="col" key={g.id}>
                        {groupLabel(dimension, g.id, labels)} (n = {g.size})
                      </th>
                    ))}
                    {item.whole.ranks ? <th scope="col">Mean rank</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {q.options
                    .map((o, i) => ({ o, i }))
                    // Long lists (countries) show only the answers someone gave, most frequent first.
                    .filter(({ i }) => q.options.length <= 12 || (item.whole.cells[i]?.count ?? 0) > 0)
                    .sort((a, b) =>
                      q.options.length > 12
                        ? (item.whole.cells[b.i]?.count ?? 0) - (item.whole.cells[a.i]?.count ?? 0)
                        : 0,
                    )
                    .map(({ o, i }) => (
                      <tr key={o.value}>
                        <th scope="row">{o.label}</th>
                        <td>
                          {pc(item.whole.cells[i]?.percent)} ({count(item.whole.cells[i]?.count)})
                        </td>
                        {groups.map((g, gi) => (
                          <td key={g.id}>{pc(item.groups[dimension]?.[gi]?.cells[i]?.percent)}</td>
                        ))}
                        {item.whole.ranks ? <td>{item.whole.ranks[i] ?? "–"}</td> : null}
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      ))}
    </>
  );
}
