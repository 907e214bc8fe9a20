import { Form, useNavigation } from "@remix-run/react";
import { Field, OptionSelect } from "./forms";
import { LANGUAGES } from "~/lib/languages";
import { ORGANISATION_TYPES, ROLE_CATEGORIES } from "~/lib/profile-options";

const LANGUAGE_OPTIONS = Object.fromEntries(
  Object.entries(LANGUAGES).map(([code, l]) => [code, l.native === l.name ? l.name : `${l.native} (${l.name})`]),
);

export interface PanelistValues {
  email?: string | null;
  name?: string | null;
  jobTitle?: string | null;
  roleCategory?: string | null;
  organisation?: string | null;
  organisationType?: string | null;
  country?: string | null;
  language?: string | null;
  status?: string | null;
}

/** The profile fields of a panelist, as an admin or a panelist edits them. */
export function PanelistForm({
  values,
  errors,
  countries,
  submitLabel,
  statusOptions,
  children,
}: {
  values: PanelistValues;
  errors: Record<string, string[] | undefined>;
  countries: [string, string][];
  submitLabel: string;
  statusOptions?: string[];
  children?: React.ReactNode;
}) {
  const busy = useNavigation().state !== "idle";
  return (
    <Form method="post" className="form" noValidate>
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form.join(" ")}
        </p>
      ) : null}
      <Field name="name" label="Name" errors={errors.name}>
        {(p) => <input {...p} defaultValue={values.name ?? ""} autoComplete="name" required />}
      </Field>
      <Field name="email" label="Email" errors={errors.email}>
        {(p) => <input {...p} type="email" defaultValue={values.email ?? ""} autoComplete="email" required />}
      </Field>
      <Field name="jobTitle" label="Job title" errors={errors.jobTitle}>
        {(p) => <input {...p} defaultValue={values.jobTitle ?? ""} autoComplete="organization-title" />}
      </Field>
      <Field name="roleCategory" label="Role category" errors={errors.roleCategory}>
        {(p) => <OptionSelect {...p} options={ROLE_CATEGORIES} empty="Choose…" defaultValue={values.roleCategory} />}
      </Field>
      <Field name="organisation" label="Organisation" errors={errors.organisation}>
        {(p) => <input {...p} defaultValue={values.organisation ?? ""} autoComplete="organization" />}
      </Field>
      <Field name="organisationType" label="Organisation type" errors={errors.organisationType}>
        {(p) => (
          <OptionSelect {...p} options={ORGANISATION_TYPES} empty="Choose…" defaultValue={values.organisationType} />
        )}
      </Field>
      <Field name="country" label="Country" errors={errors.country}>
        {(p) => <OptionSelect {...p} options={countries} empty="Choose…" defaultValue={values.country} required />}
      </Field>
      <Field
        name="language"
        label="Preferred language"
        errors={errors.language}
        hint="Questionnaires and their messages come in it when they have it; otherwise in the panel's language."
      >
        {(p) => (
          <OptionSelect {...p} options={LANGUAGE_OPTIONS} empty="The panel's language" defaultValue={values.language} />
        )}
      </Field>
      {statusOptions ? (
        <Field name="status" label="Status" errors={errors.status}>
          {(p) => (
            <OptionSelect
              {...p}
              options={statusOptions.map((s) => [s, s] as [string, string])}
              defaultValue={values.status}
            />
          )}
        </Field>
      ) : null}
      {children}
      <button type="submit" className="button primary" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
