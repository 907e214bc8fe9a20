import type { ReactNode } from "react";

/** A labelled input with its error, wired for screen readers. */
export function Field({
  name,
  label,
  errors,
  hint,
  children,
}: {
  name: string;
  label: string;
  errors?: string[];
  hint?: string;
  children?: (props: { id: string; name: string; "aria-invalid"?: boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = `field-${name}`;
  const describedBy =
    [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const props = { id, name, "aria-invalid": errors?.length ? true : undefined, "aria-describedby": describedBy };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {children ? children(props) : <input {...props} />}
      {errors?.length ? (
        <p id={`${id}-error`} className="field-error">
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}

/** A select over code → label options, with an empty first choice. */
export function OptionSelect({
  options,
  empty,
  defaultValue,
  ...props
}: {
  options: Record<string, string> | [string, string][];
  empty?: string;
  defaultValue?: string | null;
} & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "defaultValue">) {
  const entries = Array.isArray(options) ? options : Object.entries(options);
  return (
    <select defaultValue={defaultValue ?? ""} {...props}>
      {empty !== undefined ? <option value="">{empty}</option> : null}
      {entries.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </select>
  );
}
