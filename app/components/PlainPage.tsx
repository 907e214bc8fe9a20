import { scaleKind } from "~/lib/respondent";
import type { PlainChoice, PlainPage as Page, PlainQuestion } from "~/lib/survey";

type Values = Record<string, unknown>;

const chosen = (value: unknown, choice: PlainChoice) =>
  Array.isArray(value)
    ? value.some((v) => String(v) === choice.value)
    : value !== undefined && String(value) === choice.value;

function Title({ q, id, mark }: { q: PlainQuestion; id: string; mark: string }) {
  return (
    <span id={id} className="plain-title">
      {q.number ? <span className="plain-number">{q.number} </span> : null}
      {q.title}
      {q.required ? (
        <span className="plain-required" aria-hidden="true">
          {" "}
          {mark}
        </span>
      ) : null}
    </span>
  );
}

function OtherText({ q, values, label }: { q: PlainQuestion; values: Values; label: string }) {
  const other = q.choices.find((c) => c.other);
  if (!other) return null;
  const comment = values[`${q.name}-Comment`];
  return (
    <textarea
      className="plain-other-text"
      name={`${q.name}-Comment`}
      data-plain-comment={q.name}
      aria-label={`${other.text}: ${label}`}
      defaultValue={typeof comment === "string" ? comment : ""}
      rows={2}
    />
  );
}

function Choices({ q, values, otherLabel }: { q: PlainQuestion; values: Values; otherLabel: string }) {
  const type = q.type === "checkbox" ? "checkbox" : "radio";
  return (
    <div
      className={
        q.type !== "rating"
          ? "plain-choices"
          : scaleKind(q.choices) === "words"
            ? "plain-scale plain-scale--words"
            : "plain-scale"
      }
      style={q.type === "rating" ? ({ "--quorum-scale-count": q.choices.length } as React.CSSProperties) : undefined}
    >
      {q.type === "rating" && q.minText ? (
        <span className="plain-scale-end" aria-hidden="true">
          {q.minText}
        </span>
      ) : null}
      {q.choices.map((c, i) => (
        <label key={c.value} className={q.type === "rating" ? "plain-rate" : "plain-choice"}>
          <input
            type={type}
            name={q.name}
            value={c.value}
            className={c.other ? "plain-other" : undefined}
            defaultChecked={chosen(values[q.name], c)}
            aria-describedby={
              q.type === "rating" && (i === 0 || i === q.choices.length - 1) && (q.minText || q.maxText)
                ? `plain-${q.name}-${i === 0 ? "min" : "max"}`
                : undefined
            }
          />
          <span>{c.text}</span>
        </label>
      ))}
      {q.type === "rating" && q.maxText ? (
        <span className="plain-scale-end" aria-hidden="true">
          {q.maxText}
        </span>
      ) : null}
      {q.type === "rating" ? (
        <>
          <span hidden id={`plain-${q.name}-min`}>
            {q.minText}
          </span>
          <span hidden id={`plain-${q.name}-max`}>
            {q.maxText}
          </span>
        </>
      ) : null}
      <OtherText q={q} values={values} label={otherLabel} />
    </div>
  );
}

function Control({ q, values, otherLabel }: { q: PlainQuestion; values: Values; otherLabel: string }) {
  const id = `plain-${q.name}`;
  const value = values[q.name];
  if (q.type === "dropdown") {
    const selected = q.choices.find((c) => chosen(value, c))?.value ?? "";
    return (
      <>
        <select id={id} name={q.name} defaultValue={selected} required={q.required}>
          <option value="">{q.placeholder}</option>
          {q.choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.text}
            </option>
          ))}
        </select>
        <OtherText q={q} values={values} label={otherLabel} />
      </>
    );
  }
  if (q.type === "comment")
    return (
      <textarea
        id={id}
        name={q.name}
        rows={4}
        placeholder={q.placeholder || undefined}
        defaultValue={typeof value === "string" ? value : ""}
      />
    );
  if (q.type === "text")
    return (
      <input
        id={id}
        name={q.name}
        type={q.inputType}
        placeholder={q.placeholder || undefined}
        defaultValue={typeof value === "string" || typeof value === "number" ? String(value) : ""}
      />
    );
  return <Choices q={q} values={values} otherLabel={otherLabel} />;
}

/**
 * The first page as plain HTML controls, there before the questionnaire's script: answerable at
 * once; the script reads what was changed here and carries it into survey-core (entries/survey.client).
 */
export function PlainPage({
  page,
  values,
  loadingText,
  otherLabel,
}: {
  page: Page;
  values: Values;
  loadingText: string;
  otherLabel: string;
}) {
  return (
    <div className="plain-page" data-plain-page="">
      {page.title ? <h2 className="plain-page-title">{page.title}</h2> : null}
      {page.description ? <p className="plain-page-description">{page.description}</p> : null}
      {page.questions.map((q) => {
        const grouped = q.type === "radiogroup" || q.type === "checkbox" || q.type === "rating";
        const title = <Title q={q} id={`plain-${q.name}-title`} mark={page.requiredMark} />;
        const description = q.description ? (
          <p className="plain-description" id={`plain-${q.name}-description`}>
            {q.description}
          </p>
        ) : null;
        return grouped ? (
          <fieldset
            key={q.name}
            className="plain-question"
            data-plain-question={q.name}
            data-plain-type={q.type}
            aria-describedby={q.description ? `plain-${q.name}-description` : undefined}
            // A group of radios may say it is required (a plain fieldset, a group, may not: axe aria-allowed-attr).
            role={q.type === "checkbox" ? undefined : "radiogroup"}
            aria-required={(q.type !== "checkbox" && q.required) || undefined}
          >
            <legend>{title}</legend>
            {description}
            <Control q={q} values={values} otherLabel={otherLabel} />
          </fieldset>
        ) : (
          <div key={q.name} className="plain-question" data-plain-question={q.name} data-plain-type={q.type}>
            <label htmlFor={`plain-${q.name}`}>{title}</label>
            {description}
            <Control q={q} values={values} otherLabel={otherLabel} />
          </div>
        );
      })}
      <p className="plain-loading" role="status">
        {loadingText}
      </p>
    </div>
  );
}
