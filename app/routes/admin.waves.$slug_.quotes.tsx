import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireRecordId } from "~/http/ids";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { OptionSelect } from "~/components/forms";
import { countryName, REGIONS } from "~/lib/panel";
import { approveTextQuote, listQuoteCandidates } from "~/flows/quotes.server";
import { attributionStyle, setAttributionStyle, withdrawQuote } from "~/models/quote.server";
import { requireWaveAdmin } from "~/http/session.server";
import { mayOnPanel } from "~/lib/web";
import { readForm } from "~/http/forms.server";
import { translator } from "~/i18n";

// The admin pages are in English; their sentences about quotes come from the catalogue.
const t = translator("en");

export const meta: MetaFunction = () => [{ title: "Quotes · Quorum admin" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { admin, wave } = await requireWaveAdmin(request, params.slug);
  const url = new URL(request.url);
  const question = url.searchParams.get("question") || undefined;
  const region = url.searchParams.get("region") || undefined;
  const [{ questions, findings, candidates, choiceQuestions, choiceComments }, style] = await Promise.all([
    listQuoteCandidates(wave, { question, region }),
    attributionStyle(wave),
  ]);
  return {
    wave: { slug: wave.slug, title: wave.title, minGroupSize: wave.minGroupSize },
    questions,
    findings,
    candidates,
    choiceQuestions,
    choiceComments,
    style,
    filters: { question, region },
    canEdit: mayOnPanel(admin, wave.panelId, "editor"),
  };
}

const approveSchema = z.object({
  responseId: z.string().uuid(),
  question: z.string().min(1),
  text: z.string().trim().min(1, "A quote cannot be empty.").max(2000, "Keep quotes under 2,000 characters."),
  shownWith: z.string().optional(),
  understood: z.string().optional(),
});

/** An approval refused for want of the second confirmation: which quote, and the text as edited. */
interface Unconfirmed {
  responseId: string;
  question: string;
  text: string;
}

export async function action({ params, request }: ActionFunctionArgs) {
  const { admin, wave } = await requireWaveAdmin(request, params.slug, "editor");
  const actor = { label: admin.email, adminId: admin.id };
  const form = Object.fromEntries(await readForm(request));
  if (form.intent === "style") {
    await setAttributionStyle(wave, form.style === "role" ? "role" : "respondent", actor);
    return { message: "Quotes are now signed that way." };
  }
  if (form.intent === "withdraw") {
    await withdrawQuote(wave, requireRecordId(form.quoteId, "There is no such quote."), actor);
    return { message: "Quote withdrawn." };
  }
  const parsed = approveSchema.safeParse(form);
  if (!parsed.success) return data({ message: parsed.error.issues[0]?.message ?? "Invalid quote." }, { status: 400 });
  const { responseId, question, text, shownWith, understood } = parsed.data;
  const result = await approveTextQuote(
    wave,
    responseId,
    question,
    text,
    actor,
    shownWith || null,
    understood === "yes",
  );
  if (result.approved) return { message: "Approved: it will appear in the next publication." };
  if (result.reason === "unconfirmed")
    return data(
      {
        message: t("quotes.unconfirmed", { facts: result.tellsReaders }),
        unconfirmed: { responseId, question, text } satisfies Unconfirmed,
      },
      { status: 400 },
    );
  return data(
    {
      message:
        "That answer cannot be quoted: its respondent did not consent to quotes, or the finding to show it next to is not one of this questionnaire's.",
    },
    { status: 400 },
  );
}

export default function Quotes() {
  const { wave, questions, findings, candidates, choiceQuestions, choiceComments, filters, canEdit, style } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const title = (name: string) => questions.find((q) => q.name === name)?.title ?? name;
  const tellsReaders = (name: string) => questions.find((q) => q.name === name)?.tellsReaders ?? null;
  const refused = (result as { unconfirmed?: Unconfirmed } | undefined)?.unconfirmed ?? null;
  return (
    <>
      <p className="crumbs">
        <Link to="/admin/waves">Waves</Link> › <Link to={`/admin/waves/${wave.slug}`}>{wave.title}</Link> › Quotes
      </p>
      <h1>Quotes</h1>
      <p>
        Only answers from respondents who agreed to be quoted are listed. Edit a quote to remove names or anything that
        could identify someone, then approve it. A quote is signed only with what describes at least {wave.minGroupSize}{" "}
        respondents of the wave together (a role in a country can be one person), so some signatures are shorter than
        the style below asks for; each says why. Signatures are made again when you publish.
      </p>
      {result?.message && !refused ? (
        <p className="notice" role="status">
          {result.message}
        </p>
      ) : null}
      {canEdit ? (
        <Form method="post" className="inline-form form">
          <input type="hidden" name="intent" value="style" />
          <fieldset>
            <legend>Sign quotes as</legend>
            <label className="check">
              <input type="radio" name="style" value="respondent" defaultChecked={style === "respondent"} />{" "}
              (Respondent, Chile)
            </label>
            <label className="check">
              <input type="radio" name="style" value="role" defaultChecked={style === "role"} /> (Provost or Chief
              Academic Officer, Chile)
            </label>
          </fieldset>
          <button type="submit" className="button">
            Save
          </button>
        </Form>
      ) : null}
      <Form method="get" className="inline-form form">
        <div className="field">
          <label htmlFor="question">Question</label>
          <OptionSelect
            id="question"
            name="question"
            empty="All questions"
            options={[...questions, ...choiceQuestions].map((q) => [q.name, q.title] as [string, string])}
            defaultValue={filters.question}
          />
        </div>
        <div className="field">
          <label htmlFor="region">Region</label>
          <OptionSelect
            id="region"
            name="region"
            empty="All regions"
            options={REGIONS.map((r) => [r, r] as [string, string])}
            defaultValue={filters.region}
          />
        </div>
        <button type="submit" className="button">
          Filter
        </button>
      </Form>
      {candidates.length === 0 ? <p>No quotable answers yet.</p> : null}
      {candidates.map((c) => {
        const key = `${c.responseId}-${c.question}`;
        const tells = tellsReaders(c.question);
        const failed = refused?.responseId === c.responseId && refused.question === c.question;
        return (
          <article key={key} className="card quote-candidate">
            <p className="hint">
              {title(c.question)} · {c.region ?? "Unknown region"}
              {c.country ? ` · ${countryName(c.country)}` : ""}
              {c.quoteId ? " · approved" : ""}
            </p>
            <p className="hint">
              Signed <strong>{c.attribution}</strong>
              {c.shortened ? ` — ${c.shortened}` : ""}
            </p>
            {tells ? (
              <p className="notice warning" id={`tells-${key}`}>
                {t("quotes.tells", { facts: tells })}
              </p>
            ) : null}
            <blockquote>{c.answer}</blockquote>
            {canEdit ? (
              <Form method="post" className="form">
                <input type="hidden" name="responseId" value={c.responseId} />
                <input type="hidden" name="question" value={c.question} />
                <div className="field">
                  <label htmlFor={`text-${key}`}>Quote as published</label>
                  <textarea
                    id={`text-${key}`}
                    name="text"
                    rows={3}
                    defaultValue={failed ? refused.text : (c.quoteText ?? c.answer)}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`with-${key}`}>Show it next to</label>
                  <OptionSelect
                    id={`with-${key}`}
                    name="shownWith"
                    empty={`Its own question (${title(c.question)})`}
                    options={findings.map((q) => [q.name, `The finding of “${q.title}”`] as [string, string])}
                    defaultValue={c.shownWith ?? undefined}
                  />
                </div>
                {tells ? (
                  // The second confirmation: the server refuses the approval without it.
                  <div className="confirm">
                    <label className="check">
                      <input
                        type="checkbox"
                        name="understood"
                        value="yes"
                        aria-describedby={failed ? `refused-${key}` : undefined}
                        aria-invalid={failed || undefined}
                      />{" "}
                      {t("quotes.understand", { facts: tells })}
                    </label>
                    {failed ? (
                      <p className="field-error" id={`refused-${key}`} role="alert">
                        {result?.message}
                      </p>
                    ) : null}
                  </div>
                ) : null}
                <div className="actions">
                  <button type="submit" name="intent" value="approve" className="button primary">
                    {c.quoteId ? "Save the edit" : "Approve"}
                  </button>
                  {c.quoteId ? (
                    <button type="submit" name="intent" value="withdraw" className="button danger">
                      Withdraw
                    </button>
                  ) : null}
                </div>
                {c.quoteId ? <input type="hidden" name="quoteId" value={c.quoteId} /> : null}
              </Form>
            ) : null}
          </article>
        );
      })}
      {choiceQuestions.length > 0 ? (
        <section aria-labelledby="choice-comments">
          <h2 id="choice-comments">Comments written beside a choice</h2>
          <p>
            Some choices ask for a comment of their own. They are listed here for the panel team only, from respondents
            who agreed to be quoted; they are never published (they cannot be approved as quotes yet).
          </p>
          {choiceComments.length === 0 ? <p>No comments beside a choice yet.</p> : null}
          {choiceComments.map((c) => (
            <article key={`${c.responseId}-${c.question}-${c.choice}`} className="card quote-candidate">
              <p className="hint">
                {c.title} · chose “{c.label}” · {c.region ?? "Unknown region"}
                {c.country ? ` · ${countryName(c.country)}` : ""}
              </p>
              <blockquote>{c.comment}</blockquote>
            </article>
          ))}
        </section>
      ) : null}
    </>
  );
}
