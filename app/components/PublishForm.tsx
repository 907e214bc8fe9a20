import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { plural } from "~/lib/format";

export interface FindingField {
  name: string;
  title: string;
}

/** A way to quote a figure in a finding, with what it shows. */
export interface QuotableFigure {
  reference: string;
  meaning: string;
}

export interface PublishState {
  message?: string;
  confirm?: { count: number; fields: Record<string, string>; question: string };
  /** Findings that may not be true of the figures: nothing was published. */
  warnings?: { key: string; message: string }[];
  fields?: Record<string, string>;
}

function Hidden({ fields, except }: { fields: Record<string, string>; except: string[] }) {
  return (
    <>
      {Object.entries(fields)
        .filter(([k]) => !except.includes(k))
        .map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
    </>
  );
}

/**
 * The publish form: key findings and a headline per question, in the questionnaire's language and
 * the others the report is read in, with figures quoted by reference; what publishing would email;
 * and, when a finding may not be true of the figures, the warnings before anything is published.
 */
export function PublishForm({
  state,
  published,
  commentary,
  languages,
  questions,
  quotable,
}: {
  state: PublishState | undefined;
  published: boolean;
  commentary: Record<string, string>;
  languages: { code: string; name: string }[];
  questions: FindingField[];
  quotable: QuotableFigure[];
}) {
  const field = (key: string) => (key === "keyFindings" || key.startsWith("keyFindings@") ? key : `commentary.${key}`);
  const value = (key: string) => state?.fields?.[field(key)] ?? commentary[key] ?? "";
  const publishing = usePublishing();
  return (
    <>
      <PublishProgress publishing={publishing} />
      {state?.confirm ? (
        <div className="notice confirm" role="alertdialog" aria-labelledby="confirm-publish">
          <p id="confirm-publish">
            <strong>{state.confirm.question}</strong> Each reader gets one email; this cannot be undone.
          </p>
          <Form method="post" className="inline-form">
            <Hidden fields={state.confirm.fields} except={["intent", "confirmed"]} />
            <input type="hidden" name="intent" value="publish" />
            <input type="hidden" name="confirmed" value="yes" />
            <button type="submit" className="button primary">
              Publish and send {plural(state.confirm.count, "email")}
            </button>
            <Link to="." className="button">
              Cancel
            </Link>
          </Form>
        </div>
      ) : null}
      {state?.warnings?.length ? (
        <div className="notice confirm" role="alert" aria-labelledby="finding-warnings">
          <p id="finding-warnings">
            <strong>Nothing is published yet.</strong> {plural(state.warnings.length, "thing")} in the findings may not
            be true of the figures being published:
          </p>
          <ul>
            {state.warnings.map((w, i) => (
              <li key={i}>
                <strong>{w.key === "keyFindings" ? "Key findings" : w.key}</strong>: {w.message}
              </li>
            ))}
          </ul>
          <p>Correct them below and publish again, or publish them as written.</p>
          <Form method="post" className="inline-form">
            <Hidden fields={state.fields ?? {}} except={["intent", "findingsChecked"]} />
            <input type="hidden" name="intent" value="publish" />
            <input type="hidden" name="findingsChecked" value="yes" />
            <button type="submit" className="button">
              Publish as written
            </button>
          </Form>
        </div>
      ) : null}
      <Form method="post" className="form">
        <div className="field">
          <label htmlFor="keyFindings">Key findings (shown first, under the headline figures)</label>
          <p className="hint" id="findings-hint">
            Markdown (**bold**, lists, links). Quote a figure by reference rather than typing it, such as{" "}
            <code>{"{{offerToday=yes}}"}</code>: the page shows the published figure, or “withheld”, in the reader’s
            language. A number that matches no figure is flagged before anything is published.
          </p>
          <textarea
            id="keyFindings"
            name="keyFindings"
            rows={4}
            aria-describedby="findings-hint"
            defaultValue={value("keyFindings")}
          />
        </div>
        <details>
          <summary>Figures you can quote</summary>
          <ul className="quotable">
            {quotable.map((q) => (
              <li key={q.reference}>
                <code>{q.reference}</code> {q.meaning}
              </li>
            ))}
          </ul>
        </details>
        <details>
          <summary>A headline for each question (shown above its chart: lead with the finding)</summary>
          {questions.map((q) => (
            <div className="field" key={q.name}>
              <label htmlFor={`c-${q.name}`}>{q.title}</label>
              <textarea id={`c-${q.name}`} name={field(q.name)} rows={2} defaultValue={value(q.name)} />
            </div>
          ))}
        </details>
        {languages.map((l) => (
          <details key={l.code}>
            <summary>
              In {l.name} (readers of the report in {l.name} see these; left empty, the ones above)
            </summary>
            {[
              { name: "title", title: `Title in ${l.name}` },
              { name: "keyFindings", title: `Key findings in ${l.name}` },
              ...questions,
            ].map((q) => (
              <div className="field" key={q.name}>
                <label htmlFor={`c-${q.name}-${l.code}`}>{q.title}</label>
                <textarea
                  id={`c-${q.name}-${l.code}`}
                  name={field(`${q.name}@${l.code}`)}
                  rows={q.name === "title" ? 1 : 2}
                  lang={l.code}
                  defaultValue={value(`${q.name}@${l.code}`)}
                />
              </div>
            ))}
          </details>
        ))}
        <label className="check">
          <input type="checkbox" name="announce" defaultChecked /> Email the readers that the results are out
        </label>
        <div className="actions">
          <button type="submit" name="intent" value="publish" className="button primary" disabled={publishing}>
            {published ? "Publish again" : "Publish"}
          </button>
          {published ? (
            <button type="submit" name="intent" value="unpublish" className="button danger">
              Unpublish
            </button>
          ) : null}
        </div>
      </Form>
    </>
  );
}

/** Whether a publish posted from this page is on its way (the figures are being checked and frozen). */
function usePublishing(): boolean {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === "publish";
}

/**
 * Progress of a publish that takes more than a second (issue 23, item 2): the disclosure engine checks
 * every figure in a worker thread, seconds for a small wave, a minute or more for a large one. The
 * status region is always there, so screen readers hear it when it fills.
 */
function PublishProgress({ publishing }: { publishing: boolean }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    if (!publishing) return;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [publishing]);
  const text =
    publishing && seconds >= 1
      ? `Publishing… ${seconds} s. Every figure is being checked so that nobody can be singled out, directly or by subtraction; a large wave can take a minute or more. Stay on this page.`
      : "";
  return (
    <p role="status" aria-live="polite" className={text ? "notice" : undefined}>
      {text}
    </p>
  );
}
