import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { clientIp } from "~/http/load-context";
import { consume, mailKey, tooMany } from "~/http/rate-limit.server";
import { PageErrorBoundary } from "~/components/GeneralErrorBoundary";
import { PanelistForm } from "~/components/PanelistForm";
import { catalogue, catalogueComplete } from "~/i18n";
import { browserLanguages, chooseLanguage, directionOf, LANGUAGE_CODES, LANGUAGES } from "~/lib/language";
import { countryCodes, fieldErrors, profileSchema } from "~/lib/panel";
import { fill } from "~/lib/format";
import { requestJoin } from "~/flows/membership.server";
import { getPanelBySlug } from "~/models/panel.server";
import { assertSameOrigin } from "~/http/session.server";
import { readForm } from "~/http/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? data.text.heading : "Join a panel" },
  { name: "description", content: data?.panel.description ?? "" },
];

async function panelOr404(slug: string | undefined) {
  const panel = slug ? await getPanelBySlug(slug) : undefined;
  if (!panel) throw new Response("There is no panel at this address.", { status: 404 });
  return panel;
}

/** The page's language: asked for with ?lang= (or the form's), else the browser's, among those our catalogue speaks fully. */
function joinLanguage(request: Request, asked: string | null): string {
  const offered = LANGUAGE_CODES.filter((l) => l === "en" || catalogueComplete(l, ["join", "profile"]));
  return chooseLanguage(offered, [asked, ...browserLanguages(request.headers.get("accept-language"))], "en");
}

/** Everything the page says, in its language: the form's labels, its lists, and the sentences after sending. */
function joinText(language: string, panelName: string) {
  const c = catalogue(language);
  const names = new Intl.DisplayNames([language], { type: "region", fallback: "code" });
  return {
    language,
    dir: directionOf(language),
    skipLink: c.results.skipLink,
    text: {
      ...c.join,
      heading: fill(c.join.title, { panel: panelName }),
      sent: fill(c.join.sent, { panel: panelName }),
    },
    roles: c.profile.roles as Record<string, string>,
    organisationTypes: c.profile.organisationTypes as Record<string, string>,
    countries: countryCodes()
      .map((code) => [code, names.of(code) ?? code] as [string, string])
      .sort((a, b) => a[1].localeCompare(b[1], language)),
  };
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const panel = await panelOr404(params.panelSlug);
  const language = joinLanguage(request, new URL(request.url).searchParams.get("lang"));
  return {
    panel: { name: panel.name, description: panel.description, consentText: panel.consentText },
    ...joinText(language, panel.name),
  };
}

/** A field's error as a sentence in the page's language that says what to do. */
function errorsIn(language: string, errors: Record<string, string[]>): Record<string, string[]> {
  const t = catalogue(language).join;
  const say: Record<string, string> = {
    name: t.errorName,
    email: t.errorEmail,
    country: t.errorCountry,
    jobTitle: t.errorText,
    organisation: t.errorText,
    roleCategory: t.errorChoice,
    organisationType: t.errorChoice,
    language: t.errorChoice,
    consent: t.errorConsent,
  };
  return Object.fromEntries(Object.entries(errors).map(([field, list]) => [field, [say[field] ?? list[0] ?? ""]]));
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const panel = await panelOr404(params.panelSlug);
  const limit = await consume("join", clientIp(context));
  if (limit) throw tooMany(limit);
  const form = Object.fromEntries(await readForm(request));
  const language = joinLanguage(request, typeof form.pageLanguage === "string" ? form.pageLanguage : null);
  const parsed = profileSchema.safeParse(form);
  const errors: Record<string, string[]> = parsed.success ? {} : fieldErrors(parsed.error);
  if (form.consent !== "yes") errors.consent = ["consent"];
  if (!parsed.success || Object.keys(errors).length > 0) {
    return data({ done: false, errors: errorsIn(language, errors), values: form }, { status: 400 });
  }
  // One join email an hour to an address, whoever asks; the answer is the same either way (it must not tell who is a member).
  if (!(await consume("mailToAddress", mailKey(parsed.data.email)))) await requestJoin(panel, parsed.data, language);
  return { done: true, errors: {}, values: {} };
}

export default function Join() {
  const { panel, countries, text, language, roles, organisationTypes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData?.done) {
    return (
      <main id="main" className="page narrow">
        <div className="notice" role="status">
          <h1>{text.checkInbox}</h1>
          <p>{text.sent}</p>
        </div>
      </main>
    );
  }
  const errors = (actionData?.errors ?? {}) as Record<string, string[]>;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <main id="main" className="page narrow">
      <p className="brand">Quorum</p>
      <h1>{text.heading}</h1>
      {panel.description ? <p className="lede">{panel.description}</p> : null}
      <PanelistForm
        values={{ language: language in LANGUAGES ? language : undefined, ...values }}
        errors={errors}
        countries={countries}
        submitLabel={text.submit}
        text={text}
        roles={roles}
        organisationTypes={organisationTypes}
        hiddenFields={{ pageLanguage: language }}
      >
        <fieldset className="consent">
          <legend>{text.consent}</legend>
          <p id="consent-text">{panel.consentText}</p>
          <label className="check">
            <input
              type="checkbox"
              name="consent"
              value="yes"
              aria-describedby="consent-text"
              aria-invalid={errors.consent ? true : undefined}
              required
            />{" "}
            {text.agree}
          </label>
          {errors.consent ? <p className="field-error">{errors.consent[0]}</p> : null}
        </fieldset>
      </PanelistForm>
    </main>
  );
}

export { PageErrorBoundary as ErrorBoundary };
