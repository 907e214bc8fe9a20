import { useEffect, useRef, useState } from "react";
import { catalogue } from "~/i18n";
import { LANGUAGE_CODES, LANGUAGES } from "~/lib/language";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, OptionSelect } from "~/components/forms";
import { countriesBySize, ORGANISATION_TYPES, ROLE_CATEGORIES, REGIONS } from "~/lib/panel";
import { CountryPicker } from "~/components/CountryPicker";
import { activeByCountry } from "~/models/panelist.server";
import { TIME_ZONES } from "~/lib/fieldwork";
import { DEFAULT_INVITATION_BODY } from "~/lib/email";
import { listPanels } from "~/models/panel.server";
import { listSeries } from "~/models/series.server";
import { listQuestionnaires } from "~/models/questionnaire.server";
import { sendTestInvitation } from "~/flows/fieldwork.server";
import { launchWave, waveInputFromForm } from "~/flows/launch-wave.server";
import { assertPanelSlugRole, requireAdmin } from "~/http/session.server";
import { mayOnPanel, visiblePanelIds } from "~/lib/web";
import { readForm } from "~/http/forms.server";

export const meta: MetaFunction = () => [{ title: "Launch a wave · Quorum admin" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, "editor");
  const [questionnaires, panels, series] = await Promise.all([
    listQuestionnaires(),
    listPanels(visiblePanelIds(admin)),
    listSeries(visiblePanelIds(admin)),
  ]);
  // Only the panels this admin may launch a wave in.
  const mine = panels.filter((p) => mayOnPanel(admin, p.id, "editor"));
  const counts = await activeByCountry(mine.map((p) => p.id));
  return {
    questionnaires: questionnaires.map((q) => [q.slug, `${q.title} (v${q.version})`] as [string, string]),
    panels: mine.map((p) => [p.slug, p.name] as [string, string]),
    // A wave may join a series of its own panel (the server refuses another panel's).
    series: series
      .filter((x) => mine.some((p) => p.id === x.panelId))
      .map((x) => [x.slug, `${x.name} (${x.panelSlug})`] as [string, string]),
    // Each panel's countries, its largest first.
    countries: Object.fromEntries(mine.map((p) => [p.slug, countriesBySize(counts[String(p.id)] ?? {})])),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, "editor");
  const form = await readForm(request);
  if (form.get("intent") === "test") {
    const input = waveInputFromForm(form);
    await sendTestInvitation(
      admin.email,
      input.invitationSubject,
      input.invitationBody,
      input.title ?? "the questionnaire",
    );
    return { errors: {}, message: `A test invitation is on its way to ${admin.email}.` };
  }
  const input = waveInputFromForm(form);
  await assertPanelSlugRole(admin, input.panel, "editor");
  const result = await launchWave(input, { label: admin.email, adminId: admin.id });
  if (!result.ok)
    return data({ errors: result.errors, message: null }, { status: result.status === 404 ? 400 : result.status });
  return redirect(`/admin/waves/${result.wave.slug}?created=1`);
}

interface Preview {
  reach: number | null;
  segment: string;
  unknownFields: string[];
  email: { subject: string; text: string };
}

const checks = (name: string, options: [string, string][]) => (
  <div className="checks">
    {options.map(([value, label]) => (
      <label key={value} className="check">
        <input type="checkbox" name={name} value={value} /> {label}
      </label>
    ))}
  </div>
);

export default function NewWave() {
  const { questionnaires, panels, countries, series } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = (actionData?.errors ?? {}) as Record<string, string[]>;
  const busy = useNavigation().state !== "idle";
  const preview = useFetcher<Preview>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [panel, setPanel] = useState(panels[0]?.[0] ?? "");

  const refresh = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (formRef.current) preview.submit(formRef.current, { method: "get", action: "/admin/waves/preview" });
    }, 250);
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(refresh, []);

  return (
    <>
      <p className="crumbs">
        <Link to="/admin/waves">Waves</Link> › Launch
      </p>
      <h1>Launch a wave</h1>
      <div className="two-columns">
        <Form
          method="post"
          className="form"
          ref={formRef}
          onChange={(e) => {
            const target = e.target as HTMLInputElement;
            if (target.name === "panel") setPanel(target.value);
            refresh();
          }}
          noValidate
        >
          {errors.form ? (
            <p className="form-error" role="alert">
              {errors.form[0]}
            </p>
          ) : null}
          <Field
            name="questionnaire"
            label="Questionnaire"
            errors={errors.questionnaire}
            hint="Its current version is frozen into the wave."
          >
            {(p) => <OptionSelect {...p} options={questionnaires} />}
          </Field>
          <Field name="panel" label="Panel" errors={errors.panel}>
            {(p) => <OptionSelect {...p} options={panels} />}
          </Field>
          {series.length ? (
            <Field
              name="series"
              label="Series"
              errors={errors.series}
              hint="A wave of a series shows, when published, trends against the series' earlier published waves."
            >
              {(p) => <OptionSelect {...p} options={series} empty="None" />}
            </Field>
          ) : null}
          <Field
            name="slug"
            label="Slug"
            errors={errors.slug}
            hint="Lower-case letters, digits and dashes; it names the results page."
          >
            {(p) => <input {...p} required pattern="[a-z0-9]+(-[a-z0-9]+)*" />}
          </Field>
          <Field name="title" label="Title" errors={errors.title} hint="Defaults to the questionnaire's title." />
          <fieldset>
            <legend>Fieldwork</legend>
            <Field name="opensAt" label="Opens" errors={errors.opensAt} hint="Empty: now.">
              {(p) => <input {...p} type="datetime-local" />}
            </Field>
            <Field name="closesAt" label="Closes" errors={errors.closesAt}>
              {(p) => <input {...p} type="datetime-local" />}
            </Field>
            <Field name="timeZone" label="Time zone of these times">
              {(p) => (
                <OptionSelect {...p} options={TIME_ZONES.map((z) => [z, z] as [string, string])} defaultValue="UTC" />
              )}
            </Field>
          </fieldset>
          <fieldset>
            <legend>Who it reaches</legend>
            <p className="hint">Only active panelists are invited. Leave a list empty to include everyone.</p>
            <h3 className="small-heading">Regions</h3>
            {checks(
              "region",
              REGIONS.map((r) => [r, r]),
            )}
            <CountryPicker name="country" legend="Countries" countries={countries[panel] ?? []} />
            <h3 className="small-heading">Organisation types</h3>
            {checks("organisationType", Object.entries(ORGANISATION_TYPES))}
            <h3 className="small-heading">Role categories</h3>
            {checks("roleCategory", Object.entries(ROLE_CATEGORIES))}
            {errors.segment ? <p className="field-error">{errors.segment[0]}</p> : null}
          </fieldset>
          <fieldset>
            <legend>Results</legend>
            <Field
              name="minGroupSize"
              label="Minimum group size (k)"
              errors={errors.minGroupSize}
              hint="No published figure describes fewer people: at least 3, so no one can be recognised (5 is usual)."
            >
              {(p) => <input {...p} type="number" min={3} max={1000} defaultValue={5} />}
            </Field>
            <Field name="audience" label="Who may read the results" errors={errors.audience}>
              {(p) => (
                <OptionSelect
                  {...p}
                  options={[
                    ["respondents", "Those who answered"],
                    ["panel", "The whole panel"],
                    ["public", "Anyone"],
                  ]}
                  defaultValue="respondents"
                />
              )}
            </Field>
            <fieldset>
              <legend>Who answered: known to the team?</legend>
              <label className="check">
                <input type="radio" name="identity" value="anonymous" defaultChecked /> Anonymous to the team (the
                usual): response downloads carry no name, no exact time and no profile detail that singles anyone out
              </label>
              <label className="check">
                <input type="radio" name="identity" value="identified" /> Identified: the team may link each response to
                its person (the questionnaire&apos;s first page tells respondents so, in their language). This cannot be
                changed once the wave exists.
              </label>
            </fieldset>
          </fieldset>
          <fieldset>
            <legend>Emails</legend>
            <Field name="invitationSubject" label="Invitation subject" errors={errors.invitationSubject}>
              {(p) => <input {...p} defaultValue="Your invitation: {{surveyTitle}}" />}
            </Field>
            <Field
              name="invitationBody"
              label="Invitation (Markdown)"
              errors={errors.invitationBody}
              hint="Merge fields: {{firstName}} {{surveyTitle}} {{link}} {{closeDate}} {{unsubscribeLink}}"
            >
              {(p) => <textarea {...p} rows={10} defaultValue={DEFAULT_INVITATION_BODY} />}
            </Field>
            <Field
              name="reminderDays"
              label="Automatic reminders on days"
              errors={errors.reminderDays}
              hint="Days after sending, e.g. 4, 9. Never within 48 hours of the last email."
            >
              {(p) => <input {...p} defaultValue="4, 9" />}
            </Field>
            <Field name="maxReminders" label="At most this many reminders" errors={errors.maxReminders}>
              {(p) => <input {...p} type="number" min={0} max={5} defaultValue={2} />}
            </Field>
            <details>
              <summary>The invitation in other languages</summary>
              <p className="hint">
                People who read in one of these get the questionnaire and its emails in it, when the questionnaire has
                it. Left empty: our own invitation in that language if you kept ours above, else yours above.
              </p>
              {LANGUAGE_CODES.filter((l) => l !== "en").map((l) => (
                <fieldset key={l} lang={l}>
                  <legend>{LANGUAGES[l].native}</legend>
                  <Field
                    name={`translations.${l}.invitationSubject`}
                    label={`Invitation subject in ${LANGUAGES[l].name}`}
                  >
                    {(p) => <input {...p} placeholder={catalogue(l).email.invitationSubject} dir={LANGUAGES[l].dir} />}
                  </Field>
                  <Field
                    name={`translations.${l}.invitationBody`}
                    label={`Invitation in ${LANGUAGES[l].name} (Markdown)`}
                  >
                    {(p) => (
                      <textarea
                        {...p}
                        rows={6}
                        placeholder={catalogue(l).email.invitationBody}
                        dir={LANGUAGES[l].dir}
                      />
                    )}
                  </Field>
                </fieldset>
              ))}
            </details>
            <label className="check">
              <input type="checkbox" name="thankYou" defaultChecked /> Send a thank-you email on completion
            </label>
            <label className="check">
              <input type="checkbox" name="openLink" /> Also make an open link for people outside the panel
            </label>
            <label className="check">
              <input type="checkbox" name="openLinkEmailCheck" /> Ask open-link respondents for their email (one
              response per address)
            </label>
          </fieldset>
          {actionData?.message ? (
            <p className="notice success" role="status">
              {actionData.message}
            </p>
          ) : null}
          <div className="actions">
            <button type="submit" name="intent" value="create" className="button primary" disabled={busy}>
              Create the wave
            </button>
            <button type="submit" name="intent" value="test" className="button" disabled={busy}>
              Send me a test
            </button>
          </div>
          <p className="hint">Creating sends nothing: you send the invitations from the wave&apos;s page.</p>
        </Form>
        <aside className="preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview</h2>
          <p role="status" className="reach">
            {preview.data
              ? preview.data.reach === null
                ? "Choose a panel to count who it reaches."
                : `${preview.data.reach.toLocaleString("en")} ${preview.data.segment}`
              : "Counting…"}
          </p>
          {preview.data?.unknownFields.length ? (
            <p className="field-error">
              Unknown merge field: {preview.data.unknownFields.map((f) => `{{${f}}}`).join(", ")}
            </p>
          ) : null}
          {preview.data ? (
            <div className="email-preview">
              <p>
                <strong>Subject:</strong> {preview.data.email.subject}
              </p>
              <pre className="email-text">{preview.data.email.text}</pre>
            </div>
          ) : null}
        </aside>
      </div>
    </>
  );
}
