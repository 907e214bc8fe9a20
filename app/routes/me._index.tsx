import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/forms";
import { clientIp } from "~/http/load-context";
import { consume, mailKey } from "~/http/rate-limit.server";
import { PageErrorBoundary } from "~/components/GeneralErrorBoundary";
import { PanelistForm } from "~/components/PanelistForm";
import { countryList, fieldErrors, profileSchema } from "~/lib/panel";
import { erasePanelist, requestEmailChange, requestSignIn } from "~/flows/membership.server";
import { getPanelById } from "~/models/panel.server";
import { unsubscribe, updateOwnProfile } from "~/models/membership.server";
import { getPanelistById } from "~/models/panelist.server";
import { assertSameOrigin, commitSession, destroySession, getSession } from "~/http/session.server";
import { readForm } from "~/http/forms.server";

export const meta: MetaFunction = () => [{ title: "My profile · Quorum" }, { name: "robots", content: "noindex" }];

/** The signed-in panelist who may manage their profile (a results-only sign-in may not). */
async function currentPanelist(request: Request) {
  const session = await getSession(request);
  const id = session.get("panelistId");
  const full = session.get("scope") !== "results";
  const panelist = id && full ? await getPanelistById(id) : undefined;
  return {
    session,
    panelist: panelist && panelist.status !== "erased" ? panelist : undefined,
    resultsOnly: Boolean(id) && !full,
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { panelist, resultsOnly } = await currentPanelist(request);
  return {
    panelist: panelist ?? null,
    resultsOnly,
    countries: countryList().map((c) => [c.code, c.name] as [string, string]),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = Object.fromEntries(await readForm(request));
  const { session, panelist } = await currentPanelist(request);
  if (form.intent === "request-link") {
    const email = z.string().trim().email().safeParse(form.email);
    if (!email.success)
      return data(
        {
          sent: false,
          errors: { email: ["Enter the email address you joined with."] } as Record<string, string[]>,
          values: form,
        },
        { status: 400 },
      );
    const limit =
      (await consume("magicLink", clientIp(context))) ?? (await consume("magicLinkEmail", email.data.toLowerCase()));
    if (limit) {
      return data(
        { sent: false, errors: { email: [limit.message] } as Record<string, string[]>, values: form },
        { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
      );
    }
    await requestSignIn(email.data);
    return { sent: true, errors: {} as Record<string, string[]>, values: {} };
  }
  if (!panelist) return redirect("/me");
  switch (form.intent) {
    case "update": {
      const parsed = profileSchema.safeParse({ ...form, attributes: panelist.attributes });
      if (!parsed.success)
        return data({ sent: false, errors: fieldErrors(parsed.error), values: form }, { status: 400 });
      const { email, ...rest } = parsed.data;
      await updateOwnProfile(panelist.id, rest);
      // A new address takes effect once confirmed from it; the old one hears of it. Said the same
      // way whether or not someone else on the panel uses it.
      if (email.toLowerCase() !== (panelist.email ?? "").toLowerCase()) {
        const panel = await getPanelById(panelist.panelId);
        // One address-change (or join) email an hour to an address, whoever asks.
        if (!(await consume("mailToAddress", mailKey(email))))
          await requestEmailChange(panelist.id, email, panel?.name ?? "panel");
        return redirect("/me?saved=1&confirm-email=1");
      }
      return redirect("/me?saved=1");
    }
    case "leave":
      await unsubscribe(panelist.id);
      return redirect("/me?left=1");
    case "erase": {
      if (form.confirm !== "yes")
        return data(
          {
            sent: false,
            errors: { confirm: ["Tick the box to confirm that you want your data erased."] } as Record<
              string,
              string[]
            >,
            values: {},
          },
          { status: 400 },
        );
      await erasePanelist(panelist.id, `panelist:${panelist.id}`);
      return redirect("/me?erased=1", { headers: { "Set-Cookie": await destroySession(session) } });
    }
    case "sign-out":
      return redirect("/me", { headers: { "Set-Cookie": await destroySession(session) } });
    default:
      return redirect("/me", { headers: { "Set-Cookie": await commitSession(session) } });
  }
}

export default function Me() {
  const { panelist, countries, resultsOnly } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = (actionData?.errors ?? {}) as Record<string, string[]>;

  if (!panelist) {
    return (
      <main id="main" className="page narrow">
        <p className="brand">Quorum</p>
        <h1>Your panel profile</h1>
        {params.get("erased") ? (
          <p className="notice success" role="status">
            Your data is erased. Your earlier answers still count in published totals, but nothing links them to you.
          </p>
        ) : null}
        {resultsOnly ? (
          <p className="notice" role="status">
            You are signed in to read results as yourself. To see or change your profile, ask for a sign-in link below:
            it goes to the address you joined with.
          </p>
        ) : null}
        {actionData?.sent ? (
          <div className="notice" role="status">
            <p>If this address is on a panel, we have emailed it a sign-in link. It works once, for 1 hour.</p>
          </div>
        ) : (
          <Form method="post" className="form" noValidate>
            <p>We will email you a link to see and update your profile, leave the panel, or erase your data.</p>
            <input type="hidden" name="intent" value="request-link" />
            <Field name="email" label="Email" errors={errors.email}>
              {(p) => <input {...p} type="email" autoComplete="email" required />}
            </Field>
            <button type="submit" className="button primary">
              Email me a sign-in link
            </button>
          </Form>
        )}
      </main>
    );
  }
  return (
    <main id="main" className="page narrow">
      <p className="brand">Quorum</p>
      <h1>Your panel profile</h1>
      {params.get("saved") ? (
        <p className="notice success" role="status">
          Your profile is saved.
          {params.get("confirm-email")
            ? " To use your new address, open the link we have just sent to it; until then, emails keep coming to this one."
            : ""}
        </p>
      ) : null}
      {panelist.status === "unsubscribed" ? (
        <p className="notice" role="status">
          You have left the panel: you receive no more emails from it.
        </p>
      ) : null}
      <PanelistForm
        values={(actionData?.values as Record<string, string> | undefined) ?? panelist}
        errors={errors}
        countries={countries}
        submitLabel="Save my profile"
      >
        <input type="hidden" name="intent" value="update" />
      </PanelistForm>

      {panelist.status !== "unsubscribed" ? (
        <section aria-labelledby="leave" className="danger-zone">
          <h2 id="leave">Leave the panel</h2>
          <p>You will receive no more invitations or emails. Your profile and earlier answers stay.</p>
          <Form method="post">
            <input type="hidden" name="intent" value="leave" />
            <button type="submit" className="button">
              Leave the panel
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="erase" className="danger-zone">
        <h2 id="erase">Erase my data</h2>
        <p>
          Your profile and email are deleted and cannot be recovered. Your earlier answers still count in totals,
          detached from you, and your written comments are removed.
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="erase" />
          <label className="check">
            <input type="checkbox" name="confirm" value="yes" aria-invalid={errors.confirm ? true : undefined} /> I
            understand: erase my data
          </label>
          {errors.confirm ? <p className="field-error">{errors.confirm[0]}</p> : null}
          <button type="submit" className="button danger">
            Erase my data
          </button>
        </Form>
      </section>

      <Form method="post">
        <input type="hidden" name="intent" value="sign-out" />
        <button type="submit" className="button link">
          Sign out
        </button>
      </Form>
    </main>
  );
}

export { PageErrorBoundary as ErrorBoundary };
