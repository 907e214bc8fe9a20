import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { clientIp } from "~/http/load-context";
import { consume, tooMany } from "~/http/rate-limit.server";
import { PageErrorBoundary } from "~/components/GeneralErrorBoundary";
import { PanelistForm } from "~/components/PanelistForm";
import { countryList } from "~/lib/countries";
import { fieldErrors, profileSchema } from "~/lib/profile";
import { requestJoin } from "~/flows/membership.server";
import { getPanelBySlug } from "~/models/panel.server";
import { assertSameOrigin } from "~/http/session.server";
import { readForm } from "~/http/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Join the ${data.panel.name}` : "Join a panel" },
  { name: "description", content: data?.panel.description ?? "" },
];

async function panelOr404(slug: string | undefined) {
  const panel = slug ? await getPanelBySlug(slug) : undefined;
  if (!panel) throw new Response("There is no panel at this address.", { status: 404 });
  return panel;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const panel = await panelOr404(params.panelSlug);
  return {
    panel: { name: panel.name, description: panel.description, consentText: panel.consentText },
    countries: countryList().map((c) => [c.code, c.name] as [string, string]),
  };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const panel = await panelOr404(params.panelSlug);
  const limit = await consume("join", clientIp(context));
  if (limit) throw tooMany(limit);
  const form = Object.fromEntries(await readForm(request));
  const parsed = profileSchema.safeParse(form);
  const errors: Record<string, string[]> = parsed.success ? {} : fieldErrors(parsed.error);
  if (form.consent !== "yes") errors.consent = ["Tick the box to agree, or you cannot join."];
  if (!parsed.success || Object.keys(errors).length > 0) {
    return data({ done: false, errors, values: form }, { status: 400 });
  }
  await requestJoin(panel, parsed.data);
  return { done: true, errors: {}, values: {} };
}

export default function Join() {
  const { panel, countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData?.done) {
    return (
      <main id="main" className="page narrow">
        <div className="notice" role="status">
          <h1>Check your inbox</h1>
          <p>If this address can join the {panel.name}, we have sent it an email. Follow the link in it to confirm.</p>
        </div>
      </main>
    );
  }
  const errors = (actionData?.errors ?? {}) as Record<string, string[]>;
  return (
    <main id="main" className="page narrow">
      <p className="brand">Quorum</p>
      <h1>Join the {panel.name}</h1>
      {panel.description ? <p className="lede">{panel.description}</p> : null}
      <PanelistForm
        values={(actionData?.values ?? {}) as Record<string, string>}
        errors={errors}
        countries={countries}
        submitLabel="Join the panel"
      >
        <fieldset className="consent">
          <legend>Consent</legend>
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
            I agree
          </label>
          {errors.consent ? <p className="field-error">{errors.consent[0]}</p> : null}
        </fieldset>
      </PanelistForm>
    </main>
  );
}

export { PageErrorBoundary as ErrorBoundary };
