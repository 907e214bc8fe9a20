import { Form, useNavigation } from "@remix-run/react";
import { Field, OptionSelect } from "./forms";
import { LANGUAGES } from "~/lib/language";
import { ORGANISATION_TYPES, type ProfileFields, ROLE_CATEGORIES } from "~/lib/panel";

const LANGUAGE_OPTIONS = Object.fromEntries(
  Object.entries(LANGUAGES).map(([code, l]) => [code, l.native === l.name ? l.name : `${l.native} (${l.name})`]),
);

/** The form's words, in English unless a page gives them in its reader's language. */
export interface PanelistFormText {
  name: string;
  email: string;
  jobTitle: string;
  roleCategory: string;
  organisation: string;
  organisationType: string;
  country: string;
  language: string;
  languageHint: string;
  choose: string;
  panelLanguage: string;
}

const ENGLISH: PanelistFormText = {
  name: "Name",
  email: "Email",
  jobTitle: "Job title",
  roleCategory: "Role category",
  organisation: "Organisation",
  organisationType: "Organisation type",
  country: "Country",
  language: "Preferred language",
  languageHint: "Questionnaires and their messages come in it when they have it; otherwise in the panel's language.",
  choose: "Choose…",
  panelLanguage: "The panel's language",
};

interface PanelistValues extends ProfileFields {
  email?: string | null;
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
  text = ENGLISH,
  roles = ROLE_CATEGORIES,
  organisationTypes = ORGANISATION_TYPES,
  hiddenFields,
}: {
  values: PanelistValues;
  errors: Record<string, string[] | undefined>;
  countries: [string, string][];
  submitLabel: string;
  statusOptions?: string[];
  children?: React.ReactNode;
  text?: PanelistFormText;
  roles?: Record<string, string>;
  organisationTypes?: Record<string, string>;
  hiddenFields?: Record<string, string>;
}) {
  const busy = useNavigation().state !== "idle";
  return (
    <Form method="post" className="form" noValidate>
      {Object.entries(hiddenFields ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form.join(" ")}
        </p>
      ) : null}
      <Field name="name" label={text.name} errors={errors.name}>
        {(p) => <input {...p} defaultValue={values.name ?? ""} autoComplete="name" required />}
      </Field>
      <Field name="email" label={text.email} errors={errors.email}>
        {(p) => <input {...p} type="email" defaultValue={values.email ?? ""} autoComplete="email" required />}
      </Field>
      <Field name="jobTitle" label={text.jobTitle} errors={errors.jobTitle}>
        {(p) => <input {...p} defaultValue={values.jobTitle ?? ""} autoComplete="organization-title" />}
      </Field>
      <Field name="roleCategory" label={text.roleCategory} errors={errors.roleCategory}>
        {(p) => <OptionSelect {...p} options={roles} empty={text.choose} defaultValue={values.roleCategory} />}
      </Field>
      <Field name="organisation" label={text.organisation} errors={errors.organisation}>
        {(p) => <input {...p} defaultValue={values.organisation ?? ""} autoComplete="organization" />}
      </Field>
      <Field name="organisationType" label={text.organisationType} errors={errors.organisationType}>
        {(p) => (
          <OptionSelect {...p} options={organisationTypes} empty={text.choose} defaultValue={values.organisationType} />
        )}
      </Field>
      <Field name="country" label={text.country} errors={errors.country}>
        {(p) => <OptionSelect {...p} options={countries} empty={text.choose} defaultValue={values.country} required />}
      </Field>
      <Field name="language" label={text.language} errors={errors.language} hint={text.languageHint}>
        {(p) => (
          <OptionSelect {...p} options={LANGUAGE_OPTIONS} empty={text.panelLanguage} defaultValue={values.language} />
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
